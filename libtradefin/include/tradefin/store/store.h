// Store: the hub's tamper-evident, append-only log of trade documents and
// party registrations (RFC 9162 Merkle tree + hash chain, C2SP signed
// checkpoints), kept in LevelDB. Formats: docs/formats/store.md. Guide:
// docs/guide/store.md.
//
//   tradefin::Runtime runtime;
//   tradefin::CreateStoreOptions create;
//   create.dir = "tradefin-store";
//   create.origin = "example.org/tradefin/hub-1";
//   auto store = tradefin::Store::Create(create);     // kAlreadyExists...
//   if (!store.ok()) return store.status();
//   auto report = (*store)->Submit({{"lc.xml", lc_bytes}}, {});
//   if (!report.ok()) return report.status();       // could not run
//   if (!report->accepted) ...                      // verdict: rejected
//
// Errors vs verdicts: a non-OK Status means the operation could not be
// carried out (I/O, corruption, "store in use"). A rejected document or a
// failed audit is a verdict inside the returned report.
//
// Thread safety: a Store may be used from several threads; writes are
// serialised internally. Only one process may open a store at a time: the
// second gets kFailedPrecondition "store <dir> is in use by another
// process".
#ifndef TRADEFIN_STORE_STORE_H_
#define TRADEFIN_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/clock.h"
#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/document/issuer.h"
#include "tradefin/store/entry.h"
#include "tradefin/store/financing_entries.h"

namespace tradefin {

// PartyRole, PartyRoleName and PartyRoleFromName: tradefin/document/issuer.h
// (the roles are part of the issuer binding of each document type).

// Checks a party id: a BIC (8 or 11), an LEI (20, mod 97) or a unified
// social credit code (18, mod 31). kInvalidArgument saying what is wrong.
TRADEFIN_EXPORT Status CheckPartyId(std::string_view id);

// The registry's view of one party.
struct PartyInfo {
  std::string id;
  std::string name;
  // Every role the party holds: non-empty, sorted by enum value, unique. A
  // bank may be issuing bank on one credit and financing bank on another;
  // an exporter may be shipper and its own declarant.
  std::vector<PartyRole> roles;
  std::string public_key_spki;  // DER of the current key; "" once revoked
  std::string key_id;           // hex SHA-256 of public_key_spki
  bool revoked = false;
  uint64_t registered_at = 0;   // index of the registration entry
  uint64_t updated_at = 0;      // index of the latest entry about it

