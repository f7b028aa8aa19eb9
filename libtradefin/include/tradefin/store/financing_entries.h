// Store support for financing: appending a signed financing event (entry
// type 16) together with the encumbrance entry (type 17) it creates or ends,
// and O(1) lookups of active encumbrances by shipment key
// (docs/formats/store.md §6). The state machine that decides *whether* a
// step is allowed lives in tradefin/workflow/financing.h, which calls these;
// the store enforces what it can check atomically under its write lock
// (signature, signer = actor, role, chain head, encumbrance conflicts).
//
// Thread safety: plain value types.
#ifndef TRADEFIN_STORE_FINANCING_ENTRIES_H_
#define TRADEFIN_STORE_FINANCING_ENTRIES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tradefin/core/money.h"
#include "tradefin/store/entry.h"

namespace tradefin {

// An active pledge over a shipment, as recorded by its encumber entry.
struct EncumbranceInfo {
  std::string key;            // the shipment key that matched, "consignment:..."
  uint64_t entry = 0;         // the encumber entry (type 17)
  uint64_t pledge_entry = 0;  // the approve event entry
  uint64_t financed = 0;      // the financed document entry
  std::string bank;           // pledgee party id
  Money amount;               // pledged amount
  int64_t pledged_ms = 0;     // time of the pledge event
};

struct FinancingAppend {
  // The signed event XML, exactly as it will be stored.
  std::string event_xml;
  // Shipment keys (docs/formats/store.md §6.2) to check: the append is
  // refused (code DOUBLE-FINANCING) if any carries an active encumbrance.
  // Default: none.
  std::vector<std::string> check_keys;
  // Create an encumbrance over `check_keys` pledged by this (approve) event,
  // for `pledged` (the approved amount). Default: false.
  bool encumber = false;
  Money pledged;
  // End the active encumbrance created by the approve event at this index
  // (a release). Default: none.
  std::optional<uint64_t> release_pledge;
};

struct FinancingAppendReport {
  bool accepted = false;
  // When refused: "INVALID-EVENT", "SIGNATURE-INVALID", "SIGNER-UNKNOWN",
  // "SIGNER-NOT-ACTOR", "ROLE-NOT-ALLOWED", "FINANCED-MISMATCH",
  // "STALE-CHAIN", "DOUBLE-FINANCING", "NO-ENCUMBRANCE"; and a sentence.
  std::string code;
  std::string reason;
  std::optional<EncumbranceInfo> conflict;  // DOUBLE-FINANCING
  // Accepted: the event entry, and the encumbrance entry when one was
  // written (EntryRef is not used here so this header stands alone).
  uint64_t event_index = 0;
  Sha256Hash event_leaf_hash{};
  std::optional<uint64_t> encumbrance_index;
  uint64_t tree_size = 0;
};

}  // namespace tradefin

#endif  // TRADEFIN_STORE_FINANCING_ENTRIES_H_
