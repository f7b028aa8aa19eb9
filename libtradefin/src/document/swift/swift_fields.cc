// Sub-formats shared by MT700, MT701 and MT707 fields, and the code tables.
#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "document/swift/swift_internal.h"
#include "tradefin/core/decimal.h"

namespace tradefin::swift_internal {
namespace {

std::size_t Utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// The whole UTF-8 sequence starting at s[i], for messages.
std::string CharAt(std::string_view s, std::size_t i) {
  std::size_t end = i + 1;
  while (end < s.size() && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
    ++end;
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x20 || c == 0x7F) {
    static const char kHex[] = "0123456789ABCDEF";
    return std::string("0x") + kHex[c >> 4] + kHex[c & 0xF];
  }
  return "'" + std::string(s.substr(i, end - i)) + "'";
}

constexpr std::string_view kXDescription =
    "SWIFT X set: A-Z a-z 0-9 / - ? : ( ) . , ' + space";
constexpr std::string_view kZDescription =
    "SWIFT Z set: X plus = ! \" % & * < > ; { @ # _";

struct Country {
  std::string_view name;
  std::string_view code;
};
// Names as banks write them in SWIFT addresses; the first entry per code
// is the one used when writing.
constexpr std::array<Country, 44> kCountries = {{
    {"CHINA", "CN"},         {"PEOPLES REPUBLIC OF CHINA", "CN"},
    {"P.R. CHINA", "CN"},    {"PR CHINA", "CN"},
    {"POLAND", "PL"},        {"GERMANY", "DE"},
    {"BELARUS", "BY"},       {"RUSSIA", "RU"},
    {"RUSSIAN FEDERATION", "RU"}, {"KAZAKHSTAN", "KZ"},
    {"MONGOLIA", "MN"},      {"LITHUANIA", "LT"},
    {"LATVIA", "LV"},        {"ESTONIA", "EE"},
    {"FRANCE", "FR"},        {"ITALY", "IT"},
    {"NETHERLANDS", "NL"},   {"BELGIUM", "BE"},
    {"SPAIN", "ES"},         {"CZECH REPUBLIC", "CZ"},
    {"CZECHIA", "CZ"},       {"AUSTRIA", "AT"},
    {"HUNGARY", "HU"},       {"SLOVAKIA", "SK"},
    {"UNITED KINGDOM", "GB"}, {"SWITZERLAND", "CH"},
    {"TURKEY", "TR"},        {"UZBEKISTAN", "UZ"},
    {"HONG KONG", "HK"},     {"UNITED STATES", "US"},
    {"USA", "US"},           {"JAPAN", "JP"},
    {"KOREA", "KR"},         {"VIETNAM", "VN"},
    {"SINGAPORE", "SG"},     {"INDIA", "IN"},
    {"FINLAND", "FI"},       {"SWEDEN", "SE"},
    {"DENMARK", "DK"},       {"NORWAY", "NO"},
    {"GEORGIA", "GE"},       {"AZERBAIJAN", "AZ"},
    {"UKRAINE", "UA"},       {"LUXEMBOURG", "LU"},
}};

std::string_view CountryNameFromCode(std::string_view code) {
  for (const Country& c : kCountries) {
    if (c.code == code) return c.name;
  }
  return {};
}

}  // namespace

namespace {
// 1 = in X (and Z), 2 = in Z only. A table, because this check runs on
// every character of every message.
struct CharsetTable {
  unsigned char v[256] = {};
  constexpr CharsetTable() {
    for (int c = 'a'; c <= 'z'; ++c) v[c] = 1;
    for (int c = 'A'; c <= 'Z'; ++c) v[c] = 1;
    for (int c = '0'; c <= '9'; ++c) v[c] = 1;
    for (char c : std::string_view("/-?:().,'+ ")) v[static_cast<unsigned char>(c)] = 1;
    for (char c : std::string_view("=!\"%&*<>;{@#_")) v[static_cast<unsigned char>(c)] = 2;
  }
};
constexpr CharsetTable kCharsets;
}  // namespace

bool InCharset(char ch, Charset cs) {
  unsigned char k = kCharsets.v[static_cast<unsigned char>(ch)];
  return k == 1 || (k == 2 && cs == Charset::kZ);
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool IsBic(std::string_view s) {
  if (s.size() != 8 && s.size() != 11) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool alpha = c >= 'A' && c <= 'Z';
    bool digit = c >= '0' && c <= '9';
    if (i < 6 ? !alpha && !(i < 4 && digit) : !alpha && !digit) return false;
  }
  return true;
}

bool CheckText(const FinField& field, std::size_t first, std::size_t max_lines,
               std::size_t width, Charset cs, std::string_view format,
               IssueSink& sink) {
  std::size_t before = sink.count();
  std::size_t count = field.lines.size() - std::min(first, field.lines.size());
  if (count > max_lines) {
    const FinLine& l = field.lines[first + max_lines];
    sink.Add(l.line, 1, field.tag, "line-count",
             "field has " + std::to_string(count) + " lines",
             "at most " + std::to_string(max_lines) + " lines (" +
                 std::string(format) + ")");
  }
  for (std::size_t k = first; k < field.lines.size(); ++k) {
    const FinLine& l = field.lines[k];
    if (l.text.empty()) {
      sink.Add(l.line, l.Column(0), field.tag, "empty-line",
               "empty line in the field", "text on every line");
      continue;
    }
    for (std::size_t i = 0; i < l.text.size(); ++i) {
      if (!InCharset(l.text[i], cs)) {
        sink.Add(l.line, l.Column(i), field.tag, "charset",
                 "character " + CharAt(l.text, i) + " is not allowed",
                 std::string(cs == Charset::kX ? kXDescription
                                               : kZDescription));
        break;
      }
    }
    std::size_t len = Utf8Length(l.text);
    if (len > width) {
      sink.Add(l.line, l.Column(0) + static_cast<int>(width), field.tag,
               "line-length",
               "line has " + std::to_string(len) + " characters",
               "at most " + std::to_string(width) + " characters per line (" +
                   std::string(format) + ")");
    }
  }
  return sink.count() == before;
}

std::string CheckExportLine(std::string_view text, std::size_t width,
                            Charset cs) {
  if (text.empty()) return "an empty line";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!InCharset(text[i], cs)) {
      return "character " + CharAt(text, i) + " outside the SWIFT " +
             (cs == Charset::kX ? "X" : "Z") + " character set";
    }
  }
  if (Utf8Length(text) > width) {
    return "a line of " + std::to_string(Utf8Length(text)) +
           " characters (at most " + std::to_string(width) + ")";
  }
  return "";
}

