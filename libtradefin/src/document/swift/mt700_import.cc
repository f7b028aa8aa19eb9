// MT700 + MT701 -> LetterOfCredit. Field table, order and network rules:
// SR2018+ MT700 (docs/formats/swift-mapping.md, SWIFT Cat 7 MRG). Every issue is
// collected; the model is returned only when there is none.
#include <algorithm>
#include <array>
#include <set>
#include <string>

#include "document/swift/swift_internal.h"
#include "document/swift/swift_tables.h"

namespace tradefin {
namespace {

// "head/tail" at the first '/' (40E, 39A, 48): tail is empty and slash is
// npos when there is none.
struct SlashSplit {
  std::string_view head;
  std::string_view tail;
  std::size_t slash;
};
SlashSplit SplitAtFirstSlash(std::string_view t) {
  std::size_t slash = t.find('/');
  if (slash == std::string_view::npos) return {t, {}, slash};
  return {t.substr(0, slash), t.substr(slash + 1), slash};
}

using swift_internal::Charset;
using swift_internal::CheckText;
using swift_internal::FinField;
using swift_internal::FinLine;
using swift_internal::FinMessage;
using swift_internal::IssueSink;
using swift_internal::Lines;
using swift_internal::SpecTable;

// State shared across the MT700 and its continuations.
struct ImportState {
  LetterOfCredit lc;
  std::string credit_number;        // from the MT700's 20
  std::set<std::string> present;    // canonical tags seen in the MT700
  std::optional<ConfirmationInstruction> confirmation;
  int line_58a = 0;
  int line_42c = 0, line_42a = 0, line_42m = 0, line_42p = 0, line_44d = 0;
};

// T26: references must not start or end with '/' nor contain "//".
void CheckReference(const FinField& f, IssueSink& sink) {
  std::string_view t = f.lines[0].text;
  if (t.empty()) return;
  std::size_t bad = std::string_view::npos;
  if (t.front() == '/') bad = 0;
  else if (t.back() == '/') bad = t.size() - 1;
  else if (t.find("//") != std::string_view::npos) bad = t.find("//");
  if (bad != std::string_view::npos) {
    sink.Add(f.lines[0].line, f.lines[0].Column(bad), f.tag, "T26",
             "reference '" + std::string(t) + "' has a misplaced slash",
             "no leading or trailing '/' and no '//'");
  }
}

std::string_view Narrative(ImportState& st, std::string_view canon,
                           TextLines** target) {
  LetterOfCredit& lc = st.lc;
  if (canon == "45A") *target = &lc.goods_description;
  else if (canon == "46A") *target = &lc.documents_required;
  else if (canon == "47A") *target = &lc.additional_conditions;
  else if (canon == "49G") *target = &lc.special_payment_beneficiary;
  else if (canon == "49H") *target = &lc.special_payment_bank;
  else *target = nullptr;
  return canon;
}

void ParseSequence(const FinField& f, int index, int total, IssueSink& sink) {
  if (!CheckText(f, 0, 1, 3, Charset::kX, "1!n/1!n", sink)) return;
  std::string_view t = f.lines[0].text;
  if (t.size() != 3 || t[1] != '/' || t[0] < '1' || t[0] > '8' || t[2] < '1' ||
      t[2] > '8') {
    sink.Add(f.line, f.lines[0].Column(0), f.tag, "format",
             "'" + std::string(t) + "' is not a sequence of total",
             "1!n/1!n with a total of 1 to 8, e.g. 1/2");
    return;
  }
  int seq = t[0] - '0', tot = t[2] - '0';
  if (seq != index + 1 || tot != total) {
    sink.Add(f.line, f.lines[0].Column(0), f.tag, "sequence",
             "field 27 is " + std::string(t) + " in message " +
                 std::to_string(index + 1) + " of " + std::to_string(total),
             std::to_string(index + 1) + "/" + std::to_string(total));
  }
}

// Applies one MT700 (or MT701) field to the state.
void ApplyField(std::string_view canon, char option, const FinField& f,
                int index, int total, ImportState& st, IssueSink& sink) {
  LetterOfCredit& lc = st.lc;
  const FinLine& first = f.lines[0];
  if (canon == "27") {
    ParseSequence(f, index, total, sink);
  } else if (canon == "20") {
    if (!CheckText(f, 0, 1, 16, Charset::kX, "16x", sink)) return;
    CheckReference(f, sink);
    if (index == 0) {
      lc.credit_number = std::string(first.text);
      st.credit_number = lc.credit_number;
    } else if (first.text != st.credit_number) {
      sink.Add(f.line, first.Column(0), f.tag, "continuation-mismatch",
               "MT701 credit number '" + std::string(first.text) +
                   "' differs from the MT700",
               "'" + st.credit_number + "' as in the MT700 field 20");
    }
  } else if (canon == "40A") {
    if (!CheckText(f, 0, 1, 24, Charset::kX, "24x", sink)) return;
    auto form = swift_internal::FormFromCode(first.text);
    if (!form) {
      sink.Add(f.line, first.Column(0), f.tag, "code",
               "unknown form of credit '" + std::string(first.text) + "'",
               "IRREVOCABLE or IRREVOCABLE TRANSFERABLE");
      return;
    }
    lc.form = *form;
  } else if (canon == "23") {
    if (!CheckText(f, 0, 1, 16, Charset::kX, "16x", sink)) return;
    CheckReference(f, sink);
    lc.pre_advice_reference = std::string(first.text);
  } else if (canon == "31C") {
    if (!CheckText(f, 0, 1, 6, Charset::kX, "6!n", sink)) return;
    auto d = swift_internal::ParseDateField(first.text, f, first, 0, sink);
    if (d) lc.issue_date = *d;
  } else if (canon == "40E") {
    if (!CheckText(f, 0, 1, 66, Charset::kX, "30x[/35x]", sink)) return;
    std::string_view t = first.text;
    auto [code, narrative, slash] = SplitAtFirstSlash(t);
    if (!swift_internal::IsApplicableRulesCode(code)) {
      sink.Add(f.line, first.Column(0), f.tag, "code",
               "unknown applicable rules '" + std::string(code) + "'",
               "UCP LATEST VERSION, EUCP LATEST VERSION, UCPURR LATEST "
               "VERSION, EUCPURR LATEST VERSION or OTHR");
      return;
    }
    if (slash != std::string_view::npos && code != "OTHR") {
      sink.Add(f.line, first.Column(slash), f.tag, "40E-narrative",
               "narrative '/" + std::string(narrative) + "' after " +
                   std::string(code),
               "a narrative only with OTHR");
      return;
    }
    if (code == "OTHR" && narrative.empty()) {
      sink.Add(f.line, first.Column(0), f.tag, "40E-narrative",
               "OTHR without a narrative", "OTHR/<up to 35x>");
      return;
    }
    if (narrative.size() > 35) {
      sink.Add(f.line, first.Column(slash + 36), f.tag, "line-length",
               "narrative has " + std::to_string(narrative.size()) +
                   " characters",
               "at most 35 (30x[/35x])");
      return;
    }
    lc.applicable_rules = std::string(code);
    lc.applicable_rules_narrative = std::string(narrative);
  } else if (canon == "31D") {
    if (!CheckText(f, 0, 1, 35, Charset::kX, "6!n29x", sink)) return;
    std::string_view t = first.text;
    auto d = swift_internal::ParseDateField(t.substr(0, 6), f, first, 0, sink);
    if (t.size() <= 6) {
      sink.Add(f.line, first.Column(t.size()), f.tag, "format",
               "no place of expiry", "6!n date followed by the place (29x)");
      return;
    }
    if (d) lc.expiry_date = *d;
    lc.expiry_place = std::string(t.substr(6));
  } else if (canon == "51a" || canon == "42a" || canon == "58a" ||
             canon == "53a" || canon == "57a") {
    auto bank = swift_internal::ParseBankField(f, option, sink);
    if (!bank) return;
    if (canon == "51a") lc.applicant_bank = *bank;
    else if (canon == "42a") lc.drawee = *bank;
    else if (canon == "58a") lc.requested_confirmation_party = *bank;
    else if (canon == "53a") lc.reimbursing_bank = *bank;
    else lc.advise_through_bank = *bank;
  } else if (canon == "50") {
    if (!CheckText(f, 0, 4, 35, Charset::kX, "4*35x", sink)) return;
    lc.applicant = swift_internal::PartyFromLines(Lines(f));
  } else if (canon == "59") {
    std::size_t start = 0;
    std::string account;
    if (!first.text.empty() && first.text[0] == '/') {
      FinField account_only{f.tag, {first}, f.line};
      if (!CheckText(account_only, 0, 1, 35, Charset::kX, "[/34x]", sink))
        return;
      account = std::string(first.text.substr(1));
      if (account.empty()) {
        sink.Add(f.line, first.Column(0), f.tag, "format", "empty account",
                 "/34x account number");
        return;
      }
      start = 1;
    }
    if (f.lines.size() <= start) {
      sink.Add(f.line, 1, f.tag, "format", "no beneficiary name",
               "[/34x] then 1 to 4 lines of 35x");
      return;
    }
    if (!CheckText(f, start, 4, 35, Charset::kX, "[/34x] 4*35x", sink)) return;
    lc.beneficiary = swift_internal::PartyFromLines(Lines(f, start));
    lc.beneficiary.ids.account = account;
  } else if (canon == "32B") {
    auto m = swift_internal::ParseAmountField(f, sink);
    if (m) lc.amount = *m;
  } else if (canon == "39A") {
    if (!CheckText(f, 0, 1, 5, Charset::kX, "2n/2n", sink)) return;
    std::string_view t = first.text;
    auto [plus, minus, slash] = SplitAtFirstSlash(t);
    if (slash == std::string_view::npos || plus.empty() || plus.size() > 2 ||
        minus.empty() || minus.size() > 2 ||
        !swift_internal::AllDigits(plus) || !swift_internal::AllDigits(minus)) {
      sink.Add(f.line, first.Column(0), f.tag, "format",
               "'" + std::string(t) + "' is not a tolerance",
               "2n/2n, e.g. 05/05");
      return;
    }
    lc.tolerance_plus_percent = std::stoi(std::string(plus));
    lc.tolerance_minus_percent = std::stoi(std::string(minus));
  } else if (canon == "39C") {
    if (CheckText(f, 0, 4, 35, Charset::kX, "4*35x", sink))
      lc.additional_amounts = Lines(f);
  } else if (canon == "41a") {
    std::size_t n = f.lines.size();
    bool shape = option == 'A' ? n == 2 : (n >= 2 && n <= 5);
    if (!CheckText(f, 0, 5, 35, Charset::kX,
                   option == 'A' ? "BIC + 14x" : "4*35x + 14x", sink)) {
      return;
    }
    if (!shape) {
      sink.Add(f.line, 1, f.tag, "format",
               "option " + std::string(1, option) + " has " +
                   std::to_string(n) + " lines",
               option == 'A' ? "a BIC line and a code line"
                             : "1 to 4 name lines and a code line");
      return;
    }
    const FinLine& code_line = f.lines.back();
    auto by = swift_internal::AvailableByFromCode(code_line.text);
    if (!by) {
      sink.Add(code_line.line, code_line.Column(0), f.tag, "code",
               "unknown availability '" + std::string(code_line.text) + "'",
               "BY PAYMENT, BY ACCEPTANCE, BY NEGOTIATION, BY DEF PAYMENT or "
               "BY MIXED PYMT");
      return;
    }
    Bank bank;
    if (option == 'A') {
      if (!swift_internal::IsBic(first.text)) {
        sink.Add(f.line, first.Column(0), f.tag, "format",
                 "'" + std::string(first.text) + "' is not a BIC",
                 "4!a2!a2!c[3!c]");
        return;
      }
      bank.bic = std::string(first.text);
    } else {
      TextLines l = Lines(f);
      l.pop_back();
      bank.name_address = std::move(l);
    }
    lc.available_with = std::move(bank);
    lc.available_by = *by;
  } else if (canon == "42C") {
    if (CheckText(f, 0, 3, 35, Charset::kX, "3*35x", sink)) lc.drafts_at = Lines(f);
  } else if (canon == "42M") {
    if (CheckText(f, 0, 4, 35, Charset::kX, "4*35x", sink))
      lc.mixed_payment_details = Lines(f);
  } else if (canon == "42P") {
    if (CheckText(f, 0, 4, 35, Charset::kX, "4*35x", sink))
      lc.negotiation_deferred_details = Lines(f);
  } else if (canon == "43P" || canon == "43T") {
    if (!CheckText(f, 0, 1, 11, Charset::kX, "11x", sink)) return;
    auto p = swift_internal::PermissionFromCode(first.text);
    if (!p) {
      sink.Add(f.line, first.Column(0), f.tag, "code",
               "unknown code '" + std::string(first.text) + "'",
               "ALLOWED, CONDITIONAL or NOT ALLOWED");
      return;
    }
    (canon == "43P" ? lc.partial_shipments : lc.transhipment) = *p;
  } else if (canon == "44A" || canon == "44E" || canon == "44F" ||
             canon == "44B") {
    if (!CheckText(f, 0, 1, 140, Charset::kZ, "140z", sink)) return;
    std::string v(first.text);
    if (canon == "44A") lc.place_of_dispatch = v;
    else if (canon == "44E") lc.port_of_loading = v;
    else if (canon == "44F") lc.port_of_discharge = v;
    else lc.final_destination = v;
  } else if (canon == "44C") {
    if (!CheckText(f, 0, 1, 6, Charset::kX, "6!n", sink)) return;
    auto d = swift_internal::ParseDateField(first.text, f, first, 0, sink);
    if (d) lc.latest_shipment_date = *d;
  } else if (canon == "44D") {
    if (CheckText(f, 0, 6, 65, Charset::kX, "6*65x", sink))
      lc.shipment_period = Lines(f);
  } else if (canon == "45A" || canon == "46A" || canon == "47A" ||
             canon == "49G" || canon == "49H") {
    if (!CheckText(f, 0, 100, 65, Charset::kZ, "100*65z", sink)) return;
    TextLines* target = nullptr;
    Narrative(st, canon, &target);
    TextLines l = Lines(f);
    target->insert(target->end(), l.begin(), l.end());
  } else if (canon == "71D") {
    if (CheckText(f, 0, 6, 35, Charset::kZ, "6*35z", sink)) lc.charges = Lines(f);
  } else if (canon == "48") {
    if (!CheckText(f, 0, 1, 39, Charset::kX, "3n[/35x]", sink)) return;
    std::string_view t = first.text;
    auto [days, narrative, slash] = SplitAtFirstSlash(t);
    if (days.empty() || days.size() > 3 || !swift_internal::AllDigits(days) ||
        (slash != std::string_view::npos &&
         (narrative.empty() || narrative.size() > 35))) {
      sink.Add(f.line, first.Column(0), f.tag, "format",
               "'" + std::string(t) + "' is not a presentation period",
               "3n[/35x], e.g. 21 or 10/FROM THE DATE OF INVOICE");
      return;
    }
    lc.presentation_days = std::stoi(std::string(days));
    lc.presentation_narrative = std::string(narrative);
  } else if (canon == "49") {
    if (!CheckText(f, 0, 1, 7, Charset::kX, "7!x", sink)) return;
    auto c = swift_internal::ConfirmationFromCode(first.text);
    if (!c) {
      sink.Add(f.line, first.Column(0), f.tag, "code",
               "unknown confirmation instruction '" + std::string(first.text) +
                   "'",
               "CONFIRM, MAY ADD or WITHOUT");
      return;
    }
    lc.confirmation = *c;
    st.confirmation = *c;
  } else if (canon == "78") {
    if (CheckText(f, 0, 12, 65, Charset::kX, "12*65x", sink))
      lc.instructions_to_bank = Lines(f);
  } else if (canon == "72Z") {
    if (CheckText(f, 0, 6, 35, Charset::kZ, "6*35z", sink))
      lc.sender_to_receiver = Lines(f);
  } else {
    // A table entry without a handler would drop data: refuse instead.
    sink.Add(f.line, 1, f.tag, "unsupported",
             "field is not supported by this importer", "an MT700 field");
  }
}

// The step every message walk shares: finds `f` in `table`, reports an
// unknown tag, a repeated field and a field out of SR2018 order, and tracks
// the last field seen. Returns false when `f` is to be skipped (unknown or
// repeated); otherwise sets `canon` and `option`.
bool StepField(const SpecTable& table, const FinField& f,
               const std::string& message_name, const std::string& repeat_expected,
               int* last, std::string* last_tag, std::string* canon,
               char* option, IssueSink& sink) {
  int idx = swift_internal::FindField(table, f.tag, canon, option);
  if (idx < 0) {
    swift_internal::ReportUnknownTag(table, f, message_name, sink);
    return false;
  }
  if (idx == *last) {
    sink.Add(f.line, 1, f.tag, "repeat",
             "field " + *canon + " appears more than once in the " + message_name,
             repeat_expected);
    return false;
  }
  if (idx < *last) {
    sink.Add(f.line, 1, f.tag, "order",
             "field " + f.tag + " comes after " + *last_tag,
             *canon + " before " + *last_tag + " (SR2018 " + message_name +
                 " field order)");
  } else {
    *last = idx;
    *last_tag = f.tag;
  }
  return true;
}

void ProcessMessage(const FinMessage& m, int index, int total,
                    ImportState& st, IssueSink& sink) {
  const SpecTable& table =
      index == 0 ? swift_internal::Mt700Table() : swift_internal::Mt701Table();
  std::string message_name = index == 0 ? "MT700" : "MT701";
  int last = -1;
  std::string last_tag;
  std::set<std::string> seen;
  for (const FinField& f : m.fields) {
    std::string canon;
    char option = 0;
    if (!StepField(table, f, message_name,
                   "each field at most once per message; continue long text in "
                   "an MT701",
                   &last, &last_tag, &canon, &option, sink))
      continue;
    seen.insert(canon);
    if (index == 0) {
      st.present.insert(canon);
      if (canon == "58a") st.line_58a = f.line;
      if (canon == "42C") st.line_42c = f.line;
      if (canon == "42a") st.line_42a = f.line;
      if (canon == "42M") st.line_42m = f.line;
      if (canon == "42P") st.line_42p = f.line;
      if (canon == "44D") st.line_44d = f.line;
    }
    ApplyField(canon, option, f, index, total, st, sink);
  }
  for (const swift_internal::FieldSpec& spec : table.specs) {
    if (spec.mandatory && !seen.count(std::string(spec.name))) {
      sink.Add(m.end_line, 1, spec.name, "mandatory",
               "mandatory field " + std::string(spec.name) + " is missing",
               "field " + std::string(spec.name) + " in the " + message_name);
    }
  }
}

// Network validated rules of the MT700 (C90, D06, 58a with field 49).
void NetworkRules(const ImportState& st, IssueSink& sink) {
  auto has = [&](const char* tag) { return st.present.count(tag) > 0; };
  if (has("42C") != has("42a")) {
    int line = has("42C") ? st.line_42c : st.line_42a;
    sink.Add(line, 1, has("42C") ? "42C" : "42a", "C90",
             has("42C") ? "42C (drafts at) without 42a (drawee)"
                        : "42a (drawee) without 42C (drafts at)",
             "42C and 42a together");
  }
  int terms = (has("42C") || has("42a") ? 1 : 0) + (has("42M") ? 1 : 0) +
              (has("42P") ? 1 : 0);
  if (terms > 1) {
    int line = std::max(st.line_42m, st.line_42p);
    sink.Add(line, 1, has("42P") ? "42P" : "42M", "C90",
             "more than one kind of payment terms",
             "either 42C with 42a, or 42M alone, or 42P alone");
  }
  if (has("44C") && has("44D")) {
    sink.Add(st.line_44d, 1, "44D", "D06", "44C and 44D are both present",
             "either 44C (latest shipment date) or 44D (shipment period)");
  }
  if (has("58a") && st.confirmation == ConfirmationInstruction::kWithout) {
    sink.Add(st.line_58a, 1, "58a", "58a-confirmation",
             "requested confirmation party with field 49 WITHOUT",
             "58a only when 49 is CONFIRM or MAY ADD");
  }
}

}  // namespace

Result<Mt700Import> ImportMt700(const std::vector<std::string_view>& messages,
                                const SwiftOptions& options) {
  if (messages.empty()) {
    return Status::InvalidArgument("ImportMt700: no message given");
  }
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].size() > options.max_message_bytes) {
      return Status::InvalidArgument(
          "message " + std::to_string(i + 1) + " has " +
          std::to_string(messages[i].size()) + " bytes, more than the limit " +
          std::to_string(options.max_message_bytes));
    }
  }
  Mt700Import result;
  ImportState st;
  int total = static_cast<int>(messages.size());
  std::string sender, receiver;
  bool mt700_read = false;
  for (int i = 0; i < total; ++i) {
    IssueSink sink(i, &result.issues);
    if (i >= 8) {
      sink.Add(0, 0, "", "sequence",
               "more than 7 MT701 continuations",
               "an MT700 and at most 7 MT701s");
      break;
    }
    FinMessage m;
    if (!swift_internal::ParseFin(messages[static_cast<std::size_t>(i)],
                                  options, sink, &m)) {
      continue;
    }
    const char* want = i == 0 ? "700" : "701";
    if (m.mt != want) {
      sink.Add(1, 1, "", "message-type",
               "message " + std::to_string(i + 1) + " is an MT" + m.mt,
               std::string("MT") + want);
      continue;
    }
    if (i == 0) {
      mt700_read = true;
      sender = m.sender_lt;
      receiver = m.receiver_lt;
      st.lc.issuing_bank.bic = swift_internal::BicFromLt(m.sender_lt);
      st.lc.advising_bank.bic = swift_internal::BicFromLt(m.receiver_lt);
    } else if (mt700_read && (swift_internal::BicFromLt(m.sender_lt) !=
                                  swift_internal::BicFromLt(sender) ||
                              swift_internal::BicFromLt(m.receiver_lt) !=
                                  swift_internal::BicFromLt(receiver))) {
      sink.Add(1, 1, "", "continuation-mismatch",
               "MT701 sender/receiver differ from the MT700",
               "the same sender and receiver as the MT700");
    }
    ProcessMessage(m, i, total, st, sink);
    if (i == 0) NetworkRules(st, sink);
  }
  if (result.issues.empty()) result.lc = std::move(st.lc);
  return result;
}


