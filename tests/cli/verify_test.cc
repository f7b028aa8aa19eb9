#include "cli/utf8_check.h"
#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::RunCli;
using testing::SourceDir;
using testing::TempDir;
using testing::WriteFile;

TEST_CASE("cli verify: exit codes, --json, --explain, --trust") {
  TempDir dir;
  auto p = [&](const std::string& n) { return (dir.path() / n).string(); };
  REQUIRE(RunCli({"key", "gen", "--out", p("a")}).exit_code == 0);
  REQUIRE(RunCli({"key", "gen", "--out", p("b")}).exit_code == 0);
  std::string lc =
      (SourceDir() / "samples/shipment/letter-of-credit.xml").string();
  REQUIRE(RunCli({"sign", lc, "--key", p("a.key"), "--out", p("ok.xml")})
              .exit_code == 0);
  std::string tampered = ReadFile(p("ok.xml"));
  size_t at = tampered.find(">DEL25LC0001234<");
  REQUIRE(at != std::string::npos);
  tampered[at + 1] = 'E';
  WriteFile(p("bad.xml"), tampered);

  auto r = RunCli({"verify", p("ok.xml"), "--key", p("a.pub")});
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
  CHECK(r.out.find("OK") != std::string::npos);
  CHECK(r.out.find("whole document element") != std::string::npos);
  // tradefin document types are also schema/semantic validated.
  CHECK(r.out.find("document:  letter-of-credit") != std::string::npos);

  // A correctly signed but invalid letter of credit: exit 1.
  REQUIRE(RunCli({"sign", (SourceDir() / "samples/invalid/lc-bad-bic.xml").string(),
                  "--key", p("a.key"), "--out", p("bad-bic.xml")})
              .exit_code == 0);
  r = RunCli({"verify", p("bad-bic.xml"), "--key", p("a.pub")});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("invalid-document") != std::string::npos);
  // --json agrees with the exit code: the overall answer is not "valid".
  r = RunCli({"verify", p("bad-bic.xml"), "--key", p("a.pub"), "--json"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"verdict\":\"invalid-document\"") != std::string::npos);
  CHECK(r.out.find("\"valid\":false") != std::string::npos);
  CHECK(r.out.find("\"signature_verdict\":\"valid\"") != std::string::npos);
  r = RunCli({"verify", p("bad-bic.xml"), "--key", p("a.pub"), "--no-schema"});
  CHECK(r.exit_code == 0);

  r = RunCli({"verify", p("ok.xml"), p("bad.xml"), "--key", p("a.pub"),
              "--json"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"verdict\":\"valid\"") != std::string::npos);
  CHECK(r.out.find("\"verdict\":\"digest-mismatch\"") != std::string::npos);

  r = RunCli({"verify", p("ok.xml"), "--key", p("b.pub")});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("untrusted-key") != std::string::npos);

  r = RunCli({"verify", p("ok.xml"), "--key", p("a.pub"), "--explain"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--- canonical SignedInfo") != std::string::npos);
  CHECK(r.out.find("<lc:LetterOfCredit") != std::string::npos);

  WriteFile(p("trust.txt"), "# partners\nIssuing-Bank a.pub\nOther b.pub\n");
  r = RunCli({"verify", p("ok.xml"), "--trust", p("trust.txt")});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("'Issuing-Bank'") != std::string::npos);

  // Usage / I/O errors: exit 2.
  CHECK(RunCli({"verify", p("ok.xml")}).exit_code == 2);
  CHECK(RunCli({"verify", p("missing.xml"), "--key", p("a.pub")}).exit_code ==
        2);
  CHECK(RunCli({"verify", p("ok.xml"), "--key", p("missing.pub")}).exit_code ==
        2);
}

TEST_CASE("issue 13: verify reads a directory as an error, not an empty file") {
  TempDir dir;
  auto p = [&](const std::string& n) { return (dir.path() / n).string(); };
  REQUIRE(RunCli({"key", "gen", "--out", p("a")}).exit_code == 0);
  auto r = RunCli({"verify", dir.path().string(), "--pubkey", p("a.pub")});
  CHECK(r.exit_code == 2);
  CHECK_MESSAGE(r.err.find("is a directory") != std::string::npos, r.err);
}

TEST_CASE("issue 13: verify --pubkey names the public key; --key stays an alias") {
  TempDir dir;
  auto p = [&](const std::string& n) { return (dir.path() / n).string(); };
  REQUIRE(RunCli({"key", "gen", "--out", p("a")}).exit_code == 0);
  std::string lc =
      (SourceDir() / "samples/shipment/letter-of-credit.xml").string();
  REQUIRE(RunCli({"sign", lc, "--key", p("a.key"), "--out", p("ok.xml")})
              .exit_code == 0);
  auto r = RunCli({"verify", p("ok.xml"), "--pubkey", p("a.pub")});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  r = RunCli({"verify", p("ok.xml"), "--key", p("a.pub")});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(RunCli({"verify", "--help"}).out.find("--pubkey") != std::string::npos);
}

TEST_CASE("issue 13: verify --json is valid UTF-8 for a file name that is not") {
  TempDir dir;
  auto p = [&](const std::string& n) { return (dir.path() / n).string(); };
  REQUIRE(RunCli({"key", "gen", "--out", p("a")}).exit_code == 0);
  std::string lc =
      (SourceDir() / "samples/shipment/letter-of-credit.xml").string();
  const std::string latin1 = p("cr\xe9" "dit-\xff.xml");  // Latin-1, not UTF-8
  REQUIRE(RunCli({"sign", lc, "--key", p("a.key"), "--out", latin1})
              .exit_code == 0);
  auto r = RunCli({"verify", latin1, "--pubkey", p("a.pub"), "--json"});
  CHECK_MESSAGE(r.exit_code == 0, r.err);
  CHECK(testing::IsUtf8(r.out));
  CHECK(r.out.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD
  CHECK(r.err.find("not UTF-8") != std::string::npos);
}

}  // namespace
}  // namespace tradefin
