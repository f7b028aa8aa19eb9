// Data across documents (UCP 600 Art. 14(d)), units, and one defect
// reported once. Code-built models: each test changes the sample shipment.
#include "testing/testing.h"

#include "fixtures.h"
#include "rules/internal.h"

namespace tradefin::testing {
namespace {

ExaminationReport RunSample(const Presentation& p) {
  return Run(SampleCredit(), p);
}

TEST_CASE("invoice quantity conflicting with waybill and declaration") {
  // The case: 4,750 sets invoiced, 5,000 on the waybill and the
  // declaration. Partial shipments are allowed, so 45A is not breached;
  // the conflict is.
  Presentation p = SamplePresentation();
  p.invoices[0].items[0].quantity = Dec("4750");
  p.invoices[0].items[0].amount = Eur("1187500.00");
  p.invoices[0].total = Eur("1187500.00");
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP30-QUANTITY") == 0);
  REQUIRE(Count(r, "UCP14D-QUANTITY") == 1);
  const Finding* f = FindRule(r, "UCP14D-QUANTITY");
  CHECK(f->document.type == "commercial-invoice");
  CHECK(f->document.number == "TF2025-0517");
  CHECK(f->fields == std::vector<std::string>{"items.quantity"});
  CHECK(f->found == "4750 SET");  // as the invoice writes it
  CHECK(f->other_document.type == "rail-waybill");
  CHECK(f->other_document.number == "25CX050417");
  CHECK(f->other_fields == std::vector<std::string>{"goods[0].description"});
  // The text is for people: the field in words, list items counted from 1.
  CHECK(f->expected == "5000 SETS as rail-waybill 25CX050417 "
                       "goods #1 description shows");
  CHECK(f->reference == "UCP 600 Art. 14(d); ISBP 821 C12");
  // The invoice value then differs from the declaration's: a consequence,
  // not a second discrepancy.
  CHECK(Count(r, "UCP14D-VALUE") == 0);
  REQUIRE(f->consequences.size() == 1);
  CHECK(f->consequences[0].find("total EUR 1187500.00 conflicts with EUR "
                                "1250000.00 as customs-declaration") == 0);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 1);
}

TEST_CASE("the odd document is the one reported") {
  // Waybill and invoice agree on 5000; the declaration says 5100.
  Presentation p = SamplePresentation();
  p.customs_declarations[0].items[0].quantity = Dec("5100");
  ExaminationReport r = RunSample(p);
  REQUIRE(Count(r, "UCP14D-QUANTITY") == 1);
  const Finding* f = FindRule(r, "UCP14D-QUANTITY");
  CHECK(f->document.type == "customs-declaration");
  CHECK(f->found == "5100 (customs unit 001)");
}

TEST_CASE("unit price conflict: the issue's EUR 264.00 against EUR 250.00") {
  // 45A names EUR 250.00 per set: the invoice price is the root cause; the
  // conflicts with the declaration and the excess amount follow from it.
  Presentation p = SamplePresentation();
  p.invoices[0].items[0].unit_price = Dec("264.00");
  p.invoices[0].items[0].amount = Eur("1320000.00");
  p.invoices[0].total = Eur("1320000.00");
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP18-UNIT-PRICE") == 1);
  CHECK(Count(r, "UCP14D-UNIT-PRICE") == 0);
  CHECK(Count(r, "UCP14D-VALUE") == 0);
  CHECK(Count(r, "UCP30-AMOUNT-OVER") == 0);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 1);
  const Finding* f = FindRule(r, "UCP18-UNIT-PRICE");
  REQUIRE(f->consequences.size() == 3);
  CHECK(f->consequences[0].find("exceeds the most that may be drawn") !=
        std::string::npos);
  CHECK(f->consequences[1].find("items #1 unit price EUR 264.00 per SET "
                                "conflicts with EUR 250.00 per (customs unit 001) as "
                                "customs-declaration") == 0);
  CHECK(f->consequences[2].find("total EUR 1320000.00 conflicts") == 0);

