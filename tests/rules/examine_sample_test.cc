// The code-built sample shipment examined as a whole.
#include "testing/testing.h"

#include "fixtures.h"

namespace tradefin::testing {
namespace {

TEST_CASE("sample presentation complies, subject to manual checks") {
  ExaminationReport r = Run(SampleCredit(), SamplePresentation());
  CHECK(r.verdict == Verdict::kComplyingSubjectToManualCheck);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 0);
  REQUIRE(r.last_presentation_day.has_value());
  CHECK(*r.last_presentation_day == Date{2025, 6, 10});
  // Packing list and certificate of origin are only declared; 47A item 2
  // (not pledged) needs financing facts the presentation does not carry.
  CHECK(Count(r, "LC46A-NOT-EXAMINED") == 2);
  CHECK(Count(r, "LC47A-NOT-PLEDGED") == 1);
  CHECK(r.CountSeverity(Severity::kManualCheck) == 3);
  CHECK(r.unmapped.empty());
  // The discrepancy fee is ignored explicitly (Art. 14(h)).
  bool fee = false;
  for (const IgnoredItem& i : r.ignored)
    fee |= i.field == "47A" && i.item == 3;
  CHECK(fee);
}

TEST_CASE("no presentation date is an error, not a verdict") {
  Presentation p = SamplePresentation();
  p.presentation_date.reset();
  Result<ExaminationReport> r = Examine(SampleCredit(), p, {});
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  ExamineOptions o;
  o.presentation_date = Date{2025, 5, 28};
  CHECK_OK(Examine(SampleCredit(), p, o));
}

}  // namespace
}  // namespace tradefin::testing