namespace {

// One MT708 continuation (`index` >= 1 of `total`) applied to `st`: its
// references, amendment number and date must repeat the MT707's.
void ApplyMt708(std::string_view message, int index, int total,
                const Mt707Amendment& a, const SwiftOptions& options,
                ImportState& st, std::vector<SwiftIssue>* issues) {
  IssueSink sink(index, issues);
  FinMessage m;
  if (!swift_internal::ParseFin(message, options, sink, &m)) return;
  if (m.mt != "708") {
    sink.Add(1, 1, "", "message-type", "message is an MT" + m.mt,
             "MT708 (continuation " + std::to_string(index + 1) + " of " +
                 std::to_string(total) + ")");
    return;
  }
  const SpecTable& table = swift_internal::Mt708Table();
  int last = -1;
  std::string last_tag;
  std::set<std::string> seen;
  auto same = [&](const FinField& f, const std::string& value,
                  const std::string& mt707_value, const char* what) {
    if (value != mt707_value) {
      sink.Add(f.line, f.lines[0].Column(0), f.tag, "continuation-mismatch",
               std::string(what) + " '" + value + "' differs from the MT707",
               "'" + mt707_value + "', as in the MT707 it continues");
    }
  };
  for (const FinField& f : m.fields) {
    std::string canon;
    char option = 0;
    if (!StepField(table, f, "MT708", "each field at most once", &last, &last_tag,
                   &canon, &option, sink))
      continue;
    seen.insert(canon);
    const FinLine& first = f.lines[0];
    if (canon == "27") {
      ParseSequence(f, index, total, sink);
    } else if (canon == "20" || canon == "21" || canon == "23") {
      if (!CheckText(f, 0, 1, 16, Charset::kX, "16x", sink)) continue;
      std::string v(first.text);
      if (canon == "20") same(f, v, a.sender_reference, "sender's reference");
      else if (canon == "21") same(f, v, a.receiver_reference, "receiver's reference");
      else same(f, v, a.issuing_bank_reference, "issuing bank's reference");
    } else if (canon == "26E") {
      if (!CheckText(f, 0, 1, 3, Charset::kX, "3n", sink)) continue;
      same(f, std::string(first.text), std::to_string(a.amendment_number),
           "amendment number");
    } else if (canon == "30") {
      if (!CheckText(f, 0, 1, 6, Charset::kX, "6!n", sink)) continue;
      auto d = swift_internal::ParseDateField(first.text, f, first, 0, sink);
      if (d) same(f, d->ToIso(), a.amendment_date.ToIso(), "date of amendment");
    } else {
      if (!CheckText(f, 0, 100, 65, Charset::kZ, "100*65z", sink)) continue;
      TextLines* target = canon == "45B"   ? &st.lc.goods_description
                          : canon == "46B" ? &st.lc.documents_required
                          : canon == "47B" ? &st.lc.additional_conditions
                          : canon == "49M" ? &st.lc.special_payment_beneficiary
                                           : &st.lc.special_payment_bank;
      swift_internal::ApplyNarrativeAmendment(f, target, sink);
    }
  }
  for (const swift_internal::FieldSpec& spec : table.specs) {
    if (spec.mandatory && !seen.count(std::string(spec.name))) {
      sink.Add(m.end_line, 1, spec.name, "mandatory",
               "mandatory field " + std::string(spec.name) + " is missing",
               "field " + std::string(spec.name) + " in the MT708");
    }
  }
}

}  // namespace