  // Without a 45A price the conflict itself is the finding.
  LetterOfCredit lc = SampleCredit();
  lc.goods_description.erase(lc.goods_description.begin() + 1);
  r = Run(lc, p);
  REQUIRE(Count(r, "UCP14D-UNIT-PRICE") == 1);
  f = FindRule(r, "UCP14D-UNIT-PRICE");
  // Two documents, two prices, no 45A price: nothing says which is wrong,
  // so the order (waybill, invoice, declaration) makes the invoice the
  // reference; the finding names both.
  CHECK(f->found == "EUR 250.00 per (customs unit 001)");
  CHECK(f->document.type == "customs-declaration");
  CHECK(f->other_document.type == "commercial-invoice");
  CHECK(f->expected == "EUR 264.00 per SET as commercial-invoice TF2025-0517 "
                       "items #1 unit price shows");
  // Paths count list items from 0, as the model does: line 1 is items[0].
  CHECK(f->other_fields == std::vector<std::string>{"items[0].unit_price"});
  // The value conflict follows from the price conflict on the declaration.
  CHECK(Count(r, "UCP14D-VALUE") == 0);
  CHECK(f->consequences.size() == 1);
}

TEST_CASE("value conflict alone") {
  Presentation p = SamplePresentation();
  p.customs_declarations[0].total = Eur("1200000.00");
  p.customs_declarations[0].items[0].total = Eur("1200000.00");
  ExaminationReport r = RunSample(p);
  REQUIRE(Count(r, "UCP14D-VALUE") == 1);
  const Finding* f = FindRule(r, "UCP14D-VALUE");
  CHECK(f->document.type == "customs-declaration");
  CHECK(f->found == "EUR 1200000.00");
  CHECK(f->expected == "EUR 1250000.00 as commercial-invoice TF2025-0517 "
                       "total shows");
}

TEST_CASE("weights and packages across documents") {
  Presentation p = SamplePresentation();
  p.customs_declarations[0].net_weight_kg = Dec("15900");
  p.invoices[0].gross_weight_kg = Dec("21500.000");  // same value
  p.customs_declarations[0].package_type = "CARTONS";
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP14D-GROSS-WEIGHT") == 0);
  REQUIRE(Count(r, "UCP14D-NET-WEIGHT") == 1);
  CHECK(FindRule(r, "UCP14D-NET-WEIGHT")->document.type ==
        "customs-declaration");
  REQUIRE(Count(r, "UCP14D-PACKAGE-KIND") == 1);
  CHECK(FindRule(r, "UCP14D-PACKAGE-KIND")->found == "CARTONS");
  p.customs_declarations[0].package_type = "PALLET";  // singular: same kind
  p.customs_declarations[0].net_weight_kg = Dec("16000");
  CHECK(Count(RunSample(p), "UCP14D-PACKAGE-KIND") == 0);
  p.customs_declarations[0].package_type = "22";  // a code: not compared
  CHECK(Count(RunSample(p), "UCP14D-PACKAGE-KIND") == 0);
}

TEST_CASE("seal numbers on two waybills for one container") {
  Presentation p = SamplePresentation();
  RailWaybill second = SampleWaybill();
  second.consignment_number = "25CX050418";
  second.containers = {{"TFRU2500119", "45G1", {"CX25059999"}}};
  p.waybills.push_back(second);
  ExaminationReport r = RunSample(p);
  REQUIRE(Count(r, "UCP14D-SEAL-NUMBERS") == 1);
  const Finding* f = FindRule(r, "UCP14D-SEAL-NUMBERS");
  CHECK(f->found == "CX25059999");
  CHECK(f->other_document.number == "25CX050417");
}

TEST_CASE("consignor, consignee, destination and export date") {
  Presentation p = SamplePresentation();
  p.customs_declarations[0].domestic_consignor.name = "CHENGDU FORWARDING CO";
  p.customs_declarations[0].overseas_consignee.name = "OTHER BUYER GMBH";
  p.customs_declarations[0].overseas_consignee.ids.lei.clear();
  p.customs_declarations[0].destination_port = "HAMBURG";
  p.customs_declarations[0].export_date = Date{2025, 5, 19};
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP14D-CONSIGNOR") == 1);
  CHECK(Count(r, "UCP14D-CONSIGNEE") == 1);
  CHECK(Count(r, "UCP14D-PLACE-OF-DESTINATION") == 1);
  REQUIRE(Count(r, "UCP14D-SHIPMENT-DATE") == 1);
  CHECK(FindRule(r, "UCP14D-SHIPMENT-DATE")->found == "exported 2025-05-19");
  // Same parties by name variant or by identifier; export at the border
  // after departure is consistent.
  p = SamplePresentation();
  p.customs_declarations[0].domestic_consignor.name =
      "Sichuan Tianfu Precision Company Limited";
  p.customs_declarations[0].destination_port = "LODZ";
  p.customs_declarations[0].export_date = Date{2025, 5, 27};
  r = RunSample(p);
  CHECK(Count(r, "UCP14D-CONSIGNOR") == 0);
  CHECK(Count(r, "UCP14D-PLACE-OF-DESTINATION") == 0);
  CHECK(Count(r, "UCP14D-SHIPMENT-DATE") == 0);
}

