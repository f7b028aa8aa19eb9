// Currency, amount, quantity and unit price (Art. 18, 30, 31).
#include "testing/testing.h"

#include "fixtures.h"

namespace tradefin::testing {
namespace {

Presentation WithTotal(const char* total, const char* qty = "5000") {
  Presentation p = SamplePresentation();
  p.invoices[0].total = Eur(total);
  p.invoices[0].items[0].amount = Eur(total);
  p.invoices[0].items[0].quantity = Dec(qty);
  return p;
}

TEST_CASE("amount within 32B + 39A plus") {
  // 1250000.00 + 5% = 1312500.00 exactly allowed; one cent more is not.
  // (The lines still say 5000 sets at EUR 250.00: the total alone is over.)
  CHECK(Count(Run(SampleCredit(), WithTotal("1312500.00", "5000")),
              "UCP30-AMOUNT-OVER") == 0);
  ExaminationReport r = Run(SampleCredit(), WithTotal("1312500.01", "5000"));
  const Finding* f = FindRule(r, "UCP30-AMOUNT-OVER");
  REQUIRE(f != nullptr);
  CHECK(f->found == "EUR 1312500.01");
  CHECK(f->expected == "at most EUR 1312500.00 (32B 1250000.00 + 5%)");
}

TEST_CASE("no 39A: exact amount, unless about (Art. 30(a): 10%)") {
  LetterOfCredit lc = SampleCredit();
  lc.tolerance_plus_percent.reset();
  lc.tolerance_minus_percent.reset();
  lc.goods_description[0] = "+ABOUT 5000 SETS INDUSTRIAL SERVO MOTORS MODEL TF-750W, HS 850151";
  CHECK(Count(Run(lc, WithTotal("1250000.01", "5000")), "UCP30-AMOUNT-OVER") == 1);
  lc.additional_conditions.push_back("+CREDIT AMOUNT ABOUT EUR 1250000.00");
  ExaminationReport r = Run(lc, WithTotal("1375000.00", "5500"));
  CHECK(Count(r, "UCP30-AMOUNT-OVER") == 0);
  CHECK(Count(r, "UCP30-QUANTITY") == 0);
  CHECK(Count(r, "LC47A-UNMAPPED") == 0);  // the amount item is applied
  CHECK(Count(Run(lc, WithTotal("1375000.01", "5500")), "UCP30-AMOUNT-OVER") == 1);
}

TEST_CASE("an amount over because the quantity is over is one discrepancy") {
  // 5250 sets at EUR 250.00 = EUR 1312500.01 is over 32B + 5% only because
  // 250 sets too many were invoiced: one finding, the amount inside it.
  ExaminationReport r = Run(SampleCredit(), WithTotal("1312500.01", "5250"));
  CHECK(Count(r, "UCP30-AMOUNT-OVER") == 0);
  const Finding* f = FindRule(r, "UCP30-QUANTITY");
  REQUIRE(f != nullptr);
  // The amount, and the conflicts with the waybill and the declaration
  // (which show 5000 sets and EUR 1250000.00), all follow from it.
  REQUIRE(f->consequences.size() == 3);
  CHECK(f->consequences[0].find("total EUR 1312500.01 exceeds the most that "
                                "may be drawn, EUR 1312500.00") == 0);
  CHECK(f->consequences[1].find("UCP14D-QUANTITY") != std::string::npos);
  CHECK(f->consequences[2].find("UCP14D-VALUE") != std::string::npos);
  CHECK(Count(r, "UCP14D-QUANTITY") == 0);
  CHECK(Count(r, "UCP14D-VALUE") == 0);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 1);
}

TEST_CASE("a USD invoice under a EUR credit is a currency discrepancy only") {
  Presentation p = SamplePresentation();
  p.invoices[0].currency = "USD";
  p.invoices[0].total = *Money::Parse("USD", "1250000.00");
  p.invoices[0].items[0].amount = *Money::Parse("USD", "1250000.00");
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(Count(r, "UCP18A-CURRENCY") == 1);
  CHECK(Count(r, "UCP18-UNIT-PRICE") == 0);
  CHECK(Count(r, "UCP14D-UNIT-PRICE") == 0);
  CHECK(Count(r, "UCP14D-VALUE") == 0);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 1);
  const Finding* f = FindRule(r, "UCP18A-CURRENCY");
  REQUIRE(f != nullptr);
  // What follows from it is said inside the one finding.
  std::string all;
  for (const std::string& c : f->consequences) all += c + "|";
  CHECK(all.find("unit prices in USD cannot match 45A EUR 250.00") !=
        std::string::npos);
  CHECK(all.find("conflicts with EUR 250.00 per (customs unit 001) as customs-declaration") !=
        std::string::npos);
  CHECK(all.find("UCP14D-VALUE") != std::string::npos);
}

