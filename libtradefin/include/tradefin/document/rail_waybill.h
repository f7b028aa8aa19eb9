// RailWaybill: a CIM/SMGS (or SMGS) rail consignment note, box by box
// (SMGS 2015 form). Not a document of title; whoever holds the duplicate
// controls disposal. Schema: schemas/rail-waybill.xsd, urn:tradefin:waybill:1.
//
// Thread safety: plain value type.
#ifndef TRADEFIN_DOCUMENT_RAIL_WAYBILL_H_
#define TRADEFIN_DOCUMENT_RAIL_WAYBILL_H_

#include <optional>
#include <string>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/decimal.h"
#include "tradefin/document/common.h"

namespace tradefin {

inline constexpr char kRailWaybillNamespace[] = "urn:tradefin:waybill:1";

enum class WaybillRegime { kCimSmgs, kSmgs, kCim };
enum class WaybillSheet { kOriginal, kDuplicate, kCopy };

struct Wagon {                // boxes 7-12
  std::string number;         // UIC 12-digit (Luhn) or 8-digit 1520 mm
  std::string owner;
  std::optional<Decimal> capacity_t;
  std::optional<int> axles;
  std::optional<Decimal> tare_t;
};

struct Container {            // box 15 (container nos.) and 19 (seals)
  std::string number;         // ISO 6346, check digit verified
  std::string size_type;      // ISO 6346 size/type code, e.g. "45G1"
  std::vector<std::string> seals;
};

struct WaybillGoods {         // boxes 15-18
  std::string description;
  std::string gng_code;       // ГНГ/GNG 8 digits
  std::string hs_code;        // 6 digits (first 6 of GNG)
  std::string packing;        // e.g. "PALLETS"
  int64_t packages = 0;
  Decimal gross_mass_kg;
  std::string marks;
};

struct CarrierSection {       // box 22
  std::string carrier;        // name
  std::string carrier_code;   // railway code
  std::string from_station_code;
  std::string to_station_code;
};

// The contracting carrier (CIM Art. 3(a); SMGS: the carrier that accepted
// the goods and concluded the contract of carriage). It issues the note, so
// it is the waybill's issuer (document/issuer.h). Schema revision 1.1.
struct ContractingCarrier {
  Party party;                // name, address and ids; the registry id is
                              // its USCC, LEI or BIC
  std::string company_code;   // UIC/OSJD company code (RICS), 4 digits;
                              // may be empty
};

struct RailWaybill {
  WaybillRegime regime = WaybillRegime::kCimSmgs;
  WaybillSheet sheet = WaybillSheet::kDuplicate;
  std::string consignment_number;          // box 29
  Party consignor;                         // box 1
  Party consignee;                         // box 4
  std::optional<Party> notify_party;
  Station departure_station;               // box 2
  Station destination_station;             // box 5
  std::vector<Station> border_stations;    // box 6
  TextLines consignor_declarations;        // box 3
  std::vector<Wagon> wagons;               // boxes 7-12
  std::vector<WaybillGoods> goods;         // boxes 15-18
  std::vector<Container> containers;       // boxes 15, 19
  std::string loaded_by;                   // box 20: "CONSIGNOR"/"CARRIER"
  std::string weighing_method;             // box 21
  std::vector<CarrierSection> carriers;    // box 22
  std::optional<ContractingCarrier> contracting_carrier;  // rev. 1.1
  std::string charges_payment;             // box 23, e.g. "PAID BY CONSIGNOR"
  TextLines documents_attached;            // box 24
  std::string sales_contract_number;       // box 25
  std::string credit_number;               // L/C cited on the note, if any
  Date departure_date;                     // box 26 stamp = shipment date
  std::optional<Date> arrival_date;        // box 27
  TextLines customs_entries;               // box 28
  Date issue_date;
  std::string issue_place;
  bool departure_stamp = false;            // stamped by departure station
  std::string carrier_signatory;           // carrier/agent who signed
  int64_t total_packages = 0;
  Decimal total_gross_mass_kg;
};

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_RAIL_WAYBILL_H_