TEST_CASE("a consistent partial shipment complies") {
  // 2000 of 5000 sets on every document, values and weights in proportion.
  Presentation p = SamplePresentation();
  RailWaybill& w = p.waybills[0];
  w.goods[0].description = "INDUSTRIAL SERVO MOTORS MODEL TF-750W, 2000 SETS";
  w.goods[0].packages = 40;
  w.goods[0].gross_mass_kg = Dec("8600");
  w.total_packages = 40;
  w.total_gross_mass_kg = Dec("8600");
  w.containers.resize(1);
  CommercialInvoice& inv = p.invoices[0];
  inv.items[0].quantity = Dec("2000");
  inv.items[0].amount = Eur("500000.00");
  inv.total = Eur("500000.00");
  inv.packages = 40;
  inv.gross_weight_kg = Dec("8600");
  inv.net_weight_kg = Dec("6400");
  inv.container_numbers = {"TFRU2500119"};
  CustomsDeclaration& cd = p.customs_declarations[0];
  cd.items[0].quantity = Dec("2000");
  cd.items[0].total = Eur("500000.00");
  cd.total = Eur("500000.00");
  cd.packages = 40;
  cd.gross_weight_kg = Dec("8600");
  cd.net_weight_kg = Dec("6400");
  cd.container_numbers = {"TFRU2500119"};
  ExaminationReport r = RunSample(p);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 0);
  CHECK(r.verdict == Verdict::kComplyingSubjectToManualCheck);
}

LetterOfCredit BulkCredit() {
  LetterOfCredit lc = SampleCredit();
  lc.goods_description = {"+20 MT COPPER CATHODES GRADE A, HS 740311",
                          "+UNIT PRICE EUR 8500.00 PER MT"};
  return lc;
}

Presentation BulkPresentation(const char* inv_qty, const char* inv_unit,
                              const char* inv_price) {
  Presentation p = SamplePresentation();
  p.waybills[0].goods[0].description = "COPPER CATHODES, 20.4 MT";
  p.waybills[0].goods[0].hs_code = "740311";
  CommercialInvoice& inv = p.invoices[0];
  inv.items[0].description = "COPPER CATHODES GRADE A";
  inv.items[0].hs_code = "740311";
  inv.items[0].quantity = Dec(inv_qty);
  inv.items[0].unit = inv_unit;
  inv.items[0].unit_price = Dec(inv_price);
  inv.items[0].amount = Eur("173400.00");
  inv.total = Eur("173400.00");
  inv.incoterm = "";
  CustomsDeclaration& cd = p.customs_declarations[0];
  cd.items[0].commodity_code = "7403110000";
  cd.items[0].quantity = Dec("20400");
  cd.items[0].unit = "035";
  cd.items[0].unit_price = Dec("8.50");
  cd.items[0].total = Eur("173400.00");
  cd.total = Eur("173400.00");
  return p;
}

