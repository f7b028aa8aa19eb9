// Mapping of 46A (documents required) and 47A (additional conditions) free
// text to checks. Each item is tokenised; recognised phrases are consumed
// and turned into checks; whatever words are left over are reported as an
// unmapped item (a manual check), so nothing in the credit is passed over
// silently. The phrase tables are documented in
// docs/reference/examination-rules.md.
#include <algorithm>
#include <array>
#include <initializer_list>

#include "rules/context.h"
#include "rules/internal.h"

namespace tradefin::rules_internal {
namespace {

enum class Kind { kNone, kInvoice, kWaybill, kCustoms, kOther };

struct Token {
  std::string w;
  bool brk = false;  // a ',' or ';' follows: end of a clause
  bool used = false;
};

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(Token{cur, false, false});
    cur.clear();
  };
  for (unsigned char c : text) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                 (c >= 'a' && c <= 'z') || c >= 0x80;
    if (alnum) {
      cur.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32)
                                         : static_cast<char>(c));
      continue;
    }
    flush();
    if ((c == ',' || c == ';') && !out.empty()) out.back().brk = true;
  }
  flush();
  return out;
}

class Item {
 public:
  explicit Item(std::string_view text) : t_(Tokenize(text)) {}

  size_t size() const { return t_.size(); }
  const std::string& at(size_t i) const { return t_[i].w; }
  bool used(size_t i) const { return t_[i].used; }
  bool brk(size_t i) const { return t_[i].brk; }

  // First unused occurrence of the words [seq, seq + n) at or after
  // `from`; npos if none.
  size_t Find(const std::string_view* seq, size_t n, size_t from = 0) const {
    if (n == 0) return std::string::npos;
    for (size_t i = from; i + n <= t_.size(); ++i) {
      bool ok = true;
      for (size_t k = 0; k < n; ++k) {
        if (t_[i + k].used || t_[i + k].w != seq[k]) {
          ok = false;
          break;
        }
      }
      if (ok) return i;
    }
    return std::string::npos;
  }
  size_t Find(std::initializer_list<std::string_view> seq,
              size_t from = 0) const {
    return Find(seq.begin(), seq.size(), from);
  }
  size_t Find(const std::vector<std::string_view>& seq, size_t from = 0) const {
    return Find(seq.data(), seq.size(), from);
  }
  void Use(size_t i, size_t n) {
    for (size_t k = i; k < i + n && k < t_.size(); ++k) t_[k].used = true;
  }
  // Finds and consumes `seq`; true if found.
  bool Take(std::initializer_list<std::string_view> seq) {
    size_t i = Find(seq);
    if (i == std::string::npos) return false;
    Use(i, seq.size());
    return true;
  }
  // Consumes the words after position `i` up to the end of the clause (a
  // ',' or ';', the end, or a word in `stop`), returning them joined.
  std::string TakeClause(size_t i,
                         std::initializer_list<std::string_view> stop = {}) {
    std::string out;
    for (size_t k = i; k < t_.size(); ++k) {
      if (t_[k].used) break;
      if (std::find(stop.begin(), stop.end(), t_[k].w) != stop.end()) break;
      t_[k].used = true;
      if (!out.empty()) out.push_back(' ');
      out += t_[k].w;
      if (t_[k].brk) break;
    }
    return out;
  }
  bool AnyUsed() const {
    return std::any_of(t_.begin(), t_.end(), [](const Token& t) { return t.used; });
  }
  // Unused words that are not filler.
  std::string Remainder() const {
    static constexpr std::array<std::string_view, 18> kFiller = {
        "AND", "OR",  "OF",   "THE",  "IN",   "BY",  "TO",   "A",  "AN",
        "WITH", "MUST", "BE", "FOR", "ALL", "EACH", "ONE", "IS", "ARE"};
    std::string out;
    for (const Token& t : t_) {
      if (t.used) continue;
      if (std::find(kFiller.begin(), kFiller.end(), t.w) != kFiller.end())
        continue;
      if (!out.empty()) out.push_back(' ');
      out += t.w;
    }
    return out;
  }

 private:
  std::vector<Token> t_;
};

struct KindPhrase {
  Kind kind;
  std::vector<std::string_view> words;
  // Modelled kinds: the DocumentTypeName ("rail-waybill"); other documents:
  // the name looked up in Presentation::other_documents.
  const char* name;
};

