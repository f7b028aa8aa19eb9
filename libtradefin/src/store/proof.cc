// Offline proof verification (public tradefin/store/proof.h) on top of the
// internal merkle and note code. The order of checks follows c2sp.org/
// tlog-proof "Verification": checkpoint origin and log signature first,
// then inclusion; the first failure is reported.
#include "tradefin/store/proof.h"

#include <algorithm>

#include "store/merkle.h"
#include "store/note.h"

namespace tradefin {
namespace {

CheckpointInfo CheckCheckpoint(std::string_view signed_note,
                               const note::VerifierKey& key,
                               const CheckpointVerifyOptions& options,
                               merkle::Hash* root) {
  CheckpointInfo info;
  auto fail = [&info](ProofFailure f, std::string reason) {
    info.valid = false;
    info.failure = f;
    info.reason = std::move(reason);
    return info;
  };
  auto opened = note::OpenNote(signed_note, {key});
  if (!opened.ok()) {
    return fail(ProofFailure::kMalformed, std::string(opened.status().message()));
  }
  auto body = note::ParseCheckpointBody(opened->text);
  if (!body.ok()) {
    return fail(ProofFailure::kMalformed, std::string(body.status().message()));
  }
  info.origin = body->origin;
  info.size = body->size;
  info.root_hex = merkle::ToHex(body->root);
  info.extensions = body->extensions;
  if (root != nullptr) *root = body->root;
  // The origin is checked before the signature: a checkpoint of another log
  // is normally signed by another key, and "wrong origin" is the useful
  // reason then.
  const std::string& expected =
      options.expected_origin.empty() ? key.name : options.expected_origin;
  if (body->origin != expected) {
    return fail(ProofFailure::kWrongOrigin,
                "checkpoint origin '" + body->origin + "' is not the expected '" +
                    expected + "'");
  }
  if (!opened->verified()) {
    return fail(ProofFailure::kBadSignature,
                "checkpoint signature: " + opened->failure + " (hub key " +
                    key.name + ")");
  }
  info.valid = true;
  return info;
}

bool HexToHashes(const std::vector<std::string>& hex,
                 std::vector<merkle::Hash>* out) {
  out->clear();
  for (const std::string& h : hex) {
    auto r = merkle::FromHex(h);
    if (!r.ok()) return false;
    out->push_back(*r);
  }
  return true;
}

}  // namespace

std::string_view ProofFailureName(ProofFailure failure) {
  switch (failure) {
    case ProofFailure::kNone:
      return "none";
    case ProofFailure::kMalformed:
      return "malformed";
    case ProofFailure::kBadSignature:
      return "bad-signature";
    case ProofFailure::kWrongOrigin:
      return "wrong-origin";
    case ProofFailure::kRootMismatch:
      return "root-mismatch";
  }
  return "unknown";
}

Result<CheckpointInfo> ParseCheckpoint(std::string_view signed_note,
                                       std::string_view verifier_key,
                                       const CheckpointVerifyOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(note::VerifierKey key,
                            note::ParseVerifierKey(verifier_key));
  return CheckCheckpoint(signed_note, key, options, nullptr);
}

Result<ProofVerification> VerifyTlogProof(
    std::string_view proof_file, const Sha256Hash& leaf_hash,
    std::string_view verifier_key, const CheckpointVerifyOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(note::VerifierKey key,
                            note::ParseVerifierKey(verifier_key));
  ProofVerification out;
  out.leaf_hash_hex = HashHex(leaf_hash);
  auto fail = [&out](ProofFailure f, std::string reason) {
    out.valid = false;
    out.failure = f;
    out.reason = std::move(reason);
    return out;
  };
  auto proof = note::ParseTlogProof(proof_file);
  if (!proof.ok()) {
    return fail(ProofFailure::kMalformed, std::string(proof.status().message()));
  }
  out.index = proof->index;
  out.has_extra = proof->has_extra;
  out.extra = proof->extra;
  for (const merkle::Hash& h : proof->path) {
    out.path_hex.push_back(merkle::ToHex(h));
  }
  merkle::Hash root{};
  out.checkpoint = CheckCheckpoint(proof->checkpoint, key, options, &root);
  if (!out.checkpoint.valid) {
    return fail(out.checkpoint.failure, out.checkpoint.reason);
  }
  const uint64_t size = out.checkpoint.size;
  if (proof->index >= size) {
    return fail(ProofFailure::kMalformed,
                "tlog-proof: index " + std::to_string(proof->index) +
                    " is not below the checkpoint's tree size " +
                    std::to_string(size));
  }
  size_t want = merkle::InclusionProofLength(proof->index, size);
  if (proof->path.size() != want) {
    return fail(ProofFailure::kMalformed,
                "tlog-proof: " + std::to_string(proof->path.size()) +
                    " path hashes, but leaf " + std::to_string(proof->index) +
                    " of a tree of " + std::to_string(size) + " needs " +
                    std::to_string(want));
  }
  if (!merkle::VerifyInclusion(proof->index, size, leaf_hash, proof->path, root)) {
    return fail(ProofFailure::kRootMismatch,
                "the inclusion path for leaf " + std::to_string(proof->index) +
                    " does not lead to the checkpoint root " +
                    out.checkpoint.root_hex +
                    " (wrong entry, or altered proof)");
  }
  out.valid = true;
  return out;
}

Result<ProofVerification> VerifyTlogProofForEntry(
    std::string_view proof_file, std::string_view entry_bytes,
    std::string_view verifier_key, const CheckpointVerifyOptions& options) {
  return VerifyTlogProof(proof_file, TlogLeafHash(entry_bytes), verifier_key,
                         options);
}

Result<ConsistencyVerification> VerifyConsistencyProofText(
    std::string_view proof_text, std::string_view old_checkpoint,
    std::string_view verifier_key, const CheckpointVerifyOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(note::VerifierKey key,
                            note::ParseVerifierKey(verifier_key));
  ConsistencyVerification out;
  auto fail = [&out](ProofFailure f, std::string reason) {
    out.valid = false;
    out.failure = f;
    out.reason = std::move(reason);
    return out;
  };
  merkle::Hash old_root{};
  out.old_checkpoint = CheckCheckpoint(old_checkpoint, key, options, &old_root);
  if (!out.old_checkpoint.valid) {
    return fail(out.old_checkpoint.failure,
                "old checkpoint: " + out.old_checkpoint.reason);
  }
  auto parsed = note::ParseConsistencyProof(proof_text);
  if (!parsed.ok()) {
    return fail(ProofFailure::kMalformed,
                std::string(parsed.status().message()));
  }
  merkle::Hash new_root{};
  out.new_checkpoint =
      CheckCheckpoint(parsed->checkpoint, key, options, &new_root);
  if (!out.new_checkpoint.valid) {
    return fail(out.new_checkpoint.failure,
                "new checkpoint: " + out.new_checkpoint.reason);
  }
  const uint64_t m = out.old_checkpoint.size;
  const uint64_t n = out.new_checkpoint.size;
  if (parsed->old_size != m) {
    return fail(ProofFailure::kMalformed,
                "consistency proof starts at size " +
                    std::to_string(parsed->old_size) +
                    ", but the old checkpoint has size " + std::to_string(m));
  }
  if (n < m) {
    return fail(ProofFailure::kMalformed,
                "new checkpoint size " + std::to_string(n) +
                    " is below the old size " + std::to_string(m));
  }
  bool ok = false;
  if (m == 0) {
    // Every tree extends the empty one; only its root is checked (RFC 9162
    // defines no proof from size 0).
    ok = parsed->proof.empty() && old_root == merkle::EmptyRoot();
  } else {
    ok = merkle::VerifyConsistency(m, n, old_root, new_root, parsed->proof);
  }
  if (!ok) {
    return fail(ProofFailure::kRootMismatch,
                "the consistency proof from size " + std::to_string(m) +
                    " to " + std::to_string(n) +
                    " does not verify: the new tree does not extend the old "
                    "one, or the proof was altered");
  }
  out.valid = true;
  return out;
}

Sha256Hash TlogLeafHash(std::string_view entry_bytes) {
  return merkle::LeafHash(entry_bytes);
}

bool VerifyInclusionHex(uint64_t index, uint64_t tree_size,
                        std::string_view leaf_hash_hex,
                        const std::vector<std::string>& path_hex,
                        std::string_view root_hex) {
  auto leaf = merkle::FromHex(leaf_hash_hex);
  auto root = merkle::FromHex(root_hex);
  std::vector<merkle::Hash> path;
  if (!leaf.ok() || !root.ok() || !HexToHashes(path_hex, &path)) return false;
  return merkle::VerifyInclusion(index, tree_size, *leaf, path, *root);
}

bool VerifyConsistencyHex(uint64_t old_size, uint64_t new_size,
                          std::string_view old_root_hex,
                          std::string_view new_root_hex,
                          const std::vector<std::string>& proof_hex) {
  auto old_root = merkle::FromHex(old_root_hex);
  auto new_root = merkle::FromHex(new_root_hex);
  std::vector<merkle::Hash> proof;
  if (!old_root.ok() || !new_root.ok() || !HexToHashes(proof_hex, &proof)) {
    return false;
  }
  return merkle::VerifyConsistency(old_size, new_size, *old_root, *new_root,
                                   proof);
}

}  // namespace tradefin
