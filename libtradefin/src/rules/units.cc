// Units of quantity for examination: which unit a document's quantity is
// in, and how two quantities in different units compare. Mass units convert
// by their exact definitions (1 lb = 0.45359237 kg); counted units (sets,
// pieces, packing units) only convert where the credit defines the relation
// ("1 SET = 4 PCS"). Nothing here uses floating point: values are Decimals.
#include <algorithm>
#include <array>

#include "rules/internal.h"

namespace tradefin::rules_internal {
namespace {

struct UnitRow {
  std::string_view name;
  UnitKind kind;
  std::string_view base;    // "KG" for mass; the counted family otherwise
  int64_t factor_units;     // factor to the base, as a Decimal
  int32_t factor_scale;
};

// Names as documents write them: English words and abbreviations, UN/ECE
// Recommendation 20 codes, and the China customs unit codes a declaration
// uses (001 台 apparatus, 006 套 set, 007 个 piece, 011 件 piece, 035 千克,
// 036 克, 070 吨). A 台 is one machine: declarations count machine sets in
// it, so it is taken as a SET.
constexpr std::array<UnitRow, 48> kUnits = {{
    {"KG", UnitKind::kMass, "KG", 1, 0},
    {"KGS", UnitKind::kMass, "KG", 1, 0},
    {"KGM", UnitKind::kMass, "KG", 1, 0},
    {"KILO", UnitKind::kMass, "KG", 1, 0},
    {"KILOS", UnitKind::kMass, "KG", 1, 0},
    {"KILOGRAM", UnitKind::kMass, "KG", 1, 0},
    {"KILOGRAMS", UnitKind::kMass, "KG", 1, 0},
    {"035", UnitKind::kMass, "KG", 1, 0},
    {"G", UnitKind::kMass, "KG", 1, 3},
    {"GRM", UnitKind::kMass, "KG", 1, 3},
    {"GRAM", UnitKind::kMass, "KG", 1, 3},
    {"GRAMS", UnitKind::kMass, "KG", 1, 3},
    {"036", UnitKind::kMass, "KG", 1, 3},
    {"MT", UnitKind::kMass, "KG", 1000, 0},
    {"TNE", UnitKind::kMass, "KG", 1000, 0},
    {"TONNE", UnitKind::kMass, "KG", 1000, 0},
    {"TONNES", UnitKind::kMass, "KG", 1000, 0},
    {"METRIC TON", UnitKind::kMass, "KG", 1000, 0},
    {"METRIC TONS", UnitKind::kMass, "KG", 1000, 0},
    {"070", UnitKind::kMass, "KG", 1000, 0},
    {"LB", UnitKind::kMass, "KG", 45359237, 8},
    {"LBS", UnitKind::kMass, "KG", 45359237, 8},
    {"LBR", UnitKind::kMass, "KG", 45359237, 8},
    {"POUND", UnitKind::kMass, "KG", 45359237, 8},
    {"POUNDS", UnitKind::kMass, "KG", 45359237, 8},
    {"SET", UnitKind::kCount, "SET", 1, 0},
    {"SETS", UnitKind::kCount, "SET", 1, 0},
    {"SET(S)", UnitKind::kCount, "SET", 1, 0},
    {"006", UnitKind::kCount, "SET", 1, 0},
    {"001", UnitKind::kCount, "SET", 1, 0},
    {"PIECE", UnitKind::kCount, "PIECE", 1, 0},
    {"PIECES", UnitKind::kCount, "PIECE", 1, 0},
    {"PC", UnitKind::kCount, "PIECE", 1, 0},
    {"PCS", UnitKind::kCount, "PIECE", 1, 0},
    {"PCE", UnitKind::kCount, "PIECE", 1, 0},
    {"H87", UnitKind::kCount, "PIECE", 1, 0},
    {"C62", UnitKind::kCount, "PIECE", 1, 0},
    {"EA", UnitKind::kCount, "PIECE", 1, 0},
    {"EACH", UnitKind::kCount, "PIECE", 1, 0},
    {"NOS", UnitKind::kCount, "PIECE", 1, 0},
    {"007", UnitKind::kCount, "PIECE", 1, 0},
    {"011", UnitKind::kCount, "PIECE", 1, 0},
    {"UNIT", UnitKind::kCount, "UNIT", 1, 0},
    {"UNITS", UnitKind::kCount, "UNIT", 1, 0},
    {"NAR", UnitKind::kCount, "UNIT", 1, 0},
    {"PAIR", UnitKind::kCount, "PAIR", 1, 0},
    {"PAIRS", UnitKind::kCount, "PAIR", 1, 0},
    {"PR", UnitKind::kCount, "PAIR", 1, 0},
}};

// Packing units counted as such (Art. 30(b)): their own family, singular.
constexpr std::array<std::pair<std::string_view, std::string_view>, 21>
    kPacking = {{{"CARTON", "CARTON"},   {"CARTONS", "CARTON"},
                 {"CTN", "CARTON"},      {"CTNS", "CARTON"},
                 {"PALLET", "PALLET"},   {"PALLETS", "PALLET"},
                 {"PLT", "PALLET"},      {"BOX", "BOX"},
                 {"BOXES", "BOX"},       {"BAG", "BAG"},
                 {"BAGS", "BAG"},        {"DRUM", "DRUM"},
                 {"DRUMS", "DRUM"},      {"BALE", "BALE"},
                 {"BALES", "BALE"},      {"CASE", "CASE"},
                 {"CASES", "CASE"},      {"ROLL", "ROLL"},
                 {"ROLLS", "ROLL"},      {"PACKAGE", "PACKAGE"},
                 {"PACKAGES", "PACKAGE"}}};

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.'))
    out.pop_back();
  return out;
}

}  // namespace

