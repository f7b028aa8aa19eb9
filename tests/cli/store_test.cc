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
  void AddParty(const std::string& id, const std::string& role) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    WriteFile(Path(role + ".pub"), k->public_key().ToPem());
    keys.emplace(role, *k);
    auto r = RunCli({"party", "add", "--store", store, "--id", id, "--name", "Party " + id,
                     "--role", role, "--key", Path(role + ".pub")});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  void Standard() {
    Init();
    AddParty("LDZBPLP0XXX", "issuing-bank");
    AddParty("TFCRCNC0XXX", "carrier");
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
                       "--role", "carrier", "--key", s.Path("carrier.pub")});
  CHECK(badid.exit_code == 2);
  CHECK(badid.err.find("party id") != std::string::npos);
  auto badrole = RunCli({"party", "add", "--store", s.store, "--id", "2594007XQ2TF8A1CB037",
                         "--name", "x", "--role", "pirate", "--key", s.Path("carrier.pub")});
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
  CHECK(log.out.find("4  document  letter-of-credit:DEL25LC0001234|LDZBPLP0XXX") !=
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
  CHECK(hist.out.find("\n8  document") != std::string::npos);
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
                     "issuing-bank,financing-bank", "--key", s.Path("bank.pub")});
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
  CHECK(log.out.find("1  party-roles  party:LDZBPLP0XXX (financing-bank)  links: party-update->0") !=
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
