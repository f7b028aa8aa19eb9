// China export declaration fields: schemas/customs-declaration.xsd.
#include "document/parsers.h"
#include "document/xml_reader.h"

namespace tradefin::document_internal {
namespace {

std::string Idx(const std::string& key, size_t i) {
  return key + "[" + std::to_string(i) + "]";
}

std::optional<CustomsCharge> Charge(Reader& r, xml::Node n,
                                    const std::string& key) {
  if (!n) return std::nullopt;
  r.Note(n, key);
  CustomsCharge ch;
  ch.mark = r.Token(r.Child(n, "Mark"), key + ".mark");
  ch.value = r.Dec(r.Child(n, "Value"), key + ".value");
  ch.currency = r.Token(r.Child(n, "Currency"), key + ".currency");
  return ch;
}

}  // namespace

CustomsDeclaration ParseCustomsDeclarationXml(xml::Node root, SourceMap* map,
                                              IssueSink* sink) {
  Reader r(kCustomsDeclarationNamespace, map, sink);
  auto c = [&](std::string_view name) { return r.Child(root, name); };
  CustomsDeclaration cd;
  cd.declaration_number = r.Token(c("DeclarationNumber"), "declaration_number");
  cd.exit_customs_office = r.Token(c("ExitCustomsOffice"), "exit_customs_office");
  cd.declaration_date = r.DateOf(c("DeclarationDate"), "declaration_date");
  cd.export_date = r.OptDate(c("ExportDate"), "export_date");
  cd.domestic_consignor = r.PartyOf(c("DomesticConsignor"), "domestic_consignor");
  cd.overseas_consignee = r.PartyOf(c("OverseasConsignee"), "overseas_consignee");
  if (xml::Node n = c("Declarant")) cd.declarant = r.PartyOf(n, "declarant");
  cd.transport_mode = r.Token(c("TransportMode"), "transport_mode");
  cd.conveyance = r.Str(c("Conveyance"), "conveyance");
  cd.waybill_number = r.Token(c("WaybillNumber"), "waybill_number");
  cd.trade_mode = r.Token(c("TradeMode"), "trade_mode");
  cd.levy_type = r.Token(c("LevyType"), "levy_type");
  cd.licence_number = r.Token(c("LicenceNumber"), "licence_number");
  cd.contract_number = r.Token(c("ContractNumber"), "contract_number");
  cd.credit_number = r.Token(c("CreditNumber"), "credit_number");
  cd.trade_country = r.Token(c("TradeCountry"), "trade_country");
  cd.destination_country = r.Token(c("DestinationCountry"), "destination_country");
  cd.destination_port = r.Str(c("DestinationPort"), "destination_port");
  cd.exit_port = r.Str(c("ExitPort"), "exit_port");
  cd.package_type = r.Str(c("PackageType"), "package_type");
  cd.packages = r.Int(c("Packages"), "packages");
  cd.gross_weight_kg = r.Dec(c("GrossWeightKg"), "gross_weight_kg");
  cd.net_weight_kg = r.Dec(c("NetWeightKg"), "net_weight_kg");
  cd.transaction_terms = r.Token(c("TransactionTerms"), "transaction_terms");
  cd.incoterm = r.Token(c("Incoterm"), "incoterm");
  cd.freight = Charge(r, c("Freight"), "freight");
  cd.insurance = Charge(r, c("Insurance"), "insurance");
  cd.other_charges = Charge(r, c("OtherCharges"), "other_charges");
  if (xml::Node list = c("ContainerNumbers")) {
    r.Note(list, "container_numbers");
    std::vector<xml::Node> ns =
        list.children(kCustomsDeclarationNamespace, "ContainerNumber");
    for (size_t i = 0; i < ns.size(); ++i) {
      cd.container_numbers.push_back(r.Token(ns[i], Idx("container_numbers", i)));
    }
  }
  if (xml::Node items = c("Items")) {
    r.Note(items, "items");
    std::vector<xml::Node> list = items.children(kCustomsDeclarationNamespace, "Item");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string k = Idx("items", i);
      r.Note(list[i], k);
      auto g = [&](std::string_view name) { return r.Child(list[i], name); };
      CustomsItem it;
      it.line_number = static_cast<int>(r.Int(g("LineNumber"), k + ".line_number"));
      it.commodity_code = r.Token(g("CommodityCode"), k + ".commodity_code");
      it.ciq_code = r.Token(g("CiqCode"), k + ".ciq_code");
      it.name = r.Str(g("Name"), k + ".name");
      it.declaration_elements =
          r.Str(g("DeclarationElements"), k + ".declaration_elements");
      it.quantity = r.Dec(g("Quantity"), k + ".quantity");
      it.unit = r.Token(g("Unit"), k + ".unit");
      it.legal_quantity = r.Dec(g("LegalQuantity"), k + ".legal_quantity");
      it.legal_unit = r.Token(g("LegalUnit"), k + ".legal_unit");
      it.unit_price = r.Dec(g("UnitPrice"), k + ".unit_price");
      it.total = r.MoneyOf(g("Total"), k + ".total");
      it.origin_country = r.Token(g("OriginCountry"), k + ".origin_country");
      it.destination_country =
          r.Token(g("DestinationCountry"), k + ".destination_country");
      it.source_region = r.Token(g("SourceRegion"), k + ".source_region");
      cd.items.push_back(std::move(it));
    }
  }
  cd.total = r.MoneyOf(c("Total"), "total");
  return cd;
}

}  // namespace tradefin::document_internal