std::optional<UnitInfo> LookupUnit(std::string_view unit) {
  std::string u = CollapseSpaces(Upper(unit));
  for (const UnitRow& r : kUnits) {
    if (r.name == u) {
      return UnitInfo{r.kind, std::string(r.base),
                      Decimal{r.factor_units, r.factor_scale}};
    }
  }
  for (const auto& [name, family] : kPacking) {
    if (name == u) return UnitInfo{UnitKind::kCount, std::string(family), {1, 0}};
  }
  return std::nullopt;
}

std::optional<BaseQuantity> ToBase(const Decimal& quantity,
                                   std::string_view unit,
                                   const std::vector<UnitDefinition>& defs) {
  std::optional<UnitInfo> info = LookupUnit(unit);
  if (!info) return std::nullopt;
  Result<Decimal> v = Multiply(quantity, info->factor);
  if (!v.ok()) return std::nullopt;
  BaseQuantity out{*v, info->base, Decimal{5, quantity.scale + 1}};
  // Half a unit of the last digit shown, in the base: the rounding a
  // converted figure may carry.
  Result<Decimal> half = Multiply(out.rounding, info->factor);
  if (!half.ok()) return std::nullopt;
  out.rounding = *half;
  if (info->kind == UnitKind::kCount) {
    for (const UnitDefinition& d : defs) {
      if (d.family != out.base) continue;
      Result<Decimal> c = Multiply(out.value, d.count);
      Result<Decimal> r = Multiply(out.rounding, d.count);
      if (!c.ok() || !r.ok()) return std::nullopt;
      out = BaseQuantity{*c, d.in_family, *r};
      break;
    }
  }
  return out;
}

Decimal AbsDifference(const Decimal& a, const Decimal& b) {
  Result<Decimal> d = Add(a, Decimal{-b.units, b.scale});
  if (!d.ok()) return Decimal{INT64_MAX, 0};
  return Decimal{d->units < 0 ? -d->units : d->units, d->scale};
}

bool SameQuantity(const BaseQuantity& a, const BaseQuantity& b,
                  bool converted) {
  if (a.base != b.base) return false;
  if (!converted) return a.value == b.value;
  Decimal slack = Compare(a.rounding, b.rounding) >= 0 ? a.rounding : b.rounding;
  return Compare(AbsDifference(a.value, b.value), slack) <= 0;
}

