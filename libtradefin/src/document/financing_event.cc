// Financing event model, XML writer and validating reader
// (docs/formats/financing-events.md).
#include "tradefin/document/financing_event.h"

#include <charconv>
#include <cstdio>

#include "tradefin/core/date.h"
#include "xml/schema_validator.h"
#include "xml/xml_tree.h"

namespace tradefin {

namespace {

constexpr std::pair<FinancingEventKind, std::string_view> kKinds[] = {
    {FinancingEventKind::kRequest, "request"},
    {FinancingEventKind::kApprove, "approve"},
    {FinancingEventKind::kReject, "reject"},
    {FinancingEventKind::kWithdraw, "withdraw"},
    {FinancingEventKind::kGuarantee, "guarantee"},
    {FinancingEventKind::kDisburse, "disburse"},
    {FinancingEventKind::kRepay, "repay"},
    {FinancingEventKind::kRelease, "release"},
    {FinancingEventKind::kDefault, "default"},
    {FinancingEventKind::kClaim, "claim"},
    {FinancingEventKind::kSettle, "settle"},
    {FinancingEventKind::kTransfer, "transfer"},
    {FinancingEventKind::kAcceptTransfer, "accept-transfer"},
    {FinancingEventKind::kDeliver, "deliver"},
};

// The kind element's local name in the schema.
std::string_view ElementName(FinancingEventKind k) {
  switch (k) {
    case FinancingEventKind::kRequest: return "Request";
    case FinancingEventKind::kApprove: return "Approve";
    case FinancingEventKind::kReject: return "Reject";
    case FinancingEventKind::kWithdraw: return "Withdraw";
    case FinancingEventKind::kGuarantee: return "Guarantee";
    case FinancingEventKind::kDisburse: return "Disburse";
    case FinancingEventKind::kRepay: return "Repay";
    case FinancingEventKind::kRelease: return "Release";
    case FinancingEventKind::kDefault: return "Default";
    case FinancingEventKind::kClaim: return "Claim";
    case FinancingEventKind::kSettle: return "Settle";
    case FinancingEventKind::kTransfer: return "Transfer";
    case FinancingEventKind::kAcceptTransfer: return "AcceptTransfer";
    case FinancingEventKind::kDeliver: return "Deliver";
  }
  return "";
}

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

void Elem(std::string* out, std::string_view indent, std::string_view name,
          std::string_view text) {
  *out += std::string(indent) + "<fe:" + std::string(name) + ">" + Escape(text) +
          "</fe:" + std::string(name) + ">\n";
}

void AmountElem(std::string* out, const Money& m) {
  *out += "    <fe:Amount currency=\"" + Escape(m.currency) + "\">" +
          std::to_string(m.minor_units) + "</fe:Amount>\n";
}

class ReaderImpl final : public FinancingEventReader {
 public:
  explicit ReaderImpl(std::unique_ptr<xml::SchemaValidator> v)
      : validator_(std::move(v)) {}
  Result<FinancingEvent> Parse(std::string_view bytes) const override;

