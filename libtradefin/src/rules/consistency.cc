// UCP 600 Art. 14(d): data in a document, read in context with the credit,
// the document itself and ISBP, need not be identical to, but must not
// conflict with, data in another presented document. Each fact that more
// than one presented document states is compared here: quantity and unit,
// unit price, total value, gross and net weight, number and kind of
// packages, container and seal numbers, HS codes, consignor and consignee,
// place of destination, shipment date, and the references documents make to
// each other. The rule ids are listed in docs/reference/examination-rules.md.
//
// One defect, one discrepancy: when documents disagree, the value most of
// them state (ties go to a document with no defect already reported, then
// to the waybill, invoice, declaration order) is taken as the reference and
// only the odd document is reported, naming the document it conflicts with.
// A conflict that follows from a defect already reported on the same
// document (an invoice quantity over 45A, a wrong unit price, a wrong
// currency) is added to that finding as a consequence, not reported again.
#include <algorithm>
#include <set>

#include "rules/context.h"
#include "rules/internal.h"

namespace tradefin::rules_internal {
namespace {

constexpr char kRef14d[] = "UCP 600 Art. 14(d)";
// ISBP 821 C12: invoice quantity, weight and measurement must not conflict
// with other documents.
constexpr char kRef14dInvoice[] = "UCP 600 Art. 14(d); ISBP 821 C12";

template <typename T>
DocumentRef RefOfAll(const std::vector<T>& docs) {
  DocumentRef r = RefOf(docs.front());
  for (size_t i = 1; i < docs.size(); ++i) r.number += "+" + RefOf(docs[i]).number;
  return r;
}

// One document's statement of a fact.
template <typename V>
struct Statement {
  DocumentRef ref;
  std::vector<std::string> fields;
  V value;
  std::string text;  // the value as reported
};

bool HasAny(Context& ctx, const DocumentRef& ref,
            const std::vector<std::string>& rules) {
  for (const std::string& r : rules)
    if (ctx.Existing(r, ref)) return true;
  return false;
}

// Compares the statements of one fact; reports each odd one once. `causes`
// are rule ids that, when already reported on the odd document, explain the
// conflict: it becomes a consequence of that finding.
template <typename V, typename Eq>
void CompareStatements(Context& ctx, const std::string& rule,
                       const std::string& reference, Severity severity,
                       const std::vector<Statement<V>>& s, Eq eq,
                       const std::vector<std::string>& causes) {
  if (s.size() < 2) return;
  size_t best = 0;
  int best_agree = -1;
  bool best_defect = true;
  for (size_t i = 0; i < s.size(); ++i) {
    int agree = 0;
    for (size_t j = 0; j < s.size(); ++j)
      if (i != j && eq(s[i].value, s[j].value)) ++agree;
    bool defect = HasAny(ctx, s[i].ref, causes);
    if (agree > best_agree || (agree == best_agree && best_defect && !defect)) {
      best = i;
      best_agree = agree;
      best_defect = defect;
    }
  }
  // Each odd statement is reported against the reference. Statements that
  // each agree with the reference can still disagree with each other (a
  // figure rounded to 20.4 MT agrees with 20400 KG and with 20411 KG): the
  // later of such a pair is reported against the earlier.
  std::vector<size_t> against(s.size(), best);
  std::vector<bool> odd(s.size(), false);
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == best) continue;
    if (!eq(s[i].value, s[best].value)) {
      odd[i] = true;
      continue;
    }
    for (size_t j = 0; j < i; ++j) {
      if (j != best && !odd[j] && !eq(s[i].value, s[j].value)) {
        odd[i] = true;
        against[i] = j;
        break;
      }
    }
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (!odd[i]) continue;
    const Statement<V>& r = s[against[i]];
    std::string shown = r.text + " as " + r.ref.type +
                        (r.ref.number.empty() ? "" : " " + r.ref.number) + " " +
                        FieldsWords(r.fields) + " shows";
    bool folded = false;
    for (const std::string& c : causes) {
      if (Finding* f = ctx.Existing(c, s[i].ref)) {
        f->consequences.push_back(FieldsWords(s[i].fields) + " " + s[i].text +
                                  " conflicts with " + shown + " (" + rule +
                                  ")");
        folded = true;
        break;
      }
    }
    if (folded) continue;
    ctx.AddConflict(rule, reference, severity, s[i].ref, s[i].fields,
                    s[i].text, r.ref, r.fields, r.text);
  }
}