TextLines Lines(const FinField& field, std::size_t first) {
  TextLines out;
  for (std::size_t k = first; k < field.lines.size(); ++k) {
    out.emplace_back(field.lines[k].text);
  }
  return out;
}

std::optional<Date> ParseDateField(std::string_view text, const FinField& f,
                                   const FinLine& line, std::size_t offset,
                                   IssueSink& sink) {
  if (text.size() != 6 || !AllDigits(text)) {
    sink.Add(line.line, line.Column(offset), f.tag, "date",
             "'" + std::string(text) + "' is not a date",
             "YYMMDD (6!n)");
    return std::nullopt;
  }
  Result<Date> d = Date::ParseYymmdd(text);
  if (!d.ok()) {
    sink.Add(line.line, line.Column(offset), f.tag, "date",
             "'" + std::string(text) + "' is not a calendar date",
             "a real date as YYMMDD");
    return std::nullopt;
  }
  return *d;
}

std::optional<Money> ParseAmountField(const FinField& f, IssueSink& sink) {
  if (!CheckText(f, 0, 1, 18, Charset::kX, "3!a15d", sink)) {
    return std::nullopt;
  }
  const FinLine& l = f.lines[0];
  std::string_view text = l.text;
  std::string_view ccy = text.substr(0, std::min<std::size_t>(3, text.size()));
  if (ccy.size() != 3 ||
      !std::all_of(ccy.begin(), ccy.end(),
                   [](char c) { return c >= 'A' && c <= 'Z'; })) {
    sink.Add(l.line, l.Column(0), f.tag, "currency",
             "'" + std::string(ccy) + "' is not a currency code",
             "ISO 4217 code (3!a) such as EUR");
    return std::nullopt;
  }
  std::optional<Currency> currency = FindCurrency(ccy);
  if (!currency) {
    sink.Add(l.line, l.Column(0), f.tag, "currency",
             "unknown currency '" + std::string(ccy) + "'",
             "an active ISO 4217 currency code");
    return std::nullopt;
  }
  std::string_view amount = text.substr(3);
  std::size_t comma = amount.find(',');
  bool shape_ok = !amount.empty() && amount.size() <= 15 &&
                  comma != std::string_view::npos && comma > 0 &&
                  amount.find(',', comma + 1) == std::string_view::npos &&
                  AllDigits(amount.substr(0, comma)) &&
                  AllDigits(amount.substr(comma + 1));
  Result<Decimal> d = shape_ok ? Decimal::ParseSwift(amount)
                               : Result<Decimal>(Status::InvalidArgument("x"));
  if (!d.ok()) {
    std::string why = comma == std::string_view::npos
                          ? "amount '" + std::string(amount) +
                                "' has no decimal comma"
                          : "amount '" + std::string(amount) +
                                "' is not a SWIFT decimal";
    sink.Add(l.line, l.Column(3), f.tag, "amount", why,
             "up to 15 characters: digits with one mandatory decimal comma, "
             "e.g. 1250000, or 1250000,50 (15d)");
    return std::nullopt;
  }
  std::size_t decimals = amount.size() - comma - 1;
  if (decimals > static_cast<std::size_t>(currency->exponent)) {
    sink.Add(l.line, l.Column(3 + comma + 1), f.tag, "currency-decimals",
             "amount '" + std::string(amount) + "' has " +
                 std::to_string(decimals) + " decimals",
             "at most " + std::to_string(currency->exponent) +
                 " decimals for " + std::string(ccy));
    return std::nullopt;
  }
  Result<Money> m = Money::FromDecimal(ccy, *d);
  if (!m.ok()) {
    sink.Add(l.line, l.Column(3), f.tag, "amount",
             std::string(m.status().message()), "an amount that fits");
    return std::nullopt;
  }
  return *m;
}

