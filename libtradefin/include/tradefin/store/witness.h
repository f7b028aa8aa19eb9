// Witnesses against split views: the witness side of c2sp.org/tlog-witness
// (keep one (size, root) per log origin, cosign only a checkpoint proven
// consistent with the last one cosigned, keep fork evidence), the
// c2sp.org/tlog-cosignature v1 lines it writes, and their verification under
// a witness policy (a c2sp.org tlog-policy subset). Formats:
// docs/formats/witness.md.
//
//   auto w = tradefin::Witness::Open({"/var/lib/witness"});
//   tradefin::CosignRequest req;
//   req.checkpoint = new_checkpoint;              // hub-signed note
//   req.hub_key = hub_vkey;                       // `tradefin hub-key`
//   req.consistency_proof = proof_text;           // `tradefin consistency`
//   auto r = (*w)->Cosign(req);
//   if (!r.ok()) ...                              // could not run (I/O)
//   else if (r->outcome == tradefin::CosignOutcome::kFork) ...  // evidence
//
// Verifying (a guarantor):
//
//   auto policy = tradefin::ParseWitnessPolicy(policy_text);
//   auto check = tradefin::CheckWitnessPolicy(cosigned_checkpoint, *policy);
//   if (check.ok() && check->satisfied) ...
//
// Status vs verdict: a non-OK Status means the operation could not be run
// (unreadable witness directory, malformed key or policy text). A refused
// checkpoint, a fork and an unmet quorum are verdicts in the results.
//
// Thread safety: the free functions are reentrant. A Witness serialises its
// own Cosign calls and holds an exclusive lock on its directory, so a second
// process opening the same directory gets kFailedPrecondition.
#ifndef TRADEFIN_STORE_WITNESS_H_
#define TRADEFIN_STORE_WITNESS_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/clock.h"
#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/signing/keys.h"

