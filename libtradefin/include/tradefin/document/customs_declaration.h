// CustomsDeclaration: a China export goods declaration (出口货物报关单).
// Schema: schemas/customs-declaration.xsd, urn:tradefin:customs:1.
//
// Thread safety: plain value type.
#ifndef TRADEFIN_DOCUMENT_CUSTOMS_DECLARATION_H_
#define TRADEFIN_DOCUMENT_CUSTOMS_DECLARATION_H_

#include <optional>
#include <string>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/decimal.h"
#include "tradefin/core/money.h"
#include "tradefin/document/common.h"

namespace tradefin {

inline constexpr char kCustomsDeclarationNamespace[] = "urn:tradefin:customs:1";

struct CustomsCharge {        // 运费/保费/杂费
  std::string mark;           // "1" rate, "2" unit, "3" total
  Decimal value;
  std::string currency;       // ISO 4217
};

struct CustomsItem {
  int line_number = 0;             // 项号
  std::string commodity_code;      // 商品编号, 10 digits (first 6 = HS)
  std::string ciq_code;            // 3 digits, may be empty
  std::string name;                // 商品名称
  std::string declaration_elements;  // 规格型号, '|' separated
  Decimal quantity;                // transaction quantity
  std::string unit;                // transaction unit code, e.g. "011"
  Decimal legal_quantity;          // first legal quantity
  std::string legal_unit;          // e.g. "035" kg
  Decimal unit_price;              // in `total.currency`
  Money total;                     // line total
  std::string origin_country;      // ISO 3166 alpha-3 (since 2018)
  std::string destination_country; // alpha-3
  std::string source_region;       // 5-digit domestic source
};

struct CustomsDeclaration {
  std::string declaration_number;  // 海关编号, 18 digits, digit 9 = 0 export
  std::string exit_customs_office; // 出境关别, 4 digits
  Date declaration_date;           // 申报日期
  std::optional<Date> export_date; // 出口日期
  Party domestic_consignor;        // 境内发货人 (uscc or customs code)
  Party overseas_consignee;        // 境外收货人
  std::optional<Party> declarant;  // 申报单位 (customs broker)
  std::string transport_mode;      // 运输方式, "3" rail
  std::string conveyance;          // 运输工具名称 (train number)
  std::string waybill_number;      // 提运单号 = consignment number
  std::string trade_mode;          // 监管方式, "0110"
  std::string levy_type;           // 征免性质, "101"
  std::string licence_number;
  std::string contract_number;     // 合同协议号
  std::string credit_number;       // L/C cited, if any
  std::string trade_country;       // 贸易国, alpha-3
  std::string destination_country; // 运抵国, alpha-3
  std::string destination_port;    // 指运港
  std::string exit_port;           // 离境口岸
  std::string package_type;        // 包装种类
  int64_t packages = 0;            // 件数
  Decimal gross_weight_kg;         // 毛重
  Decimal net_weight_kg;           // 净重
  std::string transaction_terms;   // 成交方式 "1".."7"
  std::string incoterm;            // e.g. "CPT" (must map to the code)
  std::optional<CustomsCharge> freight;
  std::optional<CustomsCharge> insurance;
  std::optional<CustomsCharge> other_charges;
  std::vector<std::string> container_numbers;
  std::vector<CustomsItem> items;
  Money total;                     // sum of item totals
};

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_CUSTOMS_DECLARATION_H_