 private:
  std::unique_ptr<xml::SchemaValidator> validator_;
};

Status Bad(int line, const std::string& what) {
  return Status::InvalidArgument("financing event" +
                                 (line > 0 ? " line " + std::to_string(line) : std::string()) +
                                 ": " + what);
}

bool ParseU64(std::string_view s, uint64_t* out) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

Result<FinancingEvent> ReaderImpl::Parse(std::string_view bytes) const {
  xml::ParseError perr;
  auto doc = xml::Document::Parse(bytes, ParseOptions(), &perr);
  if (!doc) return Bad(perr.line, perr.message);
  xml::Node root = doc->root();
  if (root.local_name() != "FinancingEvent" ||
      root.ns_uri() != kFinancingEventNamespace)
    return Bad(root.line(), "the root element is {" + std::string(root.ns_uri()) + "}" +
                                std::string(root.local_name()) +
                                "; expected {urn:tradefin:financing:1}FinancingEvent");
  std::vector<xml::SchemaError> errors;
  TRADEFIN_RETURN_IF_ERROR(validator_->Validate(bytes, &errors));
  if (!errors.empty())
    return Bad(errors[0].line, errors[0].message + " (" + errors[0].code + ")");

  const std::string_view ns = kFinancingEventNamespace;
  auto text = [&](xml::Node parent, std::string_view name) {
    xml::Node n = parent.child(ns, name);
    return n ? n.text() : std::string();
  };
  FinancingEvent ev;
  xml::Node fin = root.child(ns, "Financed");
  uint64_t u = 0;
  if (!ParseU64(text(fin, "Entry"), &u)) return Bad(fin.line(), "Financed/Entry is out of range");
  ev.financed_entry = u;
  ev.financed_leaf_hash = text(fin, "LeafHash");
  ev.financed_key = text(fin, "NaturalKey");
  if (xml::Node f = root.child(ns, "Follows")) {
    if (!ParseU64(text(f, "Entry"), &u)) return Bad(f.line(), "Follows/Entry is out of range");
    ev.follows_entry = u;
    ev.follows_leaf_hash = text(f, "LeafHash");
  }
  ev.actor = text(root, "Actor");
  xml::Node t = root.child(ns, "Time");
  auto time = ParseUtcTime(t.text());
  if (!time.ok()) return Bad(t.line(), std::string(time.status().message()));
  ev.time_ms = *time;

  xml::Node k;
  bool found = false;
  for (const auto& [kind, name] : kKinds) {
    k = root.child(ns, ElementName(kind));
    if (k) {
      ev.kind = kind;
      found = true;
      break;
    }
  }
  if (!found) return Bad(root.line(), "no kind element");
  if (xml::Node a = k.child(ns, "Amount")) {
    std::string cur = a.attribute("currency").value_or("");
    if (!FindCurrency(cur)) return Bad(a.line(), "unknown ISO 4217 currency '" + cur + "'");
    std::string digits = a.text();
    if (!ParseU64(digits, &u) || u > static_cast<uint64_t>(INT64_MAX))
      return Bad(a.line(), "Amount " + digits + " does not fit in 64-bit minor units");
    ev.amount = Money{cur, static_cast<int64_t>(u)};
  }
  // The schema admits only plain digits in range; an element that is there
  // must parse exactly, or the model would disagree with the signed bytes
  // (it once read " 9" days as 0, found by fuzzing).
  auto int_of = [&](std::string_view name, int* out) -> Status {
    xml::Node n = k.child(ns, name);
    if (!n) return Status();
    const std::string s = n.text();
    const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || *out < 1)
      return Bad(n.line(), std::string(name) + " '" + s + "' is not a positive whole number");
    return Status();
  };
  ev.bank = text(k, "Bank");
  TRADEFIN_RETURN_IF_ERROR(int_of("TenorDays", &ev.tenor_days));
  TRADEFIN_RETURN_IF_ERROR(int_of("AdvanceRateBp", &ev.advance_rate_bp));
  ev.guarantor = text(k, "Guarantor");
  TRADEFIN_RETURN_IF_ERROR(int_of("CoveredShareBp", &ev.covered_share_bp));
  ev.to = text(k, "To");
  ev.reason = text(k, "Reason");
  return ev;
}

}  // namespace

std::string_view FinancingEventKindName(FinancingEventKind k) {
  for (const auto& [kind, name] : kKinds)
    if (kind == k) return name;
  return "unknown";
}

Result<FinancingEventKind> FinancingEventKindFromName(std::string_view name) {
  for (const auto& [k, n] : kKinds)
    if (n == name) return k;
  return Status::InvalidArgument("'" + std::string(name) + "' is not a financing event kind");
}

std::vector<FinancingEventKind> AllFinancingEventKinds() {
  std::vector<FinancingEventKind> out;
  for (const auto& [k, n] : kKinds) out.push_back(k);
  return out;
}

std::vector<std::string_view> FinancingEventRoles(FinancingEventKind kind) {
  switch (kind) {
    case FinancingEventKind::kRequest:
    case FinancingEventKind::kWithdraw:
      return {"shipper"};
    case FinancingEventKind::kApprove:
    case FinancingEventKind::kReject:
    case FinancingEventKind::kDisburse:
    case FinancingEventKind::kRepay:
    case FinancingEventKind::kRelease:
    case FinancingEventKind::kDefault:
    case FinancingEventKind::kClaim:
      return {"financing-bank"};
    case FinancingEventKind::kGuarantee:
    case FinancingEventKind::kSettle:
      return {"guarantor"};
    case FinancingEventKind::kDeliver:
      return {"carrier"};
    case FinancingEventKind::kTransfer:
    case FinancingEventKind::kAcceptTransfer:
      return {};
  }
  return {};
}

