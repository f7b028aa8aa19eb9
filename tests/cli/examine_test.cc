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
    } else if (key == "presented-at") {
      c.args.push_back("--presented-at");
      c.args.push_back(value);
    } else if (key == "draft-drawee" || key == "draft-tenor" ||
               key == "draft-amount") {
      c.args.push_back("--" + key);
      c.args.push_back(value);
    } else if (key == "no-draft") {
      c.args.push_back("--no-draft");
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
  CHECK(cases >= 15);
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
  // 47A item 2 (not pledged) is mapped now: a manual check for want of
  // financing facts, not an unmapped item.
  CHECK(r.out.find("\"unmapped\":[]") != std::string::npos);
  CHECK(r.out.find("\"rule_id\":\"LC47A-NOT-PLEDGED\"") != std::string::npos);
  CHECK(r.out.find("\"consequences\":[]") != std::string::npos);
  CHECK(r.out.find("\"ignored\":[") != std::string::npos);
}

TEST_CASE("examine --json names both documents of a conflict") {
  fs::path dir = SourceDir() / "samples" / "presentations" / "quantity-conflict";
  Case c = LoadCase(dir);
  c.args.push_back("--json");
  CliResult r = RunCli(c.args);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"rule_id\":\"UCP14D-QUANTITY\"") != std::string::npos);
  CHECK(r.out.find("\"other_document\":{\"type\":\"rail-waybill\","
                   "\"number\":\"25CX050417\"},\"other_fields\":["
                   "\"goods[0].description\"]") != std::string::npos);
  CHECK(r.out.find("\"consequences\":[\"total EUR 1187500.00 conflicts") !=
        std::string::npos);
}

TEST_CASE("examine --draft-amount must be a currency and an amount") {
  fs::path shipment = SourceDir() / "samples" / "shipment";
  CliResult r = RunCli({"examine", "--lc",
                        (shipment / "letter-of-credit.xml").string(),
                        (shipment / "rail-waybill.xml").string(),
                        "--presented", "2025-05-28", "--draft-amount", "lots"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--draft-amount 'lots'") != std::string::npos);
  r = RunCli({"examine", "--lc", (shipment / "letter-of-credit.xml").string(),
              (shipment / "rail-waybill.xml").string(), "--presented",
              "2025-05-28", "--no-draft", "--draft-tenor", "AT SIGHT"});
  CHECK(r.exit_code == 2);
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


TEST_CASE("examine --store gathers the documents citing the credit") {
  TempDir tmp;
  auto path = [&](const std::string& n) { return (tmp.path() / n).string(); };
  fs::path shipment = SourceDir() / "samples" / "shipment";
  std::string store = path("store");
  REQUIRE(RunCli({"init", "--store", store, "--origin", "example.org/examine"})
              .exit_code == 0);
  const std::vector<std::pair<std::string, std::string>> parties = {
      {"issuing-bank", "LDZBPLP0XXX"},
      {"carrier", "91510000MA61CRW0XE"},
      {"shipper", "91510113MA6CT4K21P"},
      {"customs-broker", "91510100MA62XJ8N0J"}};
  for (const auto& [role, id] : parties) {
    REQUIRE(RunCli({"key", "gen", "--out", path(role)}).exit_code == 0);
    CliResult r = RunCli({"party", "add", "--store", store, "--id", id,
                          "--name", "Party " + id, "--role", role, "--pubkey",
                          path(role + ".pub")});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  }
  const std::vector<std::pair<std::string, std::string>> docs = {
      {"letter-of-credit.xml", "issuing-bank"},
      {"rail-waybill.xml", "carrier"},
      {"customs-declaration.xml", "customs-broker"},
      {"commercial-invoice.xml", "shipper"}};
  std::vector<std::string> submit = {"submit", "--store", store};
  for (const auto& [file, role] : docs) {
    CliResult r = RunCli({"sign", "--key", path(role + ".key"), "-o",
                          path(file), (shipment / file).string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    submit.push_back(path(file));
  }
  CliResult sub = RunCli(submit);
  REQUIRE_MESSAGE(sub.exit_code == 0, (sub.out + sub.err));

  CliResult r = RunCli({"examine", "--store", store, "--credit",
                        "DEL25LC0001234", "--presented", "2025-06-12",
                        "--other-document", "packing list",
                        "--other-document", "certificate of origin"});
  CHECK_MESSAGE(r.err.empty(), r.err);
  CHECK(r.exit_code == 1);
  // Same findings as the file-based late-presentation golden, except 47A
  // ("must not have been pledged or financed"): from files it is a manual
  // check; from the store it is judged, and nothing is pledged here.
  std::string golden = ReadFile(SourceDir() / "samples" / "presentations" /
                                "late-presentation" / "expected.txt");
  // The finding is a block of lines ending at a blank line.
  size_t pledged_block = golden.find("manual-check LC47A-NOT-PLEDGED");
  REQUIRE(pledged_block != std::string::npos);
  const size_t block_end = golden.find("\n\n", pledged_block);
  REQUIRE(block_end != std::string::npos);
  golden.erase(pledged_block, block_end + 2 - pledged_block);
  size_t count = golden.find("3 manual checks");
  REQUIRE(count != std::string::npos);
  golden.replace(count, 1, "2");
  CHECK(r.out.find("LC47A") == std::string::npos);
  REQUIRE(r.out.find('\n') != std::string::npos);
  CHECK(r.out.rfind("documents from store: commercial-invoice entry ", 0) == 0);
  CHECK(r.out.substr(r.out.find('\n') + 1) == golden);

  // Issue 13: the same when TRADEFIN_STORE names the store (the "documents
  // from store" line used to need an explicit --store).
  CliResult env = RunCli({"examine", "--credit", "DEL25LC0001234", "--presented", "2025-06-12",
                          "--other-document", "packing list", "--other-document",
                          "certificate of origin"},
                         "", {"TRADEFIN_STORE=" + store});
  CHECK(env.exit_code == 1);
  CHECK(env.err == "tradefin: using store " + store + " (from TRADEFIN_STORE)\n");
  CHECK(env.out == r.out);

  r = RunCli({"examine", "--store", store, "--credit", "NOSUCHCREDIT",
              "--presented", "2025-06-12"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no letter of credit with number NOSUCHCREDIT") !=
        std::string::npos);
  r = RunCli({"examine", "--store", store, "--credit", "DEL25LC0001234",
              "--lc", (shipment / "letter-of-credit.xml").string(),
              "--presented", "2025-06-12"});
  CHECK(r.exit_code == 2);
}

}  // namespace
}  // namespace tradefin::testing
