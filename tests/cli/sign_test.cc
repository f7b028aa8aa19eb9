#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::RunCli;
using testing::SourceDir;
using testing::TempDir;

TEST_CASE("cli sign: stdout and --out; refuses to sign twice") {
  TempDir dir;
  std::string prefix = (dir.path() / "k").string();
  REQUIRE(RunCli({"key", "gen", "--type", "ecdsa-p256", "--out", prefix})
              .exit_code == 0);
  std::string lc = (SourceDir() / "samples/shipment/letter-of-credit.xml").string();
  auto r = RunCli({"sign", lc, "--key", prefix + ".key"});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.out.find("<ds:Signature") != std::string::npos);
  CHECK(r.out.find("dsig11:ECKeyValue") != std::string::npos);

  std::string out = (dir.path() / "lc.signed.xml").string();
  r = RunCli({"sign", lc, "--key", prefix + ".key", "--out", out});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(ReadFile(out).find("</ds:Signature>") != std::string::npos);

  r = RunCli({"sign", out, "--key", prefix + ".key"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("already signed") != std::string::npos);

  r = RunCli({"sign", lc, "--key", prefix + ".pub"});
  CHECK(r.exit_code == 2);
  r = RunCli({"sign", lc});
  CHECK(r.exit_code == 2);
}

}  // namespace
}  // namespace tradefin
