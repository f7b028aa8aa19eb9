// Expiry (Art. 6(d), 29(a)), presentation period (Art. 14(c)), latest
// shipment date and period (44C/44D, Art. 3, 29(c)), document dates (14(i)).
#include "testing/testing.h"

#include "fixtures.h"

namespace tradefin::testing {
namespace {

TEST_CASE("presentation after expiry is discrepant") {
  Presentation p = SamplePresentation();
  p.presentation_date = Date{2025, 7, 1};
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(r.verdict == Verdict::kDiscrepant);
  const Finding* f = FindRule(r, "UCP6D-EXPIRY");
  REQUIRE(f != nullptr);
  CHECK(f->found == "presented 2025-07-01");
  CHECK(Count(r, "UCP14C-PRESENTATION-PERIOD") == 1);
}

TEST_CASE("expiry on a weekend moves to the next banking day (Art. 29(a))") {
  LetterOfCredit lc = SampleCredit();
  lc.expiry_date = {2025, 6, 28};  // Saturday
  lc.latest_shipment_date = Date{2025, 6, 20};
  Presentation p = SamplePresentation();
  p.waybills[0].departure_date = {2025, 6, 20};
  p.waybills[0].issue_date = {2025, 6, 20};
  p.presentation_date = Date{2025, 6, 30};  // Monday
  ExaminationReport r = Run(lc, p);
  CHECK(Count(r, "UCP6D-EXPIRY") == 0);
  CHECK(r.effective_expiry_date == Date{2025, 6, 30});
  p.presentation_date = Date{2025, 7, 1};
  r = Run(lc, p);
  const Finding* f = FindRule(r, "UCP6D-EXPIRY");
  REQUIRE(f != nullptr);
  CHECK(f->expected.find("moved per Art. 29(a)") != std::string::npos);
}

TEST_CASE("holiday calendar moves the last day for presentation") {
  // Shipment 2025-05-20 + 21 days = Tue 2025-06-10; make it a holiday.
  Presentation p = SamplePresentation();
  p.presentation_date = Date{2025, 6, 11};
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(Count(r, "UCP14C-PRESENTATION-PERIOD") == 1);
  ExamineOptions o;
  o.calendar.AddHoliday({2025, 6, 10});
  r = Run(SampleCredit(), p, o);
  CHECK(Count(r, "UCP14C-PRESENTATION-PERIOD") == 0);
  REQUIRE(r.last_presentation_day.has_value());
  CHECK(*r.last_presentation_day == Date{2025, 6, 11});
}

TEST_CASE("presentation period: 48 days, default 21, shipment per Art. 24") {
  Presentation p = SamplePresentation();
  p.presentation_date = Date{2025, 6, 10};
  CHECK(Count(Run(SampleCredit(), p), "UCP14C-PRESENTATION-PERIOD") == 0);
  LetterOfCredit lc = SampleCredit();
  lc.presentation_days = 7;
  const Finding* f = nullptr;
  ExaminationReport r = Run(lc, p);
  f = FindRule(r, "UCP14C-PRESENTATION-PERIOD");
  REQUIRE(f != nullptr);
  CHECK(f->expected.find("2025-05-27") != std::string::npos);
  lc.presentation_days.reset();  // default 21
  CHECK(Count(Run(lc, p), "UCP14C-PRESENTATION-PERIOD") == 0);
  // No departure stamp: the issue date is the shipment date.
  p.waybills[0].departure_stamp = false;
  p.waybills[0].issue_date = {2025, 5, 10};
  p.invoices[0].issue_date = {2025, 5, 9};
  p.customs_declarations[0].declaration_date = {2025, 5, 9};
  r = Run(SampleCredit(), p);
  f = FindRule(r, "UCP14C-PRESENTATION-PERIOD");
  REQUIRE(f != nullptr);
  CHECK(f->expected.find("shipment 2025-05-10") != std::string::npos);
}

TEST_CASE("latest shipment date (44C) is never extended") {
  LetterOfCredit lc = SampleCredit();
  lc.latest_shipment_date = Date{2025, 5, 18};  // a Sunday
  ExaminationReport r = Run(lc, SamplePresentation());
  // Shipped Tuesday 20 May: no Art. 29 move for the shipment date.
  const Finding* f = FindRule(r, "UCP24-LATEST-SHIPMENT");
  REQUIRE(f != nullptr);
  CHECK(f->found == "shipped 2025-05-20 (departure stamp)");
  lc.latest_shipment_date = Date{2025, 5, 20};
  CHECK(Count(Run(lc, SamplePresentation()), "UCP24-LATEST-SHIPMENT") == 0);
}

TEST_CASE("shipment period (44D) with Art. 3 words") {
  LetterOfCredit lc = SampleCredit();
  lc.latest_shipment_date.reset();
  lc.shipment_period = {"SHIPMENT ON OR ABOUT 15 MAY 2025"};
  CHECK(Count(Run(lc, SamplePresentation()), "UCP3-SHIPMENT-PERIOD") == 0);
  lc.shipment_period = {"SHIPMENT BEFORE 20 MAY 2025"};
  CHECK(Count(Run(lc, SamplePresentation()), "UCP3-SHIPMENT-PERIOD") == 1);
  lc.shipment_period = {"SECOND HALF OF MAY 2025"};
  CHECK(Count(Run(lc, SamplePresentation()), "UCP3-SHIPMENT-PERIOD") == 0);
  lc.shipment_period = {"FIRST HALF OF MAY 2025"};
  CHECK(Count(Run(lc, SamplePresentation()), "UCP3-SHIPMENT-PERIOD") == 1);
  // Not understood: a manual check, never a silent pass.
  lc.shipment_period = {"PROMPT SHIPMENT AFTER RECEIPT OF ADVANCE"};
  ExaminationReport r = Run(lc, SamplePresentation());
  CHECK(Count(r, "LC44D-UNPARSED") == 1);
  CHECK(r.verdict == Verdict::kComplyingSubjectToManualCheck);
}

TEST_CASE("documents dated after presentation (Art. 14(i))") {
  Presentation p = SamplePresentation();
  p.invoices[0].issue_date = {2025, 5, 29};
  ExaminationReport r = Run(SampleCredit(), p);
  const Finding* f = FindRule(r, "UCP14I-DOCUMENT-DATE");
  REQUIRE(f != nullptr);
  CHECK(f->document.type == "commercial-invoice");
  CHECK(Count(Run(SampleCredit(), SamplePresentation()),
              "UCP14I-DOCUMENT-DATE") == 0);
}

TEST_CASE("31D place checked only when the place of presentation is given") {
  ExamineOptions o;
  o.presentation_place = "Chengdu, China";
  CHECK(Count(Run(SampleCredit(), SamplePresentation(), o),
              "UCP6D-EXPIRY-PLACE") == 0);
  o.presentation_place = "SHANGHAI";
  CHECK(Count(Run(SampleCredit(), SamplePresentation(), o),
              "UCP6D-EXPIRY-PLACE") == 1);
}

}  // namespace
}  // namespace tradefin::testing
