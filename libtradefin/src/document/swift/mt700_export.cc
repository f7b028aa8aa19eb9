// LetterOfCredit -> MT700 (+ MT701s). Written so that ImportMt700 of the
// output gives back the same credit: every model field has exactly one FIN
// spelling here, and the importer maps it back one to one.
#include <string>
#include <vector>

#include "document/swift/swift_internal.h"

namespace tradefin {
namespace {

using swift_internal::Charset;

struct OutField {
  std::string tag;
  TextLines lines;
  bool narrative = false;  // 45A/46A/47A/49G/49H, may go to MT701s
};

std::size_t FieldChars(const std::string& tag, const TextLines& lines) {
  std::size_t n = tag.size() + 2;  // ":TAG:"
  for (const std::string& l : lines) n += l.size() + 2;
  return n;
}

class FieldList {
 public:
  void Add(std::string tag, TextLines lines, std::size_t max_lines,
           std::size_t width, Charset cs, bool narrative = false) {
    if (lines.empty()) {
      Fail(tag, "has no value");
      return;
    }
    if (!narrative && lines.size() > max_lines) {
      Fail(tag, "has " + std::to_string(lines.size()) + " lines, at most " +
                    std::to_string(max_lines));
    }
    for (const std::string& l : lines) {
      std::string why = swift_internal::CheckExportLine(l, width, cs);
      if (!why.empty()) Fail(tag, "has " + why + ": '" + l + "'");
    }
    fields_.push_back(OutField{std::move(tag), std::move(lines), narrative});
  }
  void Add1(std::string tag, std::string value, std::size_t width,
            Charset cs = Charset::kX) {
    Add(std::move(tag), TextLines{std::move(value)}, 1, width, cs);
  }
  void Bank(const std::string& number, const ::tradefin::Bank& bank,
            std::string_view options) {
    char option = 0;
    TextLines lines = swift_internal::BankLines(bank, &option);
    if (std::string_view(options).find(option) == std::string_view::npos) {
      Fail(number + "a", std::string("needs option ") + option +
                             ", which this field does not have");
      return;
    }
    if (option == 'A' && !swift_internal::IsBic(bank.bic)) {
      Fail(number + "A", "BIC '" + bank.bic + "' is not a BIC");
    }
    if (option == 'D' && !bank.name_address.empty() &&
        bank.party_identifier.empty() && bank.name_address[0][0] == '/') {
      Fail(number + "D", "first name line starts with '/', which would read "
                         "back as a party identifier");
    }
    Add(number + option, std::move(lines), 5, 37, Charset::kX);
  }
  void Fail(const std::string& tag, const std::string& why) {
    if (error_.empty()) error_ = "field " + tag + " " + why;
  }
  std::vector<OutField>& fields() { return fields_; }
  const std::string& error() const { return error_; }

