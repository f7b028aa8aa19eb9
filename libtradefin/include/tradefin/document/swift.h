// SWIFT FIN messages for documentary credits: import of an MT700 (issue of a
// documentary credit) with its MT701 continuations, export back to FIN text,
// import of an MT707 amendment with its MT708 continuations, and the
// LetterOfCredit -> LC XML writer.
//
// Layout: SR2018+ (the SRU2020-24 MT700/MT701/MT707). Field by field mapping:
// docs/formats/swift-mapping.md.
//
//   std::string fin = ReadFile("lc.fin");
//   auto imported = tradefin::ImportMt700({fin}, {});
//   if (!imported.ok()) return imported.status();   // could not run at all
//   for (const auto& issue : imported->issues)      // message is wrong
//     std::cerr << tradefin::FormatSwiftIssue(issue, "lc.fin") << "\n";
//   if (imported->lc) UseCredit(*imported->lc);
//
// A broken message is a *verdict*, not a failure: every problem found is a
// SwiftIssue in the result, and an import with any issue carries no model.
//
// Thread safety: free functions on plain values; safe to call concurrently.
#ifndef TRADEFIN_DOCUMENT_SWIFT_H_
#define TRADEFIN_DOCUMENT_SWIFT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/export.h"
#include "tradefin/core/money.h"
#include "tradefin/core/result.h"
#include "tradefin/document/letter_of_credit.h"

