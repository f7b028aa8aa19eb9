// Issue 13, CLI conventions: one meaning per flag across verbs, progress
// only on a terminal, output for people (times, plurals, wrapping), and
// saying which store a command used when the environment chose it.
#include <filesystem>
#include <string>
#include <vector>

#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::RunCli;
using testing::RunCliOnTerminal;
using testing::TempDir;
using testing::WriteFile;

// A fresh store with one key pair "<name>.key"/"<name>.pub" made in it.
struct Fixture {
  TempDir tmp;
  std::string store = (tmp.path() / "store").string();
  std::string Path(const std::string& f) const { return (tmp.path() / f).string(); }
  void Init() {
    auto r = RunCli({"init", "--store", store, "--origin", "example.org/tradefin/conv"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  void Key(const std::string& name) {
    auto r = RunCli({"key", "gen", "--out", Path(name)});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
};

TEST_CASE("party add/rotate take the public key as --pubkey; --key stays an alias") {
  Fixture f;
  f.Init();
  f.Key("carrier");
  f.Key("carrier2");
  f.Key("carrier3");
  auto r = RunCli({"party", "add", "--store", f.store, "--id", "91510000MA61CRW0XE", "--name",
                   "CARRIER", "--role", "carrier", "--pubkey", f.Path("carrier.pub")});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  r = RunCli({"party", "rotate", "--store", f.store, "--id", "91510000MA61CRW0XE", "--pubkey",
              f.Path("carrier2.pub")});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  // The old spelling still works for one release.
  r = RunCli({"party", "rotate", "--store", f.store, "--id", "91510000MA61CRW0XE", "--key",
              f.Path("carrier3.pub")});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  // A bad file is reported under the documented name.
  r = RunCli({"party", "rotate", "--store", f.store, "--id", "91510000MA61CRW0XE", "--pubkey",
              f.Path("missing.pub")});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find("--pubkey ") != std::string::npos, r.err);
  // --help documents --pubkey as the name.
  r = RunCli({"party", "add", "--help"});
  CHECK(r.exit_code == 0);
  CHECK_MESSAGE(r.out.find("--pubkey") != std::string::npos, r.out);
}

TEST_CASE("--key is a private key on every verb that takes it") {
  // sign and finance take a private key as --key; verify and party take a
  // public one as --pubkey and accept --key only as the old spelling.
  for (const std::vector<std::string>& verb :
       {std::vector<std::string>{"sign"}, std::vector<std::string>{"finance", "request"}}) {
    std::vector<std::string> args = verb;
    args.push_back("--help");
    auto r = RunCli(args);
    CHECK(r.exit_code == 0);
    const size_t at = r.out.find("--key");
    REQUIRE_MESSAGE(at != std::string::npos, r.out);
    const size_t eol = r.out.find('\n', at);
    CHECK_MESSAGE(r.out.substr(at, eol - at).find("rivate") != std::string::npos, r.out);
  }
  for (const std::vector<std::string>& verb :
       {std::vector<std::string>{"verify"}, std::vector<std::string>{"party", "add"},
        std::vector<std::string>{"party", "rotate"}}) {
    std::vector<std::string> args = verb;
    args.push_back("--help");
    auto r = RunCli(args);
    CHECK(r.exit_code == 0);
    CHECK_MESSAGE(r.out.find("--pubkey") != std::string::npos, r.out);
  }
}

TEST_CASE("a store taken from TRADEFIN_STORE is named on stderr; --store is not") {
  Fixture f;
  f.Init();
  auto r = RunCli({"log"}, "", {"TRADEFIN_STORE=" + f.store});
  CHECK(r.exit_code == 0);
  CHECK(r.err == "tradefin: using store " + f.store + " (from TRADEFIN_STORE)\n");
  r = RunCli({"log", "--store", f.store}, "", {"TRADEFIN_STORE=/nonexistent/elsewhere"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("counts agree with their nouns") {
  Fixture f;
  f.Init();
  f.Key("carrier");
  auto r = RunCli({"party", "add", "--store", f.store, "--id", "91510000MA61CRW0XE", "--name",
                   "CARRIER", "--role", "carrier", "--pubkey", f.Path("carrier.pub")});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  r = RunCli({"audit", "--store", f.store});
  CHECK(r.exit_code == 0);
  CHECK_MESSAGE(r.out.find("audit clean: 1 entry, 0 documents, ") != std::string::npos, r.out);
}

TEST_CASE("party list shows the full key id") {
  Fixture f;
  f.Init();
  f.Key("carrier");
  auto r = RunCli({"party", "add", "--store", f.store, "--id", "91510000MA61CRW0XE", "--name",
                   "CARRIER", "--role", "carrier", "--pubkey", f.Path("carrier.pub")});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  auto shown = RunCli({"key", "show", f.Path("carrier.pub"), "--json"});
  const size_t at = shown.out.find("\"key_id\":\"");
  REQUIRE_MESSAGE(at != std::string::npos, shown.out);
  const std::string key_id = shown.out.substr(at + 10, 64);
  r = RunCli({"party", "list", "--store", f.store});
  CHECK_MESSAGE(r.out.find("  key " + key_id + "  ") != std::string::npos, r.out);
}

// A store with two parties (two entries) and n documents that the store
// will reject (not XML), for exercising submit without signing anything.
struct ProgressFixture : Fixture {
  std::vector<std::string> junk;
  explicit ProgressFixture(int n) {
    Init();
    for (const char* id : {"91510000MA61CRW0XE", "91510113MA6CT4K21P"}) {
      Key(id);
      auto r = RunCli({"party", "add", "--store", store, "--id", id, "--name", "P", "--role",
                       "carrier", "--pubkey", Path(std::string(id) + ".pub")});
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    }
    for (int i = 0; i < n; ++i) {
      junk.push_back(Path("junk" + std::to_string(i) + ".xml"));
      WriteFile(junk.back(), "not xml " + std::to_string(i) + "\n");
    }
  }
};

TEST_CASE("audit shows progress on a terminal and nothing when piped") {
  ProgressFixture f(0);
  auto piped = RunCli({"audit", "--store", f.store});
  CHECK_MESSAGE(piped.exit_code == 0, piped.err);
  CHECK(piped.err.empty());
  CHECK(piped.out.find("audit clean: 2 entries") != std::string::npos);

  auto tty = RunCliOnTerminal({"audit", "--store", f.store});
  CHECK(tty.exit_code == 0);
  CHECK_MESSAGE(tty.err.find("audit: 2 / 2 entries") != std::string::npos, tty.err);
  // The verdict went to stdout (/dev/null here), not to the terminal.
  CHECK(tty.err.find("audit clean") == std::string::npos);
}

TEST_CASE("a big submit batch shows progress on a terminal; a small one and a pipe do not") {
  ProgressFixture f(20);
  std::vector<std::string> args{"submit", "--store", f.store};
  args.insert(args.end(), f.junk.begin(), f.junk.end());
  auto piped = RunCli(args);
  CHECK(piped.exit_code == 1);  // every document rejected, nothing written
  CHECK_MESSAGE(piped.err.empty(), piped.err);

  auto tty = RunCliOnTerminal(args);
  CHECK(tty.exit_code == 1);
  CHECK_MESSAGE(tty.err.find("submit: 20 / 20 documents checked") != std::string::npos, tty.err);

  auto small = RunCliOnTerminal({"submit", "--store", f.store, f.junk[0], f.junk[1]});
  CHECK(small.exit_code == 1);
  CHECK_MESSAGE(small.err.find("documents checked") == std::string::npos, small.err);
}

}  // namespace
}  // namespace tradefin
