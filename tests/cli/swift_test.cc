// tradefin import mt700 / import mt707 (+ MT708) / export mt700 on the samples.
#include <string>

#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::RunCli;

std::string Sample(const std::string& name) {
  return (testing::SourceDir() / "samples/swift" / name).string();
}

TEST_CASE("import mt700 writes LC XML; export gives the FIN back") {
  testing::TempDir dir;
  std::string xml = (dir.path() / "lc.xml").string();
  auto r = RunCli({"import", "mt700", Sample("mt700-DEL25LC0001234.fin"),
                   "--out", xml});
  CHECK(r.exit_code == 0);
  INFO(r.err);
  std::string lc = testing::ReadFile(xml);
  CHECK(lc.find("<lc:CreditNumber>DEL25LC0001234</lc:CreditNumber>") !=
        std::string::npos);
  CHECK(lc.find("<lc:Amount currency=\"EUR\">1250000.00</lc:Amount>") !=
        std::string::npos);

  std::string fin = (dir.path() / "out.fin").string();
  auto e = RunCli({"export", "mt700", xml, "--out", fin, "--user-reference",
                   "DEL25LC0001234"});
  CHECK(e.exit_code == 0);
  std::string original = testing::ReadFile(Sample("mt700-DEL25LC0001234.fin"));
  CHECK(testing::ReadFile(fin) ==
        original.substr(0, original.find("-}") + 2) + "\r\n");

  auto a = RunCli({"import", "mt707", Sample("mt707-DEL25LC0001234-1.fin"),
                   "--lc", xml, "--json"});
  CHECK(a.exit_code == 0);
  CHECK(a.out.find("\"amendment_number\":1") != std::string::npos);
  CHECK(a.out.find("1350000.00") != std::string::npos);
}

TEST_CASE("import mt707 with its MT708 continuation") {
  testing::TempDir dir;
  std::string xml = (dir.path() / "lc.xml").string();
  REQUIRE(RunCli({"import", "mt700", Sample("mt700-DEL25LC0001234.fin"),
                  "--out", xml}).exit_code == 0);
  std::string amended = (dir.path() / "amended.xml").string();
  auto r = RunCli({"import", "mt707", Sample("mt707-DEL25LC0001234-2.fin"),
                   Sample("mt708-DEL25LC0001234-2.fin"), "--lc", xml, "--out",
                   amended});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("amendment 2 of credit DEL25LC0001234 applied") !=
        std::string::npos);
  std::string out = testing::ReadFile(amended);
  CHECK(out.find("INSPECTION CERTIFICATE ISSUED BY CCIC.") != std::string::npos);
  CHECK(out.find("ALL DOCUMENTS MUST BE ISSUED IN ENGLISH.") != std::string::npos);

  // Without the MT708 the MT707 (27: 1/2) is rejected and nothing written;
  // an issue in the MT708 names the MT708 file.
  std::string none = (dir.path() / "none.xml").string();
  auto alone = RunCli({"import", "mt707", Sample("mt707-DEL25LC0001234-2.fin"),
                       "--lc", xml, "--out", none});
  CHECK(alone.exit_code == 1);
  CHECK(alone.out.find(": 27: sequence:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(none));
  std::string bad = (dir.path() / "bad708.fin").string();
  std::string text = testing::ReadFile(Sample("mt708-DEL25LC0001234-2.fin"));
  text.replace(text.find(":26E:2"), 6, ":26E:3");
  testing::WriteFile(bad, text);
  auto j = RunCli({"import", "mt707", Sample("mt707-DEL25LC0001234-2.fin"), bad,
                   "--lc", xml, "--json"});
  CHECK(j.exit_code == 1);
  CHECK(j.out.find("\"file\":\"" + bad + "\",\"message_index\":1") !=
        std::string::npos);
  CHECK(j.out.find("\"rule\":\"continuation-mismatch\"") != std::string::npos);
}

TEST_CASE("import mt700 with continuations, --json") {
  auto r = RunCli({"import", "mt700", Sample("continued/mt700.fin"),
                   Sample("continued/mt701.fin"), "--json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"issues\":[]") != std::string::npos);
  CHECK(r.out.find("\"credit_number\":\"DEL25LC0001234\"") != std::string::npos);
  CHECK(r.out.find("INSPECTION CERTIFICATE") != std::string::npos);
}

TEST_CASE("a bad MT700 prints file:line:col: TAG: rule and writes nothing") {
  testing::TempDir dir;
  std::string bad = (dir.path() / "bad.fin").string();
  std::string text = testing::ReadFile(Sample("mt700-DEL25LC0001234.fin"));
  text.replace(text.find("EUR1250000,"), 11, "EUR1250000");
  testing::WriteFile(bad, text);
  std::string out = (dir.path() / "lc.xml").string();
  auto r = RunCli({"import", "mt700", bad, "--out", out});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(bad + ":17:9: 32B: amount:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  auto j = RunCli({"import", "mt700", bad, "--json"});
  CHECK(j.exit_code == 1);
  CHECK(j.out.find("\"rule\":\"amount\"") != std::string::npos);
  CHECK(j.out.find("\"credit_number\":null") != std::string::npos);
  auto missing = RunCli({"import", "mt700", (dir.path() / "nope.fin").string()});
  CHECK(missing.exit_code == 2);
}

TEST_CASE("import mt707 against the wrong credit is rejected") {
  testing::TempDir dir;
  std::string xml = (dir.path() / "lc.xml").string();
  REQUIRE(RunCli({"import", "mt700", Sample("mt700-DEL25LC0001234.fin"),
                  "--out", xml}).exit_code == 0);
  std::string text = testing::ReadFile(Sample("mt707-DEL25LC0001234-1.fin"));
  text.replace(text.find(":23:DEL25LC0001234"), 18, ":23:DEL25LC0009999");
  std::string bad = (dir.path() / "a.fin").string();
  testing::WriteFile(bad, text);
  auto r = RunCli({"import", "mt707", bad, "--lc", xml});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("23: credit-number:") != std::string::npos);
}

}  // namespace
}  // namespace tradefin