 private:
  std::vector<OutField> fields_;
  std::string error_;
};

std::string Lt(const std::string& bic, char lt_code) {
  std::string branch = bic.size() == 11 ? bic.substr(8) : "XXX";
  return bic.substr(0, 8) + lt_code + branch;
}

std::string SwiftAmount(const Money& m) {
  std::string s = m.ToDecimal().ToString();
  std::size_t dot = s.find('.');
  if (dot == std::string::npos) return s + ",";
  while (s.back() == '0') s.pop_back();
  s[dot] = ',';
  return s;
}

std::string TwoDigits(int n) {
  return n < 10 ? "0" + std::to_string(n) : std::to_string(n);
}

}  // namespace

Result<std::vector<std::string>> ExportMt700(const LetterOfCredit& lc,
                                             const SwiftExportOptions& options) {
  using swift_internal::PartyToLines;
  if (!swift_internal::IsBic(lc.issuing_bank.bic) ||
      !swift_internal::IsBic(lc.advising_bank.bic)) {
    return Status::InvalidArgument(
        "MT700 export: issuing and advising bank need BICs (blocks 1 and 2), "
        "got '" + lc.issuing_bank.bic + "' and '" + lc.advising_bank.bic + "'");
  }
  if (options.priority != 'N' && options.priority != 'U') {
    return Status::InvalidArgument("MT700 export: priority must be N or U");
  }
  if (options.user_reference.size() > 16) {
    return Status::InvalidArgument("MT700 export: field 108 is 16x at most");
  }
  FieldList f;
  f.Add1("27", "1/1", 3);
  f.Add1("40A", std::string(swift_internal::FormCode(lc.form)), 24);
  f.Add1("20", lc.credit_number, 16);
  if (!lc.pre_advice_reference.empty()) f.Add1("23", lc.pre_advice_reference, 16);
  if (!lc.issue_date.valid()) f.Fail("31C", "has no valid date");
  else f.Add1("31C", lc.issue_date.ToYymmdd(), 6);
  std::string rules = lc.applicable_rules;
  if (!lc.applicable_rules_narrative.empty())
    rules += "/" + lc.applicable_rules_narrative;
  f.Add1("40E", rules, 66);
  if (!lc.expiry_date.valid()) f.Fail("31D", "has no valid expiry date");
  else if (lc.expiry_place.size() > 29) f.Fail("31D", "place is longer than 29");
  else f.Add1("31D", lc.expiry_date.ToYymmdd() + lc.expiry_place, 35);
  if (lc.applicant_bank) f.Bank("51", *lc.applicant_bank, "AD");
  f.Add("50", PartyToLines(lc.applicant), 4, 35, Charset::kX);
  TextLines ben = PartyToLines(lc.beneficiary);
  if (!lc.beneficiary.ids.account.empty())
    ben.insert(ben.begin(), "/" + lc.beneficiary.ids.account);
  f.Add("59", ben, lc.beneficiary.ids.account.empty() ? 4 : 5, 35, Charset::kX);
  f.Add1("32B", lc.amount.currency + SwiftAmount(lc.amount), 18);
  if (lc.tolerance_plus_percent.has_value() !=
      lc.tolerance_minus_percent.has_value()) {
    f.Fail("39A", "needs both the plus and the minus tolerance");
  } else if (lc.tolerance_plus_percent) {
    f.Add1("39A", TwoDigits(*lc.tolerance_plus_percent) + "/" +
                      TwoDigits(*lc.tolerance_minus_percent), 5);
  }
  if (!lc.additional_amounts.empty())
    f.Add("39C", lc.additional_amounts, 4, 35, Charset::kX);
  {
    const Bank& w = lc.available_with;
    TextLines lines;
    std::string tag = "41D";
    if (!w.bic.empty()) {
      tag = "41A";
      lines.push_back(w.bic);
    } else {
      lines = w.name_address;
    }
    if (!w.party_identifier.empty() || !w.location.empty() || lines.empty() ||
        lines.size() > 4) {
      f.Fail("41a", "needs a BIC or 1 to 4 name lines (no identifier or "
                    "location)");
    }
    lines.emplace_back(swift_internal::AvailableByCode(lc.available_by));
    f.Add(tag, lines, 5, 35, Charset::kX);
  }
  if (!lc.drafts_at.empty()) f.Add("42C", lc.drafts_at, 3, 35, Charset::kX);
  if (lc.drawee) f.Bank("42", *lc.drawee, "AD");
  if (!lc.mixed_payment_details.empty())
    f.Add("42M", lc.mixed_payment_details, 4, 35, Charset::kX);
  if (!lc.negotiation_deferred_details.empty())
    f.Add("42P", lc.negotiation_deferred_details, 4, 35, Charset::kX);
  if (lc.partial_shipments)
    f.Add1("43P", std::string(swift_internal::PermissionCode(*lc.partial_shipments)), 11);
  if (lc.transhipment)
    f.Add1("43T", std::string(swift_internal::PermissionCode(*lc.transhipment)), 11);
  if (!lc.place_of_dispatch.empty())
    f.Add1("44A", lc.place_of_dispatch, 140, Charset::kZ);
  if (!lc.port_of_loading.empty())
    f.Add1("44E", lc.port_of_loading, 140, Charset::kZ);
  if (!lc.port_of_discharge.empty())
    f.Add1("44F", lc.port_of_discharge, 140, Charset::kZ);
  if (!lc.final_destination.empty())
    f.Add1("44B", lc.final_destination, 140, Charset::kZ);
  if (lc.latest_shipment_date) f.Add1("44C", lc.latest_shipment_date->ToYymmdd(), 6);
  if (!lc.shipment_period.empty()) f.Add("44D", lc.shipment_period, 6, 65, Charset::kX);
  const std::pair<const char*, const TextLines*> narratives[] = {
      {"45A", &lc.goods_description},
      {"46A", &lc.documents_required},
      {"47A", &lc.additional_conditions},
      {"49G", &lc.special_payment_beneficiary},
      {"49H", &lc.special_payment_bank}};
  for (const auto& [tag, lines] : narratives) {
    if (!lines->empty()) f.Add(tag, *lines, 100, 65, Charset::kZ, true);
  }
  if (!lc.charges.empty()) f.Add("71D", lc.charges, 6, 35, Charset::kZ);
  if (lc.presentation_days) {
    std::string v = std::to_string(*lc.presentation_days);
    if (!lc.presentation_narrative.empty()) v += "/" + lc.presentation_narrative;
    f.Add1("48", v, 39);
  } else if (!lc.presentation_narrative.empty()) {
    f.Fail("48", "has a narrative without a number of days");
  }
  f.Add1("49", std::string(swift_internal::ConfirmationCode(lc.confirmation)), 7);
  if (lc.requested_confirmation_party)
    f.Bank("58", *lc.requested_confirmation_party, "AD");
  if (lc.reimbursing_bank) f.Bank("53", *lc.reimbursing_bank, "AD");
  if (!lc.instructions_to_bank.empty())
    f.Add("78", lc.instructions_to_bank, 12, 65, Charset::kX);
  if (lc.advise_through_bank) f.Bank("57", *lc.advise_through_bank, "ABD");
  if (!lc.sender_to_receiver.empty())
    f.Add("72Z", lc.sender_to_receiver, 6, 35, Charset::kZ);
  if (!f.error().empty()) {
    return Status::InvalidArgument("MT700 export of credit '" +
                                   lc.credit_number + "': " + f.error());
  }

  // Distribute: MT700 keeps every short field; the narratives fill the
  // MT700 up to the block 4 limit, then MT701s (at most 100 lines per field
  // occurrence, each field at most once per message).
  constexpr std::size_t kLimit = swift_internal::kMaxBlock4Chars;
  struct Msg {
    std::vector<OutField> narrative_parts;
    std::size_t used = 0;
  };
  std::vector<Msg> msgs(1);
  std::size_t fixed = 3;
  for (const OutField& of : f.fields())
    if (!of.narrative) fixed += FieldChars(of.tag, of.lines);
  msgs[0].used = fixed;
  const std::size_t mt701_header =
      3 + FieldChars("27", {"1/1"}) + FieldChars("20", {lc.credit_number});
  for (const OutField& of : f.fields()) {
    if (!of.narrative) continue;
    std::size_t next = 0;
    while (next < of.lines.size()) {
      Msg* m = &msgs.back();
      bool has_tag = false;
      for (const OutField& p : m->narrative_parts) has_tag |= p.tag == of.tag;
      OutField part{of.tag, {}, true};
      std::size_t used = m->used + of.tag.size() + 2;
      while (!has_tag && next < of.lines.size() && part.lines.size() < 100 &&
             used + of.lines[next].size() + 2 <= kLimit) {
        used += of.lines[next].size() + 2;
        part.lines.push_back(of.lines[next++]);
      }
      if (part.lines.empty()) {
        if (m->narrative_parts.empty() && &msgs.back() != &msgs[0]) {
          return Status::Internal("MT700 export: a line does not fit a message");
        }
        msgs.push_back(Msg{{}, mt701_header});
        continue;
      }
      m->used = used;
      m->narrative_parts.push_back(std::move(part));
    }
  }
  if (msgs.size() > 8) {
    return Status::InvalidArgument(
        "MT700 export of credit '" + lc.credit_number + "': needs " +
        std::to_string(msgs.size()) + " messages, more than MT700 + 7 MT701");
  }
  if (msgs[0].used > kLimit) {
    return Status::InvalidArgument("MT700 export: the fields other than "
                                   "45A-49H exceed 10,000 characters");
  }

  const std::string total = std::to_string(msgs.size());
  const std::string sender = Lt(lc.issuing_bank.bic, options.lt_code);
  // Input messages address the receiver with LT code 'X' (any terminal).
  const std::string receiver = Lt(lc.advising_bank.bic, 'X');
  auto header = [&](const char* mt) {
    std::string h = "{1:F01" + sender + "0000000000}{2:I" + mt + receiver +
                    options.priority + "}";
    if (!options.user_reference.empty())
      h += "{3:{108:" + options.user_reference + "}}";
    return h + "{4:\r\n";
  };
  auto write = [](std::string* out, const OutField& of) {
    *out += ":" + of.tag + ":";
    for (std::size_t i = 0; i < of.lines.size(); ++i) {
      if (i > 0) *out += "\r\n";
      *out += of.lines[i];
    }
    *out += "\r\n";
  };
  std::vector<std::string> out;
  std::string mt700 = header("700");
  bool narratives_written = false;
  for (OutField& of : f.fields()) {
    if (of.tag == "27") of.lines[0] = "1/" + total;
    if (of.narrative) {
      if (!narratives_written) {
        for (const OutField& p : msgs[0].narrative_parts) write(&mt700, p);
        narratives_written = true;
      }
      continue;
    }
    write(&mt700, of);
  }
  mt700 += "-}";
  out.push_back(std::move(mt700));
  for (std::size_t i = 1; i < msgs.size(); ++i) {
    std::string m = header("701");
    write(&m, OutField{"27", {std::to_string(i + 1) + "/" + total}});
    write(&m, OutField{"20", {lc.credit_number}});
    for (const OutField& p : msgs[i].narrative_parts) write(&m, p);
    m += "-}";
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace tradefin
