// Golden tests of `tradefin examine` over samples/presentations/*: each case
// directory has case.txt (the arguments) and expected.txt (exact stdout).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "testing/testing.h"

namespace tradefin::testing {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::vector<std::string> args;
  int exit_code = 0;
};

Case LoadCase(const fs::path& dir) {
  Case c;
  c.args = {"examine"};
  std::istringstream in(ReadFile(dir / "case.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string key = line.substr(0, line.find(' '));
    std::string value = line.substr(key.size() + 1);
    if (key == "lc") {
      c.args.push_back("--lc");
      c.args.push_back((dir / value).string());
    } else if (key == "doc") {
      c.args.push_back((dir / value).string());
    } else if (key == "presented") {
      c.args.push_back("--presented");
      c.args.push_back(value);
    } else if (key == "other") {
      c.args.push_back("--other-document");
      c.args.push_back(value);
    } else if (key == "calendar") {
      c.args.push_back("--calendar");
      c.args.push_back((dir / value).string());
    } else if (key == "exit") {
      c.exit_code = std::stoi(value);
    } else {
      FAIL("unknown key in " << (dir / "case.txt").string() << ": " << key);
    }
  }
  return c;
}

TEST_CASE("examine goldens over samples/presentations") {
  fs::path root = SourceDir() / "samples" / "presentations";
  int cases = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(root)) {
    if (!e.is_directory()) continue;
    CAPTURE(e.path().filename().string());
    Case c = LoadCase(e.path());
    CliResult r = RunCli(c.args);
    CHECK_MESSAGE(r.err.empty(), r.err);
    CHECK(r.exit_code == c.exit_code);
    CHECK(r.out == ReadFile(e.path() / "expected.txt"));
    ++cases;
  }
  CHECK(cases >= 8);
}

TEST_CASE("examine --json is stable and complete") {
  fs::path dir = SourceDir() / "samples" / "presentations" / "late-presentation";
  Case c = LoadCase(dir);
  c.args.push_back("--json");
  CliResult r = RunCli(c.args);
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("{\"credit_number\":\"DEL25LC0001234\",\"verdict\":"
                    "\"discrepant\",\"presentation_date\":\"2025-06-12\","
                    "\"expiry_date\":\"2025-06-30\",\"last_presentation_day\":"
                    "\"2025-06-10\",\"discrepancies\":1,\"warnings\":0,"
                    "\"manual_checks\":3,\"findings\":[{\"rule_id\":"
                    "\"UCP14C-PRESENTATION-PERIOD\"",
                    0) == 0);
  CHECK(r.out.find("\"unmapped\":[{\"field\":\"47A\",\"item\":2,") !=
        std::string::npos);
  CHECK(r.out.find("\"ignored\":[") != std::string::npos);
}

TEST_CASE("examine errors exit 2 with a clear message") {
  fs::path shipment = SourceDir() / "samples" / "shipment";
  std::string lc = (shipment / "letter-of-credit.xml").string();
  std::string wb = (shipment / "rail-waybill.xml").string();
  CliResult r = RunCli({"examine", "--lc", lc, wb});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--presented") != std::string::npos);
  r = RunCli({"examine", "--lc", wb, wb, "--presented", "2025-05-28"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("expected a letter of credit") != std::string::npos);
  r = RunCli({"examine", "--lc", lc, lc, "--presented", "2025-05-28"});
  CHECK(r.exit_code == 2);
  r = RunCli({"examine", "--lc", lc, wb, "--presented", "2025-13-01"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("YYYY-MM-DD") != std::string::npos);
  r = RunCli({"examine", "--lc", lc, wb, "--presented", "2025-05-28",
              "--calendar", "/nonexistent/holidays.txt"});
  CHECK(r.exit_code == 2);
  r = RunCli({"examine", "--lc", lc, "/nonexistent/doc.xml", "--presented",
              "2025-05-28"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/nonexistent/doc.xml") != std::string::npos);
}

}  // namespace
}  // namespace tradefin::testing