// Longest phrases first within a kind; the earliest match in the item wins.
const std::vector<KindPhrase>& KindPhrases() {
  static const std::vector<KindPhrase> kPhrases = {
      {Kind::kInvoice, {"COMMERCIAL", "INVOICE"}, "commercial-invoice"},
      {Kind::kInvoice, {"COMMERCIAL", "INVOICES"}, "commercial-invoice"},
      {Kind::kInvoice, {"INVOICE"}, "commercial-invoice"},
      {Kind::kWaybill, {"CIM", "SMGS", "CONSIGNMENT", "NOTE"}, "rail-waybill"},
      {Kind::kWaybill, {"SMGS", "CONSIGNMENT", "NOTE"}, "rail-waybill"},
      {Kind::kWaybill, {"CIM", "CONSIGNMENT", "NOTE"}, "rail-waybill"},
      {Kind::kWaybill, {"RAILWAY", "CONSIGNMENT", "NOTE"}, "rail-waybill"},
      {Kind::kWaybill, {"RAIL", "CONSIGNMENT", "NOTE"}, "rail-waybill"},
      {Kind::kWaybill, {"CONSIGNMENT", "NOTE"}, "rail-waybill"},
      {Kind::kWaybill, {"CIM", "SMGS", "WAYBILL"}, "rail-waybill"},
      {Kind::kWaybill, {"RAIL", "WAYBILL"}, "rail-waybill"},
      {Kind::kWaybill, {"RAILWAY", "WAYBILL"}, "rail-waybill"},
      {Kind::kWaybill, {"RAILWAY", "BILL"}, "rail-waybill"},
      {Kind::kWaybill, {"SMGS", "NOTE"}, "rail-waybill"},
      {Kind::kWaybill, {"CIM", "NOTE"}, "rail-waybill"},
      {Kind::kCustoms, {"CHINA", "CUSTOMS", "EXPORT", "DECLARATION"},
       "customs-declaration"},
      {Kind::kCustoms, {"CUSTOMS", "EXPORT", "DECLARATION"},
       "customs-declaration"},
      {Kind::kCustoms, {"EXPORT", "CUSTOMS", "DECLARATION"},
       "customs-declaration"},
      {Kind::kCustoms, {"EXPORT", "GOODS", "DECLARATION"},
       "customs-declaration"},
      {Kind::kCustoms, {"EXPORT", "DECLARATION"}, "customs-declaration"},
      {Kind::kCustoms, {"CUSTOMS", "DECLARATION"}, "customs-declaration"},
      {Kind::kOther, {"PACKING", "LIST"}, "packing list"},
      {Kind::kOther, {"CERTIFICATE", "OF", "ORIGIN"}, "certificate of origin"},
      {Kind::kOther, {"INSURANCE", "POLICY"}, "insurance"},
      {Kind::kOther, {"INSURANCE", "CERTIFICATE"}, "insurance"},
      {Kind::kOther, {"WEIGHT", "LIST"}, "weight list"},
      {Kind::kOther, {"BENEFICIARY", "S", "CERTIFICATE"},
       "beneficiary's certificate"},
      {Kind::kOther, {"BENEFICIARY", "CERTIFICATE"},
       "beneficiary's certificate"},
      {Kind::kOther, {"INSPECTION", "CERTIFICATE"}, "inspection certificate"},
      {Kind::kOther, {"CERTIFICATE", "OF", "INSPECTION"},
       "inspection certificate"},
      {Kind::kOther, {"QUALITY", "CERTIFICATE"}, "quality certificate"},
      {Kind::kOther, {"CERTIFICATE", "OF", "QUALITY"}, "quality certificate"},
      {Kind::kOther, {"CERTIFICATE", "OF", "ANALYSIS"},
       "certificate of analysis"},
      {Kind::kOther, {"HEALTH", "CERTIFICATE"}, "health certificate"},
      {Kind::kOther, {"PHYTOSANITARY", "CERTIFICATE"},
       "phytosanitary certificate"},
      {Kind::kOther, {"FUMIGATION", "CERTIFICATE"}, "fumigation certificate"},
  };
  return kPhrases;
}

bool IsNumberWord(std::string_view w) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
      "TEN"};
  if (std::find(kWords.begin(), kWords.end(), w) != kWords.end()) return true;
  return !w.empty() && w.size() <= 2 &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsCopyWord(std::string_view w) {
  return w == "ORIGINAL" || w == "ORIGINALS" || w == "COPY" || w == "COPIES" ||
         w == "FOLD" || w == "SETS";
}

// "IN 3 ORIGINALS AND 2 COPIES", "IN DUPLICATE", "FULL SET": sheet counts,
// which the electronic models do not carry. Returns the phrases consumed.
std::vector<std::string> TakeCounts(Item& item) {
  std::vector<std::string> phrases;
  for (size_t i = 0; i < item.size(); ++i) {
    if (item.used(i) || item.at(i) != "IN") continue;
    size_t n = 0;
    std::string text;
    if (i + 2 < item.size() && IsNumberWord(item.at(i + 1)) &&
        IsCopyWord(item.at(i + 2))) {
      n = 3;
      if (i + 5 < item.size() && item.at(i + 3) == "AND" &&
          IsNumberWord(item.at(i + 4)) && IsCopyWord(item.at(i + 5)))
        n = 6;
    } else if (i + 1 < item.size() &&
               (item.at(i + 1) == "DUPLICATE" ||
                item.at(i + 1) == "TRIPLICATE" ||
                item.at(i + 1) == "QUADRUPLICATE")) {
      n = 2;
    }
    if (n == 0) continue;
    for (size_t k = i; k < i + n; ++k) {
      if (!text.empty()) text.push_back(' ');
      text += item.at(k);
    }
    item.Use(i, n);
    phrases.push_back(text);
  }
  if (item.Take({"FULL", "SET"})) phrases.push_back("FULL SET");
  return phrases;
}

