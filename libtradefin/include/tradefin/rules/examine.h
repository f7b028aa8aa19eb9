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

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/document/commercial_invoice.h"
#include "tradefin/document/customs_declaration.h"
#include "tradefin/document/letter_of_credit.h"
#include "tradefin/document/rail_waybill.h"
#include "tradefin/rules/calendar.h"
#include "tradefin/rules/finding.h"

namespace tradefin {

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
  // The last day for presentation after Art. 29(a) moves: the earlier of
  // (earliest shipment date + 48 days) and the expiry date, each moved to
  // the next banking day. Unset when no transport document was presented.
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

// The report as text, the form `tradefin examine` prints:
//   verdict: <verdict words>
//   credit <number>, presented <date>, expiry <date>, last day ...
//   <severity> <RULE-ID> [<reference>] <doc type> <doc no> <fields>: found X, expected Y
//   ignored <field> item <n>: "<text>": <reason>
// Stable: golden tests compare it byte for byte.
TRADEFIN_EXPORT std::string FormatReportText(const ExaminationReport& report);

}  // namespace tradefin

#endif  // TRADEFIN_RULES_EXAMINE_H_
