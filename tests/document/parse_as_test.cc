// Issue 13: typed access. ParseAs<T> / ParseFileAs<T> return the model the
// caller expects or a clear error, never std::bad_variant_access.
#include <string>

#include "testing/testing.h"
#include "tradefin/document/validate.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::SourceDir;

std::string Sample(const std::string& rel) {
  return (SourceDir() / "samples" / rel).string();
}

TEST_CASE("issue 13: ParseFileAs<T> returns the model of the expected type") {
  auto v = Validator::Create({});
  REQUIRE_OK(v);
  auto lc = ParseFileAs<LetterOfCredit>(**v, Sample("shipment/letter-of-credit.xml"));
  REQUIRE_OK(lc);
  CHECK(lc->credit_number == "DEL25LC0001234");
  auto wb = ParseAs<RailWaybill>(**v, ReadFile(Sample("shipment/rail-waybill.xml")),
                                 "wb.xml");
  REQUIRE_OK(wb);
}

TEST_CASE("issue 13: ParseAs<T> names both types when the document is another") {
  auto v = Validator::Create({});
  REQUIRE_OK(v);
  auto r = ParseFileAs<RailWaybill>(**v, Sample("shipment/letter-of-credit.xml"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().IsInvalidArgument());
  const std::string m(r.status().message());
  CHECK(m.find("is a letter-of-credit, expected a rail-waybill") != std::string::npos);
  CHECK(m.find("letter-of-credit.xml") != std::string::npos);
}

TEST_CASE("issue 13: ParseFile reports missing files, directories and invalid documents") {
  auto v = Validator::Create({});
  REQUIRE_OK(v);
  CHECK((*v)->ParseFile(Sample("no-such-file.xml")).status().IsNotFound());
  auto dir = (*v)->ParseFile(Sample("shipment"));
  CHECK(dir.status().IsIOError());
  CHECK(std::string(dir.status().message()).find("is a directory") != std::string::npos);
  auto bad = (*v)->ParseFile(Sample("invalid/lc-bad-bic.xml"));
  CHECK(bad.status().IsInvalidArgument());
  auto ok = (*v)->ParseFile(Sample("shipment/customs-declaration.xml"));
  REQUIRE_OK(ok);
  CHECK(ok->type == DocumentType::kCustomsDeclaration);
}

}  // namespace
}  // namespace tradefin
