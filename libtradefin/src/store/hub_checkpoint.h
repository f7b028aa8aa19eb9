// Internal: the hub's C2SP signed-note checkpoints (docs/formats/store.md
// §4): Ed25519 key ids, the verifier key string, signing and checking a
// tlog-checkpoint.
#ifndef TRADEFIN_STORE_HUB_CHECKPOINT_H_
#define TRADEFIN_STORE_HUB_CHECKPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "store/merkle.h"
#include "tradefin/core/result.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"

namespace tradefin::store {

// SHA-256(name || 0x0A || 0x01 || raw32)[:4].
std::string NoteKeyId(std::string_view name, std::string_view ed25519_raw);
// "<name>+<hex key id>+<base64(0x01 || raw32)>".
std::string VerifierKey(std::string_view name, std::string_view ed25519_raw);
// "<origin>\n<size>\n<b64 root>\n".
std::string CheckpointBody(std::string_view origin, uint64_t size,
                           const merkle::Hash& root);
// Body + "\n" + signature line "— <origin> <b64(keyid || sig)>\n".
Result<std::string> SignCheckpoint(std::string_view origin, uint64_t size,
                                   const merkle::Hash& root,
                                   const Signer& hub_signer);

struct ParsedCheckpoint {
  std::string origin;
  uint64_t size = 0;
  merkle::Hash root{};
};
// Parses the note and checks the hub signature (name = origin). kCorruption
// with the reason when it does not verify or is malformed.
Result<ParsedCheckpoint> VerifyCheckpoint(std::string_view note,
                                          std::string_view origin,
                                          const PublicKey& hub_key);

}  // namespace tradefin::store

#endif  // TRADEFIN_STORE_HUB_CHECKPOINT_H_