// ---- quantity ---------------------------------------------------------------

struct Quantity {
  BaseQuantity base;
  std::string unit;  // as written (the first line's unit)
  bool mixed_units = false;
  Decimal written;   // the sum as written, when all lines share `unit`
};

bool SameQty(const Quantity& a, const Quantity& b) {
  bool converted = a.mixed_units || b.mixed_units || Upper(a.unit) != Upper(b.unit);
  return SameQuantity(a.base, b.base, converted);
}

// "5000 SETS"; "45000 LBS (= 20411.65665000 KG)" when compared converted.
std::string QtyText(const Quantity& q) {
  if (q.mixed_units) return QuantityText(q.base.value, q.base.base);
  std::optional<UnitInfo> u = LookupUnit(q.unit);
  bool same = u && u->base == q.base.base && u->factor == Decimal{1, 0};
  return QuantityText(q.written, q.unit) +
         (same ? "" : " (= " + QuantityText(q.base.value, q.base.base) + ")");
}

// Sums lines (quantity, unit) in their base unit. An unknown unit is a
// manual check (reported here), never a pass; nullopt then.
std::optional<Quantity> SumLines(
    Context& ctx, const DocumentRef& ref, const std::string& field,
    const std::vector<std::pair<Decimal, std::string>>& lines) {
  if (lines.empty()) return std::nullopt;
  std::optional<Quantity> total;
  for (const auto& [q, unit] : lines) {
    std::optional<BaseQuantity> b = ToBase(q, unit, ctx.goods.unit_definitions);
    if (!b) {
      if (!ctx.Existing("UCP14D-UNIT-UNKNOWN", ref)) {
        ctx.Add("UCP14D-UNIT-UNKNOWN", "UCP 600 Art. 14(d), 30(b)",
                Severity::kManualCheck, ref, {field},
                QuantityText(q, unit.empty() ? "(no unit)" : unit),
                "a unit tradefin can convert (KG, MT, LBS, SETS, PCS, ...) "
                "or a person to compare the quantity with the other "
                "documents");
      }
      return std::nullopt;
    }
    if (!total) {
      total = Quantity{*b, unit, false, q};
      continue;
    }
    if (b->base != total->base.base) {
      ctx.Add("UCP14D-UNIT-UNKNOWN", "UCP 600 Art. 14(d), 30(b)",
              Severity::kManualCheck, ref, {field},
              "lines in " + total->unit + " and " + unit,
              "one kind of unit, or a person to compare the quantity");
      return std::nullopt;
    }
    Result<Decimal> v = Add(total->base.value, b->value);
    Result<Decimal> r = Add(total->base.rounding, b->rounding);
    if (!v.ok() || !r.ok()) return std::nullopt;
    total->base.value = *v;
    total->base.rounding = *r;
    if (Upper(unit) != Upper(total->unit)) total->mixed_units = true;
    Result<Decimal> w = Add(total->written, q);
    if (w.ok()) total->written = *w;
  }
  return total;
}

