// CLI tests for witness init|cosign, cosign-add and verify-consistency.
#include <sys/stat.h>

#include <filesystem>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"

namespace tradefin {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::RunCli;
using testing::TempDir;
using testing::WriteFile;

struct Hub {
  TempDir tmp;
  std::string store = (tmp.path() / "store").string();
  std::string Path(const std::string& n) const { return (tmp.path() / n).string(); }
  void Init(const std::string& dir) {
    auto r = RunCli({"init", "--store", dir, "--origin", "example.org/tradefin/cli-w"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  void AddParty(const std::string& dir, const std::string& id) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    WriteFile(Path(id + ".pub"), k->public_key().ToPem());
    auto r = RunCli({"party", "add", "--store", dir, "--id", id, "--name", "P", "--role",
                     "carrier", "--pubkey", Path(id + ".pub")});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  std::string Save(const std::string& name, const std::vector<std::string>& args) {
    auto r = RunCli(args);
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    WriteFile(Path(name), r.out);
    return Path(name);
  }
};

TEST_CASE("witness CLI: init, cosign with consistency proofs, refusal, fork evidence") {
  Runtime runtime;
  Hub h;
  h.Init(h.store);
  h.AddParty(h.store, "LDZBPLP0XXX");
  std::string vkey = h.Save("hub.vkey", {"hub-key", "--store", h.store});
  std::string w = h.Path("w");

  auto init = RunCli({"witness", "init", "--dir", w, "--name", "port.example/witness"});
  REQUIRE_MESSAGE(init.exit_code == 0, init.err);
  CHECK(init.out.rfind("port.example/witness+", 0) == 0);
  struct stat st{};
  REQUIRE(::stat((fs::path(w) / "witness.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(init.out.find("PRIVATE") == std::string::npos);
  CHECK(RunCli({"witness", "init", "--dir", w, "--name", "x"}).exit_code == 2);

  std::string cp1 = h.Save("cp1", {"checkpoint", "--store", h.store});
  auto first = RunCli({"witness", "cosign", "--dir", w, "--checkpoint", cp1, "--hub-key", vkey,
                       "--out", h.Path("cp1.cosigned")});
  REQUIRE_MESSAGE(first.exit_code == 0, first.out << first.err);
  std::string cosigned = ReadFile(h.Path("cp1.cosigned"));
  CHECK(cosigned.rfind(ReadFile(cp1), 0) == 0);
  CHECK(cosigned.find("— port.example/witness ") != std::string::npos);

  // The hub keeps the cosignature; a wrong witness key is refused (exit 2).
  auto wrongkey = RunCli({"cosign-add", "--store", h.store, h.Path("cp1.cosigned"),
                          "--witness-key", vkey});
  CHECK(wrongkey.exit_code == 2);
  auto add = RunCli({"cosign-add", "--store", h.store, h.Path("cp1.cosigned"), "--witness-key",
                     (fs::path(w) / "witness.vkey").string(), "--json"});
  CHECK_MESSAGE(add.exit_code == 0, add.err);
  CHECK(add.out == "{\"added\":1}\n");

  // Grow; without a proof the witness refuses (exit 1), with one it cosigns.
  h.AddParty(h.store, "91510000MA61CRW0XE");
  std::string cp2 = h.Save("cp2", {"checkpoint", "--store", h.store});
  auto refused = RunCli({"witness", "cosign", "--dir", w, "--checkpoint", cp2, "--hub-key", vkey});
  CHECK(refused.exit_code == 1);
  CHECK(refused.out.find("REFUSED") != std::string::npos);
  std::string proof = h.Save("proof12", {"consistency", "--store", h.store, "--from", "1"});
  auto second = RunCli({"witness", "cosign", "--dir", w, "--checkpoint", cp2, "--hub-key", vkey,
                        "--proof", proof, "--json"});
  CHECK_MESSAGE(second.exit_code == 0, second.out << second.err);
  CHECK(second.out.find("\"outcome\":\"cosigned\"") != std::string::npos);
  CHECK(second.out.find("\"old_size\":1") != std::string::npos);
  // The cosigning time for people too: "time_iso":"YYYY-MM-DDTHH:MM:SS.000Z".
  const size_t iso = second.out.find("\"time_iso\":\"");
  REQUIRE_MESSAGE(iso != std::string::npos, second.out);
  CHECK(second.out.substr(iso + 12 + 19, 6) == ".000Z\"");

  // verify-consistency: offline, both directions of the verdict.
  auto vc = RunCli({"verify-consistency", proof, "--old", cp1, "--hub-key", vkey});
  CHECK_MESSAGE(vc.exit_code == 0, vc.out << vc.err);
  CHECK(vc.out.find("consistent:") == 0);
  auto vcj = RunCli({"verify-consistency", proof, "--old", cp1, "--hub-key", vkey, "--json"});
  CHECK(vcj.out.find("\"valid\":true") != std::string::npos);

  // An old checkpoint from another hub: not consistent (exit 1); a bad key: exit 2.
  Hub g;
  g.Init(g.store);
  auto notcons = RunCli({"verify-consistency", proof, "--old",
                         h.Save("gcp", {"checkpoint", "--store", g.store}), "--hub-key", vkey});
  CHECK(notcons.exit_code == 1);
  CHECK(RunCli({"verify-consistency", proof, "--old", cp1, "--hub-key", "junk"}).exit_code == 2);
}

TEST_CASE("witness CLI: a split view gives exit 1 and an evidence file") {
  Runtime runtime;
  Hub h;
  h.Init(h.store);
  h.AddParty(h.store, "LDZBPLP0XXX");
  std::string vkey = h.Save("hub.vkey", {"hub-key", "--store", h.store});
  fs::path twin = h.tmp.path() / "twin";
  fs::copy(h.store, twin, fs::copy_options::recursive);
  h.AddParty(h.store, "91510000MA61CRW0XE");
  h.AddParty(twin.string(), "2594007XQ2TF8A1CB037");
  std::string a = h.Save("a", {"checkpoint", "--store", h.store});
  std::string b = h.Save("b", {"checkpoint", "--store", twin.string()});
  std::string w = h.Path("w");
  REQUIRE(RunCli({"witness", "init", "--dir", w, "--name", "bank.example/w"}).exit_code == 0);
  REQUIRE(RunCli({"witness", "cosign", "--dir", w, "--checkpoint", a, "--hub-key", vkey}).exit_code == 0);
  auto fork = RunCli({"witness", "cosign", "--dir", w, "--checkpoint", b, "--hub-key", vkey});
  CHECK(fork.exit_code == 1);
  CHECK(fork.out.find("FORK") == 0);
  size_t at = fork.out.find("Evidence: ");
  REQUIRE(at != std::string::npos);
  std::string path = fork.out.substr(at + 10);
  path.pop_back();
  std::string ev = ReadFile(path);
  CHECK(ev.find(ReadFile(a)) != std::string::npos);
  CHECK(ev.find(ReadFile(b)) != std::string::npos);
  // The state is unchanged: a still cosigns.
  CHECK(RunCli({"witness", "cosign", "--dir", w, "--checkpoint", a, "--hub-key", vkey}).exit_code == 0);
}

}  // namespace
}  // namespace tradefin
