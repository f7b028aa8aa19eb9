// ToJson goes through nlohmann-json: escaping and UTF-8 are its job, and
// the output is valid JSON and valid UTF-8 whatever a model holds.
#include <nlohmann/json.hpp>

#include "cli/utf8_check.h"
#include "testing/testing.h"
#include "tradefin/document/json.h"

namespace tradefin {
namespace {

TEST_CASE("ToJson of a hand-built model with bytes that are not UTF-8 is valid UTF-8") {
  CommercialInvoice ci;
  ci.title = "INVOICE \xff\xfe END";
  ci.invoice_number = "A\x01" "B";
  const std::string out = ToJson(DocumentModel(ci));
  CHECK(testing::IsUtf8(out));
  CHECK(out.find("INVOICE \xEF\xBF\xBD\xEF\xBF\xBD END") != std::string::npos);
  CHECK(out.find("\"invoice_number\":\"A\\u0001B\"") != std::string::npos);
  // It parses back, with the fields in declaration order.
  auto j = nlohmann::ordered_json::parse(out);
  CHECK(j.begin().key() == "title");
  CHECK(j["invoice_number"] == "A\x01" "B");
}

TEST_CASE("ToJson pretty output parses to the same value as compact output") {
  CommercialInvoice ci;
  ci.invoice_number = "TF-1";
  ci.items.push_back({});
  const std::string compact = ToJson(DocumentModel(ci));
  const std::string pretty = ToJson(DocumentModel(ci), JsonOptions{true});
  CHECK(pretty.find("\n  \"invoice_number\": \"TF-1\"") != std::string::npos);
  CHECK(nlohmann::json::parse(compact) == nlohmann::json::parse(pretty));
}

}  // namespace
}  // namespace tradefin