bool TakeCreditNumberPhrase(Item& item) {
  return item.Take({"DOCUMENTARY", "CREDIT", "NUMBER"}) ||
         item.Take({"L", "C", "NUMBER"}) || item.Take({"L", "C", "NO"}) ||
         item.Take({"LC", "NUMBER"}) || item.Take({"LC", "NO"}) ||
         item.Take({"DC", "NUMBER"}) || item.Take({"DC", "NO"}) ||
         item.Take({"CREDIT", "NUMBER"}) || item.Take({"CREDIT", "NO"});
}

bool TokensSubset(const std::string& expected,
                  const std::vector<std::string>& have) {
  for (const std::string& w : Tokens(expected)) {
    if (std::find(have.begin(), have.end(), w) == have.end()) return false;
  }
  return true;
}

std::vector<std::string> PartyWords(const Party& p) {
  std::vector<std::string> w = Tokens(p.name);
  for (const std::string& l : p.address.lines) {
    for (std::string& t : Tokens(l)) w.push_back(std::move(t));
  }
  for (std::string& t : Tokens(p.address.city)) w.push_back(std::move(t));
  for (std::string& t : Tokens(p.address.country)) w.push_back(std::move(t));
  return w;
}

std::string BankName(const Bank& b) {
  if (!b.name_address.empty()) return b.name_address.front();
  return b.bic;
}

// ---- attribute checks shared by document kinds ("SHOWING ...") --------------
void CheckCreditNumberShown(Context& ctx, Kind kind, const char* rule,
                            const char* reference) {
  auto check = [&](const DocumentRef& ref, const std::string& cited) {
    if (cited.empty()) {
      ctx.Add(rule, reference, Severity::kDiscrepancy, ref, {"credit_number"},
              "no credit number", ctx.lc.credit_number);
    }
  };
  if (kind == Kind::kInvoice || kind == Kind::kNone)
    for (const auto& i : ctx.p.invoices) check(RefOf(i), i.credit_number);
  if (kind == Kind::kWaybill || kind == Kind::kNone)
    for (const auto& w : ctx.p.waybills) check(RefOf(w), w.credit_number);
  if (kind == Kind::kCustoms || kind == Kind::kNone)
    for (const auto& c : ctx.p.customs_declarations)
      check(RefOf(c), c.credit_number);
}

void CheckHsShown(Context& ctx, Kind kind, const std::string& code) {
  auto check = [&](const DocumentRef& ref, const std::string& field,
                   const std::string& shown) {
    bool ok = !shown.empty() &&
              (code.empty() || shown.compare(0, code.size(), code) == 0);
    if (!ok) {
      ctx.Add("LC46A-HS-CODE", "UCP 600 Art. 14(a); credit 46A",
              Severity::kDiscrepancy, ref, {field},
              shown.empty() ? "no HS code" : shown,
              code.empty() ? "an HS code" : "HS " + code + " (46A)");
    }
  };
  if (kind == Kind::kInvoice) {
    for (const auto& inv : ctx.p.invoices)
      for (size_t k = 0; k < inv.items.size(); ++k)
        check(RefOf(inv), "items[" + std::to_string(k) + "].hs_code",
              inv.items[k].hs_code);
  } else if (kind == Kind::kWaybill) {
    for (const auto& w : ctx.p.waybills)
      for (size_t k = 0; k < w.goods.size(); ++k)
        check(RefOf(w), "goods[" + std::to_string(k) + "].hs_code",
              w.goods[k].hs_code);
  } else if (kind == Kind::kCustoms) {
    for (const auto& c : ctx.p.customs_declarations)
      for (size_t k = 0; k < c.items.size(); ++k)
        check(RefOf(c), "items[" + std::to_string(k) + "].commodity_code",
              c.items[k].commodity_code);
  }
}

