// tradefin validate: exit codes, text and JSON output, and the golden files
// samples/invalid/<name>.expected.{txt,json}.
#include <filesystem>
#include <string>

#include "testing/testing.h"

namespace tradefin {
namespace {

namespace fs = std::filesystem;
using testing::RunCli;
using testing::SourceDir;

// Output names files by the path given; goldens are written for paths
// relative to the repository root, so strip "<SourceDir>/".
std::string Relative(std::string s) {
  const std::string prefix = SourceDir().string() + "/";
  for (size_t pos; (pos = s.find(prefix)) != std::string::npos;) {
    s.erase(pos, prefix.size());
  }
  return s;
}

std::string Path(const std::string& rel) { return (SourceDir() / rel).string(); }

TEST_CASE("validate --help") {
  auto r = RunCli({"validate", "--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--json") != std::string::npos);
  CHECK(r.out.find("namespace") != std::string::npos);
}

TEST_CASE("validate: the sample shipment is valid, exit 0") {
  auto r = RunCli({"validate", Path("samples/shipment/letter-of-credit.xml"),
                   Path("samples/shipment/rail-waybill.xml"),
                   Path("samples/shipment/customs-declaration.xml"),
                   Path("samples/shipment/commercial-invoice.xml")});
  CHECK(r.exit_code == 0);
  CHECK(Relative(r.out) ==
        "samples/shipment/letter-of-credit.xml: valid (letter-of-credit)\n"
        "samples/shipment/rail-waybill.xml: valid (rail-waybill)\n"
        "samples/shipment/customs-declaration.xml: valid (customs-declaration)\n"
        "samples/shipment/commercial-invoice.xml: valid (commercial-invoice)\n");
  CHECK(r.err.empty());
}

TEST_CASE("validate: missing file exits 2 naming the file") {
  auto r = RunCli({"validate", "/nonexistent/dir/lc.xml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/nonexistent/dir/lc.xml") != std::string::npos);
  // A missing file wins over an invalid one: the run could not check all.
  auto mixed = RunCli({"validate", Path("samples/invalid/lc-bad-bic.xml"),
                       "/nonexistent/x.xml"});
  CHECK(mixed.exit_code == 2);
  CHECK(mixed.out.find("ID-BIC-FORMAT") != std::string::npos);
}

TEST_CASE("validate: no file is a usage error") {
  auto r = RunCli({"validate"});
  CHECK(r.exit_code != 0);
  CHECK(r.exit_code != 1);
}

TEST_CASE("validate --json is structurally sound") {
  auto r = RunCli({"validate", "--json", Path("samples/invalid/lc-bad-bic.xml"),
                   Path("samples/shipment/rail-waybill.xml")});
  CHECK(r.exit_code == 1);
  std::string out = Relative(r.out);
  CHECK(out.rfind(R"({"files":[{"file":"samples/invalid/lc-bad-bic.xml","type":"letter-of-credit","valid":false,"issues":[{"code":"ID-BIC-FORMAT",)", 0) == 0);
  CHECK(out.find(R"({"file":"samples/shipment/rail-waybill.xml","type":"rail-waybill","valid":true,"issues":[]})") != std::string::npos);
  REQUIRE(out.size() > 15);
  CHECK(out.substr(out.size() - 15) == "\"valid\":false}\n");
  // Balanced braces and brackets outside strings.
  int depth = 0;
  bool in_str = false;
  for (size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (in_str) {
      if (c == '\\') ++i;
      else if (c == '"') in_str = false;
      continue;
    }
    if (c == '"') in_str = true;
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    CHECK(depth >= 0);
  }
  CHECK(depth == 0);
  CHECK_FALSE(in_str);
}

TEST_CASE("golden: every samples/invalid file gives its expected output") {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(SourceDir() / "samples" / "invalid")) {
    if (entry.path().extension() != ".xml") continue;
    std::string stem = entry.path().stem().string();
    std::string rel = "samples/invalid/" + stem + ".xml";
    INFO(rel);
    fs::path txt = SourceDir() / "samples" / "invalid" / (stem + ".expected.txt");
    fs::path json = SourceDir() / "samples" / "invalid" / (stem + ".expected.json");
    REQUIRE_MESSAGE(fs::exists(txt), ("missing golden " + txt.string()));
    REQUIRE_MESSAGE(fs::exists(json), ("missing golden " + json.string()));
    auto r = RunCli({"validate", Path(rel)});
    CHECK(r.exit_code == 1);
    CHECK(Relative(r.out) == testing::ReadFile(txt));
    auto j = RunCli({"validate", "--json", Path(rel)});
    CHECK(j.exit_code == 1);
    CHECK(Relative(j.out) == testing::ReadFile(json));
    ++checked;
  }
  CHECK(checked >= 18);
}

}  // namespace
}  // namespace tradefin
