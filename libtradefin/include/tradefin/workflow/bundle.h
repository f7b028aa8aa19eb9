// Guarantor bundles: everything a guarantor needs to check the story of one
// financed document offline, without the store and without trusting the
// hub. Format and checks: docs/formats/bundle.md. Guide:
// docs/guide/guarantor.md.
//
//   auto b = tradefin::ExportBundle(*store, waybill_index, {});
//   ... write b->bytes to a file, send it ...
//
//   tradefin::BundleVerifyOptions opt;
//   opt.hub_key = hub_vkey;            // `tradefin hub-key`, pinned out of band
//   opt.policy = policy_text;          // witness quorum (optional)
//   auto v = tradefin::VerifyBundle(bundle_bytes, opt);
//   if (!v.ok()) ...                   // could not check (bad key or policy)
//   else if (!v->valid) ...            // v->failure, v->reason, v->bad_entry
//
// Status vs verdict: a non-OK Status from VerifyBundle means the check could
// not be run (malformed hub key or policy text, internal failure). Anything
// about the bundle itself, including broken JSON, is a verdict.
//
// Thread safety: both functions are reentrant; ExportBundle only reads the
// store.
#ifndef TRADEFIN_WORKFLOW_BUNDLE_H_
#define TRADEFIN_WORKFLOW_BUNDLE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/store/store.h"
#include "tradefin/store/witness.h"

namespace tradefin {

struct BundleExportOptions {
  // Tree size of the checkpoint every inclusion proof is against.
  // Default: nullopt = the newest size with a stored witness cosignature
  // that covers every bundled entry, else the latest checkpoint.
  std::optional<uint64_t> checkpoint_size;
  // Refuse (kFailedPrecondition) a bundle of more entries than this.
  // Default: 4096 (the format's limit).
  size_t max_entries = 4096;
  // Called while entries are proven and written, with (entries done,
  // entries in the bundle), last with done == total. May be empty. Called
  // on the exporting thread. Default: none.
  std::function<void(uint64_t, uint64_t)> progress;
};

struct BundleExport {
  std::string bytes;  // the bundle file (UTF-8 JSON)
  uint64_t checkpoint_size = 0;
  size_t entries = 0;       // all entries carried
  size_t documents = 0;     // document entries
  size_t events = 0;        // financing-event and encumbrance entries
  size_t party_entries = 0; // registrations, rotations, revocations
  size_t cosignatures = 0;  // cosignature lines on the checkpoint
};

// Builds the bundle of entry `subject` (a document entry) from `store`.
// Errors: kNotFound (no such entry or checkpoint), kInvalidArgument (the
// subject is not a document, or the chosen checkpoint does not cover every
// entry), kFailedPrecondition (more than max_entries), store errors.
TRADEFIN_EXPORT Result<BundleExport> ExportBundle(const Store& store, uint64_t subject,
                                                  const BundleExportOptions& options);

struct BundleVerifyOptions {
  // The hub's checkpoint verifier key. Default: none (required).
  std::string hub_key;
  // Witness policy text (docs/formats/witness.md §4). Default: "" = no
  // quorum demanded (cosignatures are reported, not checked).
  std::string policy;
};

// Why a bundle was not accepted (docs/formats/bundle.md §3).
enum class BundleFailure {
  kNone = 0,
  kMalformed,
  kCheckpoint,
  kWitnessQuorum,
  kInclusion,
  kIncomplete,
  kLinkMismatch,
  kRegistration,
  kDocumentHash,
  kSignature,
  kIssuer,
  kWorkflow,
};
// "none", "malformed", "checkpoint", "witness-quorum", "inclusion",
// "incomplete", "link-mismatch", "registration", "document-hash",
// "signature", "issuer", "workflow".
TRADEFIN_EXPORT std::string_view BundleFailureName(BundleFailure failure);

// One document of the bundle, as the guarantor reads it.
struct BundleDocument {
  uint64_t index = 0;
  int64_t time_ms = 0;         // when the hub appended it (UTC)
  std::string type;            // "rail-waybill", ...
  std::string natural_key;     // the entry's unique key
  std::string issuer_id;       // party id of the signer
  std::string issuer_name;     // registered name
  std::string issuer_role;     // registered role
  std::string key_id;          // signing key id
  std::string summary;         // one line: number, parties, amount
};

// The goods, from the waybill, invoice and declaration of the bundle.
struct BundleGoods {
  std::string consignment;     // waybill consignment number
  std::string route;           // "<from station> (<code>) -> <to> (<code>)"
  std::string departure_date;  // ISO date
  std::vector<std::string> lines;       // "description, N packing, M kg"
  std::vector<std::string> containers;  // ISO 6346 numbers
  std::string gross_mass_kg;
  std::string invoice_total;   // "USD 1234.50" ("" if no invoice)
  std::string declared_value;  // customs declaration total ("" if none)
};

// Financing state from the replay of the bundled events.
struct BundleFinancing {
  bool replayed = false;       // false: no events, or replay unavailable
  std::string note;            // why not replayed, or a summary line
  std::string state;           // e.g. "disbursed"
  std::string controller;      // party that controls the financed document
  std::vector<std::string> lines;  // event and amount lines, in order
};

struct BundleVerification {
  bool valid = false;
  BundleFailure failure = BundleFailure::kNone;
  std::string reason;                 // empty when valid
  std::optional<uint64_t> bad_entry;  // the entry concerned, if any
  // Filled as far as checking got.
  std::string origin;
  uint64_t checkpoint_size = 0;
  std::string root_hex;
  std::vector<CosignatureCheck> cosignatures;  // by the policy's witnesses
  bool policy_checked = false;                 // a policy was given
  std::vector<std::string> quorum_witnesses;   // policy labels counted
  size_t unverified_cosignature_lines = 0;     // lines by keys not known
  uint64_t subject = 0;
  size_t entries = 0;
  std::vector<BundleDocument> documents;       // in log order
  BundleGoods goods;
  BundleFinancing financing;
};

// Checks a bundle offline (docs/formats/bundle.md §3). Errors:
// kInvalidArgument / kUnsupported for a malformed hub key or policy.
TRADEFIN_EXPORT Result<BundleVerification> VerifyBundle(std::string_view bundle,
                                                        const BundleVerifyOptions& options);

}  // namespace tradefin

#endif  // TRADEFIN_WORKFLOW_BUNDLE_H_