  // True if `r` is one of `roles`.
  bool HasRole(PartyRole r) const {
    for (PartyRole x : roles)
      if (x == r) return true;
    return false;
  }
};

// Where an entry sits in the log.
struct EntryRef {
  uint64_t index = 0;
  Sha256Hash leaf_hash{};
};

struct CreateStoreOptions {
  // Store directory; created (with parents). Must not hold a store yet.
  // Default: none (required).
  std::string dir;
  // Log origin (C2SP checkpoint first line): no spaces, no '+', not empty.
  // Default: none (required).
  std::string origin;
  // Source of entry timestamps. Borrowed; must outlive the Store.
  // Default: nullptr = SystemClock().
  const Clock* clock = nullptr;
};

struct OpenStoreOptions {
  // Store directory made by Store::Create. Default: none (required).
  std::string dir;
  // Source of entry timestamps. Borrowed; must outlive the Store.
  // Default: nullptr = SystemClock().
  const Clock* clock = nullptr;
  // LevelDB block cache size in bytes. Default: 8 MiB.
  size_t block_cache_bytes = 8u << 20;
};

// One document to submit: its bytes exactly as they will be stored.
struct SubmitItem {
  std::string source_name;  // file name used in messages
  std::string bytes;
};

struct SubmitOptions {
  // Index of the entry this (single) document amends. Same unique natural
  // key and same issuing party required; linked `supersedes`.
  // Default: none.
  std::optional<uint64_t> amends;
  // Called after each document of the batch has been checked, with
  // (documents checked, documents in the batch). May be empty. Called on
  // the submitting thread with the store's write lock held: it must not
  // call back into the store. Default: none.
  std::function<void(uint64_t, uint64_t)> progress;
};

// What happened to one submitted document.
struct SubmitOutcome {
  enum class Kind {
    kAppended,        // new entry written
    kAlreadyPresent,  // identical bytes already stored: `entry` is that one
    kRejected,        // nothing written for the whole batch
    kNotAttempted,    // the batch was rejected because of another document
  };
  std::string source_name;
  Kind kind = Kind::kRejected;
  EntryRef entry;              // kAppended / kAlreadyPresent
  std::string document_type;   // when known
  std::string natural_key;     // unique key, when known
  std::string submitter;       // party id of the signer, when known
  // kRejected: stable code and plain sentence. Codes: "INVALID-DOCUMENT",
  // "SIGNATURE-INVALID", "SIGNER-UNKNOWN", "SIGNER-REVOKED",
  // "ISSUER-MISMATCH" (the issuer field does not name the signer's
  // registered party; the reason names the field, its value and the
  // signer), "ROLE-NOT-ALLOWED" (named, but without a role that may issue
  // the type), "CONFLICT", "AMENDS-MISMATCH", "DUPLICATE-IN-BATCH".
  std::string code;
  std::string reason;
  std::vector<EntryLink> links;  // kAppended: links resolved
};

struct SubmitReport {
  bool accepted = false;  // true iff no document was rejected
  std::vector<SubmitOutcome> outcomes;  // one per item, in order
  uint64_t tree_size = 0;               // after the batch
};

// Links around one entry, both directions.
struct LinkView {
  std::vector<EntryLink> outgoing;  // recorded in the entry
  struct Incoming {
    std::string relation;
    uint64_t source_index = 0;
  };
  std::vector<Incoming> incoming;  // entries that link to it
};

struct ConsistencyProofData {
  uint64_t from = 0, to = 0;
  Sha256Hash root_from{}, root_to{};
  std::vector<Sha256Hash> hashes;  // RFC 9162 PROOF(from, D[0:to])
  // The signed checkpoint of size `to`, and the c2sp.org/tlog-witness text
  // form ("old <from>", base64 hashes, blank line, checkpoint). Both empty
  // when no checkpoint was signed at `to`.
  std::string checkpoint;
  std::string text;
};

struct AuditOptions {
  // Worker threads for per-entry checks (document hash, parse, signature).
  // Default: 2.
  int threads = 2;
  // Called every ~1000 entries and at the end with (done, total). May be
  // empty. Called from the auditing thread. Default: none.
  std::function<void(uint64_t, uint64_t)> progress;
};

struct AuditReport {
  bool clean = false;
  uint64_t entries_checked = 0;
  uint64_t checkpoints_checked = 0;
  uint64_t documents_checked = 0;
  // First problem found (empty when clean): the entry index when there is
  // one, and what is wrong.
  std::optional<uint64_t> bad_entry;
  std::string problem;
};

class TRADEFIN_EXPORT Store {
 public:
  // Creates a new store: directory, LevelDB, hub Ed25519 key (hub.key,
  // mode 0600) and the signed checkpoint for size 0. kAlreadyExists if
  // `dir` already holds a store; kInvalidArgument for a bad origin.
  static Result<std::unique_ptr<Store>> Create(const CreateStoreOptions& options);
  // Opens an existing store. Reads meta and O(log n) tree nodes; never
  // scans. kNotFound if there is no store; kFailedPrecondition if another
  // process has it open; kCorruption if meta or tree nodes are damaged, a
  // table file is truncated or db/CURRENT is missing from a store directory.
  static Result<std::unique_ptr<Store>> Open(const OpenStoreOptions& options);
  virtual ~Store();

  virtual const std::string& origin() const = 0;
  virtual const std::string& dir() const = 0;
  // Number of entries.
  virtual uint64_t size() const = 0;
  // The hub's checkpoint verifier key, C2SP form "<origin>+<hex id>+<b64>".
  virtual std::string HubVerifierKey() const = 0;
  // The hub's public key (SPKI DER).
  virtual std::string HubPublicKeySpki() const = 0;

  // --- Party registry. Each call appends one hub-signed entry and a new
  // checkpoint in one synced write. Verdict-free: a request the registry
  // refuses is an error status (kInvalidArgument bad id/key or no role,
  // kAlreadyExists registered id or key in use, kNotFound unknown id,
  // kFailedPrecondition revoked party).
  //
  // `roles` may be given in any order and with repeats; the registry keeps
  // them sorted by enum value without repeats. kInvalidArgument if empty.
  virtual Result<EntryRef> AddParty(std::string_view id, std::string_view name,
                                    const std::vector<PartyRole>& roles,
                                    std::string_view public_key_spki) = 0;
  // Replaces the role set of a registered, unrevoked party (entry type
  // party-roles, linked party-update). Documents already stored keep the
  // standing they had when appended (audit judges each one as of its
  // entry). kInvalidArgument if `roles` is empty, kAlreadyExists if the
  // party already holds exactly these roles.
  virtual Result<EntryRef> SetPartyRoles(std::string_view id,
                                         const std::vector<PartyRole>& roles) = 0;
  virtual Result<EntryRef> RotatePartyKey(std::string_view id,
                                          std::string_view public_key_spki) = 0;
  virtual Result<EntryRef> RevokeParty(std::string_view id) = 0;
  // All parties, sorted by id.
  virtual Result<std::vector<PartyInfo>> ListParties() const = 0;

