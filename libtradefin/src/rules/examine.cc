// Examination of a presentation against a documentary credit. Each block
// below names the UCP 600 article / ISBP 821 paragraph it implements; the
// rule ids are listed in docs/reference/examination-rules.md.
#include "tradefin/rules/examine.h"

#include <ostream>
#include <algorithm>
#include <cstdlib>
#include <set>

#include "rules/context.h"
#include "rules/internal.h"

namespace tradefin {

using rules_internal::Context;
using rules_internal::RefOf;

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kDiscrepancy: return "discrepancy";
    case Severity::kWarning: return "warning";
    case Severity::kManualCheck: return "manual-check";
  }
  return "unknown";
}

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kComplying: return "complying";
    case Verdict::kComplyingSubjectToManualCheck:
      return "complying-subject-to-manual-check";
    case Verdict::kDiscrepant: return "discrepant";
  }
  return "unknown";
}

int ExaminationReport::CountSeverity(Severity severity) const {
  return static_cast<int>(
      std::count_if(findings.begin(), findings.end(),
                    [&](const Finding& f) { return f.severity == severity; }));
}

namespace {

using namespace rules_internal;

int Exponent(const std::string& currency) {
  std::optional<Currency> c = FindCurrency(currency);
  return c ? c->exponent : 2;
}

bool PartialShipmentsProhibited(const LetterOfCredit& lc) {
  return lc.partial_shipments == ShipmentPermission::kNotAllowed;
}

// "about"/"approximately" qualifying the credit amount: SR2018+ has no text
// in 32B, so it can only be in 39C or 47A.
bool AmountIsAbout(const LetterOfCredit& lc) {
  auto scan = [](const TextLines& lines) {
    for (const std::string& item : SplitItems(lines)) {
      std::vector<std::string> t = Tokens(item);
      bool about = false, amount = false;
      for (const std::string& w : t) {
        if (w == "ABOUT" || w == "APPROXIMATELY" || w == "CIRCA") about = true;
        if (w == "AMOUNT" || w == "VALUE") amount = true;
      }
      if (about && amount) return true;
    }
    return false;
  };
  return scan(lc.additional_amounts) || scan(lc.additional_conditions);
}

// ---- Art. 24(a)(ii): the shipment date of a rail document ------------------
std::optional<Date> ShipmentDate(const RailWaybill& w) {
  if (w.departure_stamp && w.departure_date.valid()) return w.departure_date;
  if (w.issue_date.valid()) return w.issue_date;
  return std::nullopt;
}

std::string MovedNote(const Date& original, const Date& moved) {
  if (original == moved) return "";
  return " (" + original.ToIso() +
         " is not a banking day; moved per Art. 29(a))";
}

// ---- Art. 6(d), 29(a): expiry date and place --------------------------------
void CheckExpiry(Context& ctx) {
  const Date& expiry = ctx.lc.expiry_date;
  Date effective = ctx.options.calendar.NextBankingDay(expiry);
  ctx.report.effective_expiry_date = effective;
  if (ctx.presented > effective) {
    ctx.Add("UCP6D-EXPIRY", "UCP 600 Art. 6(d)(i), 29(a)",
            Severity::kDiscrepancy, {"presentation", ""}, {"presentation_date"},
            "presented " + ctx.presented.ToIso(),
            "on or before " + effective.ToIso() + " (31D expiry)" +
                MovedNote(expiry, effective));
  }
  if (ctx.options.presentation_place.empty()) {
    ctx.Ignore("31D", 1, ctx.lc.expiry_place,
               "place of presentation not given; 31D place not checked");
  } else if (!PlaceMatches(ctx.lc.expiry_place,
                           ctx.options.presentation_place)) {
    ctx.Add("UCP6D-EXPIRY-PLACE", "UCP 600 Art. 6(d)(ii)",
            Severity::kDiscrepancy, {"presentation", ""}, {"presentation_place"},
            ctx.options.presentation_place,
            ctx.lc.expiry_place + " (31D place of expiry)");
  }
}

// ---- Art. 24(a)(ii), 29(c), 3, 14(c): shipment and presentation dates -------
void CheckShipmentAndPresentation(Context& ctx) {
  std::optional<DateWindow> window;
  bool period_given = !ctx.lc.shipment_period.empty();
  if (period_given) {
    std::string text = Join(ctx.lc.shipment_period, " ");
    window = ParseShipmentPeriod(text);
    if (!window) {
      ctx.Unmapped("44D", 1, text, text, "LC44D-UNPARSED", "UCP 600 Art. 3");
    }
  }
  int days = ctx.lc.presentation_days.value_or(21);
  if (!ctx.lc.presentation_narrative.empty()) {
    ctx.Unmapped("48", 1, ctx.lc.presentation_narrative,
                 ctx.lc.presentation_narrative, "LC48-NARRATIVE",
                 "UCP 600 Art. 14(c)");
  }
  std::optional<Date> earliest_last;
  for (const RailWaybill& w : ctx.p.waybills) {
    std::optional<Date> shipped = ShipmentDate(w);
    if (!shipped) {
      ctx.Add("UCP24A-SHIPMENT-DATE", "UCP 600 Art. 24(a)(ii)",
              Severity::kDiscrepancy, RefOf(w),
              {"departure_date", "issue_date"}, "no stamp date, no issue date",
              "a departure stamp date or an issue date");
      continue;
    }
    std::string shipped_text =
        shipped->ToIso() + (w.departure_stamp && w.departure_date.valid()
                                ? " (departure stamp)"
                                : " (issue date; no departure stamp)");
    if (ctx.lc.latest_shipment_date &&
        *shipped > *ctx.lc.latest_shipment_date) {
      ctx.Add("UCP24-LATEST-SHIPMENT", "UCP 600 Art. 24(a)(ii), 29(c)",
              Severity::kDiscrepancy, RefOf(w), {"departure_date"},
              "shipped " + shipped_text,
              "on or before " + ctx.lc.latest_shipment_date->ToIso() +
                  " (44C; never extended)");
    }
    if (window) {
      bool early = window->earliest && *shipped < *window->earliest;
      bool late = window->latest && *shipped > *window->latest;
      if (early || late) {
        std::string range =
            (window->earliest ? window->earliest->ToIso() : "any date") +
            " to " + (window->latest ? window->latest->ToIso() : "any date");
        ctx.Add("UCP3-SHIPMENT-PERIOD", "UCP 600 Art. 3",
                Severity::kDiscrepancy, RefOf(w), {"departure_date"},
                "shipped " + shipped_text,
                range + " (44D \"" + Join(ctx.lc.shipment_period, " ") +
                    "\")");
      }
    }
    Date last = shipped->AddDays(days);
    Date moved = ctx.options.calendar.NextBankingDay(last);
    if (!earliest_last || moved < *earliest_last) earliest_last = moved;
    if (ctx.presented > moved) {
      ctx.Add("UCP14C-PRESENTATION-PERIOD", "UCP 600 Art. 14(c), 29(a)",
              Severity::kDiscrepancy, RefOf(w), {"departure_date"},
              "presented " + ctx.presented.ToIso(),
              "on or before " + moved.ToIso() + " (shipment " +
                  shipped->ToIso() + " + " + std::to_string(days) + " days" +
                  (ctx.lc.presentation_days ? " per 48" : ", the default") +
                  ")" + MovedNote(last, moved));
    }
  }
  if (earliest_last) {
    ctx.report.last_presentation_day =
        std::min(*earliest_last, ctx.report.effective_expiry_date);
  }
}

// ---- Art. 14(i): no document dated after presentation -----------------------
void CheckDocumentDates(Context& ctx) {
  auto check = [&](const DocumentRef& ref, const Date& d, const char* field) {
    if (d.valid() && d > ctx.presented) {
      ctx.Add("UCP14I-DOCUMENT-DATE", "UCP 600 Art. 14(i)",
              Severity::kDiscrepancy, ref, {field}, "dated " + d.ToIso(),
              "on or before the presentation date " + ctx.presented.ToIso());
    }
  };
  for (const auto& i : ctx.p.invoices) check(RefOf(i), i.issue_date, "issue_date");
  for (const auto& w : ctx.p.waybills) check(RefOf(w), w.issue_date, "issue_date");
  for (const auto& c : ctx.p.customs_declarations)
    check(RefOf(c), c.declaration_date, "declaration_date");
}

// ---- Art. 18, 30: the invoice ------------------------------------------------
// Art. 18(a)(iii): the invoice is in the credit's currency. Reported first
// and once: what follows from it (prices and amount not comparable with the
// credit) is stated inside this finding.
void CheckInvoiceCurrency(Context& ctx, const CommercialInvoice& inv) {
  const std::string& ccy = ctx.lc.amount.currency;
  if (inv.currency == ccy && inv.total.currency == ccy) return;
  ctx.Add("UCP18A-CURRENCY", "UCP 600 Art. 18(a)(iii); ISBP 821 C7",
          Severity::kDiscrepancy, RefOf(inv), {"currency", "total"},
          inv.currency + " (total " + inv.total.currency + ")",
          ccy + " (32B)");
  if (ctx.goods.unit_price) {
    ctx.report.findings.back().consequences.push_back(
        "unit prices in " + inv.currency + " cannot match 45A " +
        ctx.goods.price_currency + " " + ctx.goods.unit_price->ToString());
  }
}

void CheckInvoiceParties(Context& ctx, const CommercialInvoice& inv) {
  const LetterOfCredit& lc = ctx.lc;
  CheckInvoiceCurrency(ctx, inv);
  if (!NamesMatch(inv.seller.name, lc.beneficiary.name)) {
    ctx.Add("UCP18A-ISSUER", "UCP 600 Art. 18(a)(i); ISBP 821 C2",
            Severity::kDiscrepancy, RefOf(inv), {"seller.name"},
            inv.seller.name, lc.beneficiary.name + " (59 beneficiary)");
  }
  if (!NamesMatch(inv.buyer.name, lc.applicant.name)) {
    ctx.Add("UCP18A-APPLICANT", "UCP 600 Art. 18(a)(ii)",
            Severity::kDiscrepancy, RefOf(inv), {"buyer.name"}, inv.buyer.name,
            lc.applicant.name + " (50 applicant)");
  }
  auto country = [&](const Party& doc, const Party& credit, const char* field,
                     const char* tag) {
    const std::string& a = doc.address.country;
    const std::string& b = credit.address.country;
    if (!a.empty() && !b.empty() && a != b) {
      ctx.Add("UCP14J-ADDRESS-COUNTRY", "UCP 600 Art. 14(j)",
              Severity::kDiscrepancy, RefOf(inv), {field}, a,
              b + " (" + tag + " country)");
    }
  };
  country(inv.seller, lc.beneficiary, "seller.address.country", "59");
  country(inv.buyer, lc.applicant, "buyer.address.country", "50");
  std::string title = " " + Normalize(inv.title) + " ";
  if (title.find(" PRO FORMA ") != std::string::npos ||
      title.find(" PROFORMA ") != std::string::npos ||
      title.find(" PROVISIONAL ") != std::string::npos) {
    ctx.Add("ISBP-C1-PRO-FORMA", "UCP 600 Art. 18; ISBP 821 C1",
            Severity::kDiscrepancy, RefOf(inv), {"title"}, inv.title,
            "an invoice not marked pro-forma or provisional");
  }
}

void CheckInvoiceGoods(Context& ctx, const CommercialInvoice& inv) {
  const GoodsTerms& g = ctx.goods;
  // Art. 18(c): the description must correspond with 45A. Every word of the
  // 45A goods description (quantity and HS code aside) must appear in the
  // invoice's descriptions.
  std::vector<std::string> words;
  for (const InvoiceItem& item : inv.items) {
    for (std::string& t : Tokens(item.description)) words.push_back(std::move(t));
  }
  std::vector<std::string> missing;
  for (const std::string& term : g.key_terms) {
    if (std::find(words.begin(), words.end(), term) == words.end())
      missing.push_back(term);
  }
  if (!g.key_terms.empty() && !missing.empty()) {
    std::string found;
    for (const InvoiceItem& item : inv.items) {
      if (!found.empty()) found += "; ";
      found += item.description;
    }
    ctx.Add("UCP18C-GOODS-DESCRIPTION", "UCP 600 Art. 18(c); ISBP 821 C3",
            Severity::kDiscrepancy, RefOf(inv), {"items.description"},
            "\"" + found + "\" (missing " + Join(missing, " ") + ")",
            "a description corresponding to 45A \"" + Join(g.key_terms, " ") +
                "\"");
  }
  if (!g.hs_code.empty()) {
    for (size_t k = 0; k < inv.items.size(); ++k) {
      const InvoiceItem& item = inv.items[k];
      if (!item.hs_code.empty() &&
          item.hs_code.compare(0, g.hs_code.size(), g.hs_code) != 0) {
        ctx.Add("UCP18C-HS-CODE", "UCP 600 Art. 18(c); ISBP 821 C3",
                Severity::kDiscrepancy, RefOf(inv),
                {"items[" + std::to_string(k) + "].hs_code"},
                item.hs_code, "HS " + g.hs_code + " (45A)");
      }
    }
  }
  // Trade term and its source (Incoterms edition) as in 45A.
  if (!g.incoterm.empty()) {
    bool term_ok = Upper(inv.incoterm) == g.incoterm;
    std::vector<std::string> ed = Tokens(inv.incoterms_edition);
    bool edition_ok =
        g.incoterms_edition.empty() ||
        std::find(ed.begin(), ed.end(), g.incoterms_edition) != ed.end();
    bool place_ok = g.incoterm_place.empty() ||
                    PlaceMatches(g.incoterm_place, inv.incoterm_place);
    if (!term_ok || !edition_ok || !place_ok) {
      std::vector<std::string> fields;
      if (!term_ok) fields.push_back("incoterm");
      if (!edition_ok) fields.push_back("incoterms_edition");
      if (!place_ok) fields.push_back("incoterm_place");
      ctx.Add("UCP18C-TRADE-TERM", "UCP 600 Art. 18(c); ISBP 821 C9",
              Severity::kDiscrepancy, RefOf(inv), fields,
              inv.incoterm + " " + inv.incoterm_place + " " +
                  inv.incoterms_edition,
              g.incoterm + " " + g.incoterm_place +
                  (g.incoterms_edition.empty()
                       ? ""
                       : " INCOTERMS " + g.incoterms_edition) +
                  " (45A)");
    }
  }
  // Unit price as in 45A (Art. 30(a) "about" gives +-10%). An invoice in
  // another currency than the credit is one defect, reported as
  // UCP18A-CURRENCY; its prices are not compared again.
  if (g.unit_price && inv.currency == ctx.lc.amount.currency &&
      inv.total.currency == ctx.lc.amount.currency) {
    for (size_t k = 0; k < inv.items.size(); ++k) {
      const InvoiceItem& item = inv.items[k];
      bool currency_ok = g.price_currency == inv.currency;
      // Compared per the same unit (a price per KG against 45A per MT).
      bool price_ok =
          PricesAgree(item.unit_price, item.unit, *g.unit_price, g.price_unit,
                      g.price_about ? 10 : 0, g.unit_definitions);
      if (!currency_ok || !price_ok) {
        ctx.Add("UCP18-UNIT-PRICE", "UCP 600 Art. 18, 30(a); ISBP 821 C7",
                Severity::kDiscrepancy, RefOf(inv),
                {"items[" + std::to_string(k) + "].unit_price"},
                inv.currency + " " + item.unit_price.ToString(),
                std::string(g.price_about ? "about " : "") + g.price_currency +
                    " " + g.unit_price->ToString() +
                    (g.price_unit.empty() ? "" : " per " + g.price_unit) +
                    " (45A)");
      }
    }
  }
}

// Quantity (Art. 30(a),(b)) and amount (Art. 18(b), 30, 31 and 39A).
void CheckQuantityAndAmount(Context& ctx) {
  const LetterOfCredit& lc = ctx.lc;
  const GoodsTerms& g = ctx.goods;
  bool partial_prohibited = PartialShipmentsProhibited(lc);
  bool amount_about = AmountIsAbout(lc);
  const std::string& ccy = lc.amount.currency;
  int exp = Exponent(ccy);

  // Totals over every invoice presented (several invoices = one drawing).
  int64_t drawn = 0;
  bool currency_ok = true;
  Decimal quantity{0, 0};
  bool quantity_known = g.quantity.has_value() && !ctx.p.invoices.empty();
  std::optional<BaseQuantity> credit_qty;
  if (quantity_known) {
    credit_qty = ToBase(*g.quantity, g.quantity_unit, g.unit_definitions);
  }
  bool converted = false;
  std::string unknown_unit;
  for (const CommercialInvoice& inv : ctx.p.invoices) {
    if (inv.currency != ccy || inv.total.currency != ccy) {
      currency_ok = false;
      Finding* f = ctx.Existing("UCP18A-CURRENCY", RefOf(inv));
      if (f) {
        f->consequences.push_back(
            "the amount is not counted against 32B");
      }
      continue;
    }
    drawn += inv.total.minor_units;
    for (const InvoiceItem& item : inv.items) {
      // Art. 30(b) compares in the credit's unit: each line is converted
      // (KG/MT/LBS exactly, SETS/PCS as 45A defines them).
      Decimal q = item.quantity;
      if (credit_qty) {
        std::optional<BaseQuantity> b =
            ToBase(item.quantity, item.unit, g.unit_definitions);
        if (!b || b->base != credit_qty->base) {
          if (unknown_unit.empty())
            unknown_unit = item.unit.empty() ? "(no unit)" : item.unit;
          continue;
        }
        // Converted only when the units differ in kind or size (SET and
        // SETS are the same unit written two ways).
        std::optional<UnitInfo> iu = LookupUnit(item.unit);
        std::optional<UnitInfo> cu = LookupUnit(g.quantity_unit);
        if (!iu || !cu || iu->base != cu->base || !(iu->factor == cu->factor))
          converted = true;
        q = b->value;
      }
      Result<Decimal> sum = Add(quantity, q);
      if (sum.ok()) quantity = *sum;
    }
  }
  if (ctx.p.invoices.empty() || !currency_ok) return;
  if (quantity_known && (!credit_qty || !unknown_unit.empty())) {
    // An unknown unit is a manual check, never a pass.
    ctx.Add("UCP30-QUANTITY-UNIT", "UCP 600 Art. 30(b); ISBP 821 C12",
            Severity::kManualCheck,
            {"commercial-invoice", ctx.p.invoices.front().invoice_number},
            {"items.unit"},
            !credit_qty ? "45A quantity in " + g.quantity_unit
                        : "a line in " + unknown_unit,
            "units tradefin can convert to the 45A unit " + g.quantity_unit +
                ", or a person to compare the quantity");
    quantity_known = false;
  }

  // Quantity.
  bool full_quantity = true;
  if (quantity_known) {
    int qtol = g.quantity_about ? 10 : (g.counted_units ? 0 : 5);
    const char* basis = g.quantity_about
                            ? "about: +-10%, Art. 30(a)"
                            : (g.counted_units
                                   ? "counted in units: no tolerance, Art. 30(b)"
                                   : "bulk: +-5%, Art. 30(b)");
    const Decimal& base = credit_qty->value;
    int cmp = Compare(quantity, base);
    // Converted figures carry rounding: half a unit of the last digit.
    bool rounding_only =
        converted && Compare(AbsDifference(quantity, base),
                             credit_qty->rounding) <= 0;
    bool over = cmp > 0 && !rounding_only && !WithinPercent(quantity, base, qtol);
    bool under = cmp < 0 && !rounding_only && !WithinPercent(quantity, base, qtol);
    full_quantity = !under;
    if (over || (under && partial_prohibited)) {
      ctx.Add("UCP30-QUANTITY",
              over ? "UCP 600 Art. 30(a), 30(b)" : "UCP 600 Art. 30(b), 31(a)",
              Severity::kDiscrepancy,
              {"commercial-invoice", ctx.p.invoices.front().invoice_number},
              {"items.quantity"},
              converted ? QuantityText(quantity, credit_qty->base) +
                              " (converted from the invoice units)"
                        : quantity.ToString() + " " + g.quantity_unit,
              g.quantity->ToString() + " " + g.quantity_unit + " (45A; " +
                  basis + (under ? "; partial shipments not allowed" : "") +
                  ")");
    }
  }

  // Amount: the most that may be drawn.
  int plus = lc.tolerance_plus_percent.value_or(amount_about ? 10 : 0);
  int64_t max = MaxWithTolerance(lc.amount.minor_units, plus);
  DocumentRef ref{"commercial-invoice", ctx.p.invoices.front().invoice_number};
  // An excess amount that follows from an excess quantity or a unit price
  // above 45A is that defect's consequence, not a second discrepancy.
  Finding* cause = ctx.Existing("UCP30-QUANTITY", ref);
  if (!cause) {
    for (Finding& f : ctx.report.findings)
      if (f.rule_id == "UCP18-UNIT-PRICE") { cause = &f; break; }
  }
  if (drawn > max && cause) {
    cause->consequences.push_back(
        "total " + ccy + " " + MinorToString(drawn, exp) +
        " exceeds the most that may be drawn, " + ccy + " " +
        MinorToString(max, exp) + " (32B " + lc.amount.AmountString() +
        " + " + std::to_string(plus) + "%, Art. 18(b), 30(a))");
  } else if (drawn > max) {
    ctx.Add("UCP30-AMOUNT-OVER",
            "UCP 600 Art. 18(b), 30(a)" +
                std::string(lc.tolerance_plus_percent ? "; credit 39A" : ""),
            Severity::kDiscrepancy, ref, {"total"},
            ccy + " " + MinorToString(drawn, exp),
            "at most " + ccy + " " + MinorToString(max, exp) + " (32B " +
                lc.amount.AmountString() + " + " + std::to_string(plus) +
                "%)");
  }
  // The least: only binding when partial drawings are prohibited.
  if (partial_prohibited) {
    int minus;
    std::string basis;
    if (lc.tolerance_minus_percent) {
      minus = *lc.tolerance_minus_percent;
      basis = "39A";
    } else if (amount_about) {
      minus = 10;
      basis = "about, Art. 30(a)";
    } else {
      // Art. 30(c): 5% less may be drawn if the full quantity is shipped and
      // the unit price is not reduced.
      minus = full_quantity ? 5 : 0;
      basis = full_quantity ? "Art. 30(c)" : "Art. 30(c) needs full quantity";
    }
    int64_t min = MinWithTolerance(lc.amount.minor_units, minus);
    if (drawn < min) {
      ctx.Add("UCP30-AMOUNT-UNDER", "UCP 600 Art. 30(c), 31(a)",
              Severity::kDiscrepancy, ref, {"total"},
              ccy + " " + MinorToString(drawn, exp),
              "at least " + ccy + " " + MinorToString(min, exp) + " (32B " +
                  lc.amount.AmountString() + " - " + std::to_string(minus) +
                  "%, " + basis + "; partial shipments not allowed)");
    }
  }
}

// ---- Art. 24: the rail transport document ----------------------------------
void CheckWaybill(Context& ctx, const RailWaybill& w) {
  if (!w.departure_stamp && w.carrier_signatory.empty()) {
    ctx.Add("UCP24A-CARRIER-SIGNATURE", "UCP 600 Art. 24(a)(i)",
            Severity::kDiscrepancy, RefOf(w),
            {"departure_stamp", "carrier_signatory"},
            "no railway stamp, no carrier signature",
            "signed by the carrier or a named agent, or a railway stamp");
  }
  if (w.carriers.empty() && w.carrier_signatory.empty()) {
    ctx.Add("UCP24A-CARRIER-NAME", "UCP 600 Art. 24(a)(i)",
            Severity::kDiscrepancy, RefOf(w), {"carriers"}, "no carrier named",
            "the name of the carrier");
  }
  // The sheet (original / duplicate / copy) is checked against the 46A
  // wording in conditions.cc.
  if (!ctx.lc.place_of_dispatch.empty() &&
      !PlaceMatches(ctx.lc.place_of_dispatch, w.departure_station.name)) {
    ctx.Add("UCP24A-PLACE-OF-DISPATCH", "UCP 600 Art. 24(a)(iii)",
            Severity::kDiscrepancy, RefOf(w), {"departure_station.name"},
            w.departure_station.name, ctx.lc.place_of_dispatch + " (44A)");
  }
  if (!ctx.lc.final_destination.empty() &&
      !PlaceMatches(ctx.lc.final_destination, w.destination_station.name)) {
    ctx.Add("UCP24A-PLACE-OF-DESTINATION", "UCP 600 Art. 24(a)(iii)",
            Severity::kDiscrepancy, RefOf(w), {"destination_station.name"},
            w.destination_station.name, ctx.lc.final_destination + " (44B)");
  }
  // Art. 24(e): transhipment within one mode under one document covering the
  // whole carriage is acceptable, so a prohibition is only worth a warning
  // when the note shows border stations (gauge change, re-loading).
  if (ctx.lc.transhipment == ShipmentPermission::kNotAllowed &&
      !w.border_stations.empty()) {
    std::vector<std::string> names;
    for (const Station& s : w.border_stations) names.push_back(s.name);
    ctx.Add("UCP24E-TRANSHIPMENT", "UCP 600 Art. 24(d), 24(e)",
            Severity::kWarning, RefOf(w), {"border_stations"},
            "border stations " + Join(names, ", "),
            "no transhipment (43T NOT ALLOWED); acceptable if one document "
            "covers the whole carriage");
  }
}

// ---- Art. 31: partial shipments ---------------------------------------------
void CheckPartialShipments(Context& ctx) {
  if (!PartialShipmentsProhibited(ctx.lc)) return;
  std::set<std::string> departures;  // station + date = one train departure
  for (const RailWaybill& w : ctx.p.waybills) {
    std::optional<Date> d = ShipmentDate(w);
    departures.insert(
        (w.departure_station.code.empty() ? Normalize(w.departure_station.name)
                                          : w.departure_station.code) +
        " " + (d ? d->ToIso() : "?"));
  }
  if (departures.size() > 1) {
    ctx.Add("UCP31-PARTIAL-SHIPMENT", "UCP 600 Art. 31(a), 31(b)",
            Severity::kDiscrepancy, {"presentation", ""},
            {"waybills.departure_station", "waybills.departure_date"},
            std::to_string(departures.size()) + " departures: " +
                SetText(departures),
            "one departure (43P NOT ALLOWED)");
  }
  std::set<std::string> trains;
  for (const CustomsDeclaration& c : ctx.p.customs_declarations) {
    if (!c.conveyance.empty()) trains.insert(Normalize(c.conveyance));
  }
  if (trains.size() > 1) {
    ctx.Add("UCP31-PARTIAL-SHIPMENT", "UCP 600 Art. 31(b)",
            Severity::kDiscrepancy, {"presentation", ""},
            {"customs_declarations.conveyance"},
            std::to_string(trains.size()) + " trains: " + SetText(trains),
            "one train (43P NOT ALLOWED)");
  }
}

// ---- 42C / 42a / 42M / 42P: drafts ------------------------------------------
std::string BankText(const Bank& b) {
  if (!b.bic.empty()) return b.bic;
  if (!b.name_address.empty()) return Join(b.name_address, " ");
  return b.location;
}

// The drawee on the draft is the 42a bank: the same BIC (8 and 11
// characters name the same institution), or the 42D name.
bool DraweeMatches(const Bank& credit, const std::string& drawee) {
  std::string d = Upper(drawee);
  while (!d.empty() && d.back() == ' ') d.pop_back();
  if (!credit.bic.empty()) {
    std::string bic8 = Upper(credit.bic).substr(0, 8);
    if (d.size() >= 8 && d.compare(0, 8, bic8) == 0 &&
        (d.size() == 8 || d.size() == 11 || d[8] == ' '))
      return true;
  }
  if (!credit.name_address.empty()) {
    if (NamesMatch(credit.name_address[0], drawee)) return true;
    std::vector<std::string> want = Tokens(credit.name_address[0]);
    std::vector<std::string> have = Tokens(drawee);
    return !want.empty() &&
           std::all_of(want.begin(), want.end(), [&](const std::string& w) {
             return std::find(have.begin(), have.end(), w) != have.end();
           });
  }
  return false;
}

// "FOR 90 PCT OF INVOICE VALUE" / "90% OF INVOICE VALUE" in 42C; 100 when
// not stated.
int DraftPercent(const std::string& tenor) {
  std::string u = Upper(tenor);
  for (const char* word : {" PCT", "%", " PERCENT", " PER CENT"}) {
    size_t at = u.find(word);
    if (at == std::string::npos) continue;
    size_t end = at;
    size_t start = end;
    while (start > 0 && u[start - 1] >= '0' && u[start - 1] <= '9') --start;
    if (start < end) return std::atoi(u.substr(start, end - start).c_str());
  }
  return 100;
}

void CheckDrafts(Context& ctx) {
  const LetterOfCredit& lc = ctx.lc;
  bool calls_for_draft = !lc.drafts_at.empty() || lc.drawee.has_value();
  bool deferred = !lc.mixed_payment_details.empty() ||
                  !lc.negotiation_deferred_details.empty();
  const char* ref = "UCP 600 Art. 6(c), 14(a); ISBP 821 B";
  if (!calls_for_draft) {
    if (ctx.p.drafts && !ctx.p.drafts->empty()) {
      ctx.Ignore("42C", 1, "draft presented",
                 std::string("the credit calls for no draft") +
                     (deferred ? " (available per 42M/42P)" : "") +
                     "; an unrequired document is disregarded (UCP 600 "
                     "Art. 14(g))");
    }
    return;
  }
  std::string tenor = Join(lc.drafts_at, " ");
  std::string drawee = lc.drawee ? BankText(*lc.drawee) : std::string();
  std::string wanted = "a draft" + (tenor.empty() ? "" : " " + tenor) +
                       (drawee.empty() ? "" : " drawn on " + drawee) +
                       " (42C, 42a)";
  if (!ctx.p.drafts) {
    ctx.Ignore("42C", 1, tenor + (drawee.empty() ? "" : ", 42a " + drawee),
               "drafts not given to the examiner; 42C/42a not checked");
    return;
  }
  if (ctx.p.drafts->empty()) {
    ctx.Add("LC42-DRAFT-MISSING", ref, Severity::kDiscrepancy,
            {"presentation", ""}, {"drafts"}, "no draft presented", wanted);
    return;
  }
  // The amount the drafts should draw: the invoice total (or the 42C
  // percentage of it), in the credit currency.
  const std::string& ccy = lc.amount.currency;
  int exp = Exponent(ccy);
  int64_t invoiced = 0;
  bool invoiced_known = !ctx.p.invoices.empty();
  for (const CommercialInvoice& inv : ctx.p.invoices) {
    if (inv.total.currency != ccy) invoiced_known = false;
    invoiced += inv.total.minor_units;
  }
  int pct = DraftPercent(tenor);
  int64_t drawn = 0;
  bool amounts_known = true;
  for (size_t i = 0; i < ctx.p.drafts->size(); ++i) {
    const Draft& d = (*ctx.p.drafts)[i];
    DocumentRef dref{"draft", std::to_string(i + 1)};
    if (!tenor.empty() && Normalize(d.tenor) != Normalize(tenor)) {
      ctx.Add("LC42C-TENOR", "UCP 600 Art. 14(a); ISBP 821 B", Severity::kDiscrepancy,
              dref, {"tenor"}, d.tenor.empty() ? "no tenor" : d.tenor,
              tenor + " (42C)");
    }
    if (lc.drawee && !DraweeMatches(*lc.drawee, d.drawee)) {
      bool on_applicant = NamesMatch(d.drawee, lc.applicant.name);
      ctx.Add(on_applicant ? "UCP6C-DRAWEE-APPLICANT" : "LC42A-DRAWEE",
              on_applicant ? "UCP 600 Art. 6(c); ISBP 821 B"
                           : "UCP 600 Art. 14(a); ISBP 821 B",
              Severity::kDiscrepancy, dref, {"drawee"},
              d.drawee.empty() ? "no drawee" : d.drawee,
              drawee + " (42a)" +
                  (on_applicant ? "; a credit must not be available by a "
                                  "draft drawn on the applicant"
                                : ""));
    }
    if (!d.amount) {
      amounts_known = false;
    } else if (d.amount->currency != ccy) {
      amounts_known = false;
      ctx.Add("LC42-DRAFT-AMOUNT", "UCP 600 Art. 14(a); ISBP 821 B",
              Severity::kDiscrepancy, dref, {"amount"}, d.amount->ToString(),
              "an amount in " + ccy + " (32B)");
    } else {
      drawn += d.amount->minor_units;
    }
  }
  if (amounts_known && invoiced_known) {
    // pct% of the invoiced amount, rounded half up to the minor unit.
    int64_t expected = (invoiced / 100) * pct + ((invoiced % 100) * pct + 50) / 100;
    if (drawn != expected) {
      ctx.Add("LC42-DRAFT-AMOUNT", "UCP 600 Art. 14(a); ISBP 821 B",
              Severity::kDiscrepancy, {"draft", "1"}, {"amount"},
              ccy + " " + MinorToString(drawn, exp),
              ccy + " " + MinorToString(expected, exp) + " (" +
                  std::to_string(pct) + "% of the invoiced amount" +
                  (pct == 100 ? "" : ", 42C") + ")");
    }
  }
  if (deferred) {
    ctx.Add("LC42M-PAYMENT-DETAILS", "UCP 600 Art. 14(a)",
            Severity::kManualCheck, {"letter-of-credit", lc.credit_number},
            {"42M", "42P"},
            Join(lc.mixed_payment_details, " ") +
                Join(lc.negotiation_deferred_details, " "),
            "a person to check the drafts against the 42M/42P terms");
  }
}

// Credit number cited on a document must be this credit's (Art. 14(d)).
void CheckCreditNumbersCited(Context& ctx) {
  auto check = [&](const DocumentRef& ref, const std::string& cited) {
    if (!cited.empty() && Normalize(cited) != Normalize(ctx.lc.credit_number)) {
      ctx.Add("UCP14D-CREDIT-NUMBER", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, ref, {"credit_number"}, cited,
              ctx.lc.credit_number + " (20)");
    }
  };
  for (const auto& i : ctx.p.invoices) check(RefOf(i), i.credit_number);
  for (const auto& w : ctx.p.waybills) check(RefOf(w), w.credit_number);
  for (const auto& c : ctx.p.customs_declarations)
    check(RefOf(c), c.credit_number);
}

}  // namespace