// Consumes "SHOWING/INDICATING/... <attributes>" and checks each attribute
// on the documents of `kind`.
void TakeShowing(Context& ctx, Item& item, Kind kind) {
  bool any_verb = item.Take({"SHOWING"}) || item.Take({"INDICATING"}) ||
                  item.Take({"EVIDENCING"}) || item.Take({"STATING"}) ||
                  item.Take({"MENTIONING"});
  (void)any_verb;  // the attributes are looked for either way
  if (TakeCreditNumberPhrase(item)) {
    CheckCreditNumberShown(ctx, kind, "LC46A-CREDIT-NUMBER",
                           "UCP 600 Art. 14(a); credit 46A");
  }
  size_t hs = item.Find({"HS", "CODE"});
  size_t hs_len = 2;
  if (hs == std::string::npos) {
    hs = item.Find({"HS", "NO"});
  }
  if (hs != std::string::npos) {
    std::string code;
    if (hs + hs_len < item.size() && !item.used(hs + hs_len) &&
        std::all_of(item.at(hs + hs_len).begin(), item.at(hs + hs_len).end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      code = item.at(hs + hs_len);
      item.Use(hs, hs_len + 1);
    } else {
      item.Use(hs, hs_len);
      code = ctx.goods.hs_code;
    }
    CheckHsShown(ctx, kind, code);
  }
  bool containers = false, seals = false;
  if (item.Take({"CONTAINER", "AND", "SEAL", "NUMBERS"}) ||
      item.Take({"CONTAINER", "AND", "SEAL", "NOS"})) {
    containers = true;
    seals = true;
  } else {
    containers = item.Take({"CONTAINER", "NUMBERS"}) ||
                 item.Take({"CONTAINER", "NOS"});
    if (kind == Kind::kWaybill)
      seals = item.Take({"SEAL", "NUMBERS"}) || item.Take({"SEAL", "NOS"});
  }
  if (containers || seals) {
    const char* rule = "LC46A-CONTAINERS-SEALS";
    const char* ref = "UCP 600 Art. 14(a); credit 46A";
    if (kind == Kind::kWaybill) {
      for (const auto& w : ctx.p.waybills) {
        if (w.containers.empty()) {
          ctx.Add(rule, ref, Severity::kDiscrepancy, RefOf(w), {"containers"},
                  "no container numbers", "container numbers (46A)");
        }
        if (seals) {
          for (const Container& c : w.containers) {
            if (c.seals.empty()) {
              ctx.Add(rule, ref, Severity::kDiscrepancy, RefOf(w),
                      {"containers[" + c.number + "].seals"}, "no seal number",
                      "seal numbers (46A)");
            }
          }
        }
      }
    } else if (kind == Kind::kInvoice) {
      for (const auto& inv : ctx.p.invoices) {
        if (inv.container_numbers.empty())
          ctx.Add(rule, ref, Severity::kDiscrepancy, RefOf(inv),
                  {"container_numbers"}, "no container numbers",
                  "container numbers (46A)");
      }
    } else if (kind == Kind::kCustoms) {
      for (const auto& c : ctx.p.customs_declarations) {
        if (c.container_numbers.empty())
          ctx.Add(rule, ref, Severity::kDiscrepancy, RefOf(c),
                  {"container_numbers"}, "no container numbers",
                  "container numbers (46A)");
      }
    }
  }
  bool gross = item.Take({"GROSS", "WEIGHT"}) || item.Take({"GROSS", "WEIGHTS"});
  bool packages = item.Take({"NUMBER", "OF", "PACKAGES"});
  if (gross || packages) {
    auto need = [&](const DocumentRef& ref, bool has, const char* field) {
      if (!has)
        ctx.Add("LC46A-WEIGHT-PACKAGES", "UCP 600 Art. 14(a); credit 46A",
                Severity::kDiscrepancy, ref, {field}, "not shown",
                FieldWords(field) + " (46A)");
    };
    for (const auto& inv : ctx.p.invoices) {
      if (kind != Kind::kInvoice) break;
      if (gross) need(RefOf(inv), inv.gross_weight_kg.units != 0, "gross_weight_kg");
      if (packages) need(RefOf(inv), inv.packages != 0, "packages");
    }
    for (const auto& w : ctx.p.waybills) {
      if (kind != Kind::kWaybill) break;
      if (gross) need(RefOf(w), w.total_gross_mass_kg.units != 0, "total_gross_mass_kg");
      if (packages) need(RefOf(w), w.total_packages != 0, "total_packages");
    }
    for (const auto& c : ctx.p.customs_declarations) {
      if (kind != Kind::kCustoms) break;
      if (gross) need(RefOf(c), c.gross_weight_kg.units != 0, "gross_weight_kg");
      if (packages) need(RefOf(c), c.packages != 0, "packages");
    }
  }
}

// ---- document-specific phrases ----------------------------------------------
void TakeInvoicePhrases(Context& ctx, Item& item) {
  if (item.Take({"SIGNED"})) {
    for (const auto& inv : ctx.p.invoices) {
      if (!inv.signed_by_seller) {
        ctx.Add("LC46A-INVOICE-SIGNED", "UCP 600 Art. 18(a)(iv); credit 46A",
                Severity::kDiscrepancy, RefOf(inv), {"signed_by_seller"},
                "not signed", "signed by the beneficiary (46A)");
      }
    }
  }
}

void TakeWaybillPhrases(Context& ctx, Item& item) {
  // Alternatives named in brackets: "(OR SMGS NOTE)".
  item.Take({"OR", "SMGS", "NOTE"}) || item.Take({"OR", "CIM", "NOTE"}) ||
      item.Take({"OR", "SMGS", "CONSIGNMENT", "NOTE"});
  bool copy_ok = item.Take({"COPY", "OF"});
  bool duplicate = item.Take({"DUPLICATE", "OF"}) || item.Take({"DUPLICATE"});
  (void)duplicate;  // the duplicate is accepted as an original (Art. 24(b))
  item.Take({"ORIGINAL"});
  if (!copy_ok) {
    for (const auto& w : ctx.p.waybills) {
      if (w.sheet == WaybillSheet::kCopy) {
        ctx.Add("UCP24B-ORIGINAL", "UCP 600 Art. 24(b)(ii), 17(a)",
                Severity::kDiscrepancy, RefOf(w), {"sheet"}, "COPY",
                "an original, or the duplicate (accepted as an original)");
      }
    }
  }
  if (item.Take({"STAMPED", "BY", "THE", "DEPARTURE", "STATION"}) ||
      item.Take({"STAMPED", "BY", "DEPARTURE", "STATION"}) ||
      item.Take({"BEARING", "DEPARTURE", "STATION", "STAMP"}) ||
      item.Take({"STAMPED"})) {
    for (const auto& w : ctx.p.waybills) {
      if (!w.departure_stamp) {
        ctx.Add("LC46A-DEPARTURE-STAMP", "UCP 600 Art. 24(a)(i); credit 46A",
                Severity::kDiscrepancy, RefOf(w), {"departure_stamp"},
                "no departure station stamp",
                "stamped by the departure station (46A)");
      }
    }
  }
  // "DISPATCH FROM <place> TO <place>".
  size_t from = item.Find({"DISPATCH", "FROM"});
  size_t skip = 2;
  if (from == std::string::npos) {
    from = item.Find({"FROM"});
    skip = 1;
  }
  if (from != std::string::npos) {
    item.Use(from, skip);
    std::string origin = item.TakeClause(from + skip, {"TO"});
    size_t to = item.Find({"TO"}, from);
    std::string dest;
    if (to != std::string::npos) {
      item.Use(to, 1);
      dest = item.TakeClause(to + 1);
    }
    for (const auto& w : ctx.p.waybills) {
      if (!origin.empty() && !PlaceMatches(origin, w.departure_station.name)) {
        ctx.Add("LC46A-ROUTING", "UCP 600 Art. 24(a)(iii); credit 46A",
                Severity::kDiscrepancy, RefOf(w), {"departure_station.name"},
                w.departure_station.name, origin + " (46A dispatch from)");
      }
      if (!dest.empty() && !PlaceMatches(dest, w.destination_station.name)) {
        ctx.Add("LC46A-ROUTING", "UCP 600 Art. 24(a)(iii); credit 46A",
                Severity::kDiscrepancy, RefOf(w), {"destination_station.name"},
                w.destination_station.name, dest + " (46A dispatch to)");
      }
    }
  }
  // Consignee: "CONSIGNEE <name>", "CONSIGNED TO [THE ORDER OF] <name>".
  size_t cons = item.Find({"CONSIGNED", "TO"});
  size_t cons_len = 2;
  if (cons == std::string::npos) {
    cons = item.Find({"CONSIGNEE"});
    cons_len = 1;
  }
  if (cons != std::string::npos) {
    item.Use(cons, cons_len);
    size_t start = cons + cons_len;
    if (item.Find({"THE", "ORDER", "OF"}, start) == start) {
      item.Use(start, 3);
      start += 3;
    } else if (item.Find({"ORDER", "OF"}, start) == start) {
      item.Use(start, 2);
      start += 2;
    }
    std::string who = item.TakeClause(start);
    for (const auto& w : ctx.p.waybills) {
      bool ok;
      std::string expected = who;
      if (who == "APPLICANT") {
        ok = NamesMatch(w.consignee.name, ctx.lc.applicant.name);
        expected = ctx.lc.applicant.name + " (applicant)";
      } else if (who == "ISSUING BANK" || who == "THE ISSUING BANK" ||
                 who == "ISSUING BANK S" || who == "US") {
        const std::string& bic = ctx.lc.issuing_bank.bic;
        ok = bic.size() >= 8 && w.consignee.ids.bic.size() >= 8 &&
             w.consignee.ids.bic.compare(0, 8, bic, 0, 8) == 0;
        if (!ok && !ctx.lc.issuing_bank.name_address.empty())
          ok = NamesMatch(w.consignee.name, ctx.lc.issuing_bank.name_address[0]);
        expected = BankName(ctx.lc.issuing_bank) + " (issuing bank)";
      } else {
        ok = TokensSubset(who, PartyWords(w.consignee));
      }
      if (!ok) {
        ctx.Add("UCP24-CONSIGNEE", "UCP 600 Art. 14(a), 24; credit 46A",
                Severity::kDiscrepancy, RefOf(w), {"consignee.name"},
                w.consignee.name, expected + " (46A consignee)");
      }
    }
  }
  // Notify party; applicant details as in the credit (Art. 14(j)).
  size_t notify = item.Find({"NOTIFY"});
  if (notify != std::string::npos) {
    item.Use(notify, 1);
    std::string who = item.TakeClause(notify + 1);
    for (const auto& w : ctx.p.waybills) {
      if (who == "APPLICANT") {
        const Party& a = ctx.lc.applicant;
        bool ok = w.notify_party && NamesMatch(w.notify_party->name, a.name) &&
                  (a.address.country.empty() ||
                   w.notify_party->address.country == a.address.country) &&
                  (a.address.city.empty() ||
                   Normalize(w.notify_party->address.city) ==
                       Normalize(a.address.city));
        if (!ok) {
          ctx.Add("UCP14J-NOTIFY-APPLICANT",
                  "UCP 600 Art. 14(j); credit 46A", Severity::kDiscrepancy,
                  RefOf(w), {"notify_party"},
                  w.notify_party ? w.notify_party->name + ", " +
                                       w.notify_party->address.city + " " +
                                       w.notify_party->address.country
                                 : "no notify party",
                  a.name + ", " + a.address.city + " " + a.address.country +
                      " (50 applicant, as in the credit)");
        }
      } else if (!who.empty()) {
        bool ok = w.notify_party && TokensSubset(who, PartyWords(*w.notify_party));
        if (!ok) {
          ctx.Add("LC46A-NOTIFY-PARTY", "UCP 600 Art. 14(a); credit 46A",
                  Severity::kDiscrepancy, RefOf(w), {"notify_party"},
                  w.notify_party ? w.notify_party->name : "no notify party",
                  who + " (46A notify)");
        }
      }
    }
  }
  // Carriage charges.
  std::string payer;
  if (item.Take({"CARRIAGE", "CHARGES", "PAID", "BY", "CONSIGNOR"}) ||
      item.Take({"CHARGES", "PAID", "BY", "CONSIGNOR"}) ||
      item.Take({"FREIGHT", "PAID", "BY", "CONSIGNOR"}) ||
      item.Take({"FREIGHT", "PREPAID"}) || item.Take({"CARRIAGE", "PAID"})) {
    payer = "CONSIGNOR";
  } else if (item.Take({"CARRIAGE", "CHARGES", "PAID", "BY", "CONSIGNEE"}) ||
             item.Take({"CHARGES", "PAID", "BY", "CONSIGNEE"}) ||
             item.Take({"FREIGHT", "COLLECT"})) {
    payer = "CONSIGNEE";
  }
  if (!payer.empty()) {
    for (const auto& w : ctx.p.waybills) {
      std::vector<std::string> t = Tokens(w.charges_payment);
      bool ok = std::find(t.begin(), t.end(), payer) != t.end() ||
                (payer == "CONSIGNOR" &&
                 std::find(t.begin(), t.end(), "PREPAID") != t.end()) ||
                (payer == "CONSIGNEE" &&
                 std::find(t.begin(), t.end(), "COLLECT") != t.end());
      if (!ok) {
        ctx.Add("LC46A-CHARGES", "UCP 600 Art. 14(a); credit 46A",
                Severity::kDiscrepancy, RefOf(w), {"charges_payment"},
                w.charges_payment.empty() ? "not stated" : w.charges_payment,
                "charges paid by " + Upper(payer) + " (46A)");
      }
    }
  }
}

void TakeCustomsPhrases(Context& ctx, Item& item) {
  item.Take({"COPY", "OF"});
  item.Take({"ORIGINAL"});
  if (item.Take({"18", "DIGIT", "NUMBER"}) ||
      item.Take({"18", "DIGITS", "NUMBER"})) {
    for (const auto& c : ctx.p.customs_declarations) {
      bool ok = c.declaration_number.size() == 18 &&
                std::all_of(c.declaration_number.begin(),
                            c.declaration_number.end(),
                            [](char ch) { return ch >= '0' && ch <= '9'; });
      if (!ok) {
        ctx.Add("LC46A-DECLARATION-NUMBER", "UCP 600 Art. 14(a); credit 46A",
                Severity::kDiscrepancy, RefOf(c), {"declaration_number"},
                c.declaration_number, "an 18-digit number (46A)");
      }
    }
  }
}

bool OtherDocumentPresent(const Presentation& p, std::string_view name) {
  std::string want = Normalize(name);
  for (const std::string& d : p.other_documents) {
    std::string have = Normalize(d);
    if (have.find(want) != std::string::npos ||
        (!have.empty() && want.find(have) != std::string::npos))
      return true;
  }
  return false;
}

}  // namespace

