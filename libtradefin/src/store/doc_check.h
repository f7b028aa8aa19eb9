// Internal: what the store needs to know about a submitted document, and
// the registry-backed TrustStore used to verify its signature.
#ifndef TRADEFIN_STORE_DOC_CHECK_H_
#define TRADEFIN_STORE_DOC_CHECK_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include "tradefin/core/result.h"
#include "tradefin/document/document.h"
#include "tradefin/document/validate.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/store/store.h"

namespace tradefin::store {

// Current state of one party (docs/formats/store.md §3.1).
struct PartyState {
  PartyPayload party;  // current name, roles and key
  bool revoked = false;
  uint64_t first = 0;
  uint64_t last = 0;
};
// Writes the version-2 row layout; decodes both layouts (§3.1).
std::string EncodePartyState(const PartyState& s);
Result<PartyState> DecodePartyState(std::string_view bytes);

// Applies one party entry (types 2-5) at log index `index` to `registry`:
// the one rule for how the registry evolves, used when appending and when
// audit replays the log. Returns "" or what is wrong (registered twice,
// update of an unknown or revoked party, not a party entry).
std::string ApplyPartyEntry(const Entry& e, uint64_t index,
                            std::map<std::string, PartyState>* registry);

// Role names as one comma-separated string ("shipper,customs-broker").
std::string JoinRoles(const std::vector<std::string>& roles);

// The party registry at one point of the log, as a TrustStore: a key is
// trusted iff it is the current key of a registered, unrevoked party; the
// TrustedKey name is the party id. Immutable once built.
class RegistryTrust final : public TrustStore {
 public:
  explicit RegistryTrust(const std::map<std::string, PartyState>& parties);
  const TrustedKey* FindKey(
      std::string_view key_name_hint,
      const std::vector<PublicKey>& keyinfo_candidates) const override;
  // The party of a trusted key id, or nullptr.
  const PartyState* PartyOfKey(std::string_view key_id) const;

 private:
  std::map<std::string, TrustedKey> by_key_id_;
  std::map<std::string, PartyState> party_by_key_id_;
};

// The outcome of checking one document (a verdict, not an error).
struct CheckedDocument {
  // Not OK when the check could not be carried out (an internal or I/O
  // failure of the validator or verifier): no verdict, the caller fails.
  Status error;
  bool ok = false;
  std::string code;    // SubmitOutcome codes when !ok
  std::string reason;
  std::string type_name;  // "" if unknown
  DocumentType type = DocumentType::kLetterOfCredit;
  std::string unique_key;                // "<type>:<natural key>"
  std::vector<std::string> identifiers;  // sorted "kind:value", §2.3
  std::string signer_party;
  std::string signer_key_id;
};

// The identity kind a document type carries ("credit", "consignment",
// "declaration", "invoice").
std::string_view IdentityKind(std::string_view type_name);

// The relation of a link from a new document of type `from_type` to an
// earlier one of `to_type` that share identifier kind `kind`; "" for none
// (docs/formats/store.md §2.4).
std::string LinkRelation(std::string_view kind, std::string_view from_type,
                         std::string_view to_type);


// A read-only view of the log before the entry whose links are resolved:
// submit answers from the database plus its open batch, audit from its
// snapshot limited to earlier indexes.
class LogView {
 public:
  virtual ~LogView() = default;
  // Indexes of the entries carrying natural key `key`, ascending.
  virtual Result<std::vector<uint64_t>> Carriers(const std::string& key) = 0;
  // An entry and its leaf hash.
  virtual Result<std::pair<Entry, Sha256Hash>> Load(uint64_t index) = 0;
};

// The links of a new document entry (docs/formats/store.md §2.4), in
// canonical order: per identifier, to the newest entry of each document
// type that carries it and is the current version of its unique key (only
// the newest 16 carriers are examined), plus `supersedes` to `amended`.
// The one home of the rule, used by submit and re-run by audit.
Result<std::vector<EntryLink>> ResolveLinks(
    const std::string& unique_key, const std::string& type_name,
    const std::vector<std::string>& identifiers,
    std::optional<uint64_t> amended, LogView* log);

// Validates, verifies the signature against `trust`, then checks the issuer
// binding (tradefin/document/issuer.h): the document must name the signer's
// party as its issuer, and the signer must hold a role that may issue it.
// Thread-safe.
class DocumentChecker {
 public:
  static Result<std::unique_ptr<DocumentChecker>> Create();
  CheckedDocument Check(std::string_view bytes, std::string_view source_name,
                        const RegistryTrust& trust) const;

 private:
  explicit DocumentChecker(std::unique_ptr<Validator> v)
      : validator_(std::move(v)) {}
  std::unique_ptr<Validator> validator_;
};

}  // namespace tradefin::store

#endif  // TRADEFIN_STORE_DOC_CHECK_H_
