// Inputs found by the fuzz targets (fuzz/, docs/testing.md "Fuzzing"), fed
// to the document module exactly as found.
#include <string>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/financing_event.h"

namespace tradefin {
namespace {

std::string Regression(const char* name) {
  return testing::ReadFile(testing::DataDir() / "fuzz-regressions" / name);
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

// financing_event_fuzz: <fe:TenorDays> 9</fe:TenorDays> passed the schema
// (xs:int collapses whitespace) and the reader then read it as 0 days, so
// the model disagreed with the signed bytes. Every integer now has one
// written form, in the schema and in the reader.
TEST_CASE("fuzz regression: a financing event integer has exactly one written form") {
  Runtime runtime;
  auto reader = FinancingEventReader::Create();
  REQUIRE_OK(reader);
  const std::string found = Regression("financing-event-tenor-space.xml");
  auto event = (*reader)->Parse(found);
  CHECK_FALSE(event.ok());
  if (event.ok()) CHECK(event->tenor_days == 9);  // at least not a silent 0

  auto plain = (*reader)->Parse(Replace(found, "> 9<", ">9<"));
  REQUIRE_OK(plain);
  CHECK(plain->tenor_days == 9);
  for (const char* bent : {">+9<", ">009<", ">9 <", ">0<", ">3651<"}) {
    CAPTURE(bent);
    CHECK_FALSE((*reader)->Parse(Replace(found, "> 9<", bent)).ok());
  }
  CHECK_OK((*reader)->Parse(Replace(found, "> 9<", ">3650<")));
}

}  // namespace
}  // namespace tradefin
