#include "document/xml_reader.h"

#include <charconv>

namespace tradefin::document_internal {
namespace {

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

}  // namespace

void Reader::Note(xml::Node n, const std::string& key) {
  if (!n) return;
  map_->Set(key, n);
}

std::string Reader::Str(xml::Node n, const std::string& key) {
  if (!n) return {};
  Note(n, key);
  return n.text();
}

std::string Reader::Token(xml::Node n, const std::string& key) {
  if (!n) return {};
  Note(n, key);
  return std::string(Trim(n.text()));
}

Date Reader::DateOf(xml::Node n, const std::string& key) {
  if (!n) return {};
  std::string t = Token(n, key);
  Result<Date> d = Date::ParseIso(t);
  if (!d.ok()) {
    map_->MarkBad(key);
    sink_->Add("DATE-INVALID", key,
               "'" + t + "' is not a calendar date; expected YYYY-MM-DD.");
    return {};
  }
  return *d;
}

std::optional<Date> Reader::OptDate(xml::Node n, const std::string& key) {
  if (!n) return std::nullopt;
  Date d = DateOf(n, key);
  if (!d.valid()) return std::nullopt;
  return d;
}

Decimal Reader::Dec(xml::Node n, const std::string& key) {
  if (!n) return {};
  std::string t = Token(n, key);
  Result<Decimal> d = Decimal::Parse(t);
  if (!d.ok()) {
    map_->MarkBad(key);
    // Reason: the XSD accepts any length of xs:decimal; the model holds
    // 18 significant digits, far beyond any real quantity or weight.
    sink_->Add("VALUE-INVALID", key,
               "'" + t +
                   "' cannot be represented; expected a decimal number with "
                   "at most 18 significant digits.");
    return {};
  }
  return *d;
}

std::optional<Decimal> Reader::OptDec(xml::Node n, const std::string& key) {
  if (!n) return std::nullopt;
  return Dec(n, key);
}

int64_t Reader::Int(xml::Node n, const std::string& key) {
  if (!n) return 0;
  std::string t = Token(n, key);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) {
    map_->MarkBad(key);
    sink_->Add("VALUE-INVALID", key,
               "'" + t + "' is not a whole number in the supported range.");
    return 0;
  }
  return v;
}

std::optional<int> Reader::OptInt(xml::Node n, const std::string& key) {
  if (!n) return std::nullopt;
  int64_t v = Int(n, key);
  if (v > 1000000 || v < -1000000) {
    map_->MarkBad(key);
    sink_->Add("VALUE-INVALID", key,
               std::to_string(v) + " is out of range; expected at most 1000000.");
    return std::nullopt;
  }
  return static_cast<int>(v);
}

bool Reader::Bool(xml::Node n, const std::string& key) {
  if (!n) return false;
  std::string t = Token(n, key);
  return t == "true" || t == "1";
}

Money Reader::MoneyOf(xml::Node n, const std::string& key) {
  Money m;
  if (!n) return m;
  std::string amount = Token(n, key);
  std::string currency(Trim(n.attribute("currency").value_or("")));
  m.currency = currency;
  std::optional<Currency> cur = FindCurrency(currency);
  if (!cur) {
    map_->MarkBad(key);
    sink_->Add("MONEY-CURRENCY", key,
               "Currency '" + currency +
                   "' is not an ISO 4217 currency code; expected an active "
                   "code such as EUR, USD or CNY.");
    return m;
  }
  size_t dot = amount.find('.');
  size_t decimals = dot == std::string::npos ? 0 : amount.size() - dot - 1;
  if (decimals > static_cast<size_t>(cur->exponent)) {
    map_->MarkBad(key);
    sink_->Add("MONEY-EXPONENT", key,
               "Amount " + amount + " " + currency + " has " +
                   std::to_string(decimals) + " decimals; " + currency +
                   " allows at most " + std::to_string(cur->exponent) + ".");
    return m;
  }
  Result<Money> parsed = Money::Parse(currency, amount);
  if (!parsed.ok()) {
    map_->MarkBad(key);
    sink_->Add("VALUE-INVALID", key,
               "Amount '" + amount + "' " + currency +
                   " cannot be represented; expected a decimal amount within "
                   "the supported range.");
    return m;
  }
  return *parsed;
}

TextLines Reader::Lines(xml::Node n, const std::string& key) {
  TextLines out;
  if (!n) return out;
  Note(n, key);
  std::vector<xml::Node> lines = n.children(kCommonNamespace, "Line");
  for (size_t i = 0; i < lines.size(); ++i) {
    out.push_back(Str(lines[i], key + "[" + std::to_string(i) + "]"));
  }
  return out;
}

Address Reader::AddressOf(xml::Node n, const std::string& key) {
  Address a;
  if (!n) return a;
  Note(n, key);
  std::vector<xml::Node> lines = n.children(kCommonNamespace, "Line");
  for (size_t i = 0; i < lines.size(); ++i) {
    a.lines.push_back(Str(lines[i], key + ".lines[" + std::to_string(i) + "]"));
  }
  a.city = Str(CChild(n, "City"), key + ".city");
  a.postal_code = Str(CChild(n, "PostalCode"), key + ".postal_code");
  a.country = Token(CChild(n, "Country"), key + ".country");
  return a;
}

Party Reader::PartyOf(xml::Node n, const std::string& key) {
  Party p;
  if (!n) return p;
  Note(n, key);
  p.name = Str(CChild(n, "Name"), key + ".name");
  p.address = AddressOf(CChild(n, "Address"), key + ".address");
  xml::Node ids = CChild(n, "Ids");
  p.ids.bic = Token(CChild(ids, "Bic"), key + ".ids.bic");
  p.ids.lei = Token(CChild(ids, "Lei"), key + ".ids.lei");
  p.ids.uscc = Token(CChild(ids, "Uscc"), key + ".ids.uscc");
  p.ids.customs_code = Token(CChild(ids, "CustomsCode"), key + ".ids.customs_code");
  p.ids.account = Token(CChild(ids, "Account"), key + ".ids.account");
  return p;
}

Bank Reader::BankOf(xml::Node n, const std::string& key) {
  Bank b;
  if (!n) return b;
  Note(n, key);
  b.bic = Token(CChild(n, "Bic"), key + ".bic");
  b.party_identifier = Token(CChild(n, "PartyIdentifier"), key + ".party_identifier");
  b.name_address = Lines(CChild(n, "NameAddress"), key + ".name_address");
  b.location = Str(CChild(n, "Location"), key + ".location");
  return b;
}

Station Reader::StationOf(xml::Node n, const std::string& key) {
  Station s;
  if (!n) return s;
  Note(n, key);
  s.name = Str(CChild(n, "Name"), key + ".name");
  s.code = Token(CChild(n, "Code"), key + ".code");
  s.railway = Token(CChild(n, "Railway"), key + ".railway");
  s.country = Token(CChild(n, "Country"), key + ".country");
  return s;
}

}  // namespace tradefin::document_internal
