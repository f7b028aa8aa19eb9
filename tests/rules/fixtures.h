// Code-built models of the sample shipment (samples/shipment/*.xml) so rule
// tests need no XML parsing. Each test copies one and changes one thing.
#ifndef TRADEFIN_TESTS_RULES_FIXTURES_H_
#define TRADEFIN_TESTS_RULES_FIXTURES_H_

#include <algorithm>
#include <string>

#include "tradefin/rules/examine.h"

namespace tradefin::testing {

inline Decimal Dec(const char* s) { return *Decimal::Parse(s); }
inline Money Eur(const char* s) { return *Money::Parse("EUR", s); }

inline Party Applicant() {
  Party p;
  p.name = "CHEMTRADE EUROPE SP. Z O.O.";
  p.address = {{"UL. PRZEMYSLOWA 12"}, "LODZ", "93-000", "PL"};
  p.ids.lei = "2594007XQ2TF8A1CB037";
  return p;
}

inline Party Beneficiary() {
  Party p;
  p.name = "SICHUAN TIANFU PRECISION CO LTD";
  p.address = {{"88 QINGQUAN RD QINGBAIJIANG DIST"}, "CHENGDU", "610300", "CN"};
  return p;
}

inline LetterOfCredit SampleCredit() {
  LetterOfCredit lc;
  lc.issuing_bank.bic = "LDZBPLP0XXX";
  lc.advising_bank.bic = "SCFBCNC0XXX";
  lc.credit_number = "DEL25LC0001234";
  lc.issue_date = {2025, 3, 12};
  lc.applicable_rules = "UCP LATEST VERSION";
  lc.expiry_date = {2025, 6, 30};
  lc.expiry_place = "CHENGDU CHINA";
  lc.applicant = Applicant();
  lc.beneficiary = Beneficiary();
  lc.amount = Eur("1250000.00");
  lc.tolerance_plus_percent = 5;
  lc.tolerance_minus_percent = 5;
  lc.partial_shipments = ShipmentPermission::kAllowed;
  lc.transhipment = ShipmentPermission::kAllowed;
  lc.place_of_dispatch = "CHENGDU QINGBAIJIANG (CHENGXIANG STATION), CHINA";
  lc.final_destination = "LODZ OLECHOW RAIL TERMINAL, POLAND";
  lc.latest_shipment_date = Date{2025, 5, 31};
  lc.goods_description = {
      "+5000 SETS INDUSTRIAL SERVO MOTORS MODEL TF-750W, HS 850151",
      "+UNIT PRICE EUR 250.00 PER SET",
      "+CPT LODZ OLECHOW RAIL TERMINAL, POLAND INCOTERMS 2020"};
  lc.documents_required = {
      "+SIGNED COMMERCIAL INVOICE IN 3 ORIGINALS AND 2 COPIES",
      "SHOWING LC NO. AND HS CODE 850151.",
      "+DUPLICATE OF CIM/SMGS CONSIGNMENT NOTE (OR SMGS NOTE) STAMPED",
      "BY THE DEPARTURE STATION, DISPATCH FROM CHENGDU CHENGXIANG TO",
      "LODZ OLECHOW, CONSIGNEE LDZ BANK SA LODZ, NOTIFY APPLICANT,",
      "CARRIAGE CHARGES PAID BY CONSIGNOR, SHOWING CONTAINER AND SEAL",
      "NUMBERS.",
      "+PACKING LIST IN 3 COPIES.",
      "+CERTIFICATE OF ORIGIN ISSUED BY CCPIT OR CHINA CUSTOMS.",
      "+COPY OF CHINA CUSTOMS EXPORT DECLARATION (18-DIGIT NUMBER)."};
  lc.additional_conditions = {
      "+ALL DOCUMENTS MUST INDICATE THIS CREDIT NUMBER.",
      "+THE CONSIGNMENT NOTE MUST NOT HAVE BEEN PLEDGED OR FINANCED",
      "UNDER ANY OTHER FACILITY.",
      "+A DISCREPANCY FEE OF EUR 80.00 APPLIES PER DISCREPANT SET."};
  lc.presentation_days = 21;
  return lc;
}

inline RailWaybill SampleWaybill() {
  RailWaybill w;
  w.sheet = WaybillSheet::kDuplicate;
  w.consignment_number = "25CX050417";
  w.consignor = Beneficiary();
  w.consignee.name = "LDZ BANK SA";
  w.consignee.address = {{"TRADE SERVICES, UL. PIOTRKOWSKA 1"}, "LODZ", "90-001", "PL"};
  w.consignee.ids.bic = "LDZBPLP0XXX";
  w.notify_party = Applicant();
  w.departure_station = {"CHENGXIANG (CHENGDU QINGBAIJIANG)", "796006", "33", "CN"};
  w.destination_station = {"LODZ OLECHOW", "518802", "51", "PL"};
  w.border_stations = {{"ALASHANKOU", "336008", "33", "CN"},
                       {"DOSTYK", "696801", "27", "KZ"},
                       {"BREST-CENTRALNY", "130003", "21", "BY"},
                       {"MALASZEWICZE", "514505", "51", "PL"}};
  WaybillGoods g;
  g.description = "INDUSTRIAL SERVO MOTORS MODEL TF-750W, 5000 SETS";
  g.gng_code = "85015100";
  g.hs_code = "850151";
  g.packing = "PALLETS";
  g.packages = 100;
  g.gross_mass_kg = Dec("21500");
  w.goods.push_back(g);
  w.containers = {{"TFRU2500119", "45G1", {"CX25052001"}},
                  {"TFRU2500124", "45G1", {"CX25052002"}},
                  {"TFRU2500130", "45G1", {"CX25052003"}}};
  w.carriers = {{"CHINA RAILWAY (CR)", "33", "796006", "336008"},
                {"KTZ EXPRESS", "27", "696801", "130003"},
                {"PKP CARGO", "51", "514505", "518802"}};
  w.charges_payment = "PAID BY CONSIGNOR";
  w.credit_number = "DEL25LC0001234";
  w.departure_date = {2025, 5, 20};
  w.issue_date = {2025, 5, 20};
  w.issue_place = "CHENGXIANG";
  w.departure_stamp = true;
  w.carrier_signatory = "CHINA RAILWAY CHENGDU GROUP, CHENGXIANG STATION";
  w.total_packages = 100;
  w.total_gross_mass_kg = Dec("21500");
  return w;
}

inline CommercialInvoice SampleInvoice() {
  CommercialInvoice i;
  i.title = "COMMERCIAL INVOICE";
  i.invoice_number = "TF2025-0517";
  i.issue_date = {2025, 5, 16};
  i.seller = Beneficiary();
  i.buyer = Applicant();
  i.credit_number = "DEL25LC0001234";
  i.consignment_number = "25CX050417";
  i.customs_declaration_number = "790120250000123456";
  i.incoterm = "CPT";
  i.incoterms_edition = "INCOTERMS 2020";
  i.incoterm_place = "LODZ OLECHOW RAIL TERMINAL, POLAND";
  i.currency = "EUR";
  InvoiceItem item;
  item.line_number = 1;
  item.description = "INDUSTRIAL SERVO MOTORS MODEL TF-750W";
  item.hs_code = "850151";
  item.quantity = Dec("5000");
  item.unit = "SET";
  item.unit_price = Dec("250.00");
  item.amount = Eur("1250000.00");
  i.items.push_back(item);
  i.total = Eur("1250000.00");
  i.container_numbers = {"TFRU2500119", "TFRU2500124", "TFRU2500130"};
  i.packages = 100;
  i.gross_weight_kg = Dec("21500");
  i.net_weight_kg = Dec("16000");
  i.country_of_origin = "CN";
  i.signed_by_seller = true;
  i.signatory = "WANG LEI, EXPORT MANAGER";
  return i;
}

inline CustomsDeclaration SampleCustoms() {
  CustomsDeclaration c;
  c.declaration_number = "790120250000123456";
  c.exit_customs_office = "7901";
  c.declaration_date = {2025, 5, 18};
  c.export_date = Date{2025, 5, 20};
  c.domestic_consignor = Beneficiary();
  c.overseas_consignee = Applicant();
  c.transport_mode = "3";
  c.conveyance = "X8025";
  c.waybill_number = "25CX050417";
  c.credit_number = "DEL25LC0001234";
  c.packages = 100;
  c.gross_weight_kg = Dec("21500");
  c.net_weight_kg = Dec("16000");
  c.incoterm = "CPT";
  c.container_numbers = {"TFRU2500119", "TFRU2500124", "TFRU2500130"};
  CustomsItem item;
  item.line_number = 1;
  item.commodity_code = "8501510000";
  item.unit = "001";
  item.quantity = Dec("5000");
  item.unit_price = Dec("250.00");
  item.total = Eur("1250000.00");
  c.items.push_back(item);
  c.total = Eur("1250000.00");
  return c;
}

inline Presentation SamplePresentation() {
  Presentation p;
  p.waybills.push_back(SampleWaybill());
  p.invoices.push_back(SampleInvoice());
  p.customs_declarations.push_back(SampleCustoms());
  p.other_documents = {"packing list", "certificate of origin"};
  p.presentation_date = Date{2025, 5, 28};
  return p;
}

inline ExaminationReport Run(const LetterOfCredit& lc, const Presentation& p,
                             const ExamineOptions& o = {}) {
  Result<ExaminationReport> r = Examine(lc, p, o);
  REQUIRE_MESSAGE(r.ok(), r.status().ToString());
  return *r;
}

inline int Count(const ExaminationReport& r, const std::string& rule) {
  return static_cast<int>(std::count_if(
      r.findings.begin(), r.findings.end(),
      [&](const Finding& f) { return f.rule_id == rule; }));
}

inline const Finding* FindRule(const ExaminationReport& r,
                               const std::string& rule) {
  for (const Finding& f : r.findings)
    if (f.rule_id == rule) return &f;
  return nullptr;
}

}  // namespace tradefin::testing

#endif  // TRADEFIN_TESTS_RULES_FIXTURES_H_
