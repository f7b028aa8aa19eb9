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

Result<std::vector<DocumentEncumbrance>> FinancingFacts(
    const Financing& financing, const Presentation& presentation) {
  // Waybills first: the consignment note is what a 47A condition names, and
  // a pledge encumbers the whole shipment, so it is reported once, against
  // the first document it reaches (one defect, one discrepancy).
  std::vector<std::pair<DocumentRef, std::string>> identities;
  for (const RailWaybill& w : presentation.waybills)
    identities.push_back({{"rail-waybill", w.consignment_number},
                          "consignment:" + w.consignment_number});
  for (const CommercialInvoice& i : presentation.invoices)
    identities.push_back({{"commercial-invoice", i.invoice_number},
                          "invoice:" + i.invoice_number});
  for (const CustomsDeclaration& d : presentation.customs_declarations)
    identities.push_back({{"customs-declaration", d.declaration_number},
                          "declaration:" + d.declaration_number});
  std::vector<DocumentEncumbrance> facts;
  std::set<uint64_t> reported;
  for (const auto& [ref, key] : identities) {
    Result<std::vector<PledgeFinding>> pledges = financing.FindPledges({key});
    if (!pledges.ok()) return pledges.status();
    for (const PledgeFinding& p : *pledges) {
      if (!reported.insert(p.pledge_entry).second) continue;
      DocumentEncumbrance f;
      f.document = ref;
      f.kind = "pledge";
      f.facility = "financing of store entry " + std::to_string(p.financed);
      f.bank = p.bank;
      f.amount = p.amount;
      f.date = Date::FromDays(p.pledged_ms / 86400000);
      f.source = "store entry " + std::to_string(p.pledge_entry) +
                 (p.active ? " (pledge active)" : " (pledge released)");
      facts.push_back(std::move(f));
    }
  }
  return facts;
}

}  // namespace tradefin