std::optional<Bank> ParseBankField(const FinField& f, char option,
                                   IssueSink& sink) {
  Bank bank;
  std::size_t first = 0;
  std::size_t before = sink.count();
  const std::string fmt = option == 'A'   ? "[/1!a][/34x] + BIC"
                          : option == 'B' ? "[/1!a][/34x] + [35x]"
                                          : "[/1!a][/34x] + 4*35x";
  bool has_id = !f.lines.empty() && !f.lines[0].text.empty() &&
                f.lines[0].text[0] == '/' &&
                (option != 'A' || f.lines.size() > 1);
  if (has_id) {
    const FinLine& l = f.lines[0];
    CheckText(FinField{f.tag, {l}, f.line}, 0, 1, 37, Charset::kX,
              "[/1!a][/34x]", sink);
    std::string_view id = l.text;
    bool ok = id.size() >= 2;
    if (ok && id.size() >= 3 && id[2] == '/') {
      ok = id[1] >= 'A' && id[1] <= 'Z' && id.size() <= 37;
    } else if (ok) {
      ok = id.size() <= 35;
    }
    if (!ok) {
      sink.Add(l.line, l.Column(0), f.tag, "format",
               "party identifier '" + std::string(id) + "' is malformed",
               "/1!a/34x or /34x");
    }
    bank.party_identifier = std::string(id);
    first = 1;
  }
  std::size_t rest = f.lines.size() - first;
  if (option == 'A') {
    if (rest != 1) {
      int line = f.lines.empty() ? f.line : f.lines.back().line;
      sink.Add(line, 1, f.tag, "format",
               "option A has " + std::to_string(rest) + " BIC lines",
               "exactly one BIC line (" + fmt + ")");
    } else {
      const FinLine& l = f.lines[first];
      if (!IsBic(l.text)) {
        sink.Add(l.line, l.Column(0), f.tag, "format",
                 "'" + std::string(l.text) + "' is not a BIC",
                 "4!a2!a2!c[3!c], e.g. LDZBPLP0 or LDZBPLP0XXX");
      } else {
        bank.bic = std::string(l.text);
      }
    }
  } else if (option == 'B') {
    CheckText(f, first, 1, 35, Charset::kX, fmt, sink);
    if (rest == 1) bank.location = std::string(f.lines[first].text);
  } else {
    if (rest == 0) {
      sink.Add(f.line, 1, f.tag, "format", "no name and address lines",
               "1 to 4 lines of 35x");
    }
    CheckText(f, first, 4, 35, Charset::kX, fmt, sink);
    bank.name_address = Lines(f, first);
  }
  if (sink.count() != before) return std::nullopt;
  return bank;
}

