// The state one examination carries between rule groups (examine.cc runs
// the date, amount, document and consistency rules; conditions.cc maps the
// 46A/47A items). Internal.
#ifndef TRADEFIN_RULES_CONTEXT_H_
#define TRADEFIN_RULES_CONTEXT_H_

#include <string>
#include <vector>

#include "rules/internal.h"
#include "tradefin/rules/examine.h"

namespace tradefin::rules_internal {

struct Context {
  const LetterOfCredit& lc;
  const Presentation& p;
  const ExamineOptions& options;
  ExaminationReport& report;
  Date presented;
  GoodsTerms goods;

  void Add(std::string rule_id, std::string reference, Severity severity,
           DocumentRef document, std::vector<std::string> fields,
           std::string found, std::string expected) {
    Finding f;
    f.rule_id = std::move(rule_id);
    f.reference = std::move(reference);
    f.severity = severity;
    f.document = std::move(document);
    f.fields = std::move(fields);
    f.found = std::move(found);
    f.expected = std::move(expected);
    report.findings.push_back(std::move(f));
  }
  // A conflict between two presented documents (Art. 14(d)).
  void AddConflict(std::string rule_id, std::string reference,
                   Severity severity, DocumentRef document,
                   std::vector<std::string> fields, std::string found,
                   DocumentRef other, std::vector<std::string> other_fields,
                   const std::string& other_value) {
    std::string expected = other_value + " as " + other.type;
    if (!other.number.empty()) expected += " " + other.number;
    // For people: the other document's fields in words (other_fields keeps
    // the paths for programs).
    if (!other_fields.empty()) expected += " " + FieldsWords(other_fields);
    expected += " shows";
    Add(std::move(rule_id), std::move(reference), severity,
        std::move(document), std::move(fields), std::move(found),
        std::move(expected));
    report.findings.back().other_document = std::move(other);
    report.findings.back().other_fields = std::move(other_fields);
  }
  // The finding already reported with `rule_id` on `document`, or null: a
  // later rule finding the same defect adds to it instead of repeating it.
  Finding* Existing(std::string_view rule_id, const DocumentRef& document) {
    for (Finding& f : report.findings) {
      if (f.rule_id == rule_id && f.document.type == document.type &&
          f.document.number == document.number)
        return &f;
    }
    return nullptr;
  }
  void Unmapped(const std::string& field, int item, const std::string& text,
                const std::string& part, const std::string& rule_id,
                const std::string& reference) {
    report.unmapped.push_back(UnmappedItem{field, item, text, part});
    Add(rule_id, reference, Severity::kManualCheck,
        DocumentRef{"letter-of-credit", lc.credit_number}, {field},
        field + " item " + std::to_string(item) + " \"" + text + "\"",
        part == text ? "a person to check it (no rule maps this item)"
                     : "a person to check the words no rule maps: " + part);
  }
  void Ignore(const std::string& field, int item, const std::string& text,
              const std::string& reason) {
    report.ignored.push_back(IgnoredItem{field, item, text, reason});
  }
};

inline DocumentRef RefOf(const RailWaybill& w) {
  return {"rail-waybill", w.consignment_number};
}
inline DocumentRef RefOf(const CommercialInvoice& i) {
  return {"commercial-invoice", i.invoice_number};
}
inline DocumentRef RefOf(const CustomsDeclaration& c) {
  return {"customs-declaration", c.declaration_number};
}

// Art. 14(d) across documents (consistency.cc).
void CheckConsistency(Context& ctx);

// 46A / 47A mapping (conditions.cc).
void ExamineDocumentsRequired(Context& ctx);
void ExamineAdditionalConditions(Context& ctx);

}  // namespace tradefin::rules_internal

#endif  // TRADEFIN_RULES_CONTEXT_H_
