// The model → JSON mapping, written through nlohmann-json (the one JSON
// library of the project). Field order follows the model headers so output
// is stable across runs.
#include "tradefin/document/json.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tradefin {
namespace {

// Builds an nlohmann::ordered_json tree in the order fields are written
// (keys in declaration order, so output is stable across runs) and leaves
// quoting, escaping and UTF-8 to nlohmann-json.
class Writer {
 public:
  explicit Writer(bool pretty) : pretty_(pretty) {}

  void BeginObject() { stack_.push_back(Insert(Json::object())); }
  void EndObject() { stack_.pop_back(); }
  void BeginArray() { stack_.push_back(Insert(Json::array())); }
  void EndArray() { stack_.pop_back(); }
  void Key(std::string_view k) { key_ = std::string(k); }
  void String(std::string_view s) { Insert(std::string(s)); }
  void Int(int64_t v) { Insert(v); }
  void Bool(bool v) { Insert(v); }
  void Null() { Insert(nullptr); }
  // Bytes that are not UTF-8 (none after XML parsing, which decodes to
  // UTF-8) become U+FFFD rather than invalid JSON.
  std::string Take() {
    return root_.dump(pretty_ ? 2 : -1, ' ', false, Json::error_handler_t::replace);
  }

 private:
  using Json = nlohmann::ordered_json;

  // The innermost open container is the only one written to, so pointers
  // to the open ones stay valid.
  Json* Insert(Json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Json& top = *stack_.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    Json& slot = top[key_];
    slot = std::move(v);
    return &slot;
  }

