// CLI tests for the store verbs: init, hub-key, party, submit, log, get,
// links, history, checkpoint, prove, consistency, audit; a second process
// gets "store in use"; SIGKILL during submit leaves an all-or-none batch and
// a store that audits clean.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/entry.h"
#include "tradefin/store/store.h"

extern char** environ;

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::RunCli;
using testing::SourceDir;
using testing::TempDir;
using testing::WriteFile;

// The line of `log`/`history` text output for entry `index` ("" if none).
// Lines are "INDEX  TIME  TYPE  ...", TIME in ISO 8601 UTC.
std::string EntryLine(const std::string& out, uint64_t index) {
  const std::string prefix = std::to_string(index) + "  ";
  size_t at = 0;
  while (at < out.size()) {
    size_t end = out.find('\n', at);
    if (end == std::string::npos) end = out.size();
    if (out.compare(at, prefix.size(), prefix) == 0) return out.substr(at, end - at);
    at = end + 1;
  }
  return "";
}

// "2026-12-02T12:40:07.123Z  " right after the index: a time for people.
bool HasIsoTime(const std::string& line) {
  const size_t t = line.find("  ") + 2;
  return line.size() > t + 26 && line[t + 4] == '-' && line[t + 10] == 'T' &&
         line.compare(t + 23, 3, "Z  ") == 0;
}

struct Shipment {
  TempDir tmp;
  std::string store;
  std::map<std::string, PrivateKey> keys;  // by role

  Shipment() : store((tmp.path() / "store").string()) {}

  std::string Path(const std::string& name) const { return (tmp.path() / name).string(); }

