// Internal: audit of financing entries (types 16 and 17), called from
// audit.cc's streaming pass (docs/formats/store.md §6).
#ifndef TRADEFIN_STORE_FINANCING_AUDIT_H_
#define TRADEFIN_STORE_FINANCING_AUDIT_H_

#include <leveldb/db.h>

#include <map>
#include <string>

#include "store/doc_check.h"
#include "tradefin/document/financing_event.h"
#include "tradefin/signing/keys.h"
#include "tradefin/store/entry.h"

namespace tradefin::store {

struct FinancingAuditState {
  // shipment key -> index of the active encumber entry (the `f` rows as the
  // log says they must be).
  std::map<std::string, uint64_t> active;
};

// Checks one financing entry; "" when fine, else what is wrong.
std::string AuditFinancingEntry(leveldb::DB* db, const leveldb::ReadOptions& ro,
                                const Entry& e, const RegistryTrust& trust,
                                const PublicKey& hub, const std::string& hub_key_id,
                                const FinancingEventReader& reader,
                                FinancingAuditState* state);

// Compares the `f` rows with `state`; "" when they agree.
std::string AuditEncumbranceRows(leveldb::DB* db, const leveldb::ReadOptions& ro,
                                 const FinancingAuditState& state);

// True if the party holds one of `roles` (empty = any role).
bool PartyHoldsRole(const PartyState& party,
                    const std::vector<std::string_view>& roles);

}  // namespace tradefin::store

#endif  // TRADEFIN_STORE_FINANCING_AUDIT_H_
