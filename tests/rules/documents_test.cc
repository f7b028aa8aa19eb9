// Invoice (Art. 18, ISBP C), rail document (Art. 24), partial shipments and
// transhipment (Art. 31, 24(e)), consistency across documents (Art. 14(d),
// 14(j)).
#include "testing/testing.h"

#include "fixtures.h"

namespace tradefin::testing {
namespace {

ExaminationReport RunSample(const Presentation& p) {
  return Run(SampleCredit(), p);
}

TEST_CASE("invoice issued by the beneficiary, made out to the applicant") {
  Presentation p = SamplePresentation();
  p.invoices[0].seller.name = "Sichuan Tianfu Precision Company Limited";
  p.invoices[0].buyer.name = "Chemtrade Europe Sp. z o.o.";
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP18A-ISSUER") == 0);
  CHECK(Count(r, "UCP18A-APPLICANT") == 0);
  p.invoices[0].seller.name = "CHENGDU EXPORT AGENT CO LTD";
  p.invoices[0].buyer.name = "CHEMTRADE GMBH";
  r = RunSample(p);
  CHECK(Count(r, "UCP18A-ISSUER") == 1);
  CHECK(Count(r, "UCP18A-APPLICANT") == 1);
}

TEST_CASE("addresses compared by country only (Art. 14(j))") {
  Presentation p = SamplePresentation();
  p.invoices[0].buyer.address.lines = {"OTHER STREET 5"};
  p.invoices[0].buyer.address.city = "WARSZAWA";
  CHECK(Count(RunSample(p), "UCP14J-ADDRESS-COUNTRY") == 0);
  p.invoices[0].buyer.address.country = "DE";
  const Finding* f = nullptr;
  ExaminationReport r = RunSample(p);
  f = FindRule(r, "UCP14J-ADDRESS-COUNTRY");
  REQUIRE(f != nullptr);
  CHECK(f->found == "DE");
}

TEST_CASE("pro-forma invoice") {
  for (const char* title : {"PRO-FORMA INVOICE", "Proforma Invoice",
                            "PROVISIONAL INVOICE"}) {
    Presentation p = SamplePresentation();
    p.invoices[0].title = title;
    CAPTURE(title);
    CHECK(Count(RunSample(p), "ISBP-C1-PRO-FORMA") == 1);
  }
  CHECK(Count(RunSample(SamplePresentation()), "ISBP-C1-PRO-FORMA") == 0);
}

TEST_CASE("goods description must carry the 45A terms") {
  Presentation p = SamplePresentation();
  p.invoices[0].items[0].description =
      "Industrial servo motors, model TF-750W, 750 W AC, with cables";
  CHECK(Count(RunSample(p), "UCP18C-GOODS-DESCRIPTION") == 0);
  p.invoices[0].items[0].description = "INDUSTRIAL SERVO MOTORS MODEL TF-400W";
  const Finding* f = nullptr;
  ExaminationReport r = RunSample(p);
  f = FindRule(r, "UCP18C-GOODS-DESCRIPTION");
  REQUIRE(f != nullptr);
  CHECK(f->found.find("missing 750W") != std::string::npos);
  p = SamplePresentation();
  p.invoices[0].items[0].hs_code = "850152";
  r = RunSample(p);
  CHECK(Count(r, "UCP18C-HS-CODE") == 1);
  CHECK(Count(r, "UCP14D-HS-CODE") == 1);
  CHECK(Count(r, "LC46A-HS-CODE") == 1);
}

TEST_CASE("trade term and Incoterms edition as in 45A") {
  Presentation p = SamplePresentation();
  p.invoices[0].incoterms_edition = "INCOTERMS 2010";
  const Finding* f = nullptr;
  ExaminationReport r = RunSample(p);
  f = FindRule(r, "UCP18C-TRADE-TERM");
  REQUIRE(f != nullptr);
  CHECK(f->fields == std::vector<std::string>{"incoterms_edition"});
  p = SamplePresentation();
  p.invoices[0].incoterm = "FCA";
  CHECK(Count(RunSample(p), "UCP18C-TRADE-TERM") == 1);
  p = SamplePresentation();
  p.invoices[0].incoterm_place = "LODZ OLECHOW";
  CHECK(Count(RunSample(p), "UCP18C-TRADE-TERM") == 0);
}

TEST_CASE("carrier signature or railway stamp (Art. 24(a)(i))") {
  Presentation p = SamplePresentation();
  p.waybills[0].departure_stamp = false;
  CHECK(Count(RunSample(p), "UCP24A-CARRIER-SIGNATURE") == 0);  // signed
  p.waybills[0].carrier_signatory.clear();
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP24A-CARRIER-SIGNATURE") == 1);
  CHECK(Count(r, "LC46A-DEPARTURE-STAMP") == 1);  // 46A asks for the stamp
}

TEST_CASE("duplicate counts as original; a copy does not (Art. 24(b))") {
  Presentation p = SamplePresentation();
  p.waybills[0].sheet = WaybillSheet::kOriginal;
  CHECK(Count(RunSample(p), "UCP24B-ORIGINAL") == 0);
  p.waybills[0].sheet = WaybillSheet::kCopy;
  CHECK(Count(RunSample(p), "UCP24B-ORIGINAL") == 1);
}

TEST_CASE("places of dispatch and destination (44A/44B)") {
  Presentation p = SamplePresentation();
  p.waybills[0].departure_station.name = "Chengxiang";
  CHECK(Count(RunSample(p), "UCP24A-PLACE-OF-DISPATCH") == 0);
  p.waybills[0].departure_station.name = "CHONGQING TUANJIECUN";
  p.waybills[0].destination_station.name = "DUISBURG";
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP24A-PLACE-OF-DISPATCH") == 1);
  CHECK(Count(r, "UCP24A-PLACE-OF-DESTINATION") == 1);
  CHECK(Count(r, "LC46A-ROUTING") == 2);
}

TEST_CASE("consignee and notify party as 46A asks") {
  Presentation p = SamplePresentation();
  p.waybills[0].consignee.name = "CHEMTRADE EUROPE SP. Z O.O.";
  const Finding* f = nullptr;
  ExaminationReport r = RunSample(p);
  f = FindRule(r, "UCP24-CONSIGNEE");
  REQUIRE(f != nullptr);
  CHECK(f->expected == "LDZ BANK SA LODZ (46A consignee)");
  p = SamplePresentation();
  p.waybills[0].notify_party->address.city = "KRAKOW";
  CHECK(Count(RunSample(p), "UCP14J-NOTIFY-APPLICANT") == 1);
  p.waybills[0].notify_party.reset();
  CHECK(Count(RunSample(p), "UCP14J-NOTIFY-APPLICANT") == 1);
}

TEST_CASE("consignee phrased as the issuing bank, to order") {
  LetterOfCredit lc = SampleCredit();
  lc.documents_required = {"+CIM/SMGS CONSIGNMENT NOTE CONSIGNED TO THE ORDER OF ISSUING BANK"};
  Presentation p = SamplePresentation();
  ExaminationReport r = Run(lc, p);
  CHECK(Count(r, "UCP24-CONSIGNEE") == 0);
  CHECK(Count(r, "LC46A-UNMAPPED") == 0);
  p.waybills[0].consignee.ids.bic = "BKCHCNBJXXX";
  CHECK(Count(Run(lc, p), "UCP24-CONSIGNEE") == 1);
}

TEST_CASE("partial shipments prohibited: one train, one departure") {
  LetterOfCredit lc = SampleCredit();
  lc.partial_shipments = ShipmentPermission::kNotAllowed;
  Presentation p = SamplePresentation();
  // Two notes, same station and day (same train): not partial.
  RailWaybill second = SampleWaybill();
  second.consignment_number = "25CX050418";
  second.containers = {};
  p.waybills.push_back(second);
  CHECK(Count(Run(lc, p), "UCP31-PARTIAL-SHIPMENT") == 0);
  p.waybills[1].departure_date = {2025, 5, 22};
  p.waybills[1].issue_date = {2025, 5, 22};
  CHECK(Count(Run(lc, p), "UCP31-PARTIAL-SHIPMENT") == 1);
  lc.partial_shipments = ShipmentPermission::kAllowed;
  CHECK(Count(Run(lc, p), "UCP31-PARTIAL-SHIPMENT") == 0);
  // Two trains on the customs declarations.
  lc.partial_shipments = ShipmentPermission::kNotAllowed;
  Presentation q = SamplePresentation();
  CustomsDeclaration c2 = SampleCustoms();
  c2.conveyance = "X8026";
  q.customs_declarations.push_back(c2);
  CHECK(Count(Run(lc, q), "UCP31-PARTIAL-SHIPMENT") == 1);
}

TEST_CASE("transhipment prohibited: border stations give a warning only") {
  LetterOfCredit lc = SampleCredit();
  lc.transhipment = ShipmentPermission::kNotAllowed;
  ExaminationReport r = Run(lc, SamplePresentation());
  const Finding* f = FindRule(r, "UCP24E-TRANSHIPMENT");
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::kWarning);
  CHECK(r.verdict != Verdict::kDiscrepant);
}

TEST_CASE("data must not conflict across documents (Art. 14(d))") {
  Presentation p = SamplePresentation();
  p.invoices[0].container_numbers[1] = "TFRU2500135";
  p.customs_declarations[0].packages = 99;
  p.customs_declarations[0].gross_weight_kg = Dec("21400");
  p.customs_declarations[0].waybill_number = "25CX050499";
  p.customs_declarations[0].transport_mode = "2";
  p.invoices[0].customs_declaration_number = "790120250000999999";
  p.waybills[0].credit_number = "DEL25LC0009999";
  ExaminationReport r = RunSample(p);
  CHECK(Count(r, "UCP14D-CONTAINER-NUMBERS") == 1);
  CHECK(Count(r, "UCP14D-PACKAGES") == 1);
  CHECK(Count(r, "UCP14D-GROSS-WEIGHT") == 1);
  CHECK(Count(r, "UCP14D-CONSIGNMENT-NUMBER") == 1);
  CHECK(Count(r, "UCP14D-TRANSPORT-MODE") == 1);
  CHECK(Count(r, "UCP14D-DECLARATION-NUMBER") == 1);
  CHECK(Count(r, "UCP14D-CREDIT-NUMBER") == 1);
  // Same weight written differently is not a conflict.
  Presentation q = SamplePresentation();
  q.invoices[0].gross_weight_kg = Dec("21500.000");
  CHECK(Count(RunSample(q), "UCP14D-GROSS-WEIGHT") == 0);
}

}  // namespace
}  // namespace tradefin::testing
