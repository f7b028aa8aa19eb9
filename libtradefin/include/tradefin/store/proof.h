// Offline verification of tradefin store proofs, with no store at hand.
//
// This is what a bank, guarantor or auditor embeds to check what the hub
// hands out: a signed checkpoint (C2SP tlog-checkpoint), a proof that an
// entry is in the log (C2SP tlog-proof, written by `tradefin prove`) and a
// proof that a later checkpoint extends an earlier one (written by
// `tradefin consistency`). Formats: docs/formats/checkpoint-and-proofs.md.
// The tree is RFC 9162 §2.1 (SHA-256); the hub key is an Ed25519 signed-note
// verifier key "<origin>+<key id>+<base64 key>" (`tradefin hub-key`).
//
//   tradefin::Sha256Hash leaf = tradefin::TlogLeafHash(entry_bytes);
//   auto v = tradefin::VerifyTlogProof(proof_text, leaf, hub_vkey);
//   if (!v.ok()) ...              // could not check: bad verifier key
//   else if (!v->valid) ...       // v->failure, v->reason say why
//
// Status vs verdict: a non-OK Status only means the check could not be
// carried out (the verifier key itself is malformed: kInvalidArgument, or
// of an unsupported type: kUnsupported). Everything about the proof,
// including a malformed proof file, is a verdict in the returned report.
//
// Thread safety: all functions are reentrant.
#ifndef TRADEFIN_STORE_PROOF_H_
#define TRADEFIN_STORE_PROOF_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/hash.h"
#include "tradefin/core/result.h"

namespace tradefin {

// Why a proof or checkpoint was not accepted.
enum class ProofFailure {
  kNone = 0,        // valid
  kMalformed,       // the proof file or checkpoint is not well formed
  kBadSignature,    // no valid signature by the hub key (or a bad one)
  kWrongOrigin,     // the checkpoint names another log
  kRootMismatch,    // the proof does not lead to the checkpoint's root
};

// "none", "malformed", "bad-signature", "wrong-origin", "root-mismatch".
TRADEFIN_EXPORT std::string_view ProofFailureName(ProofFailure failure);

struct CheckpointVerifyOptions {
  // The origin the checkpoint must carry.
  // Default: "" = the name of the verifier key (tradefin signs checkpoints
  // under the key name = origin).
  std::string expected_origin;
};

// A parsed checkpoint and whether the hub's signature on it holds.
struct CheckpointInfo {
  std::string origin;
  uint64_t size = 0;
  std::string root_hex;                 // 64 lowercase hex characters
  std::vector<std::string> extensions;  // lines after the root (rare)
  // True iff the note is well formed, carries the expected origin and a
  // valid signature by the verifier key (and no invalid one).
  bool valid = false;
  ProofFailure failure = ProofFailure::kNone;
  std::string reason;  // empty when valid; a sentence otherwise
};

// Parses and verifies a signed checkpoint note against `verifier_key`.
// Fields are filled as far as parsing got.
// Errors: kInvalidArgument / kUnsupported for a bad verifier key only.
TRADEFIN_EXPORT Result<CheckpointInfo> ParseCheckpoint(
    std::string_view signed_note, std::string_view verifier_key,
    const CheckpointVerifyOptions& options = CheckpointVerifyOptions());

// The outcome of checking a tlog-proof.
struct ProofVerification {
  bool valid = false;
  ProofFailure failure = ProofFailure::kNone;
  std::string reason;          // empty when valid
  CheckpointInfo checkpoint;   // the checkpoint the proof is against
  uint64_t index = 0;          // leaf index claimed by the proof
  std::string leaf_hash_hex;   // the leaf hash that was checked
  std::vector<std::string> path_hex;  // inclusion path, leaf to root
  bool has_extra = false;
  std::string extra;           // decoded "extra" data, if any
};

// Verifies a c2sp.org/tlog-proof@v1 file for the leaf whose RFC 9162 leaf
// hash is `leaf_hash` (see TlogLeafHash): the checkpoint's origin and hub
// signature, then inclusion of `leaf_hash` at the proof's index under the
// checkpoint root.
// Errors: as ParseCheckpoint.
TRADEFIN_EXPORT Result<ProofVerification> VerifyTlogProof(
    std::string_view proof_file, const Sha256Hash& leaf_hash,
    std::string_view verifier_key,
    const CheckpointVerifyOptions& options = CheckpointVerifyOptions());

// Same, for the raw entry bytes (`tradefin get N --raw`).
TRADEFIN_EXPORT Result<ProofVerification> VerifyTlogProofForEntry(
    std::string_view proof_file, std::string_view entry_bytes,
    std::string_view verifier_key,
    const CheckpointVerifyOptions& options = CheckpointVerifyOptions());

// The outcome of checking a consistency proof between two checkpoints.
struct ConsistencyVerification {
  bool valid = false;
  ProofFailure failure = ProofFailure::kNone;
  std::string reason;
  CheckpointInfo old_checkpoint;
  CheckpointInfo new_checkpoint;
};

// Verifies the text of `tradefin consistency` ("old <m>", proof lines, a
// blank line, the new signed checkpoint) against `old_checkpoint`, a signed
// checkpoint the caller kept from before. Both checkpoints must verify
// under `verifier_key` with the same origin, and "old <m>" must equal the
// old checkpoint's size.
// Errors: as ParseCheckpoint.
TRADEFIN_EXPORT Result<ConsistencyVerification> VerifyConsistencyProofText(
    std::string_view proof_text, std::string_view old_checkpoint,
    std::string_view verifier_key,
    const CheckpointVerifyOptions& options = CheckpointVerifyOptions());

// RFC 9162 leaf hash SHA-256(0x00 || entry_bytes); the same value as
// EntryLeafHash (tradefin/store/entry.h), for code that links only the
// offline proof API.
TRADEFIN_EXPORT Sha256Hash TlogLeafHash(std::string_view entry_bytes);

// RFC 9162 §2.1.3.2 / §2.1.4.2 over hex strings (64 hex characters each,
// either case). False for any malformed hash, a proof of the wrong length,
// or a proof that does not verify. Sizes: see RFC 9162; a consistency
// proof from size 0 is always false, equal sizes need an empty proof and
// equal roots.
TRADEFIN_EXPORT bool VerifyInclusionHex(uint64_t index, uint64_t tree_size,
                                        std::string_view leaf_hash_hex,
                                        const std::vector<std::string>& path_hex,
                                        std::string_view root_hex);
TRADEFIN_EXPORT bool VerifyConsistencyHex(
    uint64_t old_size, uint64_t new_size, std::string_view old_root_hex,
    std::string_view new_root_hex, const std::vector<std::string>& proof_hex);

}  // namespace tradefin

#endif  // TRADEFIN_STORE_PROOF_H_