  void Init() {
    auto r = RunCli({"init", "--store", store, "--origin", "example.org/tradefin/cli"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  void AddParty(const std::string& id, const std::string& role) { AddNamed(role, id, role); }
  // Registers party `id` with `role`; its key is keys[name].
  void AddNamed(const std::string& name, const std::string& id, const std::string& role) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    WriteFile(Path(name + ".pub"), k->public_key().ToPem());
    keys.emplace(name, *k);
    auto r = RunCli({"party", "add", "--store", store, "--id", id, "--name", "Party " + id,
                     "--role", role, "--pubkey", Path(name + ".pub")});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  void Standard() {
    Init();
    AddParty("LDZBPLP0XXX", "issuing-bank");
    AddParty("91510000MA61CRW0XE", "carrier");
    AddParty("91510113MA6CT4K21P", "shipper");
    AddParty("91510100MA62XJ8N0J", "customs-broker");
  }
  // Signs samples/shipment/<sample> as `role` after replacing `from` with
  // `to`; returns the written file.
  std::string Signed(const std::string& sample, const std::string& role,
                     const std::string& out, const std::string& from = "",
                     const std::string& to = "") {
    std::string xml = ReadFile(SourceDir() / "samples" / "shipment" / sample);
    if (!from.empty()) {
      for (size_t p = xml.find(from); p != std::string::npos; p = xml.find(from, p + to.size()))
        xml.replace(p, from.size(), to);
    }
    auto signer = NewSoftwareSigner(keys.at(role));
    REQUIRE_OK(signer);
    auto s = SignDocument(xml, **signer, SignOptions());
    REQUIRE_OK(s);
    WriteFile(Path(out), *s);
    return Path(out);
  }
};

TEST_CASE("store CLI: init, parties, submit, read verbs, proofs, audit") {
  Runtime runtime;
  Shipment s;
  s.Standard();
  auto again = RunCli({"init", "--store", s.store, "--origin", "x.org/y"});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("already exists") != std::string::npos);

  auto hub = RunCli({"hub-key", "--store", s.store});
  CHECK(hub.exit_code == 0);
  CHECK(hub.out.rfind("example.org/tradefin/cli+", 0) == 0);

  auto badid = RunCli({"party", "add", "--store", s.store, "--id", "BADID", "--name", "x",
                       "--role", "carrier", "--pubkey", s.Path("carrier.pub")});
  CHECK(badid.exit_code == 2);
  CHECK(badid.err.find("party id") != std::string::npos);
  auto badrole = RunCli({"party", "add", "--store", s.store, "--id", "2594007XQ2TF8A1CB037",
                         "--name", "x", "--role", "pirate", "--pubkey", s.Path("carrier.pub")});
  CHECK(badrole.exit_code == 2);
  auto list = RunCli({"party", "list", "--store", s.store, "--json"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("\"roles\":[\"customs-broker\"]") != std::string::npos);

  std::string lc = s.Signed("letter-of-credit.xml", "issuing-bank", "lc.xml");
  std::string wb = s.Signed("rail-waybill.xml", "carrier", "wb.xml");
  std::string cd = s.Signed("customs-declaration.xml", "customs-broker", "cd.xml");
  std::string inv = s.Signed("commercial-invoice.xml", "shipper", "inv.xml");
  auto sub = RunCli({"submit", "--store", s.store, lc, wb, cd, inv, "--json"});
  REQUIRE_MESSAGE(sub.exit_code == 0, sub.out << sub.err);
  CHECK(sub.out.find("\"accepted\":true") != std::string::npos);
  CHECK(sub.out.find("\"relation\":\"cites-credit\"") != std::string::npos);

  auto dup = RunCli({"submit", "--store", s.store, inv});
  CHECK(dup.exit_code == 0);
  CHECK(dup.out.find("already stored as entry 7") != std::string::npos);

  // A conflicting batch is rejected (exit 1) and changes nothing.
  auto log_before = RunCli({"log", "--store", s.store, "--json"});
  auto cp_before = RunCli({"checkpoint", "--store", s.store});
  std::string inv2 = s.Signed("commercial-invoice.xml", "shipper", "inv2.xml",
                              "<ci:Marks>", "<ci:Marks>X");
  auto conflict = RunCli({"submit", "--store", s.store, inv2});
  CHECK(conflict.exit_code == 1);
  CHECK(conflict.out.find("CONFLICT") != std::string::npos);
  CHECK(RunCli({"log", "--store", s.store, "--json"}).out == log_before.out);
  CHECK(RunCli({"checkpoint", "--store", s.store}).out == cp_before.out);
  auto amend = RunCli({"submit", "--store", s.store, inv2, "--amends", "7"});
  CHECK_MESSAGE(amend.exit_code == 0, amend.out << amend.err);
  CHECK(amend.out.find("supersedes->7") != std::string::npos);

  auto log = RunCli({"log", "--store", s.store});
  CHECK(log.exit_code == 0);
  CHECK(HasIsoTime(EntryLine(log.out, 4)));
  CHECK(EntryLine(log.out, 4).find("Z  document  letter-of-credit:DEL25LC0001234|LDZBPLP0XXX") !=
        std::string::npos);
  // The amended invoice is marked; its amendment is not.
  CHECK_MESSAGE(EntryLine(log.out, 7).find("  [superseded by entry 8]") != std::string::npos,
                log.out);
  CHECK(EntryLine(log.out, 8).find("superseded") == std::string::npos);
  auto log_json = RunCli({"log", "--store", s.store, "--from", "7", "--json"});
  CHECK(log_json.out.find("\"superseded_by\":8") != std::string::npos);
  CHECK(log_json.out.find("\"superseded_by\":null") != std::string::npos);
  CHECK(log_json.out.find("\"time\":\"20") != std::string::npos);
  CHECK(RunCli({"get", "--store", s.store, "7"}).out.find("superseded by: entry 8") !=
        std::string::npos);
  auto get = RunCli({"get", "--store", s.store, "7", "--json"});
  CHECK(get.exit_code == 0);
  CHECK(get.out.find("\"document_type\":\"commercial-invoice\"") != std::string::npos);
  auto raw = RunCli({"get", "--store", s.store, "7", "--raw"});
  CHECK(raw.exit_code == 0);
  CHECK(get.out.find(HashHex(EntryLeafHash(raw.out))) != std::string::npos);
  auto docout = RunCli({"get", "--store", s.store, "7", "--document"});
  CHECK(docout.out == ReadFile(inv));
  CHECK(RunCli({"get", "--store", s.store, "99"}).exit_code == 2);
  auto links = RunCli({"links", "--store", s.store, "4"});
  CHECK(links.exit_code == 0);
  CHECK(links.out.find("7 --cites-credit--> 4") != std::string::npos);
  auto hist = RunCli({"history", "--store", s.store, "commercial-invoice:TF2025-0517|91510113MA6CT4K21P"});
  CHECK(hist.exit_code == 0);
  CHECK(EntryLine(hist.out, 7).find("[superseded by entry 8]") != std::string::npos);
  CHECK(EntryLine(hist.out, 8).find("Z  document  commercial-invoice:") != std::string::npos);
  CHECK(RunCli({"history", "--store", s.store, "nothing:here"}).exit_code == 1);

  auto cp = RunCli({"checkpoint", "--store", s.store});
  CHECK(cp.out.rfind("example.org/tradefin/cli\n9\n", 0) == 0);
  auto prove = RunCli({"prove", "--store", s.store, "5", "--out", s.Path("p.tlog-proof")});
  CHECK(prove.exit_code == 0);
  std::string proof = ReadFile(s.Path("p.tlog-proof"));
  CHECK(proof.rfind("c2sp.org/tlog-proof@v1\nindex 5\n", 0) == 0);
  CHECK(proof.find(cp.out) != std::string::npos);
  auto cons = RunCli({"consistency", "--store", s.store, "--from", "4"});
  CHECK(cons.exit_code == 0);
  CHECK(cons.out.rfind("old 4\n", 0) == 0);
  CHECK(RunCli({"consistency", "--store", s.store, "--from", "0"}).exit_code == 2);

  auto audit = RunCli({"audit", "--store", s.store, "--json"});
  CHECK_MESSAGE(audit.exit_code == 0, audit.out << audit.err);
  CHECK(audit.out.find("\"clean\":true") != std::string::npos);

  // $TRADEFIN_STORE is honoured.
  auto env = RunCli({"hub-key"}, "", {"TRADEFIN_STORE=" + s.store});
  CHECK(env.out == hub.out);
}

TEST_CASE("store CLI: multi-role parties and party roles") {
  Runtime runtime;
  Shipment s;
  s.Init();
  auto k = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(k);
  WriteFile(s.Path("bank.pub"), k->public_key().ToPem());
  // --role repeated and comma-separated both work; order does not matter.
  auto add = RunCli({"party", "add", "--store", s.store, "--id", "LDZBPLP0XXX", "--name",
                     "LDZ BANK SA", "--role", "financing-bank", "--role",
                     "issuing-bank,financing-bank", "--pubkey", s.Path("bank.pub")});
  REQUIRE_MESSAGE(add.exit_code == 0, add.err);
  auto list = RunCli({"party", "list", "--store", s.store, "--json"});
  CHECK(list.out.find("\"roles\":[\"issuing-bank\",\"financing-bank\"]") != std::string::npos);
  auto text = RunCli({"party", "list", "--store", s.store});
  CHECK(text.out.find("LDZBPLP0XXX  issuing-bank,financing-bank  LDZ BANK SA") !=
        std::string::npos);

  auto roles = RunCli({"party", "roles", "--store", s.store, "--id", "LDZBPLP0XXX",
                       "--role", "financing-bank"});
  CHECK_MESSAGE(roles.exit_code == 0, roles.err);
  CHECK(roles.out.find("roles of LDZBPLP0XXX are now financing-bank: entry 1") !=
        std::string::npos);
  auto log = RunCli({"log", "--store", s.store});
  CHECK(EntryLine(log.out, 1).find("Z  party-roles  party:LDZBPLP0XXX (financing-bank)  links: party-update->0") !=
        std::string::npos);
  auto same = RunCli({"party", "roles", "--store", s.store, "--id", "LDZBPLP0XXX",
                      "--role", "financing-bank"});
  CHECK(same.exit_code == 2);
  CHECK(same.err.find("already holds exactly the roles financing-bank") != std::string::npos);
  auto unknown = RunCli({"party", "roles", "--store", s.store, "--id", "LDZBPLP0XXX",
                         "--role", "pirate"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("'pirate' is not a role") != std::string::npos);
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK_MESSAGE(audit.exit_code == 0, audit.out << audit.err);
}

// Every file under `dir`, by relative path: a rejected command must leave
// the store byte for byte as it was.
std::map<std::string, std::string> StoreFiles(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      out[e.path().lexically_relative(dir).string()] = ReadFile(e.path());
  return out;
}

TEST_CASE("store CLI: issue 8, forged documents are refused and change nothing") {
  Runtime runtime;
  Shipment s;
  s.Standard();
  s.AddNamed("rogue-bank", "COBADEFFXXX", "issuing-bank");
  s.AddNamed("rogue-shipper", "2594007XQ2TF8A1CB037", "shipper");
  s.AddNamed("rogue-broker", "BRKRCNSH", "customs-broker");
  s.AddNamed("rogue-carrier", "91510100MA6XKR2W1L", "carrier");
  struct Case {
    const char* sample;
    const char* rogue;
    const char* field;
    const char* value;
  };
  const Case cases[] = {
      {"letter-of-credit.xml", "rogue-bank", "IssuingBank/Bic", "LDZBPLP0XXX"},
      {"commercial-invoice.xml", "rogue-shipper", "Seller/Ids", "91510113MA6CT4K21P"},
      {"customs-declaration.xml", "rogue-broker", "Declarant/Ids", "91510100MA62XJ8N0J"},
      {"rail-waybill.xml", "rogue-carrier", "ContractingCarrier/Ids", "91510000MA61CRW0XE"},
  };
  for (const Case& c : cases) {
    INFO(c.sample);
    std::string forged = s.Signed(c.sample, c.rogue, std::string("forged-") + c.sample);
    auto before = StoreFiles(s.store);
    auto r = RunCli({"submit", "--store", s.store, forged});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("rejected: ISSUER-MISMATCH: ") != std::string::npos);
    CHECK(r.out.find(c.field) != std::string::npos);
    CHECK(r.out.find(c.value) != std::string::npos);
    CHECK(r.out.find("batch rejected: nothing was written") != std::string::npos);
    CHECK(StoreFiles(s.store) == before);
  }
  // The real issuers' documents are then accepted: no forgery claimed a key.
  std::string lc = s.Signed("letter-of-credit.xml", "issuing-bank", "lc.xml");
  std::string wb = s.Signed("rail-waybill.xml", "carrier", "wb.xml");
  std::string cd = s.Signed("customs-declaration.xml", "customs-broker", "cd.xml");
  std::string inv = s.Signed("commercial-invoice.xml", "shipper", "inv.xml");
  auto ok = RunCli({"submit", "--store", s.store, lc, wb, cd, inv, "--json"});
  CHECK_MESSAGE(ok.exit_code == 0, ok.out << ok.err);
  CHECK(ok.out.find("\"code\"") == std::string::npos);

  // An amendment by a non-issuer: refused, nothing written.
  std::string inv_index = std::to_string(11);  // 8 registrations + lc, wb, cd
  auto log = RunCli({"log", "--store", s.store});
  CHECK(EntryLine(log.out, 11).find("Z  document  commercial-invoice:") != std::string::npos);
  std::string amend = s.Signed("commercial-invoice.xml", "rogue-shipper", "inv-amend.xml",
                               "<ci:Marks>", "<ci:Marks>X");
  auto before = StoreFiles(s.store);
  auto bad = RunCli({"submit", "--store", s.store, amend, "--amends", inv_index, "--json"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("\"code\":\"ISSUER-MISMATCH\"") != std::string::npos);
  CHECK(StoreFiles(s.store) == before);
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK_MESSAGE(audit.exit_code == 0, audit.out << audit.err);
}

TEST_CASE("store CLI: a second process gets 'store in use' (exit 2)") {
  Runtime runtime;
  Shipment s;
  s.Init();
  OpenStoreOptions o;
  o.dir = s.store;
  auto held = Store::Open(o);
  REQUIRE_OK(held);
  auto r = RunCli({"log", "--store", s.store});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is in use by another process") != std::string::npos);
}

TEST_CASE("store CLI: audit fails on a damaged document blob") {
  Runtime runtime;
  Shipment s;
  s.Standard();
  std::string lc = s.Signed("letter-of-credit.xml", "issuing-bank", "lc.xml");
  REQUIRE(RunCli({"submit", "--store", s.store, lc}).exit_code == 0);
  // Damage the hub key file instead of the DB (the DB flips are covered by
  // the library test): the audit names it.
  {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    std::filesystem::remove(s.store + "/hub.key");
    REQUIRE_STATUS_OK(k->WriteFile(s.store + "/hub.key"));
  }
  auto audit = RunCli({"audit", "--store", s.store});
  CHECK(audit.exit_code == 1);
  CHECK(audit.out.find("hub") != std::string::npos);
}

TEST_CASE("store CLI: SIGKILL during submit leaves an all-or-none batch") {
  Runtime runtime;
  Shipment s;
  s.Standard();
  std::mt19937 rng(4242);
  // Measure one uncontended submit to spread the kills over its lifetime.
  std::string lc0 = s.Signed("letter-of-credit.xml", "issuing-bank", "lc0.xml");
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(RunCli({"submit", "--store", s.store, lc0}).exit_code == 0);
  auto span = std::chrono::duration_cast<std::chrono::microseconds>(
                  std::chrono::steady_clock::now() - t0).count();
  const int kIterations = 30;
  int killed_before_commit = 0, completed = 0;
  for (int i = 0; i < kIterations; ++i) {
    char num[8];
    std::snprintf(num, sizeof num, "%02d", i);
    std::string credit = std::string("DEL25LC00012") + num;
    std::string decl = std::string("7901202500001234") + num;
    std::string lc = s.Signed("letter-of-credit.xml", "issuing-bank", "lc" + std::string(num) + ".xml",
                              "DEL25LC0001234", credit);
    std::string cd = s.Signed("customs-declaration.xml", "customs-broker",
                              "cd" + std::string(num) + ".xml", "790120250000123456", decl);
    std::vector<std::string> args = {testing::CliPath().string(), "submit", "--store", s.store, lc, cd};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    REQUIRE(posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&fa);
    std::this_thread::sleep_for(std::chrono::microseconds(
        std::uniform_int_distribution<long>(0, span * 12 / 10)(rng)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status)) ++completed;

    OpenStoreOptions o;
    o.dir = s.store;
    auto st = Store::Open(o);
    REQUIRE_OK(st);
    auto a = (*st)->History("credit:" + credit);
    auto b = (*st)->History("declaration:" + decl);
    REQUIRE_OK(a);
    REQUIRE_OK(b);
    // The LC carries credit:<n>; the declaration carries both. All or none:
    if (b->empty()) {
      CHECK(a->empty());
      ++killed_before_commit;
    } else {
      CHECK(a->size() == 1);
    }
    if (i % 10 == 9 || i == kIterations - 1) {
      auto audit = (*st)->Audit({});
      REQUIRE_OK(audit);
      CHECK_MESSAGE(audit->clean, audit->problem);
    }
  }
  MESSAGE("killed before commit: " << killed_before_commit << ", completed: " << completed
                                   << ", of " << kIterations);
}

}  // namespace
}  // namespace tradefin