Result<Mt707Import> ImportMt707(std::string_view message,
                                const LetterOfCredit& original,
                                const SwiftOptions& options) {
  return ImportMt707Sequence({message}, original, options);
}

Result<Mt707Import> ImportMt707Sequence(
    const std::vector<std::string_view>& messages,
    const LetterOfCredit& original, const SwiftOptions& options) {
  if (messages.empty()) {
    return Status::InvalidArgument("no MT707 given");
  }
  if (messages.size() > 8) {
    return Status::InvalidArgument(
        std::to_string(messages.size()) +
        " messages: an MT707 has at most 7 MT708 continuations (27 n/8)");
  }
  for (size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].size() > options.max_message_bytes) {
      return Status::InvalidArgument(
          std::string(i == 0 ? "MT707" : "MT708 " + std::to_string(i)) +
          " has " + std::to_string(messages[i].size()) +
          " bytes, more than the limit " +
          std::to_string(options.max_message_bytes));
    }
  }
  const int total = static_cast<int>(messages.size());
  std::string_view message = messages[0];
  Mt707Import result;
  IssueSink sink(0, &result.issues);
  FinMessage m;
  if (!swift_internal::ParseFin(message, options, sink, &m)) return result;
  if (m.mt != "707") {
    sink.Add(1, 1, "", "message-type", "message is an MT" + m.mt, "MT707");
    return result;
  }
  ImportState st;
  st.lc = original;
  st.credit_number = original.credit_number;
  Mt707Amendment& a = result.amendment;
  const SpecTable& table = swift_internal::Mt707Table();
  int last = -1;
  std::string last_tag;
  std::set<std::string> seen;
  std::optional<Money> increase, decrease;
  for (const FinField& f : m.fields) {
    std::string canon;
    char option = 0;
    if (!StepField(table, f, "MT707", "each field at most once", &last, &last_tag,
                   &canon, &option, sink))
      continue;
    seen.insert(canon);
    const FinLine& first = f.lines[0];
    if (canon == "27") {
      ParseSequence(f, 0, total, sink);
    } else if (canon == "20" || canon == "21" || canon == "23") {
      if (!CheckText(f, 0, 1, 16, Charset::kX, "16x", sink)) continue;
      CheckReference(f, sink);
      std::string v(first.text);
      if (canon == "20") a.sender_reference = v;
      else if (canon == "21") a.receiver_reference = v;
      else {
        a.issuing_bank_reference = v;
        // Field 23 carries the issuing bank's credit number (field 20 of
        // the MT700); field 21 is the receiver's own reference or NONREF.
        if (v != original.credit_number) {
          sink.Add(f.line, first.Column(0), f.tag, "credit-number",
                   "amendment is for credit '" + v + "'",
                   "'" + original.credit_number +
                       "', the credit number of the original");
        }
      }
    } else if (canon == "52a") {
      a.issuing_bank = swift_internal::ParseBankField(f, option, sink);
    } else if (canon == "50B") {
      if (CheckText(f, 0, 4, 35, Charset::kX, "4*35x", sink))
        a.non_bank_issuer = Lines(f);
    } else if (canon == "31C" || canon == "30") {
      if (!CheckText(f, 0, 1, 6, Charset::kX, "6!n", sink)) continue;
      auto d = swift_internal::ParseDateField(first.text, f, first, 0, sink);
      if (d) (canon == "31C" ? a.issue_date : a.amendment_date) = *d;
      if (d && canon == "31C" && *d != original.issue_date) {
        sink.Add(f.line, first.Column(0), f.tag, "credit-number",
                 "date of issue " + d->ToIso() + " differs from the original",
                 original.issue_date.ToIso());
      }
    } else if (canon == "26E") {
      if (!CheckText(f, 0, 1, 3, Charset::kX, "3n", sink)) continue;
      if (!swift_internal::AllDigits(first.text)) {
        sink.Add(f.line, first.Column(0), f.tag, "format",
                 "'" + std::string(first.text) + "' is not a number", "3n");
        continue;
      }
      a.amendment_number = std::stoi(std::string(first.text));
    } else if (canon == "22A") {
      if (!CheckText(f, 0, 1, 4, Charset::kX, "4!c", sink)) continue;
      std::string_view t = first.text;
      if (t != "ISSU" && t != "ACNF" && t != "ADVI" && t != "ICCO") {
        sink.Add(f.line, first.Column(0), f.tag, "code",
                 "unknown purpose '" + std::string(t) + "'",
                 "ISSU, ACNF, ADVI or ICCO");
        continue;
      }
      a.purpose = std::string(t);
    } else if (canon == "23S") {
      if (!CheckText(f, 0, 1, 6, Charset::kX, "6!a", sink)) continue;
      if (first.text != "CANCEL") {
        sink.Add(f.line, first.Column(0), f.tag, "code",
                 "'" + std::string(first.text) + "'", "CANCEL");
        continue;
      }
      a.cancellation_requested = true;
    } else if (canon == "32B" || canon == "33B") {
      auto money = swift_internal::ParseAmountField(f, sink);
      if (!money) continue;
      if (money->currency != original.amount.currency) {
        sink.Add(f.line, first.Column(0), f.tag, "currency",
                 "amendment in " + money->currency,
                 "the credit's currency " + original.amount.currency);
        continue;
      }
      (canon == "32B" ? increase : decrease) = *money;
    } else if (canon == "45B" || canon == "46B" || canon == "47B" ||
               canon == "49M" || canon == "49N") {
      if (!CheckText(f, 0, 100, 65, Charset::kZ, "100*65z", sink)) continue;
      TextLines* target = canon == "45B"   ? &st.lc.goods_description
                          : canon == "46B" ? &st.lc.documents_required
                          : canon == "47B" ? &st.lc.additional_conditions
                          : canon == "49M" ? &st.lc.special_payment_beneficiary
                                           : &st.lc.special_payment_bank;
      swift_internal::ApplyNarrativeAmendment(f, target, sink);
    } else if (canon == "71N") {
      if (!CheckText(f, 0, 7, 35, Charset::kX, "4!c[6*35x]", sink)) continue;
      std::string_view code = first.text;
      if (code != "APPL" && code != "BENE" && code != "OTHR") {
        sink.Add(f.line, first.Column(0), f.tag, "code",
                 "unknown code '" + std::string(code) + "'",
                 "APPL, BENE or OTHR");
        continue;
      }
      if ((code == "OTHR") != (f.lines.size() > 1)) {
        sink.Add(f.line, first.Column(0), f.tag, "format",
                 "narrative must be given with OTHR and only with OTHR",
                 "APPL, BENE, or OTHR followed by 1-6 lines of 35x");
        continue;
      }
      a.charges_payable_by = std::string(code);
      a.charges_payable_narrative = Lines(f, 1);
    } else {
      // Fields with the MT700 meaning: the new value replaces the old one.
      if (canon == "49") st.present.insert("49");
      if (canon == "58a") {
        st.present.insert("58a");
        st.line_58a = f.line;
      }
      ApplyField(canon, option, f, 0, 1, st, sink);
    }
  }
  for (const swift_internal::FieldSpec& spec : table.specs) {
    if (spec.mandatory && !seen.count(std::string(spec.name))) {
      sink.Add(m.end_line, 1, spec.name, "mandatory",
               "mandatory field " + std::string(spec.name) + " is missing",
               "field " + std::string(spec.name) + " in the MT707");
    }
  }
  // The MT708 continuations, in sequence order: their narrative amendments
  // apply after the MT707's.
  for (int i = 1; i < total; ++i) {
    ApplyMt708(messages[static_cast<size_t>(i)], i, total, a, options, st,
               &result.issues);
  }
  int64_t amount = original.amount.minor_units;
  if (increase) amount += increase->minor_units;
  if (decrease) amount -= decrease->minor_units;
  if (increase && decrease) {
    sink.Add(m.end_line, 1, "33B", "amendment-amount",
             "both an increase (32B) and a decrease (33B)",
             "either 32B or 33B");
  } else if (amount <= 0) {
    sink.Add(m.end_line, 1, "33B", "amendment-amount",
             "the decrease leaves no credit amount",
             "a decrease smaller than " + original.amount.ToString());
  }
  st.lc.amount.minor_units = amount;
  if (st.lc.requested_confirmation_party &&
      st.lc.confirmation == ConfirmationInstruction::kWithout) {
    sink.Add(st.line_58a ? st.line_58a : m.end_line, 1, "58a",
             "58a-confirmation",
             "amended credit has a requested confirmation party with 49 "
             "WITHOUT",
             "58a only when 49 is CONFIRM or MAY ADD");
  }
  if (!st.lc.drafts_at.empty() != st.lc.drawee.has_value()) {
    sink.Add(m.end_line, 1, "42C", "C90",
             "amended credit has 42C without 42a or 42a without 42C",
             "42C and 42a together");
  }
  if (st.lc.latest_shipment_date && !st.lc.shipment_period.empty()) {
    sink.Add(m.end_line, 1, "44C", "D06",
             "amended credit has both 44C and 44D", "either 44C or 44D");
  }
  a.increase = increase;
  a.decrease = decrease;
  if (result.issues.empty()) result.amended = std::move(st.lc);
  return result;
}

}  // namespace tradefin
