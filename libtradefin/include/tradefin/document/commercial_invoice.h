// CommercialInvoice: the seller's invoice for the goods (UCP 600 Art. 18).
// Schema: schemas/commercial-invoice.xsd, urn:tradefin:invoice:1.
//
// Thread safety: plain value type.
#ifndef TRADEFIN_DOCUMENT_COMMERCIAL_INVOICE_H_
#define TRADEFIN_DOCUMENT_COMMERCIAL_INVOICE_H_

#include <optional>
#include <string>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/decimal.h"
#include "tradefin/core/money.h"
#include "tradefin/document/common.h"

namespace tradefin {

inline constexpr char kCommercialInvoiceNamespace[] = "urn:tradefin:invoice:1";

struct InvoiceItem {
  int line_number = 0;
  std::string description;
  std::string hs_code;         // 6-10 digits
  Decimal quantity;
  std::string unit;            // e.g. "SET", "KGM" (UN/ECE Rec 20 or text)
  Decimal unit_price;          // in the invoice currency
  Money amount;                // quantity * unit_price, rounded to minor units
};

struct CommercialInvoice {
  std::string title;            // as printed, e.g. "COMMERCIAL INVOICE";
                                // "PRO-FORMA ..." is a discrepancy
  std::string invoice_number;
  Date issue_date;
  Party seller;                 // issuer = L/C beneficiary
  Party buyer;                  // made out to the L/C applicant
  std::string credit_number;    // L/C number cited
  std::string consignment_number;  // rail waybill cited
  std::string customs_declaration_number;  // may be empty
  std::string incoterm;         // e.g. "CPT"
  std::string incoterms_edition;  // e.g. "INCOTERMS 2020"
  std::string incoterm_place;   // named place
  std::string currency;         // ISO 4217
  std::vector<InvoiceItem> items;
  Money total;                  // sum of item amounts
  std::vector<std::string> container_numbers;
  int64_t packages = 0;
  Decimal gross_weight_kg;
  Decimal net_weight_kg;
  std::string country_of_origin;  // ISO 3166 alpha-2
  std::string marks;
  bool signed_by_seller = false;
  std::string signatory;
};

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_COMMERCIAL_INVOICE_H_