void ExamineDocumentsRequired(Context& ctx) {
  std::vector<std::string> items = SplitItems(ctx.lc.documents_required);
  for (size_t n = 0; n < items.size(); ++n) {
    const int num = static_cast<int>(n + 1);
    const std::string& text = items[n];
    Item item(text);
    // Which document is this item about: the earliest named in the text.
    const KindPhrase* best = nullptr;
    size_t best_pos = std::string::npos;
    for (const KindPhrase& kp : KindPhrases()) {
      size_t pos = item.Find(kp.words);
      if (pos != std::string::npos && (best == nullptr || pos < best_pos)) {
        best = &kp;
        best_pos = pos;
      }
    }
    if (best == nullptr) {
      ctx.Unmapped("46A", num, text, text, "LC46A-UNMAPPED",
                   "UCP 600 Art. 14(a)");
      continue;
    }
    item.Use(best_pos, best->words.size());
    DocumentRef missing_ref{best->name, ""};
    bool present = false;
    switch (best->kind) {
      case Kind::kInvoice: present = !ctx.p.invoices.empty(); break;
      case Kind::kWaybill: present = !ctx.p.waybills.empty(); break;
      case Kind::kCustoms:
        present = !ctx.p.customs_declarations.empty();
        break;
      case Kind::kOther: present = OtherDocumentPresent(ctx.p, best->name); break;
      case Kind::kNone: break;
    }
    if (!present) {
      ctx.Add("LC46A-DOCUMENT-MISSING", "UCP 600 Art. 14(a), 15; credit 46A",
              Severity::kDiscrepancy, missing_ref, {"46A item " + std::to_string(num)},
              "not presented", "\"" + text + "\"");
      continue;
    }
    if (best->kind == Kind::kOther) {
      // No model: presence by name is all tradefin can see.
      ctx.Add("LC46A-NOT-EXAMINED", "UCP 600 Art. 14(a)",
              Severity::kManualCheck, missing_ref,
              {"46A item " + std::to_string(num)},
              "declared present; content not examined by tradefin",
              "\"" + text + "\" (checked by a person)");
      continue;
    }
    for (const std::string& phrase : TakeCounts(item)) {
      ctx.Ignore("46A", num, phrase,
                 "number of originals/copies is not in the data model; not "
                 "checked");
    }
    switch (best->kind) {
      case Kind::kInvoice: TakeInvoicePhrases(ctx, item); break;
      case Kind::kWaybill: TakeWaybillPhrases(ctx, item); break;
      case Kind::kCustoms: TakeCustomsPhrases(ctx, item); break;
      default: break;
    }
    TakeShowing(ctx, item, best->kind);
    std::string rest = item.Remainder();
    if (!rest.empty()) {
      ctx.Unmapped("46A", num, text, item.AnyUsed() ? rest : text,
                   "LC46A-UNMAPPED",
                   "UCP 600 Art. 14(a)");
    }
  }
}

