// XML → model parsers on the sample shipment, and each semantic rule
// failing when its fact is broken (documents edited in-test by string
// replacement). Runs the parser and rules directly on the libxml2 tree, so
// it does not depend on XSD validation.
#include <algorithm>
#include <string>

#include "document/issues.h"
#include "document/parsers.h"
#include "testing/testing.h"
#include "tradefin/document/json.h"
#include "xml/xml_tree.h"

namespace tradefin {
namespace {

using document_internal::IssueSink;
using document_internal::SourceMap;

std::string Sample(const std::string& name) {
  return testing::ReadFile(testing::SourceDir() / "samples" / "shipment" / name);
}

struct Parsed {
  Document doc;
  std::vector<ValidationIssue> issues;
};

Parsed ParseAndCheck(const std::string& xml_text) {
  Parsed p;
  xml::ParseError err;
  std::unique_ptr<xml::Document> tree =
      xml::Document::Parse(xml_text, ParseOptions{}, &err);
  REQUIRE_MESSAGE(tree != nullptr, err.message);
  Result<DocumentType> root_type = DocumentTypeFromNamespace(tree->root().ns_uri());
  REQUIRE_OK(root_type);
  const DocumentType type = *root_type;
  SourceMap map;
  IssueSink sink("t.xml", &map, &p.issues);
  p.doc = document_internal::ParseDocumentXml(type, tree->root(), &map, &sink);
  document_internal::CheckDocument(p.doc, &sink);
  return p;
}

std::string Replace(std::string s, const std::string& from,
                    const std::string& to) {
  size_t pos = s.find(from);
  REQUIRE_MESSAGE(pos != std::string::npos, from);
  s.replace(pos, from.size(), to);
  return s;
}

std::string Codes(const std::vector<ValidationIssue>& issues) {
  std::string out;
  for (const auto& i : issues) {
    out += i.code + "@" + std::to_string(i.line) + " " + i.path + ": " +
           i.message + "\n";
  }
  return out;
}

// Exactly one issue with `code`; returns it.
ValidationIssue ExpectOne(const std::string& xml_text, const std::string& code) {
  Parsed p = ParseAndCheck(xml_text);
  INFO(Codes(p.issues));
  REQUIRE(p.issues.size() == 1);
  CHECK(p.issues[0].code == code);
  CHECK(p.issues[0].line > 0);
  CHECK(p.issues[0].file == "t.xml");
  return p.issues[0];
}

TEST_CASE("letter of credit sample parses into the model") {
  Parsed p = ParseAndCheck(Sample("letter-of-credit.xml"));
  INFO(Codes(p.issues));
  CHECK(p.issues.empty());
  CHECK(p.doc.type == DocumentType::kLetterOfCredit);
  CHECK(p.doc.natural_key == "DEL25LC0001234|LDZBPLP0XXX");
  const auto& lc = std::get<LetterOfCredit>(p.doc.model);
  CHECK(lc.issuing_bank.bic == "LDZBPLP0XXX");
  CHECK(lc.advising_bank.bic == "SCFBCNC0XXX");
  CHECK(lc.form == FormOfCredit::kIrrevocable);
  CHECK(lc.credit_number == "DEL25LC0001234");
  CHECK(lc.issue_date == Date{2025, 3, 12});
  CHECK(lc.expiry_date == Date{2025, 6, 30});
  CHECK(lc.expiry_place == "CHENGDU CHINA");
  CHECK(lc.amount.currency == "EUR");
  CHECK(lc.amount.minor_units == 125000000);
  CHECK(lc.tolerance_plus_percent == 5);
  CHECK(lc.tolerance_minus_percent == 5);
  CHECK(lc.applicant.name == "CHEMTRADE EUROPE SP. Z O.O.");
  CHECK(lc.applicant.address.country == "PL");
  CHECK(lc.applicant.ids.lei == "2594007XQ2TF8A1CB037");
  CHECK(lc.beneficiary.ids.account == "1234567890123456789");
  CHECK(lc.available_with.name_address ==
        std::vector<std::string>{"ANY BANK IN CHINA"});
  CHECK(lc.available_by == AvailableBy::kNegotiation);
  REQUIRE(lc.drawee.has_value());
  CHECK(lc.drawee->bic == "LDZBPLP0");
  CHECK(lc.partial_shipments == ShipmentPermission::kAllowed);
  CHECK(lc.latest_shipment_date == Date{2025, 5, 31});
  CHECK(lc.goods_description.size() == 3);
  CHECK(lc.documents_required.size() == 10);
  CHECK(lc.presentation_days == 21);
  CHECK(lc.confirmation == ConfirmationInstruction::kWithout);
  CHECK(lc.sender_to_receiver == std::vector<std::string>{"/PHONBEN/"});
  CHECK_FALSE(lc.reimbursing_bank.has_value());
}

TEST_CASE("rail waybill sample parses into the model") {
  Parsed p = ParseAndCheck(Sample("rail-waybill.xml"));
  INFO(Codes(p.issues));
  CHECK(p.issues.empty());
  CHECK(p.doc.natural_key == "25CX050417|796006|2025-05-20");
  const auto& wb = std::get<RailWaybill>(p.doc.model);
  CHECK(wb.regime == WaybillRegime::kCimSmgs);
  CHECK(wb.sheet == WaybillSheet::kDuplicate);
  CHECK(wb.consignee.ids.bic == "LDZBPLP0XXX");
  REQUIRE(wb.notify_party.has_value());
  CHECK(wb.notify_party->name == "CHEMTRADE EUROPE SP. Z O.O.");
  CHECK(wb.departure_station.code == "796006");
  CHECK(wb.departure_station.railway == "33");
  REQUIRE(wb.border_stations.size() == 4);
  CHECK(wb.border_stations[1].name == "DOSTYK");
  CHECK(wb.border_stations[3].country == "PL");
  REQUIRE(wb.containers.size() == 3);
  CHECK(wb.containers[0].number == "TFRU2500119");
  CHECK(wb.containers[2].size_type == "45G1");
  CHECK(wb.containers[1].seals == std::vector<std::string>{"CX25052002"});
  REQUIRE(wb.goods.size() == 1);
  CHECK(wb.goods[0].gng_code == "85015100");
  CHECK(wb.goods[0].packages == 100);
  CHECK(wb.goods[0].gross_mass_kg == Decimal{21500, 0});
  REQUIRE(wb.carriers.size() == 3);
  CHECK(wb.carriers[1].carrier_code == "27");
  CHECK(wb.departure_date == Date{2025, 5, 20});
  CHECK_FALSE(wb.arrival_date.has_value());
  CHECK(wb.departure_stamp);
  CHECK(wb.total_packages == 100);
  CHECK(wb.documents_attached.size() == 3);
  CHECK(wb.wagons.empty());
}

TEST_CASE("customs declaration sample parses into the model") {
  Parsed p = ParseAndCheck(Sample("customs-declaration.xml"));
  INFO(Codes(p.issues));
  CHECK(p.issues.empty());
  CHECK(p.doc.natural_key == "790120250000123456");
  const auto& cd = std::get<CustomsDeclaration>(p.doc.model);
  CHECK(cd.exit_customs_office == "7901");
  CHECK(cd.declaration_date == Date{2025, 5, 18});
  CHECK(cd.export_date == Date{2025, 5, 20});
  CHECK(cd.domestic_consignor.ids.uscc == "91510113MA6CT4K21P");
  CHECK(cd.domestic_consignor.address.city == "成都");
  REQUIRE(cd.declarant.has_value());
  CHECK(cd.declarant->ids.uscc == "91510100MA62XJ8N0J");
  CHECK(cd.transport_mode == "3");
  CHECK(cd.waybill_number == "25CX050417");
  CHECK(cd.trade_country == "POL");
  CHECK(cd.packages == 100);
  CHECK(cd.net_weight_kg == Decimal{16000, 0});
  CHECK(cd.transaction_terms == "2");
  REQUIRE(cd.freight.has_value());
  CHECK(cd.freight->value == Decimal{1860000, 2});
  CHECK_FALSE(cd.insurance.has_value());
  REQUIRE(cd.items.size() == 1);
  CHECK(cd.items[0].commodity_code == "8501510000");
  CHECK(cd.items[0].unit_price == Decimal{25000, 2});
  CHECK(cd.items[0].total.minor_units == 125000000);
  CHECK(cd.items[0].origin_country == "CHN");
  CHECK(cd.total == Money{"EUR", 125000000});
  CHECK(cd.container_numbers.size() == 3);
}

TEST_CASE("commercial invoice sample parses into the model") {
  Parsed p = ParseAndCheck(Sample("commercial-invoice.xml"));
  INFO(Codes(p.issues));
  CHECK(p.issues.empty());
  CHECK(p.doc.natural_key == "TF2025-0517|91510113MA6CT4K21P");
  const auto& ci = std::get<CommercialInvoice>(p.doc.model);
  CHECK(ci.title == "COMMERCIAL INVOICE");
  CHECK(ci.issue_date == Date{2025, 5, 16});
  CHECK(ci.buyer.ids.lei == "2594007XQ2TF8A1CB037");
  CHECK(ci.incoterm == "CPT");
  CHECK(ci.currency == "EUR");
  REQUIRE(ci.items.size() == 1);
  CHECK(ci.items[0].quantity == Decimal{5000, 0});
  CHECK(ci.items[0].amount == Money{"EUR", 125000000});
  CHECK(ci.total == Money{"EUR", 125000000});
  CHECK(ci.container_numbers ==
        std::vector<std::string>{"TFRU2500119", "TFRU2500124", "TFRU2500130"});
  CHECK(ci.gross_weight_kg == Decimal{21500, 0});
  CHECK(ci.signed_by_seller);
}

TEST_CASE("issues carry the element's line and path") {
  std::string xml = Replace(Sample("rail-waybill.xml"), "TFRU2500124", "TFRU2500125");
  ValidationIssue i = ExpectOne(xml, "ID-CONTAINER-CHECK");
  CHECK(i.path == "/wb:RailWaybill/wb:Containers/wb:Container[2]/wb:Number");
  CHECK(i.line == 106);
  CHECK(i.message ==
        "Container number TFRU2500125 fails the ISO 6346 check: check digit "
        "is 5, expected 4.");
}

TEST_CASE("each semantic rule fires when its fact is broken") {
  const std::string lc = Sample("letter-of-credit.xml");
  const std::string wb = Sample("rail-waybill.xml");
  const std::string cd = Sample("customs-declaration.xml");
  const std::string ci = Sample("commercial-invoice.xml");

  SUBCASE("ID-BIC-FORMAT") {
    ExpectOne(Replace(lc, "LDZBPLP0XXX", "LDZBZZP0XXX"), "ID-BIC-FORMAT");
  }
  SUBCASE("MONEY-EXPONENT") {
    auto i = ExpectOne(Replace(lc, ">1250000.00<", ">1250000.005<"), "MONEY-EXPONENT");
    CHECK(i.path == "/lc:LetterOfCredit/lc:Amount");
  }
  SUBCASE("MONEY-EXPONENT for JPY") {
    ExpectOne(Replace(lc, R"(currency="EUR">1250000.00)", R"(currency="JPY">1250000.5)"),
              "MONEY-EXPONENT");
  }
  SUBCASE("MONEY-CURRENCY unknown") {
    ExpectOne(Replace(lc, R"(currency="EUR")", R"(currency="EUX")"), "MONEY-CURRENCY");
  }
  SUBCASE("DATE-ORDER expiry before issue") {
    std::string x = Replace(lc, "<lc:ExpiryDate>2025-06-30", "<lc:ExpiryDate>2025-03-11");
    x = Replace(x, "<lc:LatestShipmentDate>2025-05-31</lc:LatestShipmentDate>", "");
    auto i = ExpectOne(x, "DATE-ORDER");
    CHECK(i.path == "/lc:LetterOfCredit/lc:ExpiryDate");
  }
  SUBCASE("DATE-ORDER latest shipment after expiry") {
    auto i = ExpectOne(Replace(lc, "<lc:LatestShipmentDate>2025-05-31",
                               "<lc:LatestShipmentDate>2025-07-31"),
                       "DATE-ORDER");
    CHECK(i.path == "/lc:LetterOfCredit/lc:ExpiryDate");
  }
  SUBCASE("DATE-RANGE") {
    ExpectOne(Replace(ci, "<ci:IssueDate>2025-05-16", "<ci:IssueDate>2205-05-16"),
              "DATE-RANGE");
  }
  SUBCASE("ID-CONTAINER-CHECK on invoice and declaration") {
    ExpectOne(Replace(ci, "TFRU2500130", "TFRU2500131"), "ID-CONTAINER-CHECK");
    ExpectOne(Replace(cd, "TFRU2500130", "TFRU2500131"), "ID-CONTAINER-CHECK");
  }
  SUBCASE("ID-WAGON-CHECK") {
    std::string wagons =
        "<wb:Wagons><wb:Wagon><wb:Number>335278912341</wb:Number></wb:Wagon>"
        "</wb:Wagons>\n  <wb:Goods>";
    ExpectOne(Replace(wb, "<wb:Goods>", wagons), "ID-WAGON-CHECK");
    Parsed ok = ParseAndCheck(Replace(wb, "<wb:Goods>",
                                      Replace(wagons, "335278912341", "335278912340")));
    CHECK(ok.issues.empty());
  }
  SUBCASE("ID-HS-CODE") {
    ExpectOne(Replace(ci, "<ci:HsCode>850151", "<ci:HsCode>000151"), "ID-HS-CODE");
    ExpectOne(Replace(cd, "8501510000", "7701510000"), "ID-HS-CODE");
    auto i = ExpectOne(Replace(wb, "<wb:HsCode>850151", "<wb:HsCode>850152"),
                       "ID-HS-CODE");
    CHECK(i.message.find("first six digits of GNG code 85015100") !=
          std::string::npos);
  }
  SUBCASE("ID-LEI-CHECK") {
    ExpectOne(Replace(ci, "2594007XQ2TF8A1CB037", "2594007XQ2TF8A1CB038"),
              "ID-LEI-CHECK");
  }
  SUBCASE("ID-USCC-CHECK") {
    auto i = ExpectOne(Replace(cd, "91510113MA6CT4K21P", "91510113MA6CT4K21Q"),
                       "ID-USCC-CHECK");
    CHECK(i.path == "/cd:CustomsDeclaration/cd:DomesticConsignor/c:Ids/c:Uscc");
  }
  SUBCASE("ID-DECLARATION-NUMBER import flag") {
    ExpectOne(Replace(cd, "<cd:DeclarationNumber>790120250000123456",
                      "<cd:DeclarationNumber>790120251000123456"),
              "ID-DECLARATION-NUMBER");
  }
  SUBCASE("ID-DECLARATION-NUMBER year differs from declaration date") {
    ExpectOne(Replace(cd, "<cd:DeclarationNumber>790120250000123456",
                      "<cd:DeclarationNumber>790120240000123456"),
              "ID-DECLARATION-NUMBER");
  }
  SUBCASE("ID-COUNTRY") {
    ExpectOne(Replace(cd, "<cd:TradeCountry>POL", "<cd:TradeCountry>PLX"), "ID-COUNTRY");
    ExpectOne(Replace(wb, "<c:Country>KZ", "<c:Country>KX"), "ID-COUNTRY");
  }
  SUBCASE("CUSTOMS-WAYBILL: rail needs a waybill number") {
    ExpectOne(Replace(cd, "<cd:WaybillNumber>25CX050417</cd:WaybillNumber>",
                      "<cd:WaybillNumber></cd:WaybillNumber>"),
              "CUSTOMS-WAYBILL");
  }
  SUBCASE("CUSTOMS-TERMS") {
    ExpectOne(Replace(cd, "<cd:TransactionTerms>2", "<cd:TransactionTerms>3"),
              "CUSTOMS-TERMS");
  }
  SUBCASE("ID-CUSTOMS-OFFICE") {
    ExpectOne(Replace(cd, "<cd:ExitCustomsOffice>7901", "<cd:ExitCustomsOffice>790"),
              "ID-CUSTOMS-OFFICE");
  }
  SUBCASE("DATE-ORDER export before declaration") {
    ExpectOne(Replace(cd, "<cd:ExportDate>2025-05-20", "<cd:ExportDate>2025-05-17"),
              "DATE-ORDER");
  }
  SUBCASE("DATE-ORDER waybill arrival before departure") {
    ExpectOne(Replace(wb, "</wb:DepartureDate>",
                      "</wb:DepartureDate>\n  <wb:ArrivalDate>2025-05-19</wb:ArrivalDate>"),
              "DATE-ORDER");
  }
  SUBCASE("SUM-PACKAGES and SUM-WEIGHT") {
    ExpectOne(Replace(wb, "<wb:TotalPackages>100", "<wb:TotalPackages>101"),
              "SUM-PACKAGES");
    ExpectOne(Replace(wb, "<wb:TotalGrossMassKg>21500", "<wb:TotalGrossMassKg>21500.5"),
              "SUM-WEIGHT");
  }
  SUBCASE("WEIGHT-NET-GROSS") {
    ExpectOne(Replace(ci, "<ci:NetWeightKg>16000", "<ci:NetWeightKg>26000"),
              "WEIGHT-NET-GROSS");
  }
  SUBCASE("SUM-LINE-AMOUNT") {
    auto i = ExpectOne(Replace(ci, "<ci:UnitPrice>250.00", "<ci:UnitPrice>240.00"),
                       "SUM-LINE-AMOUNT");
    CHECK(i.message ==
          "Line 1 amount EUR 1250000.00 is not quantity 5000 x unit price "
          "240.00 = EUR 1200000.00; expected the product rounded half-up to "
          "minor units.");
    ExpectOne(Replace(cd, "<cd:UnitPrice>250.00", "<cd:UnitPrice>250.01"),
              "SUM-LINE-AMOUNT");
  }
  SUBCASE("SUM-LINE-AMOUNT rounds half-up to minor units") {
    // 3 x 0.125 = 0.375 -> 0.38 EUR (half-up); 0.37 is wrong.
    std::string x = Replace(ci, "<ci:Quantity>5000", "<ci:Quantity>3");
    x = Replace(x, "<ci:UnitPrice>250.00", "<ci:UnitPrice>0.125");
    std::string good = Replace(Replace(x, ">1250000.00<", ">0.38<"), ">1250000.00<", ">0.38<");
    CHECK(ParseAndCheck(good).issues.empty());
    std::string bad = Replace(Replace(x, ">1250000.00<", ">0.37<"), ">1250000.00<", ">0.37<");
    ExpectOne(bad, "SUM-LINE-AMOUNT");
  }
  SUBCASE("SUM-TOTAL") {
    auto i = ExpectOne(Replace(ci, R"(<ci:Total currency="EUR">1250000.00)",
                               R"(<ci:Total currency="EUR">1260000.00)"),
                       "SUM-TOTAL");
    CHECK(i.path == "/ci:CommercialInvoice/ci:Total");
    ExpectOne(Replace(cd, R"(<cd:Total currency="EUR">1250000.00</cd:Total>
</cd:CustomsDeclaration>)",
                      R"(<cd:Total currency="EUR">1250000.01</cd:Total>
</cd:CustomsDeclaration>)"),
              "SUM-TOTAL");
  }
  SUBCASE("MONEY-CURRENCY: a line not in the document currency") {
    auto i = ExpectOne(Replace(ci, R"(<ci:Amount currency="EUR")",
                               R"(<ci:Amount currency="USD")"),
                       "MONEY-CURRENCY");
    CHECK(i.path == "/ci:CommercialInvoice/ci:Items/ci:Item/ci:Amount");
  }
}

TEST_CASE("rules work on models built in code (no source map)") {
  CommercialInvoice ci;
  ci.invoice_number = "X1";
  ci.issue_date = Date{2025, 1, 2};
  ci.currency = "EUR";
  InvoiceItem it;
  it.line_number = 1;
  it.quantity = Decimal{2, 0};
  it.unit_price = Decimal{150, 2};
  it.amount = Money{"EUR", 300};
  ci.items.push_back(it);
  ci.total = Money{"EUR", 300};
  std::vector<ValidationIssue> issues;
  IssueSink sink("mem", nullptr, &issues);
  document_internal::CheckCommercialInvoice(ci, &sink);
  CHECK(issues.empty());
  ci.total.minor_units = 301;
  document_internal::CheckCommercialInvoice(ci, &sink);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "SUM-TOTAL");
  CHECK(issues[0].path == "total");
  CHECK(issues[0].line == 0);
}