TextLines BankLines(const Bank& bank, char* option) {
  TextLines out;
  if (!bank.party_identifier.empty()) out.push_back(bank.party_identifier);
  if (!bank.bic.empty()) {
    *option = 'A';
    out.push_back(bank.bic);
  } else if (!bank.location.empty() ||
             (bank.name_address.empty() && !bank.party_identifier.empty())) {
    *option = 'B';
    if (!bank.location.empty()) out.push_back(bank.location);
  } else {
    *option = 'D';
    out.insert(out.end(), bank.name_address.begin(), bank.name_address.end());
  }
  return out;
}

Party PartyFromLines(const TextLines& lines) {
  Party p;
  if (lines.empty()) return p;
  p.name = lines[0];
  p.address.lines.assign(lines.begin() + 1, lines.end());
  if (lines.size() > 1) {
    p.address.country = std::string(CountryCodeFromName(lines.back()));
  }
  return p;
}

TextLines PartyToLines(const Party& party) {
  TextLines out;
  out.push_back(party.name);
  const Address& a = party.address;
  out.insert(out.end(), a.lines.begin(), a.lines.end());
  std::string city_line = a.postal_code;
  if (!a.city.empty()) {
    if (!city_line.empty()) city_line += ' ';
    city_line += a.city;
  }
  if (!city_line.empty()) out.push_back(city_line);
  if (!a.country.empty() && CountryCodeFromName(out.back()) != a.country) {
    std::string_view name = CountryNameFromCode(a.country);
    out.emplace_back(name.empty() ? std::string_view(a.country) : name);
  }
  return out;
}

bool ApplyNarrativeAmendment(const FinField& field, TextLines* target,
                             IssueSink& sink) {
  struct Segment {
    std::string code;
    TextLines lines;
    int line = 0;
  };
  std::vector<Segment> segments;
  std::size_t before = sink.count();
  for (const FinLine& l : field.lines) {
    std::string_view t = l.text;
    std::string code;
    for (std::string_view c : {"/ADD/", "/DELETE/", "/REPALL/"}) {
      if (t.substr(0, c.size()) == c) code = std::string(c);
    }
    if (!code.empty()) {
      segments.push_back(Segment{code, {}, l.line});
      t.remove_prefix(code.size());
      if (!t.empty()) segments.back().lines.emplace_back(t);
    } else if (segments.empty()) {
      sink.Add(l.line, l.Column(0), field.tag, "amend-code",
               "amendment text does not start with a code",
               "/ADD/, /DELETE/ or /REPALL/ at the start of the field");
      return false;
    } else {
      segments.back().lines.emplace_back(t);
    }
  }
  bool repall = std::any_of(segments.begin(), segments.end(),
                            [](const Segment& s) { return s.code == "/REPALL/"; });
  if (repall && segments.size() > 1) {
    sink.Add(field.line, 1, field.tag, "amend-code",
             "/REPALL/ combined with other codes",
             "/REPALL/ alone, or /ADD/ and /DELETE/ segments");
    return false;
  }
  for (const Segment& s : segments) {
    if (s.lines.empty()) {
      sink.Add(s.line, 1, field.tag, "amend-code",
               s.code + " without text", "the lines to add, delete or use");
      continue;
    }
    if (s.code == "/REPALL/") {
      *target = s.lines;
    } else if (s.code == "/ADD/") {
      target->insert(target->end(), s.lines.begin(), s.lines.end());
    } else {
      auto it = std::search(target->begin(), target->end(), s.lines.begin(),
                            s.lines.end());
      if (it == target->end()) {
        sink.Add(s.line, 1, field.tag, "amend-delete",
                 "text to /DELETE/ ('" + s.lines[0] +
                     "'...) is not in the credit",
                 "lines that appear in the original field, exactly");
        continue;
      }
      target->erase(it, it + static_cast<std::ptrdiff_t>(s.lines.size()));
    }
  }
  return sink.count() == before;
}

