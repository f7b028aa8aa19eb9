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

TEST_CASE("issue 13: sign --out never overwrites, says what it did, warns on an invalid document") {
  TempDir dir;
  std::string prefix = (dir.path() / "k").string();
  REQUIRE(RunCli({"key", "gen", "--out", prefix}).exit_code == 0);
  std::string lc = (SourceDir() / "samples/shipment/letter-of-credit.xml").string();
  std::string out = (dir.path() / "lc.signed.xml").string();
  auto r = RunCli({"sign", lc, "--key", prefix + ".key", "--out", out});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.err.find("tradefin: signed ") != std::string::npos);
  CHECK(r.err.find("wrote " + out) != std::string::npos);
  CHECK(r.err.find("warning") == std::string::npos);
  const std::string first = ReadFile(out);

  // A second run must not replace the file.
  r = RunCli({"sign", lc, "--key", prefix + ".key", "--out", out});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("refusing to overwrite") != std::string::npos);
  CHECK(ReadFile(out) == first);

  // A tradefin document that does not validate is signed, with warnings.
  std::string bad = (SourceDir() / "samples/invalid/lc-bad-bic.xml").string();
  std::string bad_out = (dir.path() / "bad.signed.xml").string();
  r = RunCli({"sign", bad, "--key", prefix + ".key", "--out", bad_out, "--json"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(r.err.find("tradefin: warning: ") != std::string::npos);
  CHECK(r.err.find("does not validate") != std::string::npos);
  CHECK(r.out.find("\"document_type\":\"letter-of-credit\"") != std::string::npos);
  CHECK(r.out.find("\"document_valid\":false") != std::string::npos);

  // --json needs --out: stdout would be the signed document.
  CHECK(RunCli({"sign", lc, "--key", prefix + ".key", "--json"}).exit_code == 2);
}

}  // namespace
}  // namespace tradefin
