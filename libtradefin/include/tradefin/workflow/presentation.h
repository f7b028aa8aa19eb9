// AssemblePresentation: gathers, from a store, what a bank would examine for
// one credit: the credit itself and the latest version of every document
// citing it or linked from a document citing it. `tradefin examine --credit`
// calls this, so an embedder gets exactly the CLI's behaviour.
//
//   auto store = tradefin::Store::Open(opts);
//   auto validator = tradefin::Validator::Create({});
//   auto assembled = tradefin::AssemblePresentation(**store, **validator,
//                                                   "DEL25LC0001234");
//   if (!assembled.ok()) return assembled.status();
//   assembled->presentation.presentation_date = tradefin::Date{2025, 5, 28};
//   auto report = tradefin::Examine(assembled->credit,
//                                   assembled->presentation, {});
//
// What is gathered: the entries under the natural key "credit:<number>"
// (documents that cite the credit), plus the targets of their links with
// relation cites-credit, ships-under, declares-consignment or
// cites-declaration. For each unique natural key only the newest entry is
// used (an amendment supersedes the original). Each gathered document is
// parsed and validated again; a letter of credit with another number is
// skipped.
//
// The presentation date, drafts, documents without a model and the
// financing facts (Presentation::encumbrances) are not in the store's
// document entries; the caller sets them.
//
// Thread safety: a free function; safe to call concurrently if the store and
// validator are (both are, for reading).
#ifndef TRADEFIN_WORKFLOW_PRESENTATION_H_
#define TRADEFIN_WORKFLOW_PRESENTATION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/document/document.h"
#include "tradefin/document/letter_of_credit.h"
#include "tradefin/document/validate.h"
#include "tradefin/rules/examine.h"
#include "tradefin/store/store.h"
#include "tradefin/workflow/financing.h"

namespace tradefin {

// One store entry that went into the presentation.
struct GatheredDocument {
  uint64_t entry_index = 0;
  DocumentType type = DocumentType::kLetterOfCredit;
  std::string natural_key;  // the entry's unique key, e.g. "lc:DEL25LC0001234"
};

struct AssembledPresentation {
  LetterOfCredit credit;
  // Waybills, invoices and customs declarations from the store; nothing
  // else is set.
  Presentation presentation;
  // In the order they were added: by unique natural key.
  std::vector<GatheredDocument> documents;
};

// Errors: kNotFound when no letter of credit with `credit_number` is among
// the gathered entries; a store read error as returned by the store; a
// stored document that no longer validates is kInvalidArgument naming the
// entry ("entry 12: ...").
TRADEFIN_EXPORT Result<AssembledPresentation> AssemblePresentation(
    const Store& store, const Validator& validator,
    std::string_view credit_number);

// The financing facts for UCP 600 examination of a credit condition such as
// 47A "the consignment note must not have been pledged or financed under any
// other facility": every pledge the store records against the identity of a
// presented document (consignment, invoice or declaration number), active
// or released, reported once per pledge, against the first presented
// document (waybills first) whose identity it encumbers. Set the result as
// `Presentation::encumbrances`; leaving that unset keeps the condition a
// manual check. Errors: a store read error as returned by the store.
TRADEFIN_EXPORT Result<std::vector<DocumentEncumbrance>> FinancingFacts(
    const Financing& financing, const Presentation& presentation);

}  // namespace tradefin

#endif  // TRADEFIN_WORKFLOW_PRESENTATION_H_
