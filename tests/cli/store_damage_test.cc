// CLI on a damaged store: a deleted entry row, a truncated table file and a
// deleted CURRENT each give a precise message; reads and writes exit 2
// (could not run) without hanging or writing, audit exits 1 (the store is
// damaged), and nothing says "no store here".
#include <leveldb/db.h>
#include <leveldb/options.h>

#include <filesystem>
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
  void DeleteEntryRow(uint64_t index) {
    leveldb::DB* raw = nullptr;
    leveldb::Options o;
    REQUIRE(leveldb::DB::Open(o, store + "/db", &raw).ok());
    std::unique_ptr<leveldb::DB> db(raw);
    leveldb::WriteOptions wo;
    wo.sync = true;
    REQUIRE(db->Delete(wo, store::U64Key('e', index)).ok());
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
  {
    leveldb::DB* raw = nullptr;
    leveldb::Options opt;
    REQUIRE(leveldb::DB::Open(opt, (fs::path(s.store) / "db").string(), &raw).ok());
    raw->CompactRange(nullptr, nullptr);
    delete raw;
  }
  std::vector<fs::path> tables;
  for (const auto& f : fs::directory_iterator(fs::path(s.store) / "db"))
    if (f.path().extension() == ".ldb") tables.push_back(f.path());
  REQUIRE_FALSE(tables.empty());
  for (const auto& t : tables) fs::resize_file(t, fs::file_size(t) / 2);
  auto log = RunCli({"log", "--store", s.store});
  CHECK(log.exit_code == 2);
  CHECK_FALSE(Has(log.err, "no store at"));
  CHECK_MESSAGE(Has(log.err, "Corruption"), log.err);
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK(audit.exit_code == 1);
  CHECK_FALSE(Has(audit.out + audit.err, "no store at"));
  CHECK_MESSAGE(audit.out.rfind("audit FAILED: ", 0) == 0, audit.out << audit.err);
  auto add = RunCli({"party", "add", "--store", s.store, "--id", "91510113MA6CT4K21P", "--name",
                     "x", "--role", "shipper", "--pubkey", s.NewKeyFile("d.pub")});
  CHECK(add.exit_code == 2);
}

}  // namespace
}  // namespace tradefin