namespace tradefin {

// One problem in a FIN message.
struct SwiftIssue {
  // 0-based index of the message in the input (0 = the MT700 or MT707,
  // 1.. = MT701 or MT708 continuations in the order given).
  int message_index = 0;
  int line = 0;     // 1-based line in that message's text; 0 when unknown
  int column = 0;   // 1-based column (characters); 0 when unknown
  std::string tag;  // field tag such as "32B" or "41a"; "" for the envelope
  // Stable rule id, e.g. "charset", "line-length", "order", "D06", "C90".
  // The full list is in docs/formats/swift-mapping.md.
  std::string rule;
  std::string message;   // what is wrong, one sentence
  std::string expected;  // what was expected instead
};

// "file:line:col: TAG: rule: message (expected ...)". `source_name` is the
// file name to print for this issue's message.
TRADEFIN_EXPORT std::string FormatSwiftIssue(const SwiftIssue& issue,
                                             std::string_view source_name);

struct SwiftOptions {
  // Accept LF-only line breaks as well as CRLF (files edited by hand).
  // Default: true.
  bool allow_lf = true;
  // Accept output messages (block 2 "O700..."), where the sender is taken
  // from the MIR and the receiver from block 1. Default: true.
  bool allow_output_messages = true;
  // Upper bound on the bytes of one message, checked before parsing; the
  // 10,000-character block 4 limit is checked separately as an issue.
  // Default: 64 KiB.
  std::size_t max_message_bytes = 64 * 1024;
};

struct Mt700Import {
  // The credit, present only when `issues` is empty.
  std::optional<LetterOfCredit> lc;
  std::vector<SwiftIssue> issues;
  bool ok() const { return issues.empty() && lc.has_value(); }
};

// Parses an MT700 (`messages[0]`) and up to 7 MT701 continuations
// (`messages[1..]`, in sequence order) into a LetterOfCredit: FIN blocks
// 1-5, the X and Z character sets, line lengths and counts, mandatory fields,
// field order, codes and the network validated rules (C90, D06, 42C with
// 42a, 58a only with CONFIRM or MAY ADD). The issuing bank is the sender and
// the advising bank the receiver of the MT700.
// Returns kInvalidArgument only when `messages` is empty or a message is
// larger than options.max_message_bytes; everything else is an issue.
TRADEFIN_EXPORT Result<Mt700Import> ImportMt700(
    const std::vector<std::string_view>& messages, const SwiftOptions& options);

struct SwiftExportOptions {
  // Block 2 priority: 'N' (normal) or 'U' (urgent). Default: 'N'.
  char priority = 'N';
  // Block 3 field 108 (message user reference, up to 16x); empty = no
  // block 3. Default: empty.
  std::string user_reference;
  // Sender's logical terminal code (9th character of its LT address in
  // block 1); the receiver in block 2 always gets 'X'. Default: 'A'.
  char lt_code = 'A';
};

// Writes `lc` as FIN text with CRLF line breaks: one MT700 and, when the
// long narratives (45A, 46A, 47A, 49G, 49H) do not fit in its 10,000
// character block 4, MT701 continuations. Result[0] is the MT700.
// Errors: kInvalidArgument naming the field when the credit cannot be
// expressed in FIN (a line longer than its field allows, a character
// outside the field's character set, too many lines, a missing mandatory
// value, more than 8 messages needed).
TRADEFIN_EXPORT Result<std::vector<std::string>> ExportMt700(
    const LetterOfCredit& lc, const SwiftExportOptions& options);

// Amendment details of an MT707 that are about the amendment itself rather
// than the credit.
struct Mt707Amendment {
  std::string sender_reference;         // 20
  std::string receiver_reference;       // 21 (may be "NONREF")
  std::string issuing_bank_reference;   // 23, the credit number
  std::optional<Bank> issuing_bank;     // 52a (when not the sender)
  TextLines non_bank_issuer;            // 50B
  Date issue_date;                      // 31C
  int amendment_number = 0;             // 26E
  Date amendment_date;                  // 30
  std::string purpose;                  // 22A: ISSU, ACNF, ADVI or ICCO
  bool cancellation_requested = false;  // 23S CANCEL
  std::optional<Money> increase;        // 32B
  std::optional<Money> decrease;        // 33B
  std::string charges_payable_by;       // 71N code: APPL, BENE or OTHR
  TextLines charges_payable_narrative;  // 71N narrative (OTHR)
};

struct Mt707Import {
  // The original credit with the amendment applied; present only when
  // `issues` is empty.
  std::optional<LetterOfCredit> amended;
  Mt707Amendment amendment;
  std::vector<SwiftIssue> issues;
  bool ok() const { return issues.empty() && amended.has_value(); }
};

// Applies an MT707 (SR2018+) to `original`. Field 23 (issuing bank's
// reference) must equal original.credit_number. 32B/33B increase/decrease
// the amount (same currency); 45B/46B/47B/49M/49N amend 45A/46A/47A/49G/49H
// with /ADD/ (append), /DELETE/ (remove the given lines) and /REPALL/
// (replace all); every other field replaces the original value. Amendment
// metadata (26E, 30, 22A, 23S, 71N, ...) is returned in `amendment`.
// Returns kInvalidArgument only when the message exceeds
// options.max_message_bytes; everything else is an issue.
TRADEFIN_EXPORT Result<Mt707Import> ImportMt707(std::string_view message,
                                                const LetterOfCredit& original,
                                                const SwiftOptions& options);

// Applies an MT707 and its MT708 continuations (SR2018 splits an amendment
// whose 45B/46B/47B/49M/49N narratives do not fit into one MT707 into an
// MT707 plus up to 7 MT708s). `messages[0]` is the MT707, `messages[1..]`
// the MT708s in sequence order; field 27 of each must be its position
// ("1/3", "2/3", "3/3"), and each MT708 must repeat the MT707's fields 20,
// 21, 23, 26E and 30. The MT708 narrative amendments apply after the
// MT707's, in order. Issues name the message by `message_index` (0 = the
// MT707). With one message this is ImportMt707.
// Returns kInvalidArgument only when `messages` is empty or has more than 8
// messages, or a message exceeds options.max_message_bytes.
TRADEFIN_EXPORT Result<Mt707Import> ImportMt707Sequence(
    const std::vector<std::string_view>& messages,
    const LetterOfCredit& original, const SwiftOptions& options);

// The credit as LC XML (schemas/letter-of-credit.xsd, namespace
// urn:tradefin:lc:1), UTF-8, with a root Id "lc-<credit number>" (characters
// not allowed in an XML ID replaced by '_'). Elements follow the schema
// order; empty optional values are omitted. Output is deterministic, so two
// credits are equal exactly when their XML is equal.
TRADEFIN_EXPORT std::string LetterOfCreditToXml(const LetterOfCredit& lc);

// ISO 3166 alpha-2 code for an English country name as written in SWIFT
// addresses ("CHINA" -> "CN"), or "" when not in tradefin's table.
TRADEFIN_EXPORT std::string_view CountryCodeFromName(std::string_view name);

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_SWIFT_H_