  // Validates every item, verifies its XML signature against the registry
  // as it stands, checks that the document names the signer's party as its
  // issuer and that the signer holds a role that may issue the type
  // (tradefin/document/issuer.h), resolves links, then appends all new
  // entries and a checkpoint as one atomic, synced write. If any item is
  // rejected nothing is written, so a rejected document never claims a
  // natural key. An amendment must come from the issuer of the entry it
  // amends.
  virtual Result<SubmitReport> Submit(const std::vector<SubmitItem>& items,
                                      const SubmitOptions& options) = 0;

  // --- Reading. kNotFound for an index >= size(); kCorruption naming the
  // row when a row inside the log is missing or does not decode.
  virtual Result<Entry> GetEntry(uint64_t index) const = 0;
  virtual Result<std::string> GetEntryBytes(uint64_t index) const = 0;
  // The stored document bytes of a document entry (kNotFound otherwise).
  virtual Result<std::string> GetDocument(uint64_t index) const = 0;
  virtual Result<LinkView> Links(uint64_t index) const = 0;
  // Indexes of every entry carrying natural key `key` (§2.3), in log order.
  // A bare value without "kind:" is tried against every kind.
  virtual Result<std::vector<uint64_t>> History(std::string_view key) const = 0;
  // Calls `fn` for entries [from, from+count) in order until it returns
  // false.
  virtual Status ForEachEntry(uint64_t from, uint64_t count,
                              const std::function<bool(const Entry&)>& fn) const = 0;

  // --- Checkpoints and proofs.
  // The latest signed checkpoint (C2SP signed note text).
  virtual Result<std::string> LatestCheckpoint() const = 0;
  // The signed checkpoint for tree size `size` (kNotFound if none was
  // signed at that size).
  virtual Result<std::string> CheckpointAt(uint64_t size) const = 0;
  // Root of the first `size` leaves.
  virtual Result<Sha256Hash> RootAt(uint64_t size) const = 0;
  // A C2SP tlog-proof for entry `index` against the checkpoint of `size`
  // (Default: the latest). kInvalidArgument if index >= size; kNotFound if
  // no checkpoint was signed at `size`.
  virtual Result<std::string> ProveInclusion(
      uint64_t index, std::optional<uint64_t> size) const = 0;
  // Inclusion path only (leaf to root).
  virtual Result<std::vector<Sha256Hash>> InclusionPath(uint64_t index,
                                                        uint64_t size) const = 0;
  // RFC 9162 consistency proof between sizes. REQUIRES 0 < from <= to <=
  // size(); kInvalidArgument otherwise.
  virtual Result<ConsistencyProofData> ProveConsistency(uint64_t from,
                                                        uint64_t to) const = 0;

  // --- Financing (docs/formats/store.md §6; financing_entries.h). Called by
  // the workflow module, which applies the state machine first.
  // Appends the signed event (and an encumbrance entry when it pledges or
  // releases) plus a checkpoint in one synced write, after checking under
  // the write lock: schema, signature against the registry, signer = Actor,
  // role, Financed names a document entry (index, leaf hash, key), Follows
  // is the current last event on it, and the encumbrance rules. A refusal
  // is a verdict in the report and writes nothing; a non-OK Status means
  // the append could not be attempted (I/O, corruption).
  virtual Result<FinancingAppendReport> AppendFinancingEvent(
      const FinancingAppend& request) = 0;
  // The active encumbrance on shipment key `key` ("consignment:..."), if
  // any. One point read.
  virtual Result<std::optional<EncumbranceInfo>> ActiveEncumbrance(
      std::string_view key) const = 0;
  // The stored event XML of a financing-event entry (kNotFound otherwise).
  virtual Result<std::string> GetFinancingEvent(uint64_t index) const = 0;
  // --- Witness cosignatures (docs/formats/witness.md §5).
  // Adds the cosignature lines of `cosigned_checkpoint` (a checkpoint this
  // store signed, followed by cosignature lines) by the witnesses in
  // `witness_keys` (verifier key strings). Returns how many lines were
  // stored. Errors, with nothing written: kNotFound if no checkpoint was
  // signed at that size; kInvalidArgument if the text differs from the
  // store's checkpoint at that size, a line is by a key not in
  // `witness_keys`, a line does not verify, or there is no cosignature.
  virtual Result<size_t> AddCosignatures(
      std::string_view cosigned_checkpoint,
      const std::vector<std::string>& witness_keys) = 0;
  // The signed checkpoint of `size` followed by every stored cosignature
  // line for it, in witness-name order (kNotFound as CheckpointAt).
  virtual Result<std::string> CosignedCheckpointAt(uint64_t size) const = 0;
  // Tree sizes that have at least one stored cosignature, ascending.
  virtual Result<std::vector<uint64_t>> CosignedSizes() const = 0;

  // Recomputes everything (docs/guide/store.md "Audit"). The verdict is in
  // the report; a non-OK Status only when the audit could not run.
  virtual Result<AuditReport> Audit(const AuditOptions& options) const = 0;
};

}  // namespace tradefin

#endif  // TRADEFIN_STORE_STORE_H_
