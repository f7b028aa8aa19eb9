// CLI on a damaged store: a deleted entry row, a truncated table file and a
// deleted CURRENT each give a precise message; reads and writes exit 2
// (could not run) without hanging or writing, audit exits 1 (the store is
// damaged), and nothing says "no store here".
#include <leveldb/db.h>
#include <leveldb/options.h>
#include <leveldb/write_batch.h>

#include <filesystem>
#include <functional>
#include <string>

#include "store/codec.h"
#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"

namespace tradefin {
namespace {

using testing::RunCli;
using testing::TempDir;
using testing::WriteFile;
namespace fs = std::filesystem;

struct DamagedStore {
  TempDir tmp;
  std::string store = (tmp.path() / "store").string();

  DamagedStore() {
    REQUIRE(RunCli({"init", "--store", store, "--origin", "example.org/tradefin/damage"})
                .exit_code == 0);
    Add("LDZBPLP0XXX", "issuing-bank", "a.pub");
    Add("91510000MA61CRW0XE", "carrier", "b.pub");
    Add("91510100MA62XJ8N0J", "customs-broker", "c.pub");
  }
  void Add(const std::string& id, const std::string& role, const std::string& file) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    WriteFile(tmp.path() / file, k->public_key().ToPem());
    auto r = RunCli({"party", "add", "--store", store, "--id", id, "--name", "P " + id,
                     "--role", role, "--pubkey", (tmp.path() / file).string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  // Changes rows behind tradefin's back: one synced LevelDB batch.
  void EditRows(const std::function<void(leveldb::WriteBatch*)>& edit) {
    leveldb::DB* raw = nullptr;
    leveldb::Options o;
    REQUIRE(leveldb::DB::Open(o, store + "/db", &raw).ok());
    std::unique_ptr<leveldb::DB> db(raw);
    leveldb::WriteBatch batch;
    edit(&batch);
    leveldb::WriteOptions wo;
    wo.sync = true;
    REQUIRE(db->Write(wo, &batch).ok());
  }
  void DeleteEntryRow(uint64_t index) {
    EditRows([&](leveldb::WriteBatch* b) { b->Delete(store::U64Key('e', index)); });
  }
  std::string NewKeyFile(const std::string& name) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    WriteFile(tmp.path() / name, k->public_key().ToPem());
    return (tmp.path() / name).string();
  }
};

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The store's rows sit in LevelDB's log until a memtable fills; a
// long-lived store has them in .ldb tables. Moves them there.
void CompactToTables(const std::string& store) {
  leveldb::DB* raw = nullptr;
  leveldb::Options opt;
  REQUIRE(leveldb::DB::Open(opt, (fs::path(store) / "db").string(), &raw).ok());
  raw->CompactRange(nullptr, nullptr);
  delete raw;
}

TEST_CASE("damaged store CLI: a deleted entry row") {
  Runtime runtime;
  DamagedStore s;
  s.DeleteEntryRow(0);
  auto before = RunCli({"checkpoint", "--store", s.store});
  REQUIRE(before.exit_code == 0);

  auto rotate = RunCli({"party", "rotate", "--store", s.store, "--id", "LDZBPLP0XXX", "--pubkey",
                        s.NewKeyFile("new.pub")});
  CHECK(rotate.exit_code == 2);
  CHECK_MESSAGE(Has(rotate.err, "entry 0 is missing"), rotate.err);
  auto revoke = RunCli({"party", "revoke", "--store", s.store, "--id", "LDZBPLP0XXX"});
  CHECK(revoke.exit_code == 2);
  auto log = RunCli({"log", "--store", s.store});
  CHECK(log.exit_code == 2);
  CHECK_MESSAGE(Has(log.err, "entry 0 is missing"), log.out << log.err);
  auto get = RunCli({"get", "--store", s.store, "0"});
  CHECK(get.exit_code == 2);
  CHECK_MESSAGE(Has(get.err, "damaged"), get.err);
  CHECK_FALSE(Has(get.err, "the log has 3 entries)\n"));
  auto links = RunCli({"links", "--store", s.store, "0"});
  CHECK(links.exit_code == 2);
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK(audit.exit_code == 1);
  CHECK_MESSAGE(Has(audit.out, "entry 0"), audit.out << audit.err);
  // Nothing was appended on top of the damage.
  CHECK(RunCli({"checkpoint", "--store", s.store}).out == before.out);
}

TEST_CASE("damaged store CLI: a deleted CURRENT") {
  Runtime runtime;
  DamagedStore s;
  fs::remove(fs::path(s.store) / "db" / "CURRENT");
  auto log = RunCli({"log", "--store", s.store});
  CHECK(log.exit_code == 2);
  CHECK_MESSAGE(Has(log.err, "CURRENT"), log.err);
  CHECK_FALSE(Has(log.err, "no store at"));
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK(audit.exit_code == 1);
  CHECK_MESSAGE(Has(audit.out, "CURRENT"), audit.out << audit.err);
}

TEST_CASE("damaged store CLI: a truncated table file") {
  Runtime runtime;
  DamagedStore s;
  // The store reopens with LevelDB's reuse_logs (so that reads leave its
  // files unchanged): the rows may still sit in the log. Compact them into
  // .ldb tables first, as a long-lived store would have.
  CompactToTables(s.store);
  std::vector<fs::path> tables;
  for (const auto& f : fs::directory_iterator(fs::path(s.store) / "db"))
    if (f.path().extension() == ".ldb") tables.push_back(f.path());
  REQUIRE_FALSE(tables.empty());
  for (const auto& t : tables) fs::resize_file(t, fs::file_size(t) / 2);
  auto log = RunCli({"log", "--store", s.store});
  CHECK(log.exit_code == 2);
  CHECK_FALSE(Has(log.err, "no store at"));
  CHECK_MESSAGE(Has(log.err, "tradefin: damaged data: "), log.err);
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK(audit.exit_code == 1);
  CHECK_FALSE(Has(audit.out + audit.err, "no store at"));
  CHECK_MESSAGE(audit.out.rfind("audit FAILED: ", 0) == 0, audit.out << audit.err);
  auto add = RunCli({"party", "add", "--store", s.store, "--id", "91510113MA6CT4K21P", "--name",
                     "x", "--role", "shipper", "--pubkey", s.NewKeyFile("d.pub")});
  CHECK(add.exit_code == 2);
}

// The only file in db/ whose name matches `pred`.
fs::path OneFile(const std::string& store, const std::function<bool(const std::string&)>& pred) {
  std::vector<fs::path> found;
  for (const auto& f : fs::directory_iterator(fs::path(store) / "db"))
    if (pred(f.path().filename().string())) found.push_back(f.path());
  REQUIRE_MESSAGE(found.size() == 1, found.size() << " matching files");
  return found[0];
}

void FlipByte(const fs::path& file, uint64_t offset) {
  std::string bytes = testing::ReadFile(file);
  REQUIRE(offset < bytes.size());
  bytes[offset] = static_cast<char>(bytes[offset] ^ 0x5a);
  WriteFile(file, bytes);
}

// A command that must refuse to run on the damaged store: exit 2, naming
// `part` (the file or row).
void RefusesNaming(const DamagedStore& s, const std::vector<std::string>& args,
                   const std::string& part) {
  std::vector<std::string> full = args;
  full.insert(full.begin() + (args[0] == "party" ? 2 : 1), {"--store", s.store});
  auto r = RunCli(full);
  CAPTURE(args[0]);
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(Has(r.err, part), r.err);
  CHECK_FALSE(Has(r.err, "no store at"));
}

// Audit of a damaged store: exit 1, "audit FAILED", naming `part`; never
// "clean".
void AuditFailsNaming(const DamagedStore& s, const std::string& part) {
  auto a = RunCli({"audit", "--store", s.store});
  CHECK(a.exit_code == 1);
  CHECK_MESSAGE(a.out.rfind("audit FAILED: ", 0) == 0, a.out << a.err);
  CHECK_MESSAGE(Has(a.out, part), a.out << a.err);
}

TEST_CASE("damaged store CLI: a corrupted log record") {
  Runtime runtime;
  DamagedStore s;
  const fs::path log = OneFile(s.store, [](const std::string& n) { return n.ends_with(".log"); });
  FlipByte(log, fs::file_size(log) / 2);
  const std::string name = "db/" + log.filename().string();
  RefusesNaming(s, {"log"}, name);
  RefusesNaming(s, {"checkpoint"}, "checksum");
  RefusesNaming(s, {"party", "revoke", "--id", "LDZBPLP0XXX"}, name);
  AuditFailsNaming(s, name);
}

TEST_CASE("damaged store CLI: a truncated log is a crash: the last whole batch stands") {
  // A log cut inside a record cannot be told from a crash during a write
  // (kill -9, power loss): LevelDB drops the torn record, and the store
  // opens at the last whole batch, its tree, checkpoint and meta agreeing.
  // A cut at a record boundary cannot be seen at all without a witness's
  // cosigned checkpoint of the lost size (tradefin witness).
  Runtime runtime;
  DamagedStore s;
  const fs::path log = OneFile(s.store, [](const std::string& n) { return n.ends_with(".log"); });
  fs::resize_file(log, fs::file_size(log) - 100);  // into the last registration
  auto cp = RunCli({"checkpoint", "--store", s.store});
  REQUIRE_MESSAGE(cp.exit_code == 0, cp.err);
  CHECK_MESSAGE(Has(cp.out, "\n2\n"), cp.out);  // size 2: the third party is gone
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK_MESSAGE(audit.exit_code == 0, audit.out << audit.err);
  // The store takes the next write, and it survives the reopen after it.
  s.Add("91510113MA6CT4K21P", "shipper", "d.pub");
  auto again = RunCli({"audit", "--store", s.store});
  CHECK_MESSAGE(again.exit_code == 0, again.out << again.err);
}

TEST_CASE("damaged store CLI: a corrupted or truncated MANIFEST") {
  Runtime runtime;
  for (bool truncate : {false, true}) {
    CAPTURE(truncate);
    DamagedStore s;
    const fs::path m =
        OneFile(s.store, [](const std::string& n) { return n.starts_with("MANIFEST-"); });
    if (truncate)
      fs::resize_file(m, fs::file_size(m) / 2);
    else
      FlipByte(m, fs::file_size(m) / 2);
    const std::string name = "db/" + m.filename().string();
    RefusesNaming(s, {"log"}, name);
    RefusesNaming(s, {"party", "revoke", "--id", "LDZBPLP0XXX"}, name);
    AuditFailsNaming(s, name);
  }
}

TEST_CASE("damaged store CLI: a corrupted or emptied CURRENT") {
  Runtime runtime;
  for (std::string content : {std::string("MANIFEST-0000x2\n"), std::string()}) {
    CAPTURE(content);
    DamagedStore s;
    WriteFile(fs::path(s.store) / "db" / "CURRENT", content);
    RefusesNaming(s, {"log"}, "CURRENT");
    RefusesNaming(s, {"party", "revoke", "--id", "LDZBPLP0XXX"}, "CURRENT");
    AuditFailsNaming(s, "CURRENT");
  }
}

TEST_CASE("damaged store CLI: a corrupted table block is caught by its checksum") {
  Runtime runtime;
  DamagedStore s;
  CompactToTables(s.store);
  const fs::path t = OneFile(s.store, [](const std::string& n) { return n.ends_with(".ldb"); });
  FlipByte(t, 100);  // inside the first data block
  const std::string name = "db/" + t.filename().string();
  RefusesNaming(s, {"log"}, name);
  RefusesNaming(s, {"get", "0"}, name);
  RefusesNaming(s, {"party", "revoke", "--id", "LDZBPLP0XXX"}, name);
  AuditFailsNaming(s, name);
}

TEST_CASE("damaged store CLI: a missing tree node names the node") {
  Runtime runtime;
  DamagedStore s;
  std::string key(1, 'n');
  store::PutU8(&key, 0);
  store::PutU64(&key, 2);  // the third leaf: part of the tree's compact range
  s.EditRows([&](leveldb::WriteBatch* b) { b->Delete(key); });
  RefusesNaming(s, {"log"}, "tree node 0/2 is missing");
  RefusesNaming(s, {"party", "revoke", "--id", "LDZBPLP0XXX"}, "tree node 0/2");
  AuditFailsNaming(s, "tree node 0/2");
}

TEST_CASE("damaged store CLI: a store from a newer format version") {
  Runtime runtime;
  DamagedStore s;
  std::string fmt;
  store::PutU16(&fmt, 3);
  s.EditRows([&](leveldb::WriteBatch* b) { b->Put("mformat", fmt); });
  const std::string want = "store format 3 is newer than this tradefin supports (2); upgrade tradefin";
  RefusesNaming(s, {"log"}, want);
  RefusesNaming(s, {"party", "revoke", "--id", "LDZBPLP0XXX"}, want);
  // Not damage: audit cannot run (exit 2), it does not fail the store.
  RefusesNaming(s, {"audit"}, want);
}

}  // namespace
}  // namespace tradefin