Result<ExaminationReport> Examine(const LetterOfCredit& credit,
                                  const Presentation& presentation,
                                  const ExamineOptions& options) {
  std::optional<Date> presented = presentation.presentation_date
                                      ? presentation.presentation_date
                                      : options.presentation_date;
  if (!presented || !presented->valid()) {
    return Status::InvalidArgument(
        "examine: no presentation date; set Presentation::presentation_date "
        "or ExamineOptions::presentation_date");
  }
  if (!credit.expiry_date.valid()) {
    return Status::InvalidArgument("examine: credit " + credit.credit_number +
                                   " has no valid expiry date (31D)");
  }
  if (!FindCurrency(credit.amount.currency)) {
    return Status::InvalidArgument("examine: credit " + credit.credit_number +
                                   " has no valid currency in 32B ('" +
                                   credit.amount.currency + "')");
  }
  ExaminationReport report;
  report.credit_number = credit.credit_number;
  report.presentation_date = *presented;
  Context ctx{credit, presentation, options, report, *presented,
              ParseGoods(credit.goods_description)};

  CheckExpiry(ctx);
  CheckShipmentAndPresentation(ctx);
  CheckDocumentDates(ctx);
  for (const CommercialInvoice& inv : presentation.invoices) {
    CheckInvoiceParties(ctx, inv);
    CheckInvoiceGoods(ctx, inv);
  }
  CheckQuantityAndAmount(ctx);
  for (const RailWaybill& w : presentation.waybills) CheckWaybill(ctx, w);
  CheckPartialShipments(ctx);
  CheckConsistency(ctx);
  CheckCreditNumbersCited(ctx);
  CheckDrafts(ctx);
  for (const auto& [n, text] : ctx.goods.unmapped) {
    ctx.Unmapped("45A", n, text, text, "LC45A-UNMAPPED", "UCP 600 Art. 18(c)");
  }
  ExamineDocumentsRequired(ctx);
  ExamineAdditionalConditions(ctx);

  if (report.CountSeverity(Severity::kDiscrepancy) > 0) {
    report.verdict = Verdict::kDiscrepant;
  } else if (report.CountSeverity(Severity::kManualCheck) > 0) {
    report.verdict = Verdict::kComplyingSubjectToManualCheck;
  } else {
    report.verdict = Verdict::kComplying;
  }
  return report;
}

