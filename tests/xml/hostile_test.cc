// The hostile corpus (tests/data/hostile/, see its README.md) and generated
// attacks: each is refused by both the libxml2 parse and the Xerces
// validator, with the expected code, in well under a second, leaking
// nothing. The one-second bound is a safety net against hangs and
// expansion blow-ups, not a benchmark.
#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "testing/testing.h"
#include "xml/schema_validator.h"
#include "xml/xml_tree.h"

namespace tradefin::xml {
namespace {

using testing::ReadFile;
using testing::SourceDir;

const char kRootOpen[] = "<lc:LetterOfCredit xmlns:lc=\"urn:tradefin:lc:1\">";
const char kRootClose[] = "</lc:LetterOfCredit>\n";

// Lines of /etc/passwd long enough to be recognisable; none may appear in
// any message.
std::vector<std::string> Secrets() {
  std::vector<std::string> lines;
  std::ifstream in("/etc/passwd");
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() >= 8) lines.push_back(line.substr(0, 8));
  }
  lines.push_back("root:x:0");
  return lines;
}

void CheckNoLeak(const std::string& text) {
  for (const std::string& s : Secrets()) {
    CHECK_MESSAGE(text.find(s) == std::string::npos, (std::string("leaked: ") + s));
  }
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// Runs both parsers on `bytes`; both must refuse with `code`.
// (A validator per call, not a static: it must be destroyed before the
// Runtime that test_main owns terminates Xerces-C.)
void CheckRefusedByBoth(const std::string& name, const std::string& bytes,
                        const std::string& code) {
  CAPTURE(name);
  auto validator = SchemaValidator::Create();
  REQUIRE_OK(validator);

  auto start = std::chrono::steady_clock::now();
  ParseError error;
  auto doc = Document::Parse(bytes, ParseOptions(), &error);
  double libxml_seconds = SecondsSince(start);
  CHECK(doc == nullptr);
  CHECK_MESSAGE(error.code == code, error.ToString());
  CHECK(!error.message.empty());
  CHECK(libxml_seconds < 1.0);
  CheckNoLeak(error.ToString());

  start = std::chrono::steady_clock::now();
  std::vector<SchemaError> errors;
  Status s = (*validator)->Validate(bytes, &errors);
  double xerces_seconds = SecondsSince(start);
  CHECK_STATUS_OK(s);
  REQUIRE_FALSE(errors.empty());
  // The refusal that stopped the scan is the last error; schema errors on
  // the way (e.g. undeclared elements) may precede it.
  std::string all;
  for (const auto& e : errors) all += e.code + ": " + e.message + "\n";
  CHECK_MESSAGE(errors.back().code == code, all);
  CHECK(xerces_seconds < 1.0);
  CheckNoLeak(all);
}

TEST_CASE("hostile corpus files are refused by both parsers") {
  const std::pair<const char*, const char*> cases[] = {
      {"xxe-file.xml", "XML-DOCTYPE"},
      {"xxe-network.xml", "XML-DOCTYPE"},
      {"xxe-parameter-entity.xml", "XML-DOCTYPE"},
      {"external-dtd.xml", "XML-DOCTYPE"},
      {"billion-laughs.xml", "XML-DOCTYPE"},
      {"invalid-utf8.xml", "XML-ENCODING"},
      {"overlong-utf8.xml", "XML-ENCODING"},
      {"declared-utf16-utf8-bytes.xml", "XML-ENCODING"},
      {"declared-utf7.xml", "XML-ENCODING"},
      {"declared-ebcdic.xml", "XML-ENCODING"},
      {"ebcdic-bytes.xml", "XML-ENCODING"},
      {"bom-utf16le-utf8-content.xml", "XML-ENCODING"},
      {"bom-utf8-declared-utf16.xml", "XML-ENCODING"},
      {"utf16le-no-bom.xml", "XML-ENCODING"},
  };
  for (const auto& [file, code] : cases) {
    CheckRefusedByBoth(file, ReadFile(SourceDir() / "tests/data/hostile" / file),
                       code);
  }
}

TEST_CASE("100 000-deep nesting is refused fast, without recursion") {
  std::string bytes = kRootOpen;
  bytes.reserve(100000 * 7 + 100);
  for (int i = 0; i < 100000; ++i) bytes += "<a>";
  for (int i = 0; i < 100000; ++i) bytes += "</a>";
  bytes += kRootClose;
  CheckRefusedByBoth("deep", bytes, "XML-TOO-DEEP");
}

TEST_CASE("quadratic blow-up (one big entity referenced many times)") {
  std::string bytes = "<!DOCTYPE lc:LetterOfCredit [<!ENTITY a \"";
  bytes += std::string(100000, 'a');
  bytes += "\">]>";
  bytes += kRootOpen;
  for (int i = 0; i < 10000; ++i) bytes += "&a;";
  bytes += kRootClose;
  CheckRefusedByBoth("quadratic", bytes, "XML-DOCTYPE");
}

TEST_CASE("huge attribute, huge text, too many attributes, oversized input") {
  const std::string big(2 * 1024 * 1024, 'x');
  CheckRefusedByBoth(
      "huge-attribute",
      "<lc:LetterOfCredit xmlns:lc=\"urn:tradefin:lc:1\" a=\"" + big + "\"/>",
      "XML-TEXT-TOO-LARGE");
  // Inside an element with simple content: in element-only content Xerces
  // reports character data as a schema error without passing it on.
  CheckRefusedByBoth("huge-text",
                     kRootOpen + std::string("<lc:CreditNumber>") + big +
                         "</lc:CreditNumber>" + kRootClose,
                     "XML-TEXT-TOO-LARGE");
  std::string attrs;
  for (int i = 0; i < 1000; ++i) attrs += " a" + std::to_string(i) + "=\"v\"";
  CheckRefusedByBoth(
      "many-attributes",
      "<lc:LetterOfCredit xmlns:lc=\"urn:tradefin:lc:1\"" + attrs + "/>",
      "XML-TOO-MANY-ATTRIBUTES");
  CheckRefusedByBoth("oversized",
                     kRootOpen + std::string(17 * 1024 * 1024, ' ') + kRootClose,
                     "XML-TOO-LARGE");
}

TEST_CASE("a CDATA run counts toward the text limit") {
  ParseOptions o;
  o.max_text_bytes = 10;
  ParseError error;
  CHECK(Document::Parse("<a>12345<![CDATA[678901]]></a>", o, &error) == nullptr);
  CHECK(error.code == "XML-TEXT-TOO-LARGE");
}

}  // namespace
}  // namespace tradefin::xml

namespace tradefin::xml {
namespace {

TEST_CASE("encoding errors are located by line and column") {
  ParseError error;
  std::string bytes = "<a>\nabcdefghijklmnop\xC3\x28</a>";
  CHECK(Document::Parse(bytes, ParseOptions(), &error) == nullptr);
  CHECK(error.code == "XML-ENCODING");
  CHECK(error.line == 2);
  CHECK(error.column == 17);
  bytes = std::string("<a>0123456789") + '\0' + "</a>";
  CHECK(Document::Parse(bytes, ParseOptions(), &error) == nullptr);
  CHECK(error.code == "XML-ENCODING");
  CHECK(error.column == 14);
  // Multi-byte UTF-8 is fine, including 4-byte sequences.
  CHECK(Document::Parse("<a>\xC5\x81\xC3\xB3" "d\xC5\xBA \xE5\x87\xBA \xF0\x9F\x9A\x82</a>",
                        ParseOptions(), &error) != nullptr);
}

}  // namespace
}  // namespace tradefin::xml
