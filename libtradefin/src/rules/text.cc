// Text helpers for the examiner: normalisation, party-name and place
// matching, SWIFT narrative items, 45A goods terms, tolerance arithmetic.
#include <algorithm>
#include <array>
#include <cstdlib>

#include "rules/internal.h"

namespace tradefin::rules_internal {
namespace {

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z');
}

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
}

// Words that say nothing about which place is meant.
bool IsPlaceFiller(std::string_view w) {
  static constexpr std::array<std::string_view, 13> kFiller = {
      "STATION", "STN",  "RAIL", "RAILWAY", "TERMINAL", "FREIGHT", "CONTAINER",
      "YARD",    "CARGO", "PORT", "OF",     "THE",      "CITY"};
  return std::find(kFiller.begin(), kFiller.end(), w) != kFiller.end();
}

std::vector<std::string> PlaceWords(std::string_view s) {
  std::vector<std::string> out;
  for (std::string& t : Tokens(s)) {
    if (!IsPlaceFiller(t)) out.push_back(std::move(t));
  }
  return out;
}

std::string_view PrimaryPart(std::string_view s) {
  size_t cut = s.find_first_of("(,");
  return cut == std::string_view::npos ? s : s.substr(0, cut);
}

bool AllIn(const std::vector<std::string>& words,
           const std::vector<std::string>& in) {
  if (words.empty()) return false;
  for (const std::string& w : words) {
    if (!Contains(in, w)) return false;
  }
  return true;
}

