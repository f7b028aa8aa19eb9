// Assembling an examination presentation from a store (moved here from the
// CLI so that embedders and `tradefin examine --credit` agree).
#include "tradefin/workflow/presentation.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>
#include <variant>

namespace tradefin {

Result<AssembledPresentation> AssemblePresentation(
    const Store& store, const Validator& validator,
    std::string_view credit_number) {
  const std::string number(credit_number);
  Result<std::vector<uint64_t>> citing = store.History("credit:" + number);
  if (!citing.ok()) return citing.status();
  std::set<uint64_t> candidates(citing->begin(), citing->end());
  for (uint64_t index : *citing) {
    Result<Entry> entry = store.GetEntry(index);
    if (!entry.ok()) return entry.status();
    for (const EntryLink& l : entry->links) {
      if (l.relation == "cites-credit" || l.relation == "ships-under" ||
          l.relation == "declares-consignment" ||
          l.relation == "cites-declaration")
        candidates.insert(l.target_index);
    }
  }
  // Unique key -> newest index seen among the candidates.
  std::map<std::string, uint64_t> latest;
  for (uint64_t index : candidates) {
    Result<Entry> entry = store.GetEntry(index);
    if (!entry.ok()) return entry.status();
    if (entry->document_type.empty() || entry->natural_keys.empty()) continue;
    uint64_t& slot = latest[entry->natural_keys[0]];
    slot = std::max(slot, index);
  }
  AssembledPresentation out;
  bool have_credit = false;
  for (const auto& [key, index] : latest) {
    // A later version of the same document (an amendment not itself citing
    // the credit) supersedes the one found through the links.
    Result<std::vector<uint64_t>> all = store.History(key);
    if (!all.ok()) return all.status();
    uint64_t newest = all->empty() ? index : std::max(index, all->back());
    Result<std::string> bytes = store.GetDocument(newest);
    if (!bytes.ok()) return bytes.status();
    std::string name = "entry " + std::to_string(newest);
    Result<Document> doc = validator.Parse(*bytes, name);
    if (!doc.ok()) return doc.status();
    switch (doc->type) {
      case DocumentType::kLetterOfCredit: {
        auto& lc = std::get<LetterOfCredit>(doc->model);
        if (lc.credit_number != number) continue;
        out.credit = std::move(lc);
        have_credit = true;
        break;
      }
      case DocumentType::kRailWaybill:
        out.presentation.waybills.push_back(
            std::get<RailWaybill>(std::move(doc->model)));
        break;
      case DocumentType::kCommercialInvoice:
        out.presentation.invoices.push_back(
            std::get<CommercialInvoice>(std::move(doc->model)));
        break;
      case DocumentType::kCustomsDeclaration:
        out.presentation.customs_declarations.push_back(
            std::get<CustomsDeclaration>(std::move(doc->model)));
        break;
    }
    out.documents.push_back(GatheredDocument{newest, doc->type, key});
  }
  if (!have_credit) {
    return Status::NotFound("no letter of credit with number " + number +
                            " linked from the documents citing it");
  }
  return out;
}

}  // namespace tradefin
