// Examine: checks a presentation of documents against a documentary credit
// under UCP 600 and ISBP 821 (the rules and their ids are listed in
// docs/reference/examination-rules.md; the guide is docs/guide/examination.md).
//
//   tradefin::Presentation p;
//   p.waybills.push_back(waybill);
//   p.invoices.push_back(invoice);
//   p.other_documents = {"packing list", "certificate of origin"};
//   p.presentation_date = tradefin::Date{2025, 5, 28};
//   auto report = tradefin::Examine(credit, p, {});
//   if (!report.ok()) return report.status();   // could not examine
//   if (report->verdict == tradefin::Verdict::kDiscrepant) ...
//
// The verdict is data: a discrepant presentation still returns OK. Only
// input that makes examination impossible (no presentation date, a credit
// without a valid expiry date) gives a non-OK Status.
//
// The examiner never claims plain "complying" while any credit item was not
// mapped to a check: such items are reported as kManualCheck findings and
// the verdict becomes kComplyingSubjectToManualCheck.
//
// Thread safety: Examine is a pure function of its arguments and may run on
// several threads at once.
#ifndef TRADEFIN_RULES_EXAMINE_H_
#define TRADEFIN_RULES_EXAMINE_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/export.h"
#include "tradefin/core/money.h"
#include "tradefin/core/result.h"
#include "tradefin/document/commercial_invoice.h"
#include "tradefin/document/customs_declaration.h"
#include "tradefin/document/letter_of_credit.h"
#include "tradefin/document/rail_waybill.h"
#include "tradefin/rules/calendar.h"
#include "tradefin/rules/finding.h"

namespace tradefin {

// A draft (bill of exchange) presented under the credit (42C/42a).
struct Draft {
  // The drawee as written on the draft: a BIC, or a name (and place).
  std::string drawee;
  // The tenor as written, e.g. "AT SIGHT", "60 DAYS AFTER SIGHT".
  std::string tenor;
  // The amount drawn; unset when the draft shows none.
  std::optional<Money> amount;
};

// A financing fact about a presented document: the document was pledged to,
// or financed by, a bank under some facility. Built by the caller (e.g. from
// the store's financing and encumbrance entries); the examiner only judges.
struct DocumentEncumbrance {
  // The presented document concerned, as in Finding::document
  // ("rail-waybill" and its consignment number, ...).
  DocumentRef document;
  // "pledge" or "financing".
  std::string kind;
  // The facility (financing agreement, credit line, or credit number) the
  // document is pledged or financed under. A fact naming this credit's own
  // number (field 20) is the presentation's own financing, not "another
  // facility".
  std::string facility;
  std::string bank;      // pledgee or financing bank (BIC or name)
  Money amount;          // amount secured or advanced
  Date date;             // when it was pledged or financed
  // Where the fact comes from, e.g. "store entry 42"; may be empty.
  std::string source;
};

// The documents presented under one credit.
struct Presentation {
  std::vector<RailWaybill> waybills;
  std::vector<CommercialInvoice> invoices;
  std::vector<CustomsDeclaration> customs_declarations;
  // Documents presented for which tradefin has no model, by the name the
  // credit uses, e.g. "packing list", "certificate of origin", "insurance
  // certificate". They count as present for 46A; their content is reported
  // as a manual check.
  std::vector<std::string> other_documents;
  // The day the documents were presented. If unset, ExamineOptions'
  // presentation_date is used.
  std::optional<Date> presentation_date;
  // Drafts presented, checked against 42C (tenor), 42a (drawee) and the
  // amount drawn where the credit calls for a draft. nullopt = not known to
  // the caller: 42C/42a are then listed as ignored items, not checked.
  // An empty vector = known: no draft was presented.
  std::optional<std::vector<Draft>> drafts;
  // Financing facts about the presented documents, for a 47A condition such
  // as "the consignment note must not have been pledged or financed under
  // any other facility". nullopt = unknown: the condition stays a manual
  // check. A vector (possibly empty) = known: the condition is judged; a
  // presented document pledged or financed under another facility is a
  // discrepancy naming the source, bank, amount and date.
  std::optional<std::vector<DocumentEncumbrance>> encumbrances;
};

struct ExamineOptions {
  // Presentation date used when the Presentation has none.
  // Default: unset (then Presentation::presentation_date is required).
  std::optional<Date> presentation_date;
  // Banking days at the place of presentation (UCP 600 Art. 29(a)).
  // Default: Saturday and Sunday closed, no holidays.
  Calendar calendar;
  // Where the documents were presented (city and/or country, free text),
  // compared with the 31D place of expiry. Default: empty, meaning the 31D
  // place is not checked (the report says so as an ignored item).
  std::string presentation_place;
};

enum class Verdict {
  kComplying,                      // no discrepancy, nothing left unchecked
  kComplyingSubjectToManualCheck,  // no discrepancy, but manual checks remain
  kDiscrepant,                     // at least one discrepancy
};

// "complying", "complying-subject-to-manual-check", "discrepant".
TRADEFIN_EXPORT std::string_view VerdictName(Verdict verdict);

struct TRADEFIN_EXPORT ExaminationReport {
  Verdict verdict = Verdict::kComplying;
  std::string credit_number;
  Date presentation_date;
  // The last day for presentation (UCP 600 Art. 14(c), 29(a)): for each
  // presented transport document, its shipment date plus the presentation
  // period (field 48, or 21 days when the credit gives none) moved to the
  // next banking day; the earliest of those, and never later than
  // effective_expiry_date. Unset when no transport document was presented.
  std::optional<Date> last_presentation_day;
  // The expiry date after an Art. 29(a) move.
  Date effective_expiry_date;
  // In the order the rules ran (dates, amounts, documents, consistency,
  // credit items).
  std::vector<Finding> findings;
  std::vector<UnmappedItem> unmapped;
  std::vector<IgnoredItem> ignored;

  int CountSeverity(Severity severity) const;
};

// Examines `presentation` against `credit`.
// Errors: kInvalidArgument if no presentation date is known, or the credit
// has no valid expiry date or amount currency (nothing can be examined).
TRADEFIN_EXPORT Result<ExaminationReport> Examine(
    const LetterOfCredit& credit, const Presentation& presentation,
    const ExamineOptions& options);

// The report as text for people, the form `tradefin examine` prints,
// word-wrapped to 80 columns (continuation lines indented):
//   verdict: <verdict words>
//   credit <number>, presented <date>, expiry <date>, last day ...
//   <blank line, then for each finding:>
//   <severity> <RULE-ID> [<reference>]
//     <doc type> <doc no>: <fields, in words: "presentation place">
//     found:    X
//     expected: Y
//     consequently: Z            (one line per consequence, if any)
//   <blank line, then:>
//   ignored <field> item <n> "<text>": <reason>
// Stable: golden tests compare it byte for byte. Programs should read the
// report itself (or `tradefin examine --json`), not this text.
TRADEFIN_EXPORT std::string FormatReportText(const ExaminationReport& report);
// Writes FormatReportText(report): `std::cout << report` prints what
// `tradefin examine` prints.
TRADEFIN_EXPORT std::ostream& operator<<(std::ostream& os, const ExaminationReport& report);

}  // namespace tradefin

#endif  // TRADEFIN_RULES_EXAMINE_H_