std::vector<UnitDefinition> ParseUnitDefinitions(std::string_view text) {
  // "1 SET = 4 PCS", "(1 SET=4 PIECES)", "4 PCS PER SET", "EACH SET OF 4
  // PIECES" / "EACH SET CONSISTING OF 4 PCS".
  std::string u = Upper(text);
  std::vector<std::string> w;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) w.push_back(cur);
    cur.clear();
  };
  for (char c : u) {
    if (c == '=') {
      flush();
      w.push_back("=");
    } else if (c == ' ' || c == '(' || c == ')' || c == ',' || c == ';' ||
               c == '+') {
      flush();
    } else {
      cur.push_back(c);
    }
  }
  flush();
  for (std::string& s : w) {
    while (!s.empty() && (s.back() == '.' || s.back() == ':')) s.pop_back();
  }
  auto count_family = [](const std::string& unit) -> std::string {
    std::optional<UnitInfo> i = LookupUnit(unit);
    return i && i->kind == UnitKind::kCount ? i->base : std::string();
  };
  auto number = [](const std::string& s) -> std::optional<Decimal> {
    Result<Decimal> d = Decimal::Parse(s);
    if (!d.ok() || d->units <= 0) return std::nullopt;
    return *d;
  };
  std::vector<UnitDefinition> out;
  for (size_t i = 0; i < w.size(); ++i) {
    // n A = m B (n must be 1).
    if (i + 4 < w.size() && w[i] == "1" && w[i + 2] == "=") {
      std::string a = count_family(w[i + 1]);
      std::string b = count_family(w[i + 4]);
      std::optional<Decimal> m = number(w[i + 3]);
      if (!a.empty() && !b.empty() && a != b && m) {
        out.push_back({a, *m, b});
        continue;
      }
    }
    // m B PER A.
    if (i + 3 < w.size() && w[i + 2] == "PER") {
      std::optional<Decimal> m = number(w[i]);
      std::string b = count_family(w[i + 1]);
      std::string a = count_family(w[i + 3]);
      if (m && !a.empty() && !b.empty() && a != b) {
        out.push_back({a, *m, b});
        continue;
      }
    }
    // EACH A [CONSISTING] OF m B.
    if (w[i] == "EACH" && i + 4 < w.size()) {
      std::string a = count_family(w[i + 1]);
      size_t k = i + 2;
      if (k < w.size() && w[k] == "CONSISTING") ++k;
      if (k + 2 < w.size() && w[k] == "OF") {
        std::optional<Decimal> m = number(w[k + 1]);
        std::string b = count_family(w[k + 2]);
        if (!a.empty() && !b.empty() && a != b && m) out.push_back({a, *m, b});
      }
    }
  }
  return out;
}

bool PricesAgree(const Decimal& a, std::string_view unit_a, const Decimal& b,
                 std::string_view unit_b, int percent,
                 const std::vector<UnitDefinition>& defs) {
  std::optional<BaseQuantity> fa, fb;
  if (!unit_a.empty() && !unit_b.empty() && Upper(unit_a) != Upper(unit_b)) {
    fa = ToBase({1, 0}, unit_a, defs);
    fb = ToBase({1, 0}, unit_b, defs);
  }
  bool convert = fa && fb && fa->base == fb->base &&
                 !(fa->value == fb->value);
  if (!convert) {
    return percent == 0 ? a == b : WithinPercent(a, b, percent);
  }
  // a per unit_a against b per unit_b: a / fa = b / fb, cross-multiplied.
  Result<Decimal> x = Multiply(a, fb->value);
  Result<Decimal> y = Multiply(b, fa->value);
  if (!x.ok() || !y.ok()) return false;
  if (percent != 0) return WithinPercent(*x, *y, percent);
  // Half a unit of the last digit of either price, converted.
  Result<Decimal> sx = Multiply(Decimal{5, a.scale + 1}, fb->value);
  Result<Decimal> sy = Multiply(Decimal{5, b.scale + 1}, fa->value);
  if (!sx.ok() || !sy.ok()) return false;
  Decimal slack = Compare(*sx, *sy) >= 0 ? *sx : *sy;
  return Compare(AbsDifference(*x, *y), slack) <= 0;
}

std::string UnitText(std::string_view unit) {
  bool code = !unit.empty() && std::all_of(unit.begin(), unit.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  return code ? "(customs unit " + std::string(unit) + ")" : std::string(unit);
}

std::string QuantityText(const Decimal& q, std::string_view unit) {
  return q.ToString() + (unit.empty() ? "" : " " + UnitText(unit));
}

}  // namespace tradefin::rules_internal
