// document_internal::ParseKeepingTree: the store validates and verifies one
// parsed tree, so the tree handed back must be the document that was
// validated, and every refusal must be exactly Validator::Parse's.
#include <string>

#include "document/validator_internal.h"
#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::SourceDir;

TEST_CASE("ParseKeepingTree returns the model and the tree it was read from") {
  auto v = Validator::Create({});
  REQUIRE_OK(v);
  std::string bytes = ReadFile(SourceDir() / "samples/shipment/rail-waybill.xml");
  auto parsed = document_internal::ParseKeepingTree(**v, bytes, "wb.xml");
  REQUIRE_OK(parsed);
  REQUIRE(parsed->tree != nullptr);
  CHECK(parsed->tree->root().local_name() == "RailWaybill");
  CHECK(parsed->tree->root().ns_uri() == "urn:tradefin:waybill:1");
  auto model = (*v)->Parse(bytes, "wb.xml");
  REQUIRE_OK(model);
  CHECK(parsed->model.type == model->type);
  CHECK(parsed->model.natural_key == model->natural_key);
}

TEST_CASE("ParseKeepingTree refuses exactly what Validator::Parse refuses") {
  auto v = Validator::Create({});
  REQUIRE_OK(v);
  std::string good = ReadFile(SourceDir() / "samples/shipment/letter-of-credit.xml");
  std::string not_xml = "<lc:LetterOfCredit xmlns:lc=\"urn:tradefin:lc:1\">";
  std::string bad_currency = good;
  size_t at = bad_currency.find("currency=\"EUR\"");
  REQUIRE(at != std::string::npos);
  bad_currency.replace(at, 14, "currency=\"eur\"");
  for (const std::string& bytes : {not_xml, bad_currency}) {
    auto parsed = document_internal::ParseKeepingTree(**v, bytes, "lc.xml");
    auto plain = (*v)->Parse(bytes, "lc.xml");
    REQUIRE_FALSE(parsed.ok());
    REQUIRE_FALSE(plain.ok());
    CHECK(parsed.status().code() == plain.status().code());
    CHECK(parsed.status().message() == plain.status().message());
  }
}

}  // namespace
}  // namespace tradefin
