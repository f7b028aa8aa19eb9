// Semantic rules: what the XSDs deliberately leave to C++ (check digits,
// sums, currencies, date order, cross-field consistency inside one
// document). Codes and wording: docs/reference/validation-codes.md.
#include <string>

#include "document/parsers.h"
#include "tradefin/document/identifiers.h"

namespace tradefin::document_internal {
namespace {

std::string Idx(const std::string& key, size_t i) {
  return key + "[" + std::to_string(i) + "]";
}

// Years a trade document can plausibly carry. Reason: a typo such as 2205
// passes xs:date and every date-order rule.
constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

void CheckDate(const Date& d, const std::string& key, std::string_view what,
               IssueSink* sink) {
  if (sink->IsBad(key)) return;
  if (!d.valid()) {
    sink->Add("DATE-INVALID", key,
              std::string(what) + " is missing or not a calendar date; expected "
                                  "a date in YYYY-MM-DD form.");
    return;
  }
  if (d.year < kMinYear || d.year > kMaxYear) {
    sink->Add("DATE-RANGE", key,
              std::string(what) + " " + d.ToIso() +
                  " is implausible; expected a year between 1990 and 2100.");
  }
}

std::string Capitalized(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

// a <= b when both are valid; reports at `key_b`. False if it reported.
bool CheckOrder(const Date& a, std::string_view what_a, const std::string& key_a,
                const Date& b, std::string_view what_b, const std::string& key_b,
                IssueSink* sink) {
  if (!a.valid() || !b.valid() || sink->IsBad(key_a) || sink->IsBad(key_b)) {
    return true;
  }
  if (b < a) {
    sink->Add("DATE-ORDER", key_b,
              Capitalized(what_b) + " " + b.ToIso() + " is before " +
                  std::string(what_a) + " " + a.ToIso() + "; expected " +
                  std::string(what_b) + " on or after " + std::string(what_a) +
                  ".");
    return false;
  }
  return true;
}

void CheckBicField(const std::string& bic, const std::string& key,
                   IssueSink* sink) {
  if (bic.empty()) return;
  IdCheck c = CheckBic(bic);
  if (!c) {
    sink->Add("ID-BIC-FORMAT", key,
              "BIC " + bic + " is not a valid ISO 9362 BIC: " + c.reason + ".");
  }
}

void CheckCountry2(const std::string& code, const std::string& key,
                   IssueSink* sink) {
  if (code.empty() || IsCountryAlpha2(code)) return;
  sink->Add("ID-COUNTRY", key,
            "Country code " + code +
                " is not an ISO 3166-1 alpha-2 code; expected e.g. CN or PL.");
}

void CheckCountry3(const std::string& code, const std::string& key,
                   IssueSink* sink) {
  if (code.empty() || IsCountryAlpha3(code)) return;
  sink->Add("ID-COUNTRY", key,
            "Country code " + code +
                " is not an ISO 3166-1 alpha-3 code; expected e.g. CHN or POL.");
}

void CheckParty(const Party& p, const std::string& key, IssueSink* sink) {
  CheckCountry2(p.address.country, key + ".address.country", sink);
  CheckBicField(p.ids.bic, key + ".ids.bic", sink);
  if (!p.ids.lei.empty()) {
    IdCheck c = CheckLei(p.ids.lei);
    if (!c) {
      sink->Add("ID-LEI-CHECK", key + ".ids.lei",
                "LEI " + p.ids.lei + " fails the ISO 17442 check: " + c.reason +
                    ".");
    }
  }
  if (!p.ids.uscc.empty()) {
    IdCheck c = CheckUscc(p.ids.uscc);
    if (!c) {
      sink->Add("ID-USCC-CHECK", key + ".ids.uscc",
                "Unified social credit code " + p.ids.uscc +
                    " fails the GB 32100-2015 check: " + c.reason + ".");
    }
  }
}

void CheckBankField(const Bank& b, const std::string& key, IssueSink* sink) {
  CheckBicField(b.bic, key + ".bic", sink);
}

void CheckStation(const Station& s, const std::string& key, IssueSink* sink) {
  CheckCountry2(s.country, key + ".country", sink);
}

void CheckContainer(const std::string& number, const std::string& key,
                    IssueSink* sink) {
  IdCheck c = CheckContainerNumber(number);
  if (!c) {
    sink->Add("ID-CONTAINER-CHECK", key,
              "Container number " + number + " fails the ISO 6346 check: " +
                  c.reason + ".");
  }
}

void CheckHs(const std::string& code, const std::string& key,
             std::string_view what, IssueSink* sink) {
  if (code.empty()) return;
  IdCheck c = CheckHsCode(code);
  if (!c) {
    sink->Add("ID-HS-CODE", key,
              std::string(what) + " " + code + " is not a valid HS code: " +
                  c.reason + ".");
  }
}

// Money currency must be the document currency (and known: an unknown one
// is reported by the parser and marked bad).
void CheckSameCurrency(const Money& m, const std::string& key,
                       const std::string& doc_currency, std::string_view what,
                       IssueSink* sink) {
  if (sink->IsBad(key) || doc_currency.empty()) return;
  if (m.currency != doc_currency) {
    sink->Add("MONEY-CURRENCY", key,
              std::string(what) + " is in " + m.currency +
                  " but the document currency is " + doc_currency +
                  "; expected every amount in " + doc_currency + ".");
  }
}

// quantity * unit price, rounded half away from zero to the currency's
// minor units. nullopt on overflow or an unknown currency.
std::optional<int64_t> LineAmount(const Decimal& qty, const Decimal& price,
                                  const std::string& currency) {
  std::optional<Currency> cur = FindCurrency(currency);
  if (!cur) return std::nullopt;
  Result<Decimal> product = Multiply(qty, price);
  if (!product.ok()) return std::nullopt;
  Decimal p = *product;
  if (p.scale <= cur->exponent) {
    Result<Decimal> r = p.Rescale(cur->exponent);
    if (!r.ok()) return std::nullopt;
    return r->units;
  }
  int64_t div = 1;
  for (int32_t i = cur->exponent; i < p.scale; ++i) div *= 10;
  int64_t q = p.units / div;
  int64_t rem = p.units % div;
  if (rem < 0) rem = -rem;
  if (rem >= div - rem) q += p.units < 0 ? -1 : 1;
  return q;
}

std::string MinorToString(int64_t minor, const std::string& currency) {
  Money m{currency, minor};
  return m.ToString();
}

void CheckLineAmount(int line_number, const Decimal& qty, const std::string& qty_key,
                     const Decimal& price, const std::string& price_key,
                     const Money& amount, const std::string& amount_key,
                     IssueSink* sink) {
  if (sink->IsBad(qty_key) || sink->IsBad(price_key) || sink->IsBad(amount_key)) {
    return;
  }
  std::optional<int64_t> expected = LineAmount(qty, price, amount.currency);
  if (!expected) return;
  if (*expected != amount.minor_units) {
    sink->Add("SUM-LINE-AMOUNT", amount_key,
              "Line " + std::to_string(line_number) + " amount " +
                  amount.ToString() + " is not quantity " + qty.ToString() +
                  " x unit price " + price.ToString() + " = " +
                  MinorToString(*expected, amount.currency) +
                  "; expected the product rounded half-up to minor units.");
  }
}

// total == sum of line amounts; skipped if any amount is bad or the
// currencies differ (MONEY-CURRENCY already says so).
template <typename Items, typename GetAmount>
void CheckTotal(const Items& items, const std::string& items_key,
                const std::string& amount_field, GetAmount get,
                const Money& total, const std::string& total_key,
                IssueSink* sink) {
  if (sink->IsBad(total_key)) return;
  int64_t sum = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    const Money& m = get(items[i]);
    if (sink->IsBad(Idx(items_key, i) + "." + amount_field) ||
        m.currency != total.currency) {
      return;
    }
    if (__builtin_add_overflow(sum, m.minor_units, &sum)) return;
  }
  if (sum != total.minor_units) {
    sink->Add("SUM-TOTAL", total_key,
              "Total " + total.ToString() + " is not the sum of the line amounts, " +
                  MinorToString(sum, total.currency) +
                  "; expected the total to equal that sum.");
  }
}

void CheckNetGross(const Decimal& net, const Decimal& gross,
                   const std::string& net_key, const std::string& gross_key,
                   IssueSink* sink) {
  if (sink->IsBad(net_key) || sink->IsBad(gross_key)) return;
  if (gross < net) {
    sink->Add("WEIGHT-NET-GROSS", net_key,
              "Net weight " + net.ToString() + " kg exceeds gross weight " +
                  gross.ToString() + " kg; expected net <= gross.");
  }
}

// 成交方式 code for an Incoterm (docs/design/trade-rules.md §2): EXW→7; FCA/FAS/FOB→3;
// CFR/CPT→2; CIF/CIP/D-terms→1.
std::string_view TermsCodeFor(std::string_view incoterm) {
  if (incoterm == "EXW") return "7";
  if (incoterm == "FCA" || incoterm == "FAS" || incoterm == "FOB") return "3";
  if (incoterm == "CFR" || incoterm == "CPT") return "2";
  if (incoterm == "CIF" || incoterm == "CIP" || incoterm == "DAP" ||
      incoterm == "DPU" || incoterm == "DAT" || incoterm == "DDP") {
    return "1";
  }
  return "";
}

}  // namespace

void CheckLetterOfCredit(const LetterOfCredit& lc, IssueSink* sink) {
  CheckBankField(lc.issuing_bank, "issuing_bank", sink);
  CheckBankField(lc.advising_bank, "advising_bank", sink);
  if (lc.applicant_bank) CheckBankField(*lc.applicant_bank, "applicant_bank", sink);
  CheckBankField(lc.available_with, "available_with", sink);
  if (lc.drawee) CheckBankField(*lc.drawee, "drawee", sink);
  if (lc.requested_confirmation_party) {
    CheckBankField(*lc.requested_confirmation_party,
                   "requested_confirmation_party", sink);
  }
  if (lc.reimbursing_bank) {
    CheckBankField(*lc.reimbursing_bank, "reimbursing_bank", sink);
  }
  if (lc.advise_through_bank) {
    CheckBankField(*lc.advise_through_bank, "advise_through_bank", sink);
  }
  CheckParty(lc.applicant, "applicant", sink);
  CheckParty(lc.beneficiary, "beneficiary", sink);
  if (!sink->IsBad("amount") && !FindCurrency(lc.amount.currency)) {
    sink->Add("MONEY-CURRENCY", "amount",
              "Currency '" + lc.amount.currency +
                  "' is not an ISO 4217 currency code; expected an active "
                  "code such as EUR, USD or CNY.");
  }
  CheckDate(lc.issue_date, "issue_date", "Issue date", sink);
  CheckDate(lc.expiry_date, "expiry_date", "Expiry date", sink);
  (void)CheckOrder(lc.issue_date, "issue date", "issue_date", lc.expiry_date,
             "expiry date", "expiry_date", sink);
  if (lc.latest_shipment_date) {
    CheckDate(*lc.latest_shipment_date, "latest_shipment_date",
              "Latest shipment date", sink);
    (void)CheckOrder(lc.issue_date, "issue date", "issue_date",
               *lc.latest_shipment_date, "latest shipment date",
               "latest_shipment_date", sink);
    // UCP 600 Art. 29(c): the latest shipment date is not extended, so a
    // later one than expiry can never be met.
    (void)CheckOrder(*lc.latest_shipment_date, "latest shipment date",
               "latest_shipment_date", lc.expiry_date, "expiry date",
               "expiry_date", sink);
  }
}

void CheckRailWaybill(const RailWaybill& wb, IssueSink* sink) {
  CheckParty(wb.consignor, "consignor", sink);
  CheckParty(wb.consignee, "consignee", sink);
  if (wb.notify_party) CheckParty(*wb.notify_party, "notify_party", sink);
  if (wb.contracting_carrier)
    CheckParty(wb.contracting_carrier->party, "contracting_carrier", sink);
  CheckStation(wb.departure_station, "departure_station", sink);
  CheckStation(wb.destination_station, "destination_station", sink);
  for (size_t i = 0; i < wb.border_stations.size(); ++i) {
    CheckStation(wb.border_stations[i], Idx("border_stations", i), sink);
  }
  for (size_t i = 0; i < wb.wagons.size(); ++i) {
    const std::string key = Idx("wagons", i) + ".number";
    IdCheck c = CheckWagonNumber(wb.wagons[i].number);
    if (!c) {
      sink->Add("ID-WAGON-CHECK", key,
                "Wagon number " + wb.wagons[i].number +
                    " fails the UIC check: " + c.reason + ".");
    }
  }
  int64_t packages = 0;
  Decimal mass;
  bool mass_ok = true;
  for (size_t i = 0; i < wb.goods.size(); ++i) {
    const WaybillGoods& g = wb.goods[i];
    const std::string k = Idx("goods", i);
    CheckHs(g.hs_code, k + ".hs_code", "HS code", sink);
    if (!g.gng_code.empty()) {
      IdCheck c = CheckGngCode(g.gng_code);
      if (!c) {
        sink->Add("ID-HS-CODE", k + ".gng_code",
                  "GNG code " + g.gng_code + " is not valid: " + c.reason + ".");
      } else if (!g.hs_code.empty() && g.gng_code.compare(0, 6, g.hs_code) != 0) {
        sink->Add("ID-HS-CODE", k + ".hs_code",
                  "HS code " + g.hs_code + " is not the first six digits of GNG code " +
                      g.gng_code + "; expected " + g.gng_code.substr(0, 6) + ".");
      }
    }
    packages += g.packages;
    Result<Decimal> sum = Add(mass, g.gross_mass_kg);
    if (sum.ok() && !sink->IsBad(k + ".gross_mass_kg")) {
      mass = *sum;
    } else {
      mass_ok = false;
    }
  }
  if (!wb.goods.empty() && packages != wb.total_packages &&
      !sink->IsBad("total_packages")) {
    sink->Add("SUM-PACKAGES", "total_packages",
              "Total packages " + std::to_string(wb.total_packages) +
                  " is not the sum of the goods lines, " +
                  std::to_string(packages) + "; expected them to agree.");
  }
  if (!wb.goods.empty() && mass_ok && !(mass == wb.total_gross_mass_kg) &&
      !sink->IsBad("total_gross_mass_kg")) {
    sink->Add("SUM-WEIGHT", "total_gross_mass_kg",
              "Total gross mass " + wb.total_gross_mass_kg.ToString() +
                  " kg is not the sum of the goods lines, " + mass.ToString() +
                  " kg; expected them to agree.");
  }
  for (size_t i = 0; i < wb.containers.size(); ++i) {
    CheckContainer(wb.containers[i].number, Idx("containers", i) + ".number",
                   sink);
  }
  CheckDate(wb.departure_date, "departure_date", "Departure date", sink);
  CheckDate(wb.issue_date, "issue_date", "Issue date", sink);
  if (wb.arrival_date) {
    CheckDate(*wb.arrival_date, "arrival_date", "Arrival date", sink);
    // One report per wrong arrival date: issue vs arrival only matters
    // when departure vs arrival already holds.
    if (CheckOrder(wb.departure_date, "departure date", "departure_date",
                   *wb.arrival_date, "arrival date", "arrival_date", sink)) {
      (void)CheckOrder(wb.issue_date, "issue date", "issue_date", *wb.arrival_date,
                       "arrival date", "arrival_date", sink);
    }
  }
}

void CheckCustomsDeclaration(const CustomsDeclaration& cd, IssueSink* sink) {
  IdCheck num = CheckDeclarationNumber(cd.declaration_number, true);
  if (!num) {
    sink->Add("ID-DECLARATION-NUMBER", "declaration_number",
              "Declaration number " + cd.declaration_number +
                  " is not a valid export declaration number: " + num.reason +
                  ".");
  } else if (cd.declaration_date.valid() && !sink->IsBad("declaration_date") &&
             cd.declaration_number.substr(4, 4) !=
                 std::to_string(cd.declaration_date.year)) {
    sink->Add("ID-DECLARATION-NUMBER", "declaration_number",
              "Declaration number " + cd.declaration_number + " carries year " +
                  cd.declaration_number.substr(4, 4) +
                  " but the declaration date is in " +
                  std::to_string(cd.declaration_date.year) +
                  "; expected digits 5-8 to be the declaration year.");
  }
  const std::string& office = cd.exit_customs_office;
  if (office.size() != 4 ||
      office.find_first_not_of("0123456789") != std::string::npos) {
    sink->Add("ID-CUSTOMS-OFFICE", "exit_customs_office",
              "Exit customs office '" + office +
                  "' is not a customs office code; expected 4 digits such as "
                  "7901.");
  }
  CheckParty(cd.domestic_consignor, "domestic_consignor", sink);
  CheckParty(cd.overseas_consignee, "overseas_consignee", sink);
  if (cd.declarant) CheckParty(*cd.declarant, "declarant", sink);
  if (cd.transport_mode == "3" && cd.waybill_number.empty()) {
    sink->Add("CUSTOMS-WAYBILL", "waybill_number",
              "Transport mode 3 (rail) needs the consignment note number in "
              "WaybillNumber, but it is empty.");
  }
  CheckCountry3(cd.trade_country, "trade_country", sink);
  CheckCountry3(cd.destination_country, "destination_country", sink);
  CheckNetGross(cd.net_weight_kg, cd.gross_weight_kg, "net_weight_kg",
                "gross_weight_kg", sink);
  if (!cd.incoterm.empty()) {
    std::string_view expected = TermsCodeFor(cd.incoterm);
    if (!expected.empty() && expected != cd.transaction_terms) {
      sink->Add("CUSTOMS-TERMS", "transaction_terms",
                "Transaction terms code " + cd.transaction_terms +
                    " does not match Incoterm " + cd.incoterm + "; expected " +
                    std::string(expected) + ".");
    }
  }
  const std::pair<const std::optional<CustomsCharge>*, const char*> charges[] = {
      {&cd.freight, "freight"},
      {&cd.insurance, "insurance"},
      {&cd.other_charges, "other_charges"}};
  for (const auto& [charge, key] : charges) {
    if (*charge && !(*charge)->currency.empty() &&
        !FindCurrency((*charge)->currency)) {
      sink->Add("MONEY-CURRENCY", std::string(key) + ".currency",
                "Currency '" + (*charge)->currency +
                    "' is not an ISO 4217 currency code; expected an active "
                    "code such as EUR, USD or CNY.");
    }
  }
  for (size_t i = 0; i < cd.container_numbers.size(); ++i) {
    CheckContainer(cd.container_numbers[i], Idx("container_numbers", i), sink);
  }
  for (size_t i = 0; i < cd.items.size(); ++i) {
    const CustomsItem& it = cd.items[i];
    const std::string k = Idx("items", i);
    CheckHs(it.commodity_code, k + ".commodity_code", "Commodity code", sink);
    CheckCountry3(it.origin_country, k + ".origin_country", sink);
    CheckCountry3(it.destination_country, k + ".destination_country", sink);
    CheckSameCurrency(it.total, k + ".total", cd.total.currency,
                      "Item " + std::to_string(it.line_number) + " total",
                      sink);
    CheckLineAmount(it.line_number, it.quantity, k + ".quantity", it.unit_price,
                    k + ".unit_price", it.total, k + ".total", sink);
  }
  CheckTotal(cd.items, "items", "total",
             [](const CustomsItem& it) -> const Money& { return it.total; },
             cd.total, "total", sink);
  CheckDate(cd.declaration_date, "declaration_date", "Declaration date", sink);
  if (cd.export_date) {
    CheckDate(*cd.export_date, "export_date", "Export date", sink);
    (void)CheckOrder(cd.declaration_date, "declaration date", "declaration_date",
               *cd.export_date, "export date", "export_date", sink);
  }
}

void CheckCommercialInvoice(const CommercialInvoice& ci, IssueSink* sink) {
  CheckParty(ci.seller, "seller", sink);
  CheckParty(ci.buyer, "buyer", sink);
  if (!ci.customs_declaration_number.empty()) {
    IdCheck c = CheckDeclarationNumber(ci.customs_declaration_number, true);
    if (!c) {
      sink->Add("ID-DECLARATION-NUMBER", "customs_declaration_number",
                "Declaration number " + ci.customs_declaration_number +
                    " is not a valid export declaration number: " + c.reason +
                    ".");
    }
  }
  bool currency_known = FindCurrency(ci.currency).has_value();
  if (!currency_known) {
    sink->Add("MONEY-CURRENCY", "currency",
              "Currency '" + ci.currency +
                  "' is not an ISO 4217 currency code; expected an active "
                  "code such as EUR, USD or CNY.");
  }
  for (size_t i = 0; i < ci.items.size(); ++i) {
    const InvoiceItem& it = ci.items[i];
    const std::string k = Idx("items", i);
    CheckHs(it.hs_code, k + ".hs_code", "HS code", sink);
    if (currency_known) {
      CheckSameCurrency(it.amount, k + ".amount", ci.currency,
                        "Line " + std::to_string(it.line_number) + " amount",
                        sink);
    }
    CheckLineAmount(it.line_number, it.quantity, k + ".quantity", it.unit_price,
                    k + ".unit_price", it.amount, k + ".amount", sink);
  }
  if (currency_known) {
    CheckSameCurrency(ci.total, "total", ci.currency, "Total", sink);
  }
  CheckTotal(ci.items, "items", "amount",
             [](const InvoiceItem& it) -> const Money& { return it.amount; },
             ci.total, "total", sink);
  for (size_t i = 0; i < ci.container_numbers.size(); ++i) {
    CheckContainer(ci.container_numbers[i], Idx("container_numbers", i), sink);
  }
  CheckNetGross(ci.net_weight_kg, ci.gross_weight_kg, "net_weight_kg",
                "gross_weight_kg", sink);
  CheckCountry2(ci.country_of_origin, "country_of_origin", sink);
  CheckDate(ci.issue_date, "issue_date", "Invoice date", sink);
}

void CheckDocument(const Document& doc, IssueSink* sink) {
  std::visit(
      [&](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, LetterOfCredit>) {
          CheckLetterOfCredit(m, sink);
        } else if constexpr (std::is_same_v<T, RailWaybill>) {
          CheckRailWaybill(m, sink);
        } else if constexpr (std::is_same_v<T, CustomsDeclaration>) {
          CheckCustomsDeclaration(m, sink);
        } else {
          CheckCommercialInvoice(m, sink);
        }
      },
      doc.model);
}

}  // namespace tradefin::document_internal
