// Examination of a presentation against a documentary credit. Each block
// below names the UCP 600 article / ISBP 821 paragraph it implements; the
// rule ids are listed in docs/reference/examination-rules.md.
#include "tradefin/rules/examine.h"

#include <algorithm>
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

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

std::string SetText(const std::set<std::string>& s) {
  if (s.empty()) return "none";
  return Join(std::vector<std::string>(s.begin(), s.end()), " ");
}

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
void CheckInvoiceParties(Context& ctx, const CommercialInvoice& inv) {
  const LetterOfCredit& lc = ctx.lc;
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
    for (const InvoiceItem& item : inv.items) {
      if (!item.hs_code.empty() &&
          item.hs_code.compare(0, g.hs_code.size(), g.hs_code) != 0) {
        ctx.Add("UCP18C-HS-CODE", "UCP 600 Art. 18(c); ISBP 821 C3",
                Severity::kDiscrepancy, RefOf(inv),
                {"items[" + std::to_string(item.line_number) + "].hs_code"},
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
      ctx.Add("UCP18C-TRADE-TERM", "UCP 600 Art. 18(c); ISBP 821 C",
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
  // Unit price as in 45A (Art. 30(a) "about" gives +-10%).
  if (g.unit_price) {
    for (const InvoiceItem& item : inv.items) {
      bool currency_ok = g.price_currency == inv.currency;
      bool price_ok = g.price_about
                          ? WithinPercent(item.unit_price, *g.unit_price, 10)
                          : item.unit_price == *g.unit_price;
      if (!currency_ok || !price_ok) {
        ctx.Add("UCP18-UNIT-PRICE", "UCP 600 Art. 18, 30(a); ISBP 821 C",
                Severity::kDiscrepancy, RefOf(inv),
                {"items[" + std::to_string(item.line_number) + "].unit_price"},
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
  for (const CommercialInvoice& inv : ctx.p.invoices) {
    if (inv.currency != ccy || inv.total.currency != ccy) {
      currency_ok = false;
      ctx.Add("UCP18A-CURRENCY", "UCP 600 Art. 18(a)(iii)",
              Severity::kDiscrepancy, RefOf(inv), {"currency", "total"},
              inv.currency + " (total " + inv.total.currency + ")",
              ccy + " (32B)");
      continue;
    }
    drawn += inv.total.minor_units;
    for (const InvoiceItem& item : inv.items) {
      Result<Decimal> sum = Add(quantity, item.quantity);
      if (sum.ok()) quantity = *sum;
    }
  }
  if (ctx.p.invoices.empty() || !currency_ok) return;

  // Quantity.
  bool full_quantity = true;
  if (quantity_known) {
    int qtol = g.quantity_about ? 10 : (g.counted_units ? 0 : 5);
    const char* basis = g.quantity_about
                            ? "about: +-10%, Art. 30(a)"
                            : (g.counted_units
                                   ? "counted in units: no tolerance, Art. 30(b)"
                                   : "bulk: +-5%, Art. 30(b)");
    int cmp = Compare(quantity, *g.quantity);
    bool over = cmp > 0 && !WithinPercent(quantity, *g.quantity, qtol);
    bool under = cmp < 0 && !WithinPercent(quantity, *g.quantity, qtol);
    full_quantity = !under;
    if (over || (under && partial_prohibited)) {
      ctx.Add("UCP30-QUANTITY",
              over ? "UCP 600 Art. 30(a), 30(b)" : "UCP 600 Art. 30(b), 31(a)",
              Severity::kDiscrepancy,
              {"commercial-invoice", ctx.p.invoices.front().invoice_number},
              {"items.quantity"},
              quantity.ToString() + " " + g.quantity_unit,
              g.quantity->ToString() + " " + g.quantity_unit + " (45A; " +
                  basis + (under ? "; partial shipments not allowed" : "") +
                  ")");
    }
  }

  // Amount: the most that may be drawn.
  int plus = lc.tolerance_plus_percent.value_or(amount_about ? 10 : 0);
  int64_t max = MaxWithTolerance(lc.amount.minor_units, plus);
  DocumentRef ref{"commercial-invoice", ctx.p.invoices.front().invoice_number};
  if (drawn > max) {
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

// ---- Art. 14(d): data in one document must not conflict with another -------
void CheckConsistency(Context& ctx) {
  const Presentation& p = ctx.p;
  if (p.waybills.empty()) return;
  std::set<std::string> containers, consignments, hs6;
  int64_t packages = 0;
  Decimal gross{0, 0};
  for (const RailWaybill& w : p.waybills) {
    for (const Container& c : w.containers) containers.insert(Upper(c.number));
    consignments.insert(w.consignment_number);
    packages += w.total_packages;
    Result<Decimal> g = Add(gross, w.total_gross_mass_kg);
    if (g.ok()) gross = *g;
    for (const WaybillGoods& goods : w.goods) {
      if (goods.hs_code.size() >= 6) hs6.insert(goods.hs_code.substr(0, 6));
    }
  }
  const std::string basis = " (rail waybill)";
  auto containers_of = [](const std::vector<std::string>& v) {
    std::set<std::string> s;
    for (const std::string& c : v) s.insert(Upper(c));
    return s;
  };
  auto hs_check = [&](const DocumentRef& ref, const std::string& field,
                      const std::string& code) {
    if (code.size() < 6 || hs6.empty()) return;
    if (!hs6.count(code.substr(0, 6))) {
      ctx.Add("UCP14D-HS-CODE", "UCP 600 Art. 14(d)", Severity::kDiscrepancy,
              ref, {field}, code, "HS " + SetText(hs6) + basis);
    }
  };
  for (const CommercialInvoice& inv : p.invoices) {
    std::set<std::string> c = containers_of(inv.container_numbers);
    if (!c.empty() && !containers.empty() && c != containers) {
      ctx.Add("UCP14D-CONTAINER-NUMBERS", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, RefOf(inv), {"container_numbers"},
              SetText(c), SetText(containers) + basis);
    }
    if (!inv.consignment_number.empty() &&
        !consignments.count(inv.consignment_number)) {
      ctx.Add("UCP14D-CONSIGNMENT-NUMBER", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, RefOf(inv), {"consignment_number"},
              inv.consignment_number, SetText(consignments) + basis);
    }
    if (inv.packages != 0 && packages != 0 && inv.packages != packages) {
      ctx.Add("UCP14D-PACKAGES", "UCP 600 Art. 14(d)", Severity::kDiscrepancy,
              RefOf(inv), {"packages"}, std::to_string(inv.packages),
              std::to_string(packages) + basis);
    }
    if (inv.gross_weight_kg.units != 0 && gross.units != 0 &&
        !(inv.gross_weight_kg == gross)) {
      ctx.Add("UCP14D-GROSS-WEIGHT", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, RefOf(inv), {"gross_weight_kg"},
              inv.gross_weight_kg.ToString() + " kg",
              gross.ToString() + " kg" + basis);
    }
    for (const InvoiceItem& item : inv.items) {
      hs_check(RefOf(inv),
               "items[" + std::to_string(item.line_number) + "].hs_code",
               item.hs_code);
    }
    if (!p.customs_declarations.empty() &&
        !inv.customs_declaration_number.empty()) {
      bool found = false;
      std::set<std::string> numbers;
      for (const CustomsDeclaration& cd : p.customs_declarations) {
        numbers.insert(cd.declaration_number);
        found |= cd.declaration_number == inv.customs_declaration_number;
      }
      if (!found) {
        ctx.Add("UCP14D-DECLARATION-NUMBER", "UCP 600 Art. 14(d)",
                Severity::kDiscrepancy, RefOf(inv),
                {"customs_declaration_number"}, inv.customs_declaration_number,
                SetText(numbers) + " (customs declaration)");
      }
    }
  }
  for (const CustomsDeclaration& cd : p.customs_declarations) {
    std::set<std::string> c = containers_of(cd.container_numbers);
    if (!c.empty() && !containers.empty() && c != containers) {
      ctx.Add("UCP14D-CONTAINER-NUMBERS", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, RefOf(cd), {"container_numbers"},
              SetText(c), SetText(containers) + basis);
    }
    if (!cd.waybill_number.empty() && !consignments.count(cd.waybill_number)) {
      ctx.Add("UCP14D-CONSIGNMENT-NUMBER", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, RefOf(cd), {"waybill_number"},
              cd.waybill_number, SetText(consignments) + basis);
    }
    if (cd.packages != 0 && packages != 0 && cd.packages != packages) {
      ctx.Add("UCP14D-PACKAGES", "UCP 600 Art. 14(d)", Severity::kDiscrepancy,
              RefOf(cd), {"packages"}, std::to_string(cd.packages),
              std::to_string(packages) + basis);
    }
    if (cd.gross_weight_kg.units != 0 && gross.units != 0 &&
        !(cd.gross_weight_kg == gross)) {
      ctx.Add("UCP14D-GROSS-WEIGHT", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, RefOf(cd), {"gross_weight_kg"},
              cd.gross_weight_kg.ToString() + " kg",
              gross.ToString() + " kg" + basis);
    }
    for (const CustomsItem& item : cd.items) {
      hs_check(RefOf(cd),
               "items[" + std::to_string(item.line_number) + "].commodity_code",
               item.commodity_code);
    }
    if (!cd.transport_mode.empty() && cd.transport_mode != "3") {
      ctx.Add("UCP14D-TRANSPORT-MODE", "UCP 600 Art. 14(d)",
              Severity::kDiscrepancy, RefOf(cd), {"transport_mode"},
              cd.transport_mode, "3 (rail), as the rail transport document");
    }
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
  out += "\ncredit " + r.credit_number + ", presented " +
         r.presentation_date.ToIso() + ", expiry " +
         r.effective_expiry_date.ToIso() + ", last day for presentation " +
         (r.last_presentation_day ? r.last_presentation_day->ToIso()
                                  : std::string("n/a (no transport document)")) +
         "\n";
  for (const Finding& f : r.findings) {
    out += std::string(SeverityName(f.severity)) + " " + f.rule_id + " [" +
           f.reference + "] " + f.document.type;
    if (!f.document.number.empty()) out += " " + f.document.number;
    if (!f.fields.empty()) out += " " + Join(f.fields, ",");
    out += ": found " + f.found + ", expected " + f.expected + "\n";
  }
  for (const IgnoredItem& i : r.ignored) {
    out += "ignored " + i.field + " item " + std::to_string(i.item) + " \"" +
           i.text + "\": " + i.reason + "\n";
  }
  return out;
}

}  // namespace tradefin