TEST_CASE("ToJson renders the model with stable keys") {
  Parsed p = ParseAndCheck(Sample("commercial-invoice.xml"));
  std::string json = ToJson(p.doc);
  CHECK(json.rfind(R"({"type":"commercial-invoice","natural_key":"TF2025-0517|91510113MA6CT4K21P","model":{"title":"COMMERCIAL INVOICE")", 0) == 0);
  CHECK(json.find(R"("total":{"currency":"EUR","amount":"1250000.00","minor_units":125000000})") !=
        std::string::npos);
  CHECK(json.find(R"("issue_date":"2025-05-16")") != std::string::npos);
  CHECK(json.find(R"("gross_weight_kg":"21500")") != std::string::npos);
  Parsed w = ParseAndCheck(Sample("rail-waybill.xml"));
  std::string wj = ToJson(w.doc, JsonOptions{true});
  CHECK(wj.find("\"arrival_date\": null") != std::string::npos);
  CHECK(wj.find("\"regime\": \"CIM/SMGS\"") != std::string::npos);
  // Escaping.
  Parsed c = ParseAndCheck(Replace(Sample("customs-declaration.xml"),
                                   "<cd:Conveyance>X8025", "<cd:Conveyance>X\"8\\025"));
  CHECK(ToJson(c.doc).find(R"("conveyance":"X\"8\\025")") != std::string::npos);
}

}  // namespace
}  // namespace tradefin
