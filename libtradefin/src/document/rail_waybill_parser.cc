// CIM/SMGS consignment note boxes: schemas/rail-waybill.xsd.
#include "document/parsers.h"
#include "document/xml_reader.h"

namespace tradefin::document_internal {
namespace {

std::string Idx(const std::string& key, size_t i) {
  return key + "[" + std::to_string(i) + "]";
}

}  // namespace

RailWaybill ParseRailWaybillXml(xml::Node root, SourceMap* map,
                                IssueSink* sink) {
  Reader r(kRailWaybillNamespace, map, sink);
  auto c = [&](std::string_view name) { return r.Child(root, name); };
  RailWaybill wb;
  std::string regime = r.Token(c("Regime"), "regime");
  wb.regime = regime == "SMGS"  ? WaybillRegime::kSmgs
              : regime == "CIM" ? WaybillRegime::kCim
                                : WaybillRegime::kCimSmgs;
  std::string sheet = r.Token(c("Sheet"), "sheet");
  wb.sheet = sheet == "ORIGINAL" ? WaybillSheet::kOriginal
             : sheet == "COPY"   ? WaybillSheet::kCopy
                                 : WaybillSheet::kDuplicate;
  wb.consignment_number = r.Token(c("ConsignmentNumber"), "consignment_number");
  wb.consignor = r.PartyOf(c("Consignor"), "consignor");
  wb.consignee = r.PartyOf(c("Consignee"), "consignee");
  if (xml::Node n = c("NotifyParty")) wb.notify_party = r.PartyOf(n, "notify_party");
  wb.departure_station = r.StationOf(c("DepartureStation"), "departure_station");
  wb.destination_station =
      r.StationOf(c("DestinationStation"), "destination_station");
  std::vector<xml::Node> borders;
  if (xml::Node b = c("BorderStations")) {
    r.Note(b, "border_stations");
    borders = b.children(kRailWaybillNamespace, "BorderStation");
  }
  for (size_t i = 0; i < borders.size(); ++i) {
    wb.border_stations.push_back(
        r.StationOf(borders[i], Idx("border_stations", i)));
  }
  wb.consignor_declarations =
      r.Lines(c("ConsignorDeclarations"), "consignor_declarations");

  if (xml::Node wagons = c("Wagons")) {
    std::vector<xml::Node> list = wagons.children(kRailWaybillNamespace, "Wagon");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string k = Idx("wagons", i);
      r.Note(list[i], k);
      Wagon w;
      w.number = r.Token(r.Child(list[i], "Number"), k + ".number");
      w.owner = r.Str(r.Child(list[i], "Owner"), k + ".owner");
      w.capacity_t = r.OptDec(r.Child(list[i], "CapacityT"), k + ".capacity_t");
      w.axles = r.OptInt(r.Child(list[i], "Axles"), k + ".axles");
      w.tare_t = r.OptDec(r.Child(list[i], "TareT"), k + ".tare_t");
      wb.wagons.push_back(std::move(w));
    }
  }
  if (xml::Node goods = c("Goods")) {
    std::vector<xml::Node> list = goods.children(kRailWaybillNamespace, "GoodsItem");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string k = Idx("goods", i);
      r.Note(list[i], k);
      auto g = [&](std::string_view name) { return r.Child(list[i], name); };
      WaybillGoods item;
      item.description = r.Str(g("Description"), k + ".description");
      item.gng_code = r.Token(g("GngCode"), k + ".gng_code");
      item.hs_code = r.Token(g("HsCode"), k + ".hs_code");
      item.packing = r.Str(g("Packing"), k + ".packing");
      item.packages = r.Int(g("Packages"), k + ".packages");
      item.gross_mass_kg = r.Dec(g("GrossMassKg"), k + ".gross_mass_kg");
      item.marks = r.Str(g("Marks"), k + ".marks");
      wb.goods.push_back(std::move(item));
    }
  }
  if (xml::Node containers = c("Containers")) {
    std::vector<xml::Node> list =
        containers.children(kRailWaybillNamespace, "Container");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string k = Idx("containers", i);
      r.Note(list[i], k);
      Container ct;
      ct.number = r.Token(r.Child(list[i], "Number"), k + ".number");
      ct.size_type = r.Token(r.Child(list[i], "SizeType"), k + ".size_type");
      if (xml::Node seals = r.Child(list[i], "Seals")) {
        std::vector<xml::Node> s = seals.children(kRailWaybillNamespace, "Seal");
        for (size_t j = 0; j < s.size(); ++j) {
          ct.seals.push_back(r.Str(s[j], Idx(k + ".seals", j)));
        }
      }
      wb.containers.push_back(std::move(ct));
    }
  }
  wb.loaded_by = r.Token(c("LoadedBy"), "loaded_by");
  wb.weighing_method = r.Str(c("WeighingMethod"), "weighing_method");
  if (xml::Node carriers = c("Carriers")) {
    std::vector<xml::Node> list =
        carriers.children(kRailWaybillNamespace, "CarrierSection");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string k = Idx("carriers", i);
      r.Note(list[i], k);
      CarrierSection s;
      s.carrier = r.Str(r.Child(list[i], "Carrier"), k + ".carrier");
      s.carrier_code = r.Token(r.Child(list[i], "CarrierCode"), k + ".carrier_code");
      s.from_station_code =
          r.Token(r.Child(list[i], "FromStationCode"), k + ".from_station_code");
      s.to_station_code =
          r.Token(r.Child(list[i], "ToStationCode"), k + ".to_station_code");
      wb.carriers.push_back(std::move(s));
    }
  }
  if (xml::Node cc = c("ContractingCarrier")) {
    ContractingCarrier k;
    k.party = r.PartyOf(cc, "contracting_carrier");
    k.company_code = r.Token(r.Child(cc, "CompanyCode"), "contracting_carrier.company_code");
    wb.contracting_carrier = std::move(k);
  }
  wb.charges_payment = r.Str(c("ChargesPayment"), "charges_payment");
  wb.documents_attached = r.Lines(c("DocumentsAttached"), "documents_attached");
  wb.sales_contract_number =
      r.Token(c("SalesContractNumber"), "sales_contract_number");
  wb.credit_number = r.Token(c("CreditNumber"), "credit_number");
  wb.departure_date = r.DateOf(c("DepartureDate"), "departure_date");
  wb.arrival_date = r.OptDate(c("ArrivalDate"), "arrival_date");
  wb.customs_entries = r.Lines(c("CustomsEntries"), "customs_entries");
  wb.issue_date = r.DateOf(c("IssueDate"), "issue_date");
  wb.issue_place = r.Str(c("IssuePlace"), "issue_place");
  wb.departure_stamp = r.Bool(c("DepartureStamp"), "departure_stamp");
  wb.carrier_signatory = r.Str(c("CarrierSignatory"), "carrier_signatory");
  wb.total_packages = r.Int(c("TotalPackages"), "total_packages");
  wb.total_gross_mass_kg = r.Dec(c("TotalGrossMassKg"), "total_gross_mass_kg");
  return wb;
}

}  // namespace tradefin::document_internal