TEST_CASE("quantity counted in sets has no 5% tolerance") {
  ExaminationReport r = Run(SampleCredit(), WithTotal("1262500.00", "5050"));
  const Finding* f = FindRule(r, "UCP30-QUANTITY");
  REQUIRE(f != nullptr);
  CHECK(f->expected.find("no tolerance, Art. 30(b)") != std::string::npos);
}

TEST_CASE("bulk quantity has +-5% (Art. 30(b))") {
  LetterOfCredit lc = SampleCredit();
  lc.goods_description = {"+1000 MT UREA 46 PCT PRILLED, HS 310210",
                          "+UNIT PRICE EUR 1250.00 PER MT"};
  Presentation p = SamplePresentation();
  InvoiceItem& it = p.invoices[0].items[0];
  it.description = "UREA 46 PCT PRILLED";
  it.hs_code = "310210";
  it.unit = "MT";
  it.unit_price = Dec("1250.00");
  auto with = [&](const char* q, const char* amount) {
    Presentation x = p;
    x.invoices[0].items[0].quantity = Dec(q);
    x.invoices[0].items[0].amount = Eur(amount);
    x.invoices[0].total = Eur(amount);
    return Run(lc, x);
  };
  CHECK(Count(with("1050", "1312500.00"), "UCP30-QUANTITY") == 0);
  CHECK(Count(with("1050.001", "1312500.00"), "UCP30-QUANTITY") == 1);
}

TEST_CASE("under-drawing: 5% allowed when partial shipments are prohibited") {
  LetterOfCredit lc = SampleCredit();
  lc.partial_shipments = ShipmentPermission::kNotAllowed;
  lc.tolerance_plus_percent.reset();
  lc.tolerance_minus_percent.reset();
  // Full quantity, 5% less money: allowed (Art. 30(c)).
  Presentation p = WithTotal("1187500.00", "5000");
  p.invoices[0].items[0].unit_price = Dec("250.00");
  CHECK(Count(Run(lc, p), "UCP30-AMOUNT-UNDER") == 0);
  p = WithTotal("1187499.99", "5000");
  CHECK(Count(Run(lc, p), "UCP30-AMOUNT-UNDER") == 1);
  // Short quantity with partial shipments prohibited: no Art. 30(c) 5%.
  p = WithTotal("1237500.00", "4950");
  ExaminationReport r = Run(lc, p);
  CHECK(Count(r, "UCP30-QUANTITY") == 1);
  CHECK(Count(r, "UCP30-AMOUNT-UNDER") == 1);
  // Partial shipments allowed: a short drawing is a partial drawing.
  lc.partial_shipments = ShipmentPermission::kAllowed;
  r = Run(lc, p);
  CHECK(Count(r, "UCP30-QUANTITY") == 0);
  CHECK(Count(r, "UCP30-AMOUNT-UNDER") == 0);
}

TEST_CASE("39A minus binds when partial shipments are prohibited") {
  LetterOfCredit lc = SampleCredit();
  lc.partial_shipments = ShipmentPermission::kNotAllowed;
  CHECK(Count(Run(lc, WithTotal("1187500.00", "4750")), "UCP30-AMOUNT-UNDER") == 0);
  CHECK(Count(Run(lc, WithTotal("1187499.00", "4750")), "UCP30-AMOUNT-UNDER") == 1);
}

TEST_CASE("currency must be the 32B currency") {
  Presentation p = SamplePresentation();
  p.invoices[0].currency = "USD";
  p.invoices[0].total = *Money::Parse("USD", "1250000.00");
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(Count(r, "UCP18A-CURRENCY") == 1);
  CHECK(r.verdict == Verdict::kDiscrepant);
}

TEST_CASE("unit price as in 45A") {
  Presentation p = SamplePresentation();
  p.invoices[0].items[0].unit_price = Dec("251.00");
  const Finding* f = nullptr;
  ExaminationReport r = Run(SampleCredit(), p);
  f = FindRule(r, "UCP18-UNIT-PRICE");
  REQUIRE(f != nullptr);
  CHECK(f->found == "EUR 251.00");
  CHECK(f->expected == "EUR 250.00 per SET (45A)");
  p.invoices[0].items[0].unit_price = Dec("250");
  CHECK(Count(Run(SampleCredit(), p), "UCP18-UNIT-PRICE") == 0);
}

}  // namespace
}  // namespace tradefin::testing
