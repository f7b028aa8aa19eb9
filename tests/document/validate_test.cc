// The full Validator: hardened parse, namespace detection, XSD, parsers and
// rules, over the sample shipment and every file in samples/invalid/.
#include "tradefin/document/validate.h"

#include <filesystem>
#include <sstream>
#include <thread>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"

namespace tradefin {
namespace {

namespace fs = std::filesystem;

const Validator& TheValidator() {
  static Runtime runtime;
  static std::unique_ptr<Validator> v = [] {
    auto r = Validator::Create({});
    REQUIRE_OK(r);
    return std::move(r).value();
  }();
  return *v;
}

std::string Dump(const ValidationReport& r) {
  std::string out;
  for (const auto& i : r.issues) out += FormatIssue(i) + "\n";
  return out;
}

TEST_CASE("the sample shipment is valid") {
  for (const char* name : {"letter-of-credit", "rail-waybill",
                           "customs-declaration", "commercial-invoice"}) {
    fs::path p = testing::SourceDir() / "samples" / "shipment" /
                 (std::string(name) + ".xml");
    auto report = TheValidator().ValidateFile(p.string());
    REQUIRE_OK(report);
    INFO(Dump(*report));
    CHECK(report->valid());
    REQUIRE(report->type.has_value());
    CHECK(DocumentTypeName(*report->type) == name);
  }
}

TEST_CASE("every invalid sample gives exactly its expected code") {
  // From samples/invalid/README.md.
  const std::pair<const char*, const char*> expected[] = {
      {"lc-missing-credit-number", "XSD-INVALID"},
      {"lc-expiry-before-issue", "DATE-ORDER"},
      {"lc-bad-bic", "ID-BIC-FORMAT"},
      {"lc-bad-currency-exponent", "MONEY-EXPONENT"},
      {"lc-unknown-currency", "MONEY-CURRENCY"},
      {"invoice-total-mismatch", "SUM-TOTAL"},
      {"invoice-line-amount-mismatch", "SUM-LINE-AMOUNT"},
      {"invoice-bad-hs-code", "ID-HS-CODE"},
      {"invoice-bad-lei", "ID-LEI-CHECK"},
      {"waybill-bad-container-check-digit", "ID-CONTAINER-CHECK"},
      {"waybill-bad-wagon-check-digit", "ID-WAGON-CHECK"},
      {"waybill-invalid-date", "XSD-INVALID"},
      {"customs-bad-declaration-number", "ID-DECLARATION-NUMBER"},
      {"customs-bad-uscc", "ID-USCC-CHECK"},
      {"xml-doctype", "XML-DOCTYPE"},
      {"xml-malformed", "XML-MALFORMED"},
      {"xml-too-deep", "XML-TOO-DEEP"},
      {"xml-encoding", "XML-ENCODING"},
  };
  for (const auto& [name, code] : expected) {
    fs::path p = testing::SourceDir() / "samples" / "invalid" /
                 (std::string(name) + ".xml");
    auto report = TheValidator().ValidateFile(p.string());
    REQUIRE_OK(report);
    INFO(name, "\n", Dump(*report));
    REQUIRE(report->issues.size() >= 1);
    for (const auto& issue : report->issues) {
      CHECK(issue.code == code);
      CHECK(issue.file == p.string());
      CHECK_FALSE(issue.message.empty());
      std::ostringstream streamed;
      streamed << issue;
      CHECK(streamed.str() == FormatIssue(issue));
    }
  }
}

TEST_CASE("XSD content-model errors point at the misplaced element") {
  auto r = TheValidator().ValidateFile(
      (testing::SourceDir() / "samples" / "invalid" / "lc-missing-credit-number.xml")
          .string());
  REQUIRE_OK(r);
  REQUIRE(r->issues.size() == 1);
  CHECK(r->issues[0].message ==
        "Element IssueDate is not allowed here: the mandatory element "
        "CreditNumber is missing before it.");
  CHECK(r->issues[0].path == "/lc:LetterOfCredit/lc:IssueDate");
  CHECK(r->issues[0].line == 16);

  // An element out of order (no mandatory one missing).
  std::string lc = testing::ReadFile(testing::SourceDir() / "samples" /
                                     "shipment" / "letter-of-credit.xml");
  std::string moved = lc;
  const std::string pd = "  <lc:PresentationDays>21</lc:PresentationDays>\n";
  moved.erase(moved.find(pd), pd.size());
  moved.insert(moved.find("  <lc:Charges>"), pd);
  auto o = TheValidator().Validate(moved, "m.xml");
  REQUIRE_OK(o);
  REQUIRE_FALSE(o->issues.empty());
  CHECK(o->issues[0].code == "XSD-INVALID");
  CHECK(o->issues[0].path.find("/lc:LetterOfCredit/lc:") == 0);

  // Other schema errors keep Xerces' text and point at the element.
  auto d = TheValidator().ValidateFile(
      (testing::SourceDir() / "samples" / "invalid" / "waybill-invalid-date.xml")
          .string());
  REQUIRE_OK(d);
  REQUIRE(d->issues.size() == 1);
  CHECK(d->issues[0].path == "/wb:RailWaybill/wb:DepartureDate");
  CHECK(d->issues[0].message.find("2025-02-30") != std::string::npos);
}

TEST_CASE("semantic_checks = false stops after the XSD") {
  ValidateOptions opts;
  opts.semantic_checks = false;
  auto v = Validator::Create(opts);
  REQUIRE_OK(v);
  auto r = (*v)->ValidateFile(
      (testing::SourceDir() / "samples" / "invalid" / "lc-bad-bic.xml").string());
  REQUIRE_OK(r);
  CHECK(r->valid());
}

TEST_CASE("the schemas allow exactly one trailing ds:Signature, nothing else") {
  std::string lc = testing::ReadFile(testing::SourceDir() / "samples" /
                                     "shipment" / "letter-of-credit.xml");
  const std::string end = "</lc:LetterOfCredit>";
  auto with_tail = [&](const std::string& tail) {
    std::string doc = lc;
    doc.insert(doc.rfind(end), tail);
    return doc;
  };
  const std::string ds = " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"";
  // A Signature's content is the verifier's business, not the schema's.
  auto sig = TheValidator().Validate(
      with_tail("<ds:Signature" + ds + "><ds:SignedInfo><ds:Anything/>"
                "</ds:SignedInfo></ds:Signature>"),
      "sig.xml");
  REQUIRE_OK(sig);
  CHECK_MESSAGE(sig->valid(), Dump(*sig));
  // Any other element of the signature namespace is not allowed there.
  auto obj = TheValidator().Validate(
      with_tail("<ds:Object" + ds + "/>"), "obj.xml");
  REQUIRE_OK(obj);
  REQUIRE_FALSE(obj->issues.empty());
  CHECK(obj->issues[0].code == "XSD-INVALID");
  // Nor two signatures.
  auto two = TheValidator().Validate(
      with_tail("<ds:Signature" + ds + "/><ds:Signature" + ds + "/>"),
      "two.xml");
  REQUIRE_OK(two);
  CHECK_FALSE(two->valid());
  // ds:Signature is no document type of its own.
  auto bare = TheValidator().Validate("<ds:Signature" + ds + "/>", "b.xml");
  REQUIRE_OK(bare);
  REQUIRE(bare->issues.size() == 1);
  CHECK(bare->issues[0].code == "DOC-UNKNOWN-TYPE");
}

TEST_CASE("unknown root namespace") {
  auto r = TheValidator().Validate("<a xmlns='urn:x'/>", "x.xml");
  REQUIRE_OK(r);
  REQUIRE(r->issues.size() == 1);
  CHECK(r->issues[0].code == "DOC-UNKNOWN-TYPE");
  CHECK_FALSE(r->type.has_value());
}

TEST_CASE("too large input is XML-TOO-LARGE") {
  ValidateOptions opts;
  opts.parse.max_bytes = 1024;
  auto v = Validator::Create(opts);
  REQUIRE_OK(v);
  std::string big = testing::ReadFile(testing::SourceDir() / "samples" /
                                      "shipment" / "rail-waybill.xml");
  auto r = (*v)->Validate(big, "big.xml");
  REQUIRE_OK(r);
  REQUIRE(r->issues.size() == 1);
  CHECK(r->issues[0].code == "XML-TOO-LARGE");
  auto f = (*v)->ValidateFile(
      (testing::SourceDir() / "samples" / "shipment" / "rail-waybill.xml").string());
  REQUIRE_OK(f);
  REQUIRE(f->issues.size() == 1);
  CHECK(f->issues[0].code == "XML-TOO-LARGE");
}

TEST_CASE("missing file is NotFound") {
  auto r = TheValidator().ValidateFile("/nonexistent/x.xml");
  CHECK(r.status().code() == StatusCode::kNotFound);
  CHECK(std::string(r.status().message()).find("/nonexistent/x.xml") !=
        std::string::npos);
}

TEST_CASE("Parse returns the model or the first issue") {
  std::string xml = testing::ReadFile(testing::SourceDir() / "samples" /
                                      "shipment" / "customs-declaration.xml");
  auto doc = TheValidator().Parse(xml, "cd.xml");
  REQUIRE_OK(doc);
  CHECK(doc->type == DocumentType::kCustomsDeclaration);
  CHECK(doc->natural_key == "790120250000123456");
  CHECK(std::get<CustomsDeclaration>(doc->model).total.minor_units == 125000000);

  std::string bad = testing::ReadFile(testing::SourceDir() / "samples" /
                                      "invalid" / "customs-bad-uscc.xml");
  auto err = TheValidator().Parse(bad, "bad.xml");
  REQUIRE_FALSE(err.ok());
  CHECK(err.status().code() == StatusCode::kInvalidArgument);
  CHECK(std::string(err.status().message()).rfind("bad.xml:", 0) == 0);
  CHECK(std::string(err.status().message()).find("ID-USCC-CHECK") !=
        std::string::npos);
}

TEST_CASE("one Validator is usable from several threads" * doctest::test_suite("concurrency")) {
  std::string xml = testing::ReadFile(testing::SourceDir() / "samples" /
                                      "shipment" / "rail-waybill.xml");
  std::string bad = testing::ReadFile(testing::SourceDir() / "samples" / "invalid" /
                                      "waybill-bad-container-check-digit.xml");
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto a = TheValidator().Validate(xml, "a");
        auto b = TheValidator().Validate(bad, "b");
        if (!a.ok() || !a->valid() || !b.ok() || b->issues.size() != 1) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
}

}  // namespace
}  // namespace tradefin
