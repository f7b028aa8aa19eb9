// Internal API of the store module: C2SP signed notes (c2sp.org/signed-note
// v1, Ed25519 only), tlog-checkpoint bodies (c2sp.org/tlog-checkpoint), the
// offline tlog-proof file (c2sp.org/tlog-proof@v1) and the consistency-proof
// text form of `tradefin consistency`. Exact formats, with examples:
// docs/formats/checkpoint-and-proofs.md.
//
// Signing a checkpoint (the store, after each batch):
//
//   note::Checkpoint cp{origin, size, root};
//   TRADEFIN_ASSIGN_OR_RETURN(std::string signed_note,
//                             note::SignCheckpoint(cp, hub_key));
//
// Verifying (a guarantor; see also the public tradefin/store/proof.h):
//
//   TRADEFIN_ASSIGN_OR_RETURN(auto key, note::ParseVerifierKey(vkey));
//   TRADEFIN_ASSIGN_OR_RETURN(auto opened, note::OpenNote(text, {key}));
//   if (!opened.verified()) ... opened.failure says why
//
// Status vs verdict: a non-OK Status means the input could not be read
// (malformed note, key string or file: kInvalidArgument). A well-formed note
// whose signatures do not check out is a verdict in OpenedNote.
//
// Thread safety: all functions are reentrant.
#ifndef TRADEFIN_STORE_NOTE_H_
#define TRADEFIN_STORE_NOTE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/merkle.h"
#include "tradefin/core/result.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"

namespace tradefin::note {

// Signature type byte of an Ed25519 note key (c2sp.org/signed-note).
inline constexpr uint8_t kEd25519Type = 0x01;
// Notes carrying more signature lines than this are rejected as malformed
// (the spec requires accepting at least 16; golang.org/x/mod/sumdb/note
// uses the same limit of 100).
inline constexpr size_t kMaxSignatures = 100;
// A tlog-proof or consistency proof longer than this is malformed (a tree of
// 2^63 leaves needs 64 hashes).
inline constexpr size_t kMaxProofHashes = 64;

// An Ed25519 verifier key "<name>+<hex8 key id>+<base64(0x01 || pubkey)>".
struct VerifierKey {
  std::string name;
  uint32_t key_id = 0;
  std::string public_key;  // 32 raw bytes
};

// True if `name` may be a key name: non-empty, no whitespace, no '+', valid
// UTF-8 without control characters.
bool IsValidKeyName(std::string_view name);

// SHA-256(name || 0x0A || 0x01 || pubkey)[:4] as a big-endian integer.
// REQUIRES: public_key.size() == 32.
uint32_t Ed25519KeyId(std::string_view name, std::string_view public_key);

// Parses a verifier key string; kInvalidArgument (saying which part is
// wrong) for a bad name, a key id that is not 8 hex digits or does not match
// the key, bad base64, a type other than Ed25519, or a key not 32 bytes.
// Surrounding whitespace (a trailing newline from a file) is ignored.
Result<VerifierKey> ParseVerifierKey(std::string_view text);

// The verifier key string for `key` under `name`. kInvalidArgument if the
// name is not valid or the key is not Ed25519.
Result<std::string> FormatVerifierKey(std::string_view name,
                                      const PublicKey& key);

// One signature line of a note.
struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // the bytes after the 4-byte key id
};

// A note split into text and signature lines, nothing verified.
struct ParsedNote {
  std::string text;  // ends in '\n'
  std::vector<NoteSignature> signatures;
};

// Splits `note` at its last blank line. kInvalidArgument if the note does
// not end in '\n', the text is empty, not UTF-8 or holds control characters
// other than '\n', a signature line is not "— <name> <base64>", a signature
// is shorter than 5 bytes, or there are no or more than kMaxSignatures lines.
Result<ParsedNote> ParseNote(std::string_view note);

// The outcome of checking a note against trusted keys.
struct OpenedNote {
  std::string text;
  std::vector<NoteSignature> signatures;
  // Names of trusted keys whose signature verified.
  std::vector<std::string> verified_names;
  // Empty if verified; otherwise why not ("no signature by a trusted key",
  // "signature by <name>+<id> does not verify").
  std::string failure;
  bool verified() const { return failure.empty() && !verified_names.empty(); }
};

// Parses `note` (as ParseNote, same errors) and checks it against `trusted`.
// Signatures by keys not in `trusted` (by name and key id) are ignored; a
// repeated signature by the same trusted key is ignored after the first. The
// note is verified iff at least one trusted signature verifies and none
// fails.
Result<OpenedNote> OpenNote(std::string_view note,
                            const std::vector<VerifierKey>& trusted);

// Signs `text` (the note body, ending in '\n') with `key` under `name` and
// returns the signed note: text, a blank line, one signature line.
// kInvalidArgument for a bad name, bad text (as ParseNote) or a non-Ed25519
// key; signing failures from the key are passed through.
Result<std::string> SignNote(std::string_view text, std::string_view name,
                             const Signer& signer);
// Same with an in-memory key (a software Signer over it).
Result<std::string> SignNote(std::string_view text, std::string_view name,
                             const PrivateKey& key);

// ---- tlog-checkpoint ----

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  merkle::Hash root{};
  // Lines after the root. Parsed and kept; never emitted by tradefin.
  std::vector<std::string> extensions;
};

// "<origin>\n<size>\n<base64 root>\n" (extensions are not written).
std::string FormatCheckpointBody(const Checkpoint& checkpoint);
// Parses the note text of a checkpoint: kInvalidArgument if a line is
// missing, the origin is empty or has surrounding spaces, the size is not
// canonical decimal (no sign, no leading zeros, fits in 64 bits), the root
// is not base64 of 32 bytes, or an extension line is empty.
Result<Checkpoint> ParseCheckpointBody(std::string_view text);

// The signed checkpoint note, signed under the key name = origin.
Result<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                   const Signer& signer);
Result<std::string> SignCheckpoint(const Checkpoint& checkpoint,
                                   const PrivateKey& key);

// ---- c2sp.org/tlog-proof@v1 ----

struct TlogProof {
  bool has_extra = false;
  std::string extra;  // decoded bytes of the "extra" line
  uint64_t index = 0;
  std::vector<merkle::Hash> path;  // leaf to root
  std::string checkpoint;          // the signed checkpoint note, verbatim
};

std::string FormatTlogProof(const TlogProof& proof);
// kInvalidArgument naming the line for: a wrong first line, a bad "extra" or
// "index" line, a hash line that is not base64 of 32 bytes, more than
// kMaxProofHashes hashes, a missing blank line or an empty checkpoint. The
// checkpoint itself is not parsed here.
Result<TlogProof> ParseTlogProof(std::string_view text);

// ---- Consistency proof text (the c2sp.org/tlog-witness add-checkpoint
// body): "old <m>\n", one base64 hash per line, a blank line, then the
// signed checkpoint for the new size, verbatim. ----

struct ConsistencyProofText {
  uint64_t old_size = 0;
  std::vector<merkle::Hash> proof;
  std::string checkpoint;  // signed checkpoint note of the new size
};

std::string FormatConsistencyProof(const ConsistencyProofText& proof);
Result<ConsistencyProofText> ParseConsistencyProof(std::string_view text);

}  // namespace tradefin::note

#endif  // TRADEFIN_STORE_NOTE_H_