// 47A "not pledged or financed under any other facility" for the presented
// documents of `type` (all presented documents when empty).
void CheckNotEncumbered(Context& ctx, int num, const std::string& text,
                        const std::string& type) {
  const char* ref = "UCP 600 Art. 14(a); credit 47A";
  if (!ctx.p.encumbrances) {
    ctx.Add("LC47A-NOT-PLEDGED", ref, Severity::kManualCheck,
            {"letter-of-credit", ctx.lc.credit_number}, {"47A"},
            "47A item " + std::to_string(num) + " \"" + text + "\"",
            "financing facts about the presented documents (none were "
            "supplied), or a person to check that no presented document was "
            "pledged or financed under another facility");
    return;
  }
  auto presented = [&](const DocumentRef& d) {
    for (const auto& w : ctx.p.waybills)
      if (d.type == "rail-waybill" && d.number == w.consignment_number) return true;
    for (const auto& i : ctx.p.invoices)
      if (d.type == "commercial-invoice" && d.number == i.invoice_number) return true;
    for (const auto& c : ctx.p.customs_declarations)
      if (d.type == "customs-declaration" && d.number == c.declaration_number)
        return true;
    return false;
  };
  for (const DocumentEncumbrance& e : *ctx.p.encumbrances) {
    if (!type.empty() && e.document.type != type) continue;
    if (!presented(e.document)) continue;
    // Financing under this credit is the presentation's own, not another
    // facility's.
    if (Normalize(e.facility) == Normalize(ctx.lc.credit_number)) continue;
    std::string found =
        (e.kind.empty() ? std::string("encumbered") : e.kind) +
        " under facility " + (e.facility.empty() ? "(unnamed)" : e.facility) +
        " with " + (e.bank.empty() ? "(bank not named)" : e.bank) + ", " +
        e.amount.ToString() + ", on " + e.date.ToIso();
    if (!e.source.empty()) found += " (" + e.source + ")";
    ctx.Add("LC47A-NOT-PLEDGED", ref, Severity::kDiscrepancy, e.document,
            {"47A"}, found,
            "not pledged or financed under any other facility (47A item " +
                std::to_string(num) + ")");
  }
}

