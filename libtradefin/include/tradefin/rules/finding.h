// Finding: one result of examining a presentation against a credit.
//
// A finding names a stable rule id (docs/reference/examination-rules.md),
// the UCP 600 article or ISBP 821 paragraph it rests on, the document and
// field(s) concerned, and what was found against what was expected.
//
// Thread safety: plain value types.
#ifndef TRADEFIN_RULES_FINDING_H_
#define TRADEFIN_RULES_FINDING_H_

#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"

namespace tradefin {

enum class Severity {
  kDiscrepancy,  // the presentation does not comply on this point
  kWarning,      // worth a look; does not make the presentation discrepant
  kManualCheck,  // tradefin could not decide; a person must check it
};

// "discrepancy", "warning", "manual-check".
TRADEFIN_EXPORT std::string_view SeverityName(Severity severity);

// Which document a finding is about.
struct DocumentRef {
  // "letter-of-credit", "rail-waybill", "commercial-invoice",
  // "customs-declaration", "presentation" (the presentation as a whole), or
  // the declared name of a document without a model (e.g. "packing list").
  std::string type;
  // The document's own number (credit number, consignment number, invoice
  // number, declaration number); empty when it has none.
  std::string number;
};

struct Finding {
  std::string rule_id;    // stable, e.g. "UCP14C-PRESENTATION-PERIOD"
  std::string reference;  // e.g. "UCP 600 Art. 14(c), 29(a)"
  Severity severity = Severity::kDiscrepancy;
  DocumentRef document;
  // Where in `document` the finding is. For a document: paths into its
  // model, snake_case members joined by '.', list items as [i] with i the
  // 0-based position in the model's list (not a line number)
  // ("departure_date", "seller.name", "goods[0].description"). For the
  // presentation itself (document.type "presentation"): "presentation_date"
  // or "presentation_place" (the ExamineOptions members). For a credit
  // item: its tag and item ("46A item 3", "47A"). Programs match on these;
  // FormatReportText prints them as words ("seller name").
  std::vector<std::string> fields;
  std::string found;     // what the document shows
  std::string expected;  // what the credit (or the rule) asks for
  // Data conflicting across documents (UCP 600 Art. 14(d)): the other
  // document and its field(s); `expected` then quotes that document's value.
  // Empty type for every other finding.
  DocumentRef other_document;
  std::vector<std::string> other_fields;
  // What follows from this defect and is therefore not reported as a
  // finding of its own: one defect is one discrepancy (a refusal lists each
  // discrepancy once, UCP 600 Art. 16(c)(ii)). E.g. the invoice total over
  // the credit amount when the cause is an excess quantity.
  std::vector<std::string> consequences;
};

// A 45A/46A/47A item (or part of one) that no rule could map to a check.
// Each one is also reported as a kManualCheck finding.
struct UnmappedItem {
  std::string field;          // "45A", "46A", "47A" or "44D"
  int item = 0;               // 1-based item number within the field
  std::string text;           // the whole item, lines joined by spaces
  std::string unmapped_part;  // the words no rule consumed
};

// A credit item, or part of one, that was recognised and deliberately not
// checked, with the reason (e.g. a non-documentary condition, UCP 600
// Art. 14(h)).
struct IgnoredItem {
  std::string field;   // "46A" or "47A"
  int item = 0;        // 1-based
  std::string text;    // the phrase ignored
  std::string reason;  // e.g. "not a documentary condition (UCP 600 Art. 14(h))"
};

}  // namespace tradefin

#endif  // TRADEFIN_RULES_FINDING_H_