std::string FormatUtcTime(int64_t time_ms) {
  int64_t secs = time_ms >= 0 ? time_ms / 1000 : -((-time_ms + 999) / 1000);
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  Date d = Date::FromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
                static_cast<int>(rem % 60));
  return buf;
}

Result<int64_t> ParseUtcTime(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("time '" + std::string(text) +
                                   "' is not YYYY-MM-DDThh:mm:ssZ (UTC)");
  };
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z')
    return bad();
  auto date = Date::ParseIso(text.substr(0, 10));
  if (!date.ok()) return bad();
  int hms[3];
  for (int i = 0; i < 3; ++i) {
    std::string_view p = text.substr(11 + static_cast<size_t>(i) * 3, 2);
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9') return bad();
    hms[i] = (p[0] - '0') * 10 + (p[1] - '0');
  }
  if (hms[0] > 23 || hms[1] > 59 || hms[2] > 59) return bad();
  return (date->ToDays() * 86400 + hms[0] * 3600 + hms[1] * 60 + hms[2]) * 1000;
}

std::string FinancingEventXml(const FinancingEvent& ev) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<fe:FinancingEvent xmlns:fe=\"urn:tradefin:financing:1\" version=\"1\">\n"
      "  <fe:Financed>\n";
  Elem(&out, "    ", "Entry", std::to_string(ev.financed_entry));
  Elem(&out, "    ", "LeafHash", ev.financed_leaf_hash);
  Elem(&out, "    ", "NaturalKey", ev.financed_key);
  out += "  </fe:Financed>\n";
  if (ev.follows_entry) {
    out += "  <fe:Follows>\n";
    Elem(&out, "    ", "Entry", std::to_string(*ev.follows_entry));
    Elem(&out, "    ", "LeafHash", ev.follows_leaf_hash);
    out += "  </fe:Follows>\n";
  }
  Elem(&out, "  ", "Actor", ev.actor);
  Elem(&out, "  ", "Time", FormatUtcTime(ev.time_ms));
  const std::string name(ElementName(ev.kind));
  std::string body;
  switch (ev.kind) {
    case FinancingEventKind::kRequest:
      if (ev.amount) AmountElem(&body, *ev.amount);
      Elem(&body, "    ", "Bank", ev.bank);
      Elem(&body, "    ", "TenorDays", std::to_string(ev.tenor_days));
      break;
    case FinancingEventKind::kApprove:
      if (ev.amount) AmountElem(&body, *ev.amount);
      Elem(&body, "    ", "AdvanceRateBp", std::to_string(ev.advance_rate_bp));
      break;
    case FinancingEventKind::kGuarantee:
      Elem(&body, "    ", "Guarantor", ev.guarantor);
      Elem(&body, "    ", "CoveredShareBp", std::to_string(ev.covered_share_bp));
      break;
    case FinancingEventKind::kClaim:
      Elem(&body, "    ", "Guarantor", ev.guarantor);
      if (ev.amount) AmountElem(&body, *ev.amount);
      break;
    case FinancingEventKind::kDisburse:
    case FinancingEventKind::kRepay:
    case FinancingEventKind::kSettle:
      if (ev.amount) AmountElem(&body, *ev.amount);
      break;
    case FinancingEventKind::kTransfer:
      Elem(&body, "    ", "To", ev.to);
      break;
    case FinancingEventKind::kReject:
    case FinancingEventKind::kWithdraw:
    case FinancingEventKind::kDefault:
      if (!ev.reason.empty()) Elem(&body, "    ", "Reason", ev.reason);
      break;
    case FinancingEventKind::kRelease:
    case FinancingEventKind::kAcceptTransfer:
    case FinancingEventKind::kDeliver:
      break;
  }
  if (body.empty())
    out += "  <fe:" + name + "/>\n";
  else
    out += "  <fe:" + name + ">\n" + body + "  </fe:" + name + ">\n";
  out += "</fe:FinancingEvent>\n";
  return out;
}

FinancingEventReader::~FinancingEventReader() = default;

Result<std::unique_ptr<FinancingEventReader>> FinancingEventReader::Create() {
  TRADEFIN_ASSIGN_OR_RETURN(std::unique_ptr<xml::SchemaValidator> v,
                            xml::SchemaValidator::Create());
  return std::unique_ptr<FinancingEventReader>(new ReaderImpl(std::move(v)));
}

}  // namespace tradefin