std::optional<FormOfCredit> FormFromCode(std::string_view s) {
  if (s == "IRREVOCABLE") return FormOfCredit::kIrrevocable;
  if (s == "IRREVOCABLE TRANSFERABLE")
    return FormOfCredit::kIrrevocableTransferable;
  return std::nullopt;
}
std::string_view FormCode(FormOfCredit f) {
  return f == FormOfCredit::kIrrevocable ? "IRREVOCABLE"
                                         : "IRREVOCABLE TRANSFERABLE";
}

namespace {
constexpr std::array<std::pair<std::string_view, AvailableBy>, 5> kAvailable =
    {{{"BY PAYMENT", AvailableBy::kPayment},
      {"BY ACCEPTANCE", AvailableBy::kAcceptance},
      {"BY NEGOTIATION", AvailableBy::kNegotiation},
      {"BY DEF PAYMENT", AvailableBy::kDeferredPayment},
      {"BY MIXED PYMT", AvailableBy::kMixedPayment}}};
constexpr std::array<std::pair<std::string_view, ShipmentPermission>, 3>
    kPermission = {{{"ALLOWED", ShipmentPermission::kAllowed},
                    {"CONDITIONAL", ShipmentPermission::kConditional},
                    {"NOT ALLOWED", ShipmentPermission::kNotAllowed}}};
constexpr std::array<std::pair<std::string_view, ConfirmationInstruction>, 3>
    kConfirmation = {{{"CONFIRM", ConfirmationInstruction::kConfirm},
                      {"MAY ADD", ConfirmationInstruction::kMayAdd},
                      {"WITHOUT", ConfirmationInstruction::kWithout}}};
}  // namespace

std::optional<AvailableBy> AvailableByFromCode(std::string_view s) {
  for (const auto& [code, v] : kAvailable)
    if (code == s) return v;
  return std::nullopt;
}
std::string_view AvailableByCode(AvailableBy a) {
  for (const auto& [code, v] : kAvailable)
    if (v == a) return code;
  return {};
}
std::optional<ShipmentPermission> PermissionFromCode(std::string_view s) {
  for (const auto& [code, v] : kPermission)
    if (code == s) return v;
  return std::nullopt;
}
std::string_view PermissionCode(ShipmentPermission p) {
  for (const auto& [code, v] : kPermission)
    if (v == p) return code;
  return {};
}
std::optional<ConfirmationInstruction> ConfirmationFromCode(
    std::string_view s) {
  for (const auto& [code, v] : kConfirmation)
    if (code == s) return v;
  return std::nullopt;
}
std::string_view ConfirmationCode(ConfirmationInstruction c) {
  for (const auto& [code, v] : kConfirmation)
    if (v == c) return code;
  return {};
}
bool IsApplicableRulesCode(std::string_view s) {
  return s == "UCP LATEST VERSION" || s == "EUCP LATEST VERSION" ||
         s == "UCPURR LATEST VERSION" || s == "EUCPURR LATEST VERSION" ||
         s == "OTHR";
}

}  // namespace tradefin::swift_internal

namespace tradefin {

std::string_view CountryCodeFromName(std::string_view name) {
  for (const swift_internal::Country& c : swift_internal::kCountries) {
    if (c.name == name) return c.code;
  }
  return {};
}

std::string FormatSwiftIssue(const SwiftIssue& issue,
                             std::string_view source_name) {
  std::string out(source_name);
  out += ':' + std::to_string(issue.line) + ':' + std::to_string(issue.column) +
         ": " + (issue.tag.empty() ? std::string("-") : issue.tag) + ": " +
         issue.rule + ": " + issue.message;
  if (!issue.expected.empty()) out += " (expected " + issue.expected + ")";
  return out;
}

}  // namespace tradefin