  bool pretty_;
  Json root_;
  std::vector<Json*> stack_;
  std::string key_;
};

// Field helpers: W(w) then F(w, "key", value).
void F(Writer& w, std::string_view k, const std::string& v) {
  w.Key(k);
  w.String(v);
}
void F(Writer& w, std::string_view k, const char* v) {
  w.Key(k);
  w.String(v);
}
void F(Writer& w, std::string_view k, int64_t v) {
  w.Key(k);
  w.Int(v);
}
void F(Writer& w, std::string_view k, int v) {
  w.Key(k);
  w.Int(v);
}
void F(Writer& w, std::string_view k, bool v) {
  w.Key(k);
  w.Bool(v);
}
void F(Writer& w, std::string_view k, const Decimal& v) {
  w.Key(k);
  w.String(v.ToString());
}
void F(Writer& w, std::string_view k, const Date& v) {
  w.Key(k);
  if (v.valid()) {
    w.String(v.ToIso());
  } else {
    w.Null();
  }
}
void F(Writer& w, std::string_view k, const Money& m) {
  w.Key(k);
  w.BeginObject();
  F(w, "currency", m.currency);
  w.Key("amount");
  if (FindCurrency(m.currency)) {
    w.String(m.AmountString());
  } else {
    w.Null();
  }
  F(w, "minor_units", m.minor_units);
  w.EndObject();
}
void F(Writer& w, std::string_view k, const std::vector<std::string>& v) {
  w.Key(k);
  w.BeginArray();
  for (const std::string& s : v) w.String(s);
  w.EndArray();
}
template <typename T>
void F(Writer& w, std::string_view k, const std::optional<T>& v) {
  if (v) {
    F(w, k, *v);
  } else {
    w.Key(k);
    w.Null();
  }
}
template <typename T>
void F(Writer& w, std::string_view k, const std::vector<T>& v) {
  w.Key(k);
  w.BeginArray();
  for (const T& x : v) Value(w, x);
  w.EndArray();
}
template <typename T>
void Obj(Writer& w, std::string_view k, const T& v) {
  w.Key(k);
  Value(w, v);
}
template <typename T>
void Obj(Writer& w, std::string_view k, const std::optional<T>& v) {
  w.Key(k);
  if (v) {
    Value(w, *v);
  } else {
    w.Null();
  }
}

void Value(Writer& w, const Address& a) {
  w.BeginObject();
  F(w, "lines", a.lines);
  F(w, "city", a.city);
  F(w, "postal_code", a.postal_code);
  F(w, "country", a.country);
  w.EndObject();
}
void Value(Writer& w, const Party& p) {
  w.BeginObject();
  F(w, "name", p.name);
  Obj(w, "address", p.address);
  w.Key("ids");
  w.BeginObject();
  F(w, "bic", p.ids.bic);
  F(w, "lei", p.ids.lei);
  F(w, "uscc", p.ids.uscc);
  F(w, "customs_code", p.ids.customs_code);
  F(w, "account", p.ids.account);
  w.EndObject();
  w.EndObject();
}
void Value(Writer& w, const Bank& b) {
  w.BeginObject();
  F(w, "bic", b.bic);
  F(w, "party_identifier", b.party_identifier);
  F(w, "name_address", b.name_address);
  F(w, "location", b.location);
  w.EndObject();
}
void Value(Writer& w, const Station& s) {
  w.BeginObject();
  F(w, "name", s.name);
  F(w, "code", s.code);
  F(w, "railway", s.railway);
  F(w, "country", s.country);
  w.EndObject();
}
void Value(Writer& w, const Wagon& x) {
  w.BeginObject();
  F(w, "number", x.number);
  F(w, "owner", x.owner);
  F(w, "capacity_t", x.capacity_t);
  F(w, "axles", x.axles);
  F(w, "tare_t", x.tare_t);
  w.EndObject();
}
void Value(Writer& w, const Container& x) {
  w.BeginObject();
  F(w, "number", x.number);
  F(w, "size_type", x.size_type);
  F(w, "seals", x.seals);
  w.EndObject();
}
void Value(Writer& w, const WaybillGoods& x) {
  w.BeginObject();
  F(w, "description", x.description);
  F(w, "gng_code", x.gng_code);
  F(w, "hs_code", x.hs_code);
  F(w, "packing", x.packing);
  F(w, "packages", x.packages);
  F(w, "gross_mass_kg", x.gross_mass_kg);
  F(w, "marks", x.marks);
  w.EndObject();
}
void Value(Writer& w, const CarrierSection& x) {
  w.BeginObject();
  F(w, "carrier", x.carrier);
  F(w, "carrier_code", x.carrier_code);
  F(w, "from_station_code", x.from_station_code);
  F(w, "to_station_code", x.to_station_code);
  w.EndObject();
}
void Value(Writer& w, const ContractingCarrier& x) {
  w.BeginObject();
  Obj(w, "party", x.party);
  F(w, "company_code", x.company_code);
  w.EndObject();
}
void Value(Writer& w, const CustomsCharge& x) {
  w.BeginObject();
  F(w, "mark", x.mark);
  F(w, "value", x.value);
  F(w, "currency", x.currency);
  w.EndObject();
}
void Value(Writer& w, const CustomsItem& x) {
  w.BeginObject();
  F(w, "line_number", x.line_number);
  F(w, "commodity_code", x.commodity_code);
  F(w, "ciq_code", x.ciq_code);
  F(w, "name", x.name);
  F(w, "declaration_elements", x.declaration_elements);
  F(w, "quantity", x.quantity);
  F(w, "unit", x.unit);
  F(w, "legal_quantity", x.legal_quantity);
  F(w, "legal_unit", x.legal_unit);
  F(w, "unit_price", x.unit_price);
  F(w, "total", x.total);
  F(w, "origin_country", x.origin_country);
  F(w, "destination_country", x.destination_country);
  F(w, "source_region", x.source_region);
  w.EndObject();
}
void Value(Writer& w, const InvoiceItem& x) {
  w.BeginObject();
  F(w, "line_number", x.line_number);
  F(w, "description", x.description);
  F(w, "hs_code", x.hs_code);
  F(w, "quantity", x.quantity);
  F(w, "unit", x.unit);
  F(w, "unit_price", x.unit_price);
  F(w, "amount", x.amount);
  w.EndObject();
}

const char* Name(ShipmentPermission p) {
  switch (p) {
    case ShipmentPermission::kAllowed: return "ALLOWED";
    case ShipmentPermission::kConditional: return "CONDITIONAL";
    case ShipmentPermission::kNotAllowed: return "NOT ALLOWED";
  }
  return "";
}
void F(Writer& w, std::string_view k, const std::optional<ShipmentPermission>& p) {
  w.Key(k);
  if (p) {
    w.String(Name(*p));
  } else {
    w.Null();
  }
}

void Value(Writer& w, const LetterOfCredit& lc) {
  w.BeginObject();
  Obj(w, "issuing_bank", lc.issuing_bank);
  Obj(w, "advising_bank", lc.advising_bank);
  F(w, "form", lc.form == FormOfCredit::kIrrevocableTransferable
                   ? "IRREVOCABLE TRANSFERABLE"
                   : "IRREVOCABLE");
  F(w, "credit_number", lc.credit_number);
  F(w, "pre_advice_reference", lc.pre_advice_reference);
  F(w, "issue_date", lc.issue_date);
  F(w, "applicable_rules", lc.applicable_rules);
  F(w, "applicable_rules_narrative", lc.applicable_rules_narrative);
  F(w, "expiry_date", lc.expiry_date);
  F(w, "expiry_place", lc.expiry_place);
  Obj(w, "applicant_bank", lc.applicant_bank);
  Obj(w, "applicant", lc.applicant);
  Obj(w, "beneficiary", lc.beneficiary);
  F(w, "amount", lc.amount);
  F(w, "tolerance_plus_percent", lc.tolerance_plus_percent);
  F(w, "tolerance_minus_percent", lc.tolerance_minus_percent);
  F(w, "additional_amounts", lc.additional_amounts);
  Obj(w, "available_with", lc.available_with);
  const char* by = "BY NEGOTIATION";
  switch (lc.available_by) {
    case AvailableBy::kPayment: by = "BY PAYMENT"; break;
    case AvailableBy::kAcceptance: by = "BY ACCEPTANCE"; break;
    case AvailableBy::kNegotiation: by = "BY NEGOTIATION"; break;
    case AvailableBy::kDeferredPayment: by = "BY DEF PAYMENT"; break;
    case AvailableBy::kMixedPayment: by = "BY MIXED PYMT"; break;
  }
  F(w, "available_by", by);
  F(w, "drafts_at", lc.drafts_at);
  Obj(w, "drawee", lc.drawee);
  F(w, "mixed_payment_details", lc.mixed_payment_details);
  F(w, "negotiation_deferred_details", lc.negotiation_deferred_details);
  F(w, "partial_shipments", lc.partial_shipments);
  F(w, "transhipment", lc.transhipment);
  F(w, "place_of_dispatch", lc.place_of_dispatch);
  F(w, "port_of_loading", lc.port_of_loading);
  F(w, "port_of_discharge", lc.port_of_discharge);
  F(w, "final_destination", lc.final_destination);
  F(w, "latest_shipment_date", lc.latest_shipment_date);
  F(w, "shipment_period", lc.shipment_period);
  F(w, "goods_description", lc.goods_description);
  F(w, "documents_required", lc.documents_required);
  F(w, "additional_conditions", lc.additional_conditions);
  F(w, "special_payment_beneficiary", lc.special_payment_beneficiary);
  F(w, "special_payment_bank", lc.special_payment_bank);
  F(w, "charges", lc.charges);
  F(w, "presentation_days", lc.presentation_days);
  F(w, "presentation_narrative", lc.presentation_narrative);
  F(w, "confirmation",
    lc.confirmation == ConfirmationInstruction::kConfirm  ? "CONFIRM"
    : lc.confirmation == ConfirmationInstruction::kMayAdd ? "MAY ADD"
                                                          : "WITHOUT");
  Obj(w, "requested_confirmation_party", lc.requested_confirmation_party);
  Obj(w, "reimbursing_bank", lc.reimbursing_bank);
  F(w, "instructions_to_bank", lc.instructions_to_bank);
  Obj(w, "advise_through_bank", lc.advise_through_bank);
  F(w, "sender_to_receiver", lc.sender_to_receiver);
  w.EndObject();
}

void Value(Writer& w, const RailWaybill& wb) {
  w.BeginObject();
  F(w, "regime", wb.regime == WaybillRegime::kSmgs  ? "SMGS"
                 : wb.regime == WaybillRegime::kCim ? "CIM"
                                                    : "CIM/SMGS");
  F(w, "sheet", wb.sheet == WaybillSheet::kOriginal ? "ORIGINAL"
                : wb.sheet == WaybillSheet::kCopy   ? "COPY"
                                                    : "DUPLICATE");
  F(w, "consignment_number", wb.consignment_number);
  Obj(w, "consignor", wb.consignor);
  Obj(w, "consignee", wb.consignee);
  Obj(w, "notify_party", wb.notify_party);
  Obj(w, "departure_station", wb.departure_station);
  Obj(w, "destination_station", wb.destination_station);
  F(w, "border_stations", wb.border_stations);
  F(w, "consignor_declarations", wb.consignor_declarations);
  F(w, "wagons", wb.wagons);
  F(w, "goods", wb.goods);
  F(w, "containers", wb.containers);
  F(w, "loaded_by", wb.loaded_by);
  F(w, "weighing_method", wb.weighing_method);
  F(w, "carriers", wb.carriers);
  Obj(w, "contracting_carrier", wb.contracting_carrier);
  F(w, "charges_payment", wb.charges_payment);
  F(w, "documents_attached", wb.documents_attached);
  F(w, "sales_contract_number", wb.sales_contract_number);
  F(w, "credit_number", wb.credit_number);
  F(w, "departure_date", wb.departure_date);
  F(w, "arrival_date", wb.arrival_date);
  F(w, "customs_entries", wb.customs_entries);
  F(w, "issue_date", wb.issue_date);
  F(w, "issue_place", wb.issue_place);
  F(w, "departure_stamp", wb.departure_stamp);
  F(w, "carrier_signatory", wb.carrier_signatory);
  F(w, "total_packages", wb.total_packages);
  F(w, "total_gross_mass_kg", wb.total_gross_mass_kg);
  w.EndObject();
}

void Value(Writer& w, const CustomsDeclaration& cd) {
  w.BeginObject();
  F(w, "declaration_number", cd.declaration_number);
  F(w, "exit_customs_office", cd.exit_customs_office);
  F(w, "declaration_date", cd.declaration_date);
  F(w, "export_date", cd.export_date);
  Obj(w, "domestic_consignor", cd.domestic_consignor);
  Obj(w, "overseas_consignee", cd.overseas_consignee);
  Obj(w, "declarant", cd.declarant);
  F(w, "transport_mode", cd.transport_mode);
  F(w, "conveyance", cd.conveyance);
  F(w, "waybill_number", cd.waybill_number);
  F(w, "trade_mode", cd.trade_mode);
  F(w, "levy_type", cd.levy_type);
  F(w, "licence_number", cd.licence_number);
  F(w, "contract_number", cd.contract_number);
  F(w, "credit_number", cd.credit_number);
  F(w, "trade_country", cd.trade_country);
  F(w, "destination_country", cd.destination_country);
  F(w, "destination_port", cd.destination_port);
  F(w, "exit_port", cd.exit_port);
  F(w, "package_type", cd.package_type);
  F(w, "packages", cd.packages);
  F(w, "gross_weight_kg", cd.gross_weight_kg);
  F(w, "net_weight_kg", cd.net_weight_kg);
  F(w, "transaction_terms", cd.transaction_terms);
  F(w, "incoterm", cd.incoterm);
  Obj(w, "freight", cd.freight);
  Obj(w, "insurance", cd.insurance);
  Obj(w, "other_charges", cd.other_charges);
  F(w, "container_numbers", cd.container_numbers);
  F(w, "items", cd.items);
  F(w, "total", cd.total);
  w.EndObject();
}

void Value(Writer& w, const CommercialInvoice& ci) {
  w.BeginObject();
  F(w, "title", ci.title);
  F(w, "invoice_number", ci.invoice_number);
  F(w, "issue_date", ci.issue_date);
  Obj(w, "seller", ci.seller);
  Obj(w, "buyer", ci.buyer);
  F(w, "credit_number", ci.credit_number);
  F(w, "consignment_number", ci.consignment_number);
  F(w, "customs_declaration_number", ci.customs_declaration_number);
  F(w, "incoterm", ci.incoterm);
  F(w, "incoterms_edition", ci.incoterms_edition);
  F(w, "incoterm_place", ci.incoterm_place);
  F(w, "currency", ci.currency);
  F(w, "items", ci.items);
  F(w, "total", ci.total);
  F(w, "container_numbers", ci.container_numbers);
  F(w, "packages", ci.packages);
  F(w, "gross_weight_kg", ci.gross_weight_kg);
  F(w, "net_weight_kg", ci.net_weight_kg);
  F(w, "country_of_origin", ci.country_of_origin);
  F(w, "marks", ci.marks);
  F(w, "signed_by_seller", ci.signed_by_seller);
  F(w, "signatory", ci.signatory);
  w.EndObject();
}

void Value(Writer& w, const DocumentModel& m) {
  std::visit([&](const auto& x) { Value(w, x); }, m);
}

}  // namespace

std::string ToJson(const Document& document, const JsonOptions& options) {
  Writer w(options.pretty);
  w.BeginObject();
  F(w, "type", std::string(DocumentTypeName(document.type)));
  F(w, "natural_key", document.natural_key);
  Obj(w, "model", document.model);
  w.EndObject();
  return w.Take();
}

std::string ToJson(const DocumentModel& model, const JsonOptions& options) {
  Writer w(options.pretty);
  Value(w, model);
  return w.Take();
}

}  // namespace tradefin