std::string FoldLegalForm(const std::string& w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9>
      kFold = {{{"COMPANY", "CO"},
                {"LIMITED", "LTD"},
                {"CORPORATION", "CORP"},
                {"INCORPORATED", "INC"},
                {"AKTIENGESELLSCHAFT", "AG"},
                {"GESELLSCHAFT", "GES"},
                {"INTERNATIONAL", "INTL"},
                {"SPOLKA", "SP"},
                {"AND", "&"}}};
  for (const auto& [from, to] : kFold) {
    if (w == from) return std::string(to);
  }
  return w;
}

}  // namespace

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string Normalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (unsigned char c : s) {
    bool keep = IsAsciiAlnum(c) || c >= 0x80;
    if (!keep) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 'a' + 'A');
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string n = Normalize(s);
  size_t pos = 0;
  while (pos < n.size()) {
    size_t end = n.find(' ', pos);
    if (end == std::string::npos) end = n.size();
    out.emplace_back(n.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

std::vector<std::string> SplitItems(const TextLines& lines) {
  std::vector<std::string> items;
  for (const std::string& raw : lines) {
    std::string_view line = raw;
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r'))
      line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.front() == '+' || items.empty()) {
      if (line.front() == '+') line.remove_prefix(1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      items.emplace_back(line);
    } else {
      items.back().push_back(' ');
      items.back().append(line);
    }
  }
  return items;
}

bool NamesMatch(std::string_view a, std::string_view b) {
  auto fold = [](std::string_view s) {
    std::vector<std::string> t = Tokens(s);
    if (!t.empty() && t.front() == "THE") t.erase(t.begin());
    for (std::string& w : t) w = FoldLegalForm(w);
    return t;
  };
  std::vector<std::string> ta = fold(a);
  return !ta.empty() && ta == fold(b);
}

bool PlaceMatches(std::string_view credit_place, std::string_view doc_place) {
  std::vector<std::string> credit_all = PlaceWords(credit_place);
  std::vector<std::string> doc_all = PlaceWords(doc_place);
  if (AllIn(PlaceWords(PrimaryPart(doc_place)), credit_all)) return true;
  return AllIn(PlaceWords(PrimaryPart(credit_place)), doc_all);
}

bool IsCountedUnit(std::string_view unit) {
  // Art. 30(b): no quantity tolerance when the quantity is stated in
  // packing units or individual items. UN/ECE Rec. 20 codes included.
  static constexpr std::array<std::string_view, 40> kCounted = {
      "SET",     "SETS",    "PIECE",  "PIECES",  "PCS",    "PC",
      "UNIT",    "UNITS",   "CARTON", "CARTONS", "CTN",    "CTNS",
      "PALLET",  "PALLETS", "PLT",    "BOX",     "BOXES",  "BAG",
      "BAGS",    "DRUM",    "DRUMS",  "BALE",    "BALES",  "CASE",
      "CASES",   "PACKAGE", "PACKAGES", "PKG",   "PKGS",   "ITEM",
      "ITEMS",   "PAIR",    "PAIRS",  "ROLL",    "ROLLS",  "NOS",
      "H87",     "C62",     "NAR",    "SET"};
  std::string u = Upper(unit);
  return std::find(kCounted.begin(), kCounted.end(), u) != kCounted.end();
}

bool IsIncoterm(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kTerms = {
      "EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT",
      "CIP", "DAP", "DPU", "DDP", "DAT", "DDU"};
  return std::find(kTerms.begin(), kTerms.end(), word) != kTerms.end();
}

namespace {

bool IsAboutWord(std::string_view w) {
  return w == "ABOUT" || w == "APPROXIMATELY" || w == "APPROX" ||
         w == "CIRCA" || w == "CA";
}

// "250.00", "250,00", "1,250.00", "5000" -> Decimal.
std::optional<Decimal> ParseNumber(std::string_view text) {
  std::string s(text);
  size_t dot = s.find('.');
  size_t comma = s.find(',');
  if (dot != std::string::npos && comma != std::string::npos) {
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());  // 1,250.00
  } else if (comma != std::string::npos && s.find(',', comma + 1) ==
                                               std::string::npos &&
             s.size() - comma - 1 <= 2) {
    s[comma] = '.';  // SWIFT / European decimal comma
  } else {
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());
  }
  if (!s.empty() && s.back() == '.') s.pop_back();
  Result<Decimal> d = Decimal::Parse(s);
  if (!d.ok()) return std::nullopt;
  return *d;
}

// Raw words of an item, split on spaces only (keeps "250.00", "TF-750W").
std::vector<std::string> RawWords(std::string_view s) {
  std::vector<std::string> out;
  std::string u = Upper(s);
  size_t pos = 0;
  while (pos < u.size()) {
    while (pos < u.size() && u[pos] == ' ') ++pos;
    size_t end = u.find(' ', pos);
    if (end == std::string::npos) end = u.size();
    if (end > pos) out.push_back(u.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

std::string TrimPunct(std::string s) {
  while (!s.empty() && (s.back() == ',' || s.back() == '.' ||
                        s.back() == ';' || s.back() == ':'))
    s.pop_back();
  return s;
}

}  // namespace

GoodsTerms ParseGoods(const TextLines& lines) {
  GoodsTerms g;
  std::vector<std::string> items = SplitItems(lines);
  bool have_goods = false;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string& item = items[i];
    std::vector<std::string> tok = Tokens(item);
    if (tok.empty()) continue;
    std::string norm = Normalize(item);
    // Price item.
    size_t up = norm.find("UNIT PRICE");
    if (up != std::string::npos) {
      std::vector<std::string> w = RawWords(item);
      size_t k = 0;
      while (k + 1 < w.size() && !(w[k] == "UNIT" && TrimPunct(w[k + 1]) ==
                                                         "PRICE"))
        ++k;
      k += 2;
      if (k < w.size() && (w[k] == "IS" || w[k] == ":")) ++k;
      if (k < w.size() && IsAboutWord(TrimPunct(w[k]))) {
        g.price_about = true;
        ++k;
      }
      bool ok = false;
      if (k + 1 < w.size() && w[k].size() == 3) {
        std::optional<Decimal> p = ParseNumber(TrimPunct(w[k + 1]));
        if (p) {
          g.price_currency = w[k];
          g.unit_price = *p;
          ok = true;
          k += 2;
          if (k < w.size() && (w[k] == "PER" || w[k] == "/")) ++k;
          if (k < w.size()) g.price_unit = TrimPunct(w[k]);
        }
      }
      if (!ok) g.unmapped.emplace_back(static_cast<int>(i + 1), item);
      continue;
    }
    // Trade-term item.
    if (IsIncoterm(tok[0])) {
      g.incoterm = tok[0];
      std::string u = Upper(item);
      size_t code = u.find(tok[0]);
      size_t inc = u.find("INCOTERMS");
      std::string place = u.substr(code + tok[0].size(),
                                   inc == std::string::npos
                                       ? std::string::npos
                                       : inc - code - tok[0].size());
      while (!place.empty() && (place.front() == ' ')) place.erase(0, 1);
      while (!place.empty() && (place.back() == ' ' || place.back() == ','))
        place.pop_back();
      g.incoterm_place = place;
      if (inc != std::string::npos) {
        std::vector<std::string> rest = Tokens(u.substr(inc + 9));
        if (!rest.empty() && IsDigits(rest[0])) g.incoterms_edition = rest[0];
      }
      continue;
    }
    if (have_goods) {
      g.unmapped.emplace_back(static_cast<int>(i + 1), item);
      continue;
    }
    // Goods item: [ABOUT] <quantity> <unit> <description> [, HS <code>].
    have_goods = true;
    g.goods_text = item;
    std::vector<std::string> w = RawWords(item);
    size_t k = 0;
    if (k < w.size() && IsAboutWord(TrimPunct(w[k]))) {
      g.quantity_about = true;
      ++k;
    }
    if (k + 1 < w.size()) {
      std::optional<Decimal> q = ParseNumber(TrimPunct(w[k]));
      if (q) {
        g.quantity = *q;
        g.quantity_unit = TrimPunct(w[k + 1]);
        g.counted_units = IsCountedUnit(g.quantity_unit);
        k += 2;
      }
    }
    std::string rest;
    for (size_t j = k; j < w.size(); ++j) {
      if (!rest.empty()) rest.push_back(' ');
      rest += w[j];
    }
    // A unit definition ("(1 SET = 4 PCS)") is not part of the goods
    // description the invoice must repeat.
    g.unit_definitions = ParseUnitDefinitions(rest);
    if (!g.unit_definitions.empty()) {
      for (size_t open = rest.find('('); open != std::string::npos;
           open = rest.find('(', open)) {
        size_t close = rest.find(')', open);
        if (close == std::string::npos) break;
        std::string inner = rest.substr(open + 1, close - open - 1);
        if (!ParseUnitDefinitions(inner).empty()) {
          rest.erase(open, close - open + 1);
        } else {
          open = close;
        }
      }
    }
    std::vector<std::string> words = Tokens(rest);
    for (size_t j = 0; j < words.size(); ++j) {
      if (words[j] == "HS") {
        size_t n = j + 1;
        if (n < words.size() && words[n] == "CODE") ++n;
        if (n < words.size() && IsDigits(words[n])) {
          g.hs_code = words[n];
          j = n;
          continue;
        }
      }
      if (words[j] == "OF" || words[j] == "AND" || words[j] == "THE" ||
          words[j] == "FOR" || words[j] == "WITH" || words[j] == "IN")
        continue;
      g.key_terms.push_back(words[j]);
    }
  }
  return g;
}

int64_t MaxWithTolerance(int64_t base, int percent) {
  // base * (100 + p) / 100 without overflow: split base = 100q + r.
  int64_t q = base / 100, r = base % 100;
  return q * (100 + percent) + (r * (100 + percent)) / 100;
}

int64_t MinWithTolerance(int64_t base, int percent) {
  int64_t q = base / 100, r = base % 100;
  int64_t num = r * (100 - percent);
  return q * (100 - percent) + num / 100 + (num % 100 != 0 ? 1 : 0);
}

bool WithinPercent(const Decimal& value, const Decimal& base, int percent) {
  // |value - base| * 100 <= base * percent, in exact decimals.
  Decimal neg_base{-base.units, base.scale};
  Result<Decimal> diff = Add(value, neg_base);
  if (!diff.ok()) return false;
  Decimal abs_diff{diff->units < 0 ? -diff->units : diff->units, diff->scale};
  Result<Decimal> lhs = Multiply(abs_diff, Decimal{100, 0});
  Result<Decimal> rhs = Multiply(base, Decimal{percent, 0});
  if (!lhs.ok() || !rhs.ok()) return false;
  return Compare(*lhs, *rhs) <= 0;
}

std::string MinorToString(int64_t minor, int exponent) {
  bool neg = minor < 0;
  uint64_t v = neg ? static_cast<uint64_t>(-(minor + 1)) + 1
                   : static_cast<uint64_t>(minor);
  std::string digits = std::to_string(v);
  if (exponent > 0) {
    size_t e = static_cast<size_t>(exponent);
    if (digits.size() <= e) digits = std::string(e + 1 - digits.size(), '0') + digits;
    // Built by concatenation: GCC 12 reports a false -Wrestrict on insert().
    digits = digits.substr(0, digits.size() - e) + "." +
             digits.substr(digits.size() - e);
  }
  return neg ? "-" + digits : digits;
}

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

// A model field path as people say it: "presentation_place" -> "presentation
// place", "goods[0].description" -> "goods #1 description".
std::string FieldWords(const std::string& field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    if (c == '_' || c == '.') {
      out += ' ';
    } else if (c == '[') {
      const size_t close = field.find(']', i);
      const std::string n = field.substr(i + 1, close == std::string::npos ? 0 : close - i - 1);
      bool digits = !n.empty() && n.size() < 9 &&
                    std::all_of(n.begin(), n.end(), [](char d) { return d >= '0' && d <= '9'; });
      if (!digits || close == std::string::npos) {
        out += c;
        continue;
      }
      out += " #" + std::to_string(std::atoi(n.c_str()) + 1);
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

std::string FieldsWords(const std::vector<std::string>& fields) {
  std::string out;
  for (const std::string& f : fields) {
    if (!out.empty()) out += ", ";
    out += FieldWords(f);
  }
  return out;
}

}  // namespace tradefin::rules_internal