namespace tradefin {

// A witness verifier key "<name>+<key id, 8 hex>+<base64(0x04 || key)>".
struct WitnessKey {
  std::string name;
  uint32_t key_id = 0;
  std::string public_key;  // 32 raw Ed25519 bytes
  std::string text;        // the verifier key string
};

// Parses a witness verifier key; surrounding whitespace is ignored.
// kInvalidArgument naming the part that is wrong (name, key id that does not
// match, base64, type byte other than 0x04, key length).
TRADEFIN_EXPORT Result<WitnessKey> ParseWitnessKey(std::string_view text);
// The verifier key string of an Ed25519 `key` under `name`.
// kInvalidArgument for a bad name or a key that is not Ed25519.
TRADEFIN_EXPORT Result<std::string> FormatWitnessKey(std::string_view name,
                                                     const PublicKey& key);

// The cosignature line "— <name> <base64(key id || time || signature)>\n"
// over `checkpoint_text` (the checkpoint note's text, ending in '\n', no
// signature lines) at `time` (Unix seconds). kInvalidArgument for a bad
// name or text or a non-Ed25519 key.
TRADEFIN_EXPORT Result<std::string> MakeCosignature(
    std::string_view checkpoint_text, std::string_view name,
    const PrivateKey& key, uint64_t time);

// One cosignature line by a known witness.
struct CosignatureCheck {
  std::string name;      // witness key name
  std::string key_text;  // its verifier key
  uint64_t time = 0;     // cosigning time, Unix seconds (0 if unreadable)
  bool valid = false;
  std::string reason;    // empty when valid
};

// The cosignatures on `signed_checkpoint` by the keys in `witness_keys`
// (verifier key strings), one per key that has a line on the note, in the
// order of `witness_keys`. Lines by other keys are ignored; a second line
// by the same key is ignored. Errors: kInvalidArgument for a malformed note
// or key.
TRADEFIN_EXPORT Result<std::vector<CosignatureCheck>> VerifyCosignatures(
    std::string_view signed_checkpoint,
    const std::vector<std::string>& witness_keys);

// A witness policy (docs/formats/witness.md §4).
struct WitnessPolicy {
  std::string log_key;  // "" when the file has no `log` line
  struct Witness {
    std::string label;
    std::string key;  // verifier key string
  };
  struct Group {
    std::string label;
    size_t threshold = 0;               // k of members
    std::vector<std::string> members;   // witness or group labels
  };
  std::vector<Witness> witnesses;
  std::vector<Group> groups;
  std::string quorum;  // a label, or "" for `quorum none`
};

// Parses policy text. kInvalidArgument naming the line for anything not in
// the grammar: unknown keyword, bad key, duplicate label, a member that is
// not an earlier label, k out of range, no or two `quorum` lines.
TRADEFIN_EXPORT Result<WitnessPolicy> ParseWitnessPolicy(std::string_view text);

struct PolicyCheck {
  bool satisfied = false;
  std::string reason;  // empty when satisfied
  std::vector<CosignatureCheck> cosignatures;  // by the policy's witnesses
  std::vector<std::string> counted;            // labels of valid witnesses
};

// Checks the policy's quorum on a cosigned checkpoint: a witness counts iff
// its line verifies; a listed witness whose line does not verify makes the
// check fail. The hub signature is not checked here (see ParseCheckpoint).
// Errors: kInvalidArgument for a malformed note.
TRADEFIN_EXPORT Result<PolicyCheck> CheckWitnessPolicy(
    std::string_view signed_checkpoint, const WitnessPolicy& policy);

struct WitnessInitOptions {
  // Directory to create (with parents); must not hold a witness yet.
  // Default: none (required).
  std::string dir;
  // The witness key name, e.g. "bank-a.example/witness": no spaces, no '+'.
  // Default: none (required).
  std::string name;
};

struct WitnessOpenOptions {
  // A directory made by Witness::Init. Default: none (required).
  std::string dir;
  // Source of cosigning times. Borrowed; must outlive the Witness.
  // Default: nullptr = SystemClock().
  const Clock* clock = nullptr;
};

struct CosignRequest {
  // The hub-signed checkpoint note to cosign. Default: none (required).
  std::string checkpoint;
  // The hub's verifier key (`tradefin hub-key`). Default: none (required).
  std::string hub_key;
  // `tradefin consistency --from M` text from the witness's size M to the
  // new checkpoint. Default: "" (none; enough for a first or same-size
  // checkpoint).
  std::string consistency_proof;
};

enum class CosignOutcome {
  kCosigned,  // cosignature made; state advanced
  kRefused,   // not cosigned, nothing changed (reason says why)
  kFork,      // two hub-signed checkpoints that are not consistent
};
// "cosigned", "refused", "fork".
TRADEFIN_EXPORT std::string_view CosignOutcomeName(CosignOutcome outcome);

struct CosignResult {
  CosignOutcome outcome = CosignOutcome::kRefused;
  std::string reason;       // empty when cosigned
  std::string origin;
  uint64_t old_size = 0;    // the witness's size before (0 if none)
  bool had_state = false;   // the witness had cosigned this origin before
  uint64_t new_size = 0;
  uint64_t time = 0;        // cosigning time (kCosigned)
  std::string cosignature;  // the line (kCosigned)
  // The checkpoint as given followed by the cosignature line (kCosigned).
  std::string cosigned_checkpoint;
  // kFork: the evidence file written (docs/formats/witness.md §3), its kind
  // ("same-size-different-root" or "inconsistent-proof") and contents.
  std::string evidence_path;
  std::string evidence_kind;
  std::string evidence;
};

// A witness's key and per-origin state in a directory.
class TRADEFIN_EXPORT Witness {
 public:
  // Creates the directory, a new Ed25519 key (witness.key, mode 0600) and
  // witness.vkey. kAlreadyExists if `dir` already holds a witness;
  // kInvalidArgument for a bad name.
  static Status Init(const WitnessInitOptions& options);
  // Opens a witness directory and locks it. kNotFound if there is none;
  // kFailedPrecondition if another process has it open.
  static Result<std::unique_ptr<Witness>> Open(const WitnessOpenOptions& options);
  virtual ~Witness();

  virtual const std::string& name() const = 0;
  // The witness verifier key (docs/formats/witness.md §1).
  virtual const std::string& verifier_key() const = 0;
  // Checks and, if allowed, cosigns (docs/formats/witness.md §2.2). The
  // state is updated durably before the result is returned.
  // Errors: kInvalidArgument for a malformed hub key; kIOError.
  virtual Result<CosignResult> Cosign(const CosignRequest& request) = 0;
};

}  // namespace tradefin

#endif  // TRADEFIN_STORE_WITNESS_H_
