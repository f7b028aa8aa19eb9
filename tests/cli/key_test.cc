#include <sys/stat.h>

#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::RunCli;
using testing::TempDir;

TEST_CASE("cli key gen / show") {
  TempDir dir;
  std::string prefix = (dir.path() / "bank").string();
  auto r = RunCli({"key", "gen", "--out", prefix});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  struct stat st {};
  REQUIRE(::stat((prefix + ".key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(ReadFile(prefix + ".pub").find("-----BEGIN PUBLIC KEY-----") == 0);
  CHECK(r.out.find("ed25519") != std::string::npos);

  // Refuses to overwrite.
  auto again = RunCli({"key", "gen", "--out", prefix});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("exists") != std::string::npos);

  // show: same key id for the private and the public file; never prints
  // private material.
  auto priv = RunCli({"key", "show", prefix + ".key"});
  auto pub = RunCli({"key", "show", prefix + ".pub", "--json"});
  REQUIRE(priv.exit_code == 0);
  REQUIRE(pub.exit_code == 0);
  CHECK(priv.out.find("PRIVATE") == std::string::npos);
  size_t at = priv.out.find("key id: ");
  REQUIRE(at != std::string::npos);
  std::string id = priv.out.substr(at + 8, 64);
  CHECK(pub.out.find("\"key_id\":\"" + id + "\"") != std::string::npos);
  CHECK(pub.out.find("\"type\":\"ed25519\"") != std::string::npos);

  auto ec = RunCli({"key", "gen", "--type", "ecdsa-p256", "--out",
                    (dir.path() / "ec").string()});
  REQUIRE(ec.exit_code == 0);
  CHECK(RunCli({"key", "show", (dir.path() / "ec.pub").string()})
            .out.find("ecdsa-p256") != std::string::npos);
  CHECK(RunCli({"key", "gen", "--type", "rsa", "--out",
                (dir.path() / "r").string()})
            .exit_code != 0);
  CHECK(RunCli({"key", "show", (dir.path() / "missing.pem").string()})
            .exit_code == 2);
}

}  // namespace
}  // namespace tradefin