void ExamineAdditionalConditions(Context& ctx) {
  std::vector<std::string> items = SplitItems(ctx.lc.additional_conditions);
  for (size_t n = 0; n < items.size(); ++n) {
    const int num = static_cast<int>(n + 1);
    const std::string& text = items[n];
    Item item(text);
    std::vector<std::string> tok = Tokens(text);
    auto has = [&](std::string_view w) {
      return std::find(tok.begin(), tok.end(), w) != tok.end();
    };
    // Charges and fees are not conditions on the documents (Art. 14(h)).
    if ((has("FEE") || has("FEES") || has("CHARGES") || has("COMMISSION")) &&
        !has("DOCUMENTS") && !has("DOCUMENT")) {
      ctx.Ignore("47A", num, text,
                 "not a documentary condition (UCP 600 Art. 14(h))");
      continue;
    }
    // "About" the credit amount: applied by the amount rule (Art. 30(a)).
    if ((has("ABOUT") || has("APPROXIMATELY") || has("CIRCA")) &&
        (has("AMOUNT") || has("VALUE")) && tok.size() <= 8) {
      continue;
    }
    // "... MUST NOT HAVE BEEN PLEDGED OR FINANCED UNDER ANY OTHER
    // FACILITY": judged from the caller's financing facts.
    if (has("NOT") && (has("PLEDGED") || has("FINANCED") ||
                       has("ENCUMBERED"))) {
      std::string type;
      if (has("CONSIGNMENT") || has("WAYBILL") || has("SMGS") || has("CIM"))
        type = "rail-waybill";
      else if (has("INVOICE"))
        type = "commercial-invoice";
      else if (has("DECLARATION"))
        type = "customs-declaration";
      CheckNotEncumbered(ctx, num, text, type);
      continue;
    }
    if (item.Find({"ALL", "DOCUMENTS"}) != std::string::npos) {
      size_t at = item.Find({"ALL", "DOCUMENTS"});
      item.Use(at, 2);
      item.Take({"MUST"}) || item.Take({"TO"}) || item.Take({"SHOULD"});
      item.Take({"INDICATE"}) || item.Take({"SHOW"}) || item.Take({"BEAR"}) ||
          item.Take({"QUOTE"}) || item.Take({"MENTION"});
      item.Take({"THIS"}) || item.Take({"THE"});
      if (TakeCreditNumberPhrase(item)) {
        CheckCreditNumberShown(ctx, Kind::kNone, "LC47A-CREDIT-NUMBER",
                               "UCP 600 Art. 14(a); credit 47A");
      }
    }
    if (item.Take({"DOCUMENTS", "ISSUED", "BEFORE"})) {
      item.Take({"THE"});
      bool lc_date = item.Take({"L", "C", "ISSUANCE", "DATE"}) ||
                     item.Take({"LC", "ISSUANCE", "DATE"}) ||
                     item.Take({"CREDIT", "ISSUANCE", "DATE"}) ||
                     item.Take({"L", "C", "ISSUE", "DATE"}) ||
                     item.Take({"LC", "ISSUE", "DATE"}) ||
                     item.Take({"CREDIT", "ISSUE", "DATE"});
      bool rejected = item.Take({"ARE", "NOT", "ACCEPTABLE"}) ||
                      item.Take({"NOT", "ACCEPTABLE"});
      bool accepted = !rejected && (item.Take({"ARE", "ACCEPTABLE"}) ||
                                    item.Take({"ACCEPTABLE"}));
      (void)accepted;  // Art. 14(i) allows them anyway: nothing to check
      if (lc_date && rejected) {
        auto check = [&](const DocumentRef& ref, const Date& d,
                         const char* field) {
          if (d.valid() && d < ctx.lc.issue_date)
            ctx.Add("LC47A-DOCUMENT-DATE", "UCP 600 Art. 14(i); credit 47A",
                    Severity::kDiscrepancy, ref, {field}, d.ToIso(),
                    "on or after " + ctx.lc.issue_date.ToIso() +
                        " (31C, 47A)");
        };
        for (const auto& i : ctx.p.invoices)
          check(RefOf(i), i.issue_date, "issue_date");
        for (const auto& w : ctx.p.waybills)
          check(RefOf(w), w.issue_date, "issue_date");
        for (const auto& c : ctx.p.customs_declarations)
          check(RefOf(c), c.declaration_date, "declaration_date");
      }
    }
    std::string rest = item.Remainder();
    if (!rest.empty()) {
      ctx.Unmapped("47A", num, text, item.AnyUsed() ? rest : text,
                   "LC47A-UNMAPPED",
                   "UCP 600 Art. 14(a), 14(h)");
    }
  }
}

}  // namespace tradefin::rules_internal