namespace {

constexpr size_t kTextWidth = 80;

// `text` word-wrapped to kTextWidth columns: the first line starts with
// `first` (already counted), continuation lines with `indent`. A word longer
// than the line stays whole.
std::string Wrap(const std::string& first, const std::string& text,
                 const std::string& indent) {
  std::string out = first;
  size_t col = first.size();
  bool line_has_word = false;
  size_t i = 0;
  while (i < text.size()) {
    size_t sp = text.find(' ', i);
    if (sp == std::string::npos) sp = text.size();
    const std::string word = text.substr(i, sp - i);
    i = sp + 1;
    if (word.empty()) continue;
    if (line_has_word && col + 1 + word.size() > kTextWidth) {
      out += "\n" + indent;
      col = indent.size();
      line_has_word = false;
    }
    if (line_has_word) {
      out += ' ';
      ++col;
    }
    out += word;
    col += word.size();
    line_has_word = true;
  }
  return out + "\n";
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const ExaminationReport& report) {
  return os << FormatReportText(report);
}

std::string FormatReportText(const ExaminationReport& r) {
  std::string out = "verdict: ";
  int d = r.CountSeverity(Severity::kDiscrepancy);
  int m = r.CountSeverity(Severity::kManualCheck);
  int w = r.CountSeverity(Severity::kWarning);
  auto plural = [](int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  switch (r.verdict) {
    case Verdict::kComplying: out += "complying"; break;
    case Verdict::kComplyingSubjectToManualCheck:
      out += "complying, subject to manual check of " +
             plural(m, "item", "items");
      break;
    case Verdict::kDiscrepant:
      out += "discrepant (" + plural(d, "discrepancy", "discrepancies");
      if (m) out += ", " + plural(m, "manual check", "manual checks");
      out += ")";
      break;
  }
  if (w) out += "; " + plural(w, "warning", "warnings");
  out += "\n";
  out += Wrap("", "credit " + r.credit_number + ", presented " +
                      r.presentation_date.ToIso() + ", expiry " +
                      r.effective_expiry_date.ToIso() + ", last day for presentation " +
                      (r.last_presentation_day ? r.last_presentation_day->ToIso()
                                               : std::string("n/a (no transport document)")),
              "  ");
  for (const Finding& f : r.findings) {
    out += "\n";
    out += Wrap("", std::string(SeverityName(f.severity)) + " " + f.rule_id + " [" +
                        f.reference + "]",
                "  ");
    std::string where = FieldWords(f.document.type);
    if (!f.document.number.empty()) where += " " + f.document.number;
    if (!f.fields.empty()) {
      std::vector<std::string> words;
      for (const std::string& field : f.fields) words.push_back(FieldWords(field));
      where += ": " + Join(words, ", ");
    }
    out += Wrap("  ", where, "    ");
    out += Wrap("  found:    ", f.found, "            ");
    out += Wrap("  expected: ", f.expected, "            ");
    for (const std::string& c : f.consequences)
      out += Wrap("  consequently: ", c, "                ");
  }
  if (!r.ignored.empty()) out += "\n";
  for (const IgnoredItem& i : r.ignored) {
    out += Wrap("", "ignored " + i.field + " item " + std::to_string(i.item) + " \"" +
                        i.text + "\": " + i.reason,
                "  ");
  }
  return out;
}

}  // namespace tradefin
