// Internal building blocks shared by the MT700/MT701/MT707 readers and the
// writer: the FIN envelope parser, character set and line checks, and the
// parsers for the sub-formats that several fields share (banks, dates,
// amounts, parties).
#ifndef TRADEFIN_DOCUMENT_SWIFT_SWIFT_INTERNAL_H_
#define TRADEFIN_DOCUMENT_SWIFT_SWIFT_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/document/swift.h"

namespace tradefin::swift_internal {

// Block 4 may hold at most this many characters (CRLF line breaks counted
// as two), per the FIN user handbook / MT701 usage rules.
inline constexpr std::size_t kMaxBlock4Chars = 10000;

// Collects issues for one message.
class IssueSink {
 public:
  IssueSink(int message_index, std::vector<SwiftIssue>* out)
      : message_index_(message_index), out_(out) {}
  void Add(int line, int column, std::string_view tag, std::string_view rule,
           std::string message, std::string expected);
  std::size_t count() const { return out_->size(); }

 private:
  int message_index_;
  std::vector<SwiftIssue>* out_;
};

// One line of a field's value, pointing into the message text.
struct FinLine {
  std::string_view text;  // the value part of the line (after ":TAG:")
  std::string_view raw;   // the whole physical line, for column numbers
  int line = 0;           // 1-based line number in the message
  // 1-based column of text[i] (characters, not bytes).
  int Column(std::size_t i) const;
};

struct FinField {
  std::string tag;  // as written: "32B", "42A", "50"
  std::vector<FinLine> lines;
  int line = 0;    // line of ":TAG:"
};

struct FinMessage {
  bool input = true;      // block 2 'I' (else 'O')
  std::string mt;         // "700"
  std::string sender_lt;  // 12-char logical terminal of the sender
  std::string receiver_lt;
  std::vector<FinField> fields;
  int end_line = 0;       // line of "-}"
};

// Parses blocks 1-5 and splits block 4 into fields. Returns false (after
// adding issues) when the envelope is too broken to read fields; field
// contents are not checked here.
bool ParseFin(std::string_view text, const SwiftOptions& options,
              IssueSink& sink, FinMessage* out);

// BIC11 for a 12-character LT address: BIC8 + branch (LT code dropped).
std::string BicFromLt(std::string_view lt);

enum class Charset { kX, kZ };
bool InCharset(char c, Charset cs);

// Checks line count, width, character set and empty lines of `lines`
// (a whole field or a slice of it). Adds issues; true when clean.
// `format` names the field format in messages, e.g. "4*35x".
bool CheckText(const FinField& field, std::size_t first, std::size_t max_lines,
               std::size_t width, Charset cs, std::string_view format,
               IssueSink& sink);
// Checks one string (export side): charset and width. Returns the first
// problem as text, or "" when fine.
std::string CheckExportLine(std::string_view text, std::size_t width,
                            Charset cs);

// Line values of a field as strings.
TextLines Lines(const FinField& field, std::size_t first = 0);

bool IsBic(std::string_view s);
bool AllDigits(std::string_view s);

// 6!n YYMMDD; adds a "date" issue on failure.
std::optional<Date> ParseDateField(std::string_view text, const FinField& f,
                                   const FinLine& line, std::size_t offset,
                                   IssueSink& sink);
// 3!a15d; adds "amount"/"currency"/"currency-decimals" issues on failure.
std::optional<Money> ParseAmountField(const FinField& f, IssueSink& sink);

// Bank in option A ([/1!a][/34x] + BIC), B ([/1!a][/34x] + [35x]) or
// D ([/1!a][/34x] + 4*35x). `option` is the tag's letter.
std::optional<Bank> ParseBankField(const FinField& f, char option,
                                   IssueSink& sink);
// Lines of a bank in option `option` ('A', 'B', 'D'), for export.
TextLines BankLines(const Bank& bank, char* option);

// Party lines (name + address lines) <-> Party; see swift-mapping.md.
Party PartyFromLines(const TextLines& lines);
TextLines PartyToLines(const Party& party);

// Amendment text codes for 45B/46B/47B/49M/49N; applies them to `target`.
bool ApplyNarrativeAmendment(const FinField& field, TextLines* target,
                             IssueSink& sink);

// Code tables.
std::optional<FormOfCredit> FormFromCode(std::string_view s);
std::string_view FormCode(FormOfCredit f);
std::optional<AvailableBy> AvailableByFromCode(std::string_view s);
std::string_view AvailableByCode(AvailableBy a);
std::optional<ShipmentPermission> PermissionFromCode(std::string_view s);
std::string_view PermissionCode(ShipmentPermission p);
std::optional<ConfirmationInstruction> ConfirmationFromCode(std::string_view s);
std::string_view ConfirmationCode(ConfirmationInstruction c);
bool IsApplicableRulesCode(std::string_view s);

}  // namespace tradefin::swift_internal

#endif  // TRADEFIN_DOCUMENT_SWIFT_SWIFT_INTERNAL_H_