TEST_CASE("weights in different units that agree (MT, KG, 035, LBS)") {
  // 20.4 MT on the waybill, 20400 KGS on the invoice, 20400 (035 = kg) on
  // the declaration at EUR 8.50 per kg = EUR 8500.00 per MT: no conflict;
  // 20.4 MT is within the bulk +-5% of 20 MT (Art. 30(b)).
  ExaminationReport r =
      Run(BulkCredit(), BulkPresentation("20400", "KGS", "8.50"));
  CHECK(Count(r, "UCP14D-QUANTITY") == 0);
  CHECK(Count(r, "UCP14D-UNIT-PRICE") == 0);
  CHECK(Count(r, "UCP30-QUANTITY") == 0);
  CHECK(Count(r, "UCP30-QUANTITY-UNIT") == 0);
  CHECK(Count(r, "UCP14D-UNIT-UNKNOWN") == 0);
  // 44974.6 LBS = 20399.99... kg: within half a unit of the last digit.
  r = Run(BulkCredit(), BulkPresentation("44974.6", "LBS", "3.8555"));
  CHECK(Count(r, "UCP14D-QUANTITY") == 0);
  CHECK(Count(r, "UCP30-QUANTITY") == 0);
  // 45000 LBS = 20411.66 kg: 20.4 MT (+-50 kg as written) agrees with both,
  // but the invoice and the declaration conflict with each other; the later
  // of the pair is reported against the earlier, in the converted base.
  r = Run(BulkCredit(), BulkPresentation("45000", "LBS", "3.8555"));
  REQUIRE(Count(r, "UCP14D-QUANTITY") == 1);
  const Finding* f = FindRule(r, "UCP14D-QUANTITY");
  CHECK(f->found == "20400 (customs unit 035)");
  CHECK(f->expected == "45000 LBS (= 20411.65665000 KG) as "
                       "commercial-invoice TF2025-0517 items quantity shows");
}

TEST_CASE("an unknown unit is a manual check, not a pass") {
  Presentation p = SamplePresentation();
  p.invoices[0].items[0].unit = "ASSEMBLIES";
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP30-QUANTITY-UNIT") == 1);
  CHECK(Count(r, "UCP14D-UNIT-UNKNOWN") == 1);
  CHECK(FindRule(r, "UCP14D-UNIT-UNKNOWN")->severity == Severity::kManualCheck);
  CHECK(r.verdict == Verdict::kComplyingSubjectToManualCheck);
}

TEST_CASE("pieces and sets as the credit defines them") {
  LetterOfCredit lc = SampleCredit();
  lc.goods_description[0] =
      "+5000 SETS INDUSTRIAL SERVO MOTORS MODEL TF-750W (1 SET = 2 PCS), HS "
      "850151";
  Presentation p = SamplePresentation();
  p.invoices[0].items[0].quantity = Dec("10000");
  p.invoices[0].items[0].unit = "PCS";
  p.invoices[0].items[0].unit_price = Dec("125.00");
  ExaminationReport r = Run(lc, p);
  CHECK(Count(r, "UCP30-QUANTITY") == 0);
  CHECK(Count(r, "UCP14D-QUANTITY") == 0);
  CHECK(Count(r, "UCP18C-GOODS-DESCRIPTION") == 0);  // the definition is no goods word
  CHECK(Count(r, "UCP14D-UNIT-PRICE") == 0);         // 125 per PC = 250 per SET
  // Without the definition, PCS and SETS cannot be compared: manual check.
  r = Run(SampleCredit(), p);
  CHECK(Count(r, "UCP30-QUANTITY-UNIT") == 1);
  CHECK(Count(r, "UCP30-QUANTITY") == 0);
}

TEST_CASE("unit table and definitions") {
  using namespace rules_internal;
  std::vector<UnitDefinition> none;
  auto mt = ToBase(Dec("1.5"), "MT", none);
  REQUIRE(mt.has_value());
  CHECK(mt->base == "KG");
  CHECK(mt->value == Dec("1500"));
  auto lb = ToBase(Dec("1"), "lbs", none);
  REQUIRE(lb.has_value());
  CHECK(lb->value == Dec("0.45359237"));
  CHECK_FALSE(ToBase(Dec("1"), "FURLONGS", none).has_value());
  CHECK(LookupUnit("001")->base == "SET");
  CHECK(LookupUnit("PALLETS")->base == "PALLET");
  auto defs = ParseUnitDefinitions("EACH SET CONSISTING OF 4 PIECES");
  REQUIRE(defs.size() == 1);
  CHECK(defs[0].family == "SET");
  CHECK(defs[0].in_family == "PIECE");
  CHECK(defs[0].count == Dec("4"));
  CHECK(ParseUnitDefinitions("4 PCS PER SET").size() == 1);
  CHECK(ParseUnitDefinitions("(1 SET=4 PCS)").size() == 1);
  auto sets = ToBase(Dec("3"), "SETS", defs);
  REQUIRE(sets.has_value());
  CHECK(sets->base == "PIECE");
  CHECK(sets->value == Dec("12"));
}

}  // namespace
}  // namespace tradefin::testing
