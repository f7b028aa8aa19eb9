// Store entries: the canonical, length-prefixed binary record that is one
// leaf of the store's RFC 9162 Merkle log (docs/formats/store.md §2).
//
// Encoding is deterministic: EncodeEntry(e) always yields the same bytes,
// and DecodeEntry accepts only bytes EncodeEntry could have produced. An
// entry can therefore be checked without the database (guarantor bundles):
// recompute EntryLeafHash over the exact bytes and check inclusion.
//
//   std::string bytes = tradefin::EncodeEntry(entry);
//   auto back = tradefin::DecodeEntry(bytes);   // kCorruption if malformed
//
// Thread safety: plain value types and pure functions.
#ifndef TRADEFIN_STORE_ENTRY_H_
#define TRADEFIN_STORE_ENTRY_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/hash.h"
#include "tradefin/core/result.h"

namespace tradefin {

// Sha256Hash and HashHex: tradefin/core/hash.h.

// The entry format version this library writes (docs/formats/store.md §2).
// Decoders accept every version ever written (1 and 2): entries are
// immutable in the log, so old ones keep their old layout forever.
inline constexpr uint16_t kEntryFormatVersion = 2;

// Entry type codes (docs/formats/store.md §2.1). Reserved codes are listed
// so that future versions keep them; version 1 has only 1..4, version 2
// adds 5 (party-roles), 16 (financing-event) and 17 (encumbrance).
enum class EntryType : uint16_t {
  kDocument = 1,
  kPartyRegistration = 2,
  kPartyKeyRotation = 3,
  kPartyRevocation = 4,
  kPartyRoles = 5,  // version 2 on: a party's role set replaced
  kFinancingEvent = 16,  // version 2 on: signed event XML as blob (§6.1)
  kEncumbrance = 17,     // version 2 on: hub-made, EncumbrancePayload (§6.2)
  kMapRoot = 18,         // reserved
};

// "document", "party-registration", "party-key-rotation",
// "party-revocation", "party-roles", "financing-event", "encumbrance", "map-root".
TRADEFIN_EXPORT std::string_view EntryTypeName(EntryType type);

// A typed link from an entry to an earlier one (§2.4).
struct EntryLink {
  std::string relation;  // e.g. "cites-credit", "supersedes"
  uint64_t target_index = 0;
  Sha256Hash target_leaf_hash{};
};

// Payload of party entries (§2.2).
struct PartyPayload {
  std::string party_id;
  std::string name;  // "" in rotation, revocation and role change
  // Role names (PartyRoleName), sorted by PartyRole value, no duplicates.
  // Registration and role change: at least one; rotation and revocation:
  // none. A version-1 entry holds exactly one (registration) or none.
  std::vector<std::string> roles;
  std::string public_key_spki;  // DER; "" in revocation and role change
};

// Payload of encumbrance entries (§6.2).
struct EncumbrancePayload {
  std::string action;          // "encumber" | "release"
  uint64_t pledge = 0;         // index of the approve (pledge) event entry
  uint64_t financed = 0;       // index of the financed document entry
  std::string bank;            // party id of the pledgee
  std::string currency;        // ISO 4217
  uint64_t amount = 0;         // pledged amount, minor units
  int64_t pledged_ms = 0;      // the pledge event's time
};

struct Entry {
  // 1 or 2. Writers set kEntryFormatVersion; version 1 is decoded (and
  // re-encoded, byte for byte) only for entries written before version 2.
  uint16_t version = kEntryFormatVersion;
  std::string origin;
  uint64_t index = 0;
  int64_t time_ms = 0;
  EntryType type = EntryType::kDocument;
  std::string submitter_party;   // "" for hub-made (party) entries
  std::string submitter_key_id;  // lowercase hex SHA-256 of SPKI DER
  std::string document_type;     // "" for non-document entries
  std::vector<std::string> natural_keys;  // [0] = unique key
  std::vector<EntryLink> links;
  Sha256Hash prev_leaf_hash{};   // zeros for index 0
  Sha256Hash document_sha256{};  // zeros when there is no document
  PartyPayload party;            // party entries only; encoded as payload
  EncumbrancePayload encumbrance;  // encumbrance entries only; payload
  std::string hub_signature;     // party entries: Ed25519, 64 bytes
};

// The canonical bytes of `entry` (§2). Party entries encode `party` and
// encumbrance entries `encumbrance` as the payload; other types encode an
// empty payload.
TRADEFIN_EXPORT std::string EncodeEntry(const Entry& entry);

// The bytes the hub signs for party and encumbrance entries (§2.5):
// "tradefin/entry/v1\n" followed by every entry byte before the
// hub_signature field.
TRADEFIN_EXPORT std::string EntrySigningInput(const Entry& entry);

// Parses canonical entry bytes of any version ever written. kCorruption
// (naming the field) for bad magic, unknown version or type (for that
// version), a party payload whose roles are unknown, unsorted, repeated or
// missing, truncation or trailing bytes.
TRADEFIN_EXPORT Result<Entry> DecodeEntry(std::string_view bytes);

// RFC 9162 leaf hash: SHA-256(0x00 || entry_bytes).
TRADEFIN_EXPORT Sha256Hash EntryLeafHash(std::string_view entry_bytes);

}  // namespace tradefin

#endif  // TRADEFIN_STORE_ENTRY_H_