// "..., 5000 SETS" in a waybill goods description: the first number followed
// by a unit of the same kind as the 45A quantity.
std::optional<std::pair<Decimal, std::string>> DescriptionQuantity(
    const std::string& text, const std::string& credit_base) {
  std::vector<std::string> w;
  std::string cur;
  for (char c : Upper(text)) {
    if (c == ' ' || c == ',' || c == ';' || c == '(' || c == ')') {
      if (!cur.empty()) w.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) w.push_back(cur);
  for (size_t i = 0; i + 1 < w.size(); ++i) {
    Result<Decimal> q = Decimal::Parse(w[i]);
    if (!q.ok()) continue;
    std::string unit = w[i + 1];
    while (!unit.empty() && unit.back() == '.') unit.pop_back();
    std::optional<UnitInfo> info = LookupUnit(unit);
    if (info && info->base == credit_base) return std::make_pair(*q, unit);
  }
  return std::nullopt;
}

void CompareQuantities(Context& ctx) {
  const Presentation& p = ctx.p;
  std::string credit_base;
  if (ctx.goods.quantity) {
    std::optional<BaseQuantity> b = ToBase(
        *ctx.goods.quantity, ctx.goods.quantity_unit, ctx.goods.unit_definitions);
    if (b) credit_base = b->base;
  }
  std::vector<Statement<Quantity>> s;
  if (!p.waybills.empty() && !credit_base.empty()) {
    std::vector<std::pair<Decimal, std::string>> lines;
    std::vector<std::string> fields;
    for (const RailWaybill& w : p.waybills) {
      for (size_t g = 0; g < w.goods.size(); ++g) {
        auto q = DescriptionQuantity(w.goods[g].description, credit_base);
        if (q) {
          lines.push_back(*q);
          if (fields.empty())
            fields.push_back("goods[" + std::to_string(g) + "].description");
        }
      }
    }
    // Only when every waybill states it: a partial statement is no total.
    if (!lines.empty()) {
      DocumentRef ref = RefOfAll(p.waybills);
      if (auto q = SumLines(ctx, ref, fields[0], lines))
        s.push_back({ref, fields, *q, QtyText(*q)});
    }
  }
  if (!p.invoices.empty()) {
    std::vector<std::pair<Decimal, std::string>> lines;
    for (const CommercialInvoice& inv : p.invoices)
      for (const InvoiceItem& it : inv.items) lines.emplace_back(it.quantity, it.unit);
    DocumentRef ref = RefOfAll(p.invoices);
    if (auto q = SumLines(ctx, ref, "items.quantity", lines))
      s.push_back({ref, {"items.quantity"}, *q, QtyText(*q)});
  }
  if (!p.customs_declarations.empty()) {
    std::vector<std::pair<Decimal, std::string>> lines;
    for (const CustomsDeclaration& cd : p.customs_declarations)
      for (const CustomsItem& it : cd.items) lines.emplace_back(it.quantity, it.unit);
    DocumentRef ref = RefOfAll(p.customs_declarations);
    if (auto q = SumLines(ctx, ref, "items.quantity", lines))
      s.push_back({ref, {"items.quantity"}, *q, QtyText(*q)});
  }
  CompareStatements(ctx, "UCP14D-QUANTITY", kRef14dInvoice,
                    Severity::kDiscrepancy, s, SameQty, {"UCP30-QUANTITY"});
}

// ---- unit price and value -------------------------------------------------

struct Price {
  std::string currency;
  Decimal price;
  std::string unit;
};

bool SamePrice(const Price& a, const Price& b,
               const std::vector<UnitDefinition>& defs) {
  return a.currency == b.currency &&
         PricesAgree(a.price, a.unit, b.price, b.unit, 0, defs);
}

std::string PriceText(const Price& p) {
  return p.currency + " " + p.price.ToString() +
         (p.unit.empty() ? "" : " per " + UnitText(p.unit));
}

void ComparePricesAndValues(Context& ctx) {
  const Presentation& p = ctx.p;
  if (p.invoices.size() != 1 || p.customs_declarations.size() != 1) {
    // Several invoices or declarations: lines cannot be paired reliably;
    // the totals are still compared below.
  }
  const std::vector<UnitDefinition>& defs = ctx.goods.unit_definitions;
  auto same_price = [&](const Price& a, const Price& b) {
    return SamePrice(a, b, defs);
  };
  // Unit prices, line by line when one invoice and one declaration have
  // the same number of lines.
  if (p.invoices.size() == 1 && p.customs_declarations.size() == 1) {
    const CommercialInvoice& inv = p.invoices[0];
    const CustomsDeclaration& cd = p.customs_declarations[0];
    if (inv.items.size() == cd.items.size()) {
      for (size_t i = 0; i < inv.items.size(); ++i) {
        const InvoiceItem& a = inv.items[i];
        const CustomsItem& b = cd.items[i];
        if (b.unit_price.units == 0 || a.unit_price.units == 0) continue;
        std::string ccy_b = b.total.currency.empty() ? cd.total.currency
                                                     : b.total.currency;
        Price pa{inv.currency, a.unit_price, a.unit};
        Price pb{ccy_b, b.unit_price, b.unit};
        std::vector<Statement<Price>> s = {
            {RefOf(inv), {"items[" + std::to_string(i) + "].unit_price"},
             pa, PriceText(pa)},
            {RefOf(cd), {"items[" + std::to_string(i) + "].unit_price"},
             pb, PriceText(pb)}};
        CompareStatements(ctx, "UCP14D-UNIT-PRICE", kRef14d,
                          Severity::kDiscrepancy, s, same_price,
                          {"UCP18A-CURRENCY", "UCP18-UNIT-PRICE"});
      }
    }
  }
  // Total value and currency.
  if (!p.invoices.empty() && !p.customs_declarations.empty()) {
    auto total = [](const auto& docs) -> std::optional<Money> {
      Money m = docs.front().total;
      for (size_t i = 1; i < docs.size(); ++i) {
        if (docs[i].total.currency != m.currency) return std::nullopt;
        m.minor_units += docs[i].total.minor_units;
      }
      return m;
    };
    std::optional<Money> a = total(p.invoices);
    std::optional<Money> b = total(p.customs_declarations);
    if (a && b && a->minor_units != 0 && b->minor_units != 0) {
      auto text = [](const Money& m) {
        return m.currency + " " + m.AmountString();
      };
      std::vector<Statement<Money>> s = {
          {RefOfAll(p.invoices), {"total"}, *a, text(*a)},
          {RefOfAll(p.customs_declarations), {"total"}, *b, text(*b)}};
      CompareStatements(
          ctx, "UCP14D-VALUE", kRef14d, Severity::kDiscrepancy, s,
          [](const Money& x, const Money& y) {
            return x.currency == y.currency && x.minor_units == y.minor_units;
          },
          {"UCP18A-CURRENCY", "UCP30-QUANTITY", "UCP18-UNIT-PRICE",
           "UCP14D-QUANTITY", "UCP14D-UNIT-PRICE"});
    }
  }
}

// ---- weights and packages ---------------------------------------------------

void CompareWeightsAndPackages(Context& ctx) {
  const Presentation& p = ctx.p;
  auto kg = [](const Decimal& d) { return d.ToString() + " kg"; };
  auto eq_dec = [](const Decimal& a, const Decimal& b) { return a == b; };
  auto eq_int = [](int64_t a, int64_t b) { return a == b; };
  std::vector<Statement<Decimal>> gross, net;
  std::vector<Statement<int64_t>> packages;
  if (!p.waybills.empty()) {
    Decimal g{0, 0};
    int64_t n = 0;
    for (const RailWaybill& w : p.waybills) {
      Result<Decimal> sum = Add(g, w.total_gross_mass_kg);
      if (sum.ok()) g = *sum;
      n += w.total_packages;
    }
    DocumentRef ref = RefOfAll(p.waybills);
    if (g.units != 0) gross.push_back({ref, {"total_gross_mass_kg"}, g, kg(g)});
    if (n != 0)
      packages.push_back({ref, {"total_packages"}, n, std::to_string(n)});
  }
  for (const CommercialInvoice& inv : p.invoices) {
    if (inv.gross_weight_kg.units != 0)
      gross.push_back({RefOf(inv), {"gross_weight_kg"}, inv.gross_weight_kg,
                       kg(inv.gross_weight_kg)});
    if (inv.net_weight_kg.units != 0)
      net.push_back({RefOf(inv), {"net_weight_kg"}, inv.net_weight_kg,
                     kg(inv.net_weight_kg)});
    if (inv.packages != 0)
      packages.push_back({RefOf(inv), {"packages"}, inv.packages,
                          std::to_string(inv.packages)});
  }
  for (const CustomsDeclaration& cd : p.customs_declarations) {
    if (cd.gross_weight_kg.units != 0)
      gross.push_back({RefOf(cd), {"gross_weight_kg"}, cd.gross_weight_kg,
                       kg(cd.gross_weight_kg)});
    if (cd.net_weight_kg.units != 0)
      net.push_back({RefOf(cd), {"net_weight_kg"}, cd.net_weight_kg,
                     kg(cd.net_weight_kg)});
    if (cd.packages != 0)
      packages.push_back({RefOf(cd), {"packages"}, cd.packages,
                          std::to_string(cd.packages)});
  }
  // Several invoices or declarations under one set of waybills: each states
  // its part, so only a single one is compared with the waybill totals.
  auto single = [&](auto& v) {
    if (p.invoices.size() > 1 || p.customs_declarations.size() > 1) v.clear();
  };
  single(gross);
  single(net);
  single(packages);
  CompareStatements(ctx, "UCP14D-GROSS-WEIGHT", kRef14dInvoice,
                    Severity::kDiscrepancy, gross, eq_dec, {});
  CompareStatements(ctx, "UCP14D-NET-WEIGHT", kRef14dInvoice,
                    Severity::kDiscrepancy, net, eq_dec, {});
  CompareStatements(ctx, "UCP14D-PACKAGES", kRef14d, Severity::kDiscrepancy,
                    packages, eq_int, {});

  // Kind of packages: the waybill's packing vs the declaration's package
  // type, as words (a numeric customs code is not compared).
  auto kind = [](const std::string& k) -> std::string {
    if (k.empty() || std::all_of(k.begin(), k.end(), [](char c) {
          return (c >= '0' && c <= '9') || c == ' ';
        }))
      return "";
    std::optional<UnitInfo> u = LookupUnit(k);
    if (u) return u->base;
    std::string n = Normalize(k);
    if (n.size() > 3 && n.back() == 'S') n.pop_back();
    return n;
  };
  std::vector<Statement<std::string>> kinds;
  for (const RailWaybill& w : p.waybills) {
    for (size_t g = 0; g < w.goods.size(); ++g) {
      std::string k = kind(w.goods[g].packing);
      if (!k.empty()) {
        kinds.push_back({RefOf(w), {"goods[" + std::to_string(g) + "].packing"},
                         k, w.goods[g].packing});
        break;
      }
    }
  }
  for (const CustomsDeclaration& cd : p.customs_declarations) {
    std::string k = kind(cd.package_type);
    if (!k.empty())
      kinds.push_back({RefOf(cd), {"package_type"}, k, cd.package_type});
  }
  CompareStatements(ctx, "UCP14D-PACKAGE-KIND", kRef14d,
                    Severity::kDiscrepancy, kinds,
                    [](const std::string& a, const std::string& b) {
                      return a == b;
                    },
                    {});
}

// ---- containers, seals, references -----------------------------------------

void CompareContainersAndReferences(Context& ctx) {
  const Presentation& p = ctx.p;
  auto up_set = [](const std::vector<std::string>& v) {
    std::set<std::string> s;
    for (const std::string& c : v) s.insert(Upper(c));
    return s;
  };
  auto eq_set = [](const std::set<std::string>& a,
                   const std::set<std::string>& b) { return a == b; };
  std::vector<Statement<std::set<std::string>>> containers;
  std::set<std::string> consignments;
  if (!p.waybills.empty()) {
    std::set<std::string> c;
    for (const RailWaybill& w : p.waybills) {
      for (const Container& k : w.containers) c.insert(Upper(k.number));
      consignments.insert(w.consignment_number);
    }
    if (!c.empty())
      containers.push_back({RefOfAll(p.waybills), {"containers.number"}, c,
                            SetText(c)});
  }
  for (const CommercialInvoice& inv : p.invoices) {
    std::set<std::string> c = up_set(inv.container_numbers);
    if (!c.empty())
      containers.push_back({RefOf(inv), {"container_numbers"}, c, SetText(c)});
  }
  for (const CustomsDeclaration& cd : p.customs_declarations) {
    std::set<std::string> c = up_set(cd.container_numbers);
    if (!c.empty())
      containers.push_back({RefOf(cd), {"container_numbers"}, c, SetText(c)});
  }
  if (p.invoices.size() <= 1 && p.customs_declarations.size() <= 1)
    CompareStatements(ctx, "UCP14D-CONTAINER-NUMBERS", kRef14d,
                      Severity::kDiscrepancy, containers, eq_set, {});

  // Seals: only the waybill carries them; a container on two waybills must
  // show the same seals on both.
  std::vector<std::pair<const RailWaybill*, const Container*>> seen;
  for (const RailWaybill& w : p.waybills) {
    for (const Container& c : w.containers) {
      for (const auto& [ow, oc] : seen) {
        if (Upper(oc->number) != Upper(c.number) || ow == &w) continue;
        std::set<std::string> a = up_set(c.seals), b = up_set(oc->seals);
        if (a != b) {
          ctx.AddConflict("UCP14D-SEAL-NUMBERS", kRef14d,
                          Severity::kDiscrepancy, RefOf(w),
                          {"containers[" + c.number + "].seals"}, SetText(a),
                          RefOf(*ow), {"containers[" + oc->number + "].seals"},
                          SetText(b));
        }
      }
      seen.emplace_back(&w, &c);
    }
  }

  if (!p.waybills.empty()) {
    for (const CommercialInvoice& inv : p.invoices) {
      if (!inv.consignment_number.empty() &&
          !consignments.count(inv.consignment_number)) {
        ctx.AddConflict("UCP14D-CONSIGNMENT-NUMBER", kRef14d,
                        Severity::kDiscrepancy, RefOf(inv),
                        {"consignment_number"}, inv.consignment_number,
                        RefOfAll(p.waybills), {"consignment_number"},
                        SetText(consignments));
      }
    }
    for (const CustomsDeclaration& cd : p.customs_declarations) {
      if (!cd.waybill_number.empty() && !consignments.count(cd.waybill_number)) {
        ctx.AddConflict("UCP14D-CONSIGNMENT-NUMBER", kRef14d,
                        Severity::kDiscrepancy, RefOf(cd), {"waybill_number"},
                        cd.waybill_number, RefOfAll(p.waybills),
                        {"consignment_number"}, SetText(consignments));
      }
    }
  }
  if (!p.customs_declarations.empty()) {
    std::set<std::string> numbers;
    for (const CustomsDeclaration& cd : p.customs_declarations)
      numbers.insert(cd.declaration_number);
    for (const CommercialInvoice& inv : p.invoices) {
      if (!inv.customs_declaration_number.empty() &&
          !numbers.count(inv.customs_declaration_number)) {
        ctx.AddConflict("UCP14D-DECLARATION-NUMBER", kRef14d,
                        Severity::kDiscrepancy, RefOf(inv),
                        {"customs_declaration_number"},
                        inv.customs_declaration_number,
                        RefOfAll(p.customs_declarations),
                        {"declaration_number"}, SetText(numbers));
      }
    }
  }
  for (const CustomsDeclaration& cd : p.customs_declarations) {
    if (!p.waybills.empty() && !cd.transport_mode.empty() &&
        cd.transport_mode != "3") {
      ctx.AddConflict("UCP14D-TRANSPORT-MODE", kRef14d, Severity::kDiscrepancy,
                      RefOf(cd), {"transport_mode"}, cd.transport_mode,
                      RefOfAll(p.waybills), {}, "3 (rail)");
    }
  }
}

// ---- HS codes -----------------------------------------------------------------

void CompareHsCodes(Context& ctx) {
  const Presentation& p = ctx.p;
  // The reference: the waybill's codes, else the invoice's.
  std::set<std::string> ref_codes;
  DocumentRef ref;
  std::string ref_field;
  if (!p.waybills.empty()) {
    for (const RailWaybill& w : p.waybills)
      for (const WaybillGoods& g : w.goods)
        if (g.hs_code.size() >= 6) ref_codes.insert(g.hs_code.substr(0, 6));
    ref = RefOfAll(p.waybills);
    ref_field = "goods.hs_code";
  }
  bool invoice_is_ref = ref_codes.empty() && !p.invoices.empty();
  if (invoice_is_ref) {
    for (const CommercialInvoice& inv : p.invoices)
      for (const InvoiceItem& it : inv.items)
        if (it.hs_code.size() >= 6) ref_codes.insert(it.hs_code.substr(0, 6));
    ref = RefOfAll(p.invoices);
    ref_field = "items.hs_code";
  }
  if (ref_codes.empty()) return;
  auto check = [&](const DocumentRef& doc, const std::string& field,
                   const std::string& code) {
    if (code.size() < 6 || ref_codes.count(code.substr(0, 6))) return;
    ctx.AddConflict("UCP14D-HS-CODE", kRef14d, Severity::kDiscrepancy, doc,
                    {field}, code, ref, {ref_field}, "HS " + SetText(ref_codes));
  };
  if (!invoice_is_ref) {
    for (const CommercialInvoice& inv : p.invoices)
      for (size_t k = 0; k < inv.items.size(); ++k)
        check(RefOf(inv), "items[" + std::to_string(k) + "].hs_code",
              inv.items[k].hs_code);
  }
  for (const CustomsDeclaration& cd : p.customs_declarations)
    for (size_t k = 0; k < cd.items.size(); ++k)
      check(RefOf(cd), "items[" + std::to_string(k) + "].commodity_code",
            cd.items[k].commodity_code);
}

// ---- parties, places, dates -------------------------------------------------

// Same party: an identifier both carry decides; otherwise the names.
bool SameParty(const Party& a, const Party& b) {
  auto same_id = [](const std::string& x, const std::string& y) {
    return !x.empty() && !y.empty() ? std::optional<bool>(Upper(x) == Upper(y))
                                    : std::nullopt;
  };
  for (auto r : {same_id(a.ids.uscc, b.ids.uscc),
                 same_id(a.ids.customs_code, b.ids.customs_code),
                 same_id(a.ids.lei, b.ids.lei)}) {
    if (r) return *r;
  }
  if (a.name.empty() || b.name.empty()) return true;
  return NamesMatch(a.name, b.name);
}

void ComparePartiesPlacesDates(Context& ctx) {
  const Presentation& p = ctx.p;
  for (const CustomsDeclaration& cd : p.customs_declarations) {
    // The consignor on the waybill and the declaration's domestic consignor
    // both name who sent the goods (Art. 14(k) lets it be a third party,
    // but the two documents must name the same one).
    for (const RailWaybill& w : p.waybills) {
      if (!SameParty(cd.domestic_consignor, w.consignor)) {
        ctx.AddConflict("UCP14D-CONSIGNOR", "UCP 600 Art. 14(d), 14(k)",
                        Severity::kDiscrepancy, RefOf(cd),
                        {"domestic_consignor.name"}, cd.domestic_consignor.name,
                        RefOf(w), {"consignor.name"}, w.consignor.name);
      }
      if (!cd.destination_port.empty() &&
          !w.destination_station.name.empty() &&
          !PlaceMatches(cd.destination_port, w.destination_station.name) &&
          !PlaceMatches(w.destination_station.name, cd.destination_port)) {
        ctx.AddConflict("UCP14D-PLACE-OF-DESTINATION", kRef14d,
                        Severity::kDiscrepancy, RefOf(cd), {"destination_port"},
                        cd.destination_port, RefOf(w),
                        {"destination_station.name"},
                        w.destination_station.name);
      }
      // Exported (declaration 出口日期) before the goods were shipped is a
      // conflict; a later date is the border crossing and is consistent.
      std::optional<Date> shipped;
      if (w.departure_stamp && w.departure_date.valid()) {
        shipped = w.departure_date;
      } else if (w.issue_date.valid()) {
        shipped = w.issue_date;
      }
      if (cd.export_date && cd.export_date->valid() && shipped &&
          *cd.export_date < *shipped) {
        // A waybill already reported as shipped too late is the defect; the
        // declaration's earlier date is said inside that finding.
        Finding* late = ctx.Existing("UCP24-LATEST-SHIPMENT", RefOf(w));
        if (!late) late = ctx.Existing("UCP3-SHIPMENT-PERIOD", RefOf(w));
        if (late) {
          late->consequences.push_back(
              "customs-declaration " + cd.declaration_number +
              " export date " + cd.export_date->ToIso() +
              " is before that shipment date (UCP14D-SHIPMENT-DATE)");
          continue;
        }
        ctx.AddConflict("UCP14D-SHIPMENT-DATE", kRef14d,
                        Severity::kDiscrepancy, RefOf(cd), {"export_date"},
                        "exported " + cd.export_date->ToIso(), RefOf(w),
                        {"departure_date"}, "shipped " + shipped->ToIso());
      }
    }
    // The buyer on the invoice and the overseas consignee on the
    // declaration both name who receives the goods abroad.
    for (const CommercialInvoice& inv : p.invoices) {
      if (!SameParty(cd.overseas_consignee, inv.buyer)) {
        ctx.AddConflict("UCP14D-CONSIGNEE", kRef14d, Severity::kDiscrepancy,
                        RefOf(cd), {"overseas_consignee.name"},
                        cd.overseas_consignee.name, RefOf(inv), {"buyer.name"},
                        inv.buyer.name);
      }
    }
  }
}

}  // namespace

void CheckConsistency(Context& ctx) {
  CompareQuantities(ctx);
  ComparePricesAndValues(ctx);
  CompareWeightsAndPackages(ctx);
  CompareContainersAndReferences(ctx);
  CompareHsCodes(ctx);
  ComparePartiesPlacesDates(ctx);
}

}  // namespace tradefin::rules_internal
