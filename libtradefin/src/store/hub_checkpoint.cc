// The hub's checkpoints, on top of the note module (c2sp.org/signed-note,
// tlog-checkpoint): the hub signs under key name = origin.
#include "store/hub_checkpoint.h"

#include "store/note.h"

namespace tradefin::store {

std::string NoteKeyId(std::string_view name, std::string_view ed25519_raw) {
  uint32_t id = note::Ed25519KeyId(name, ed25519_raw);
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[static_cast<size_t>(i)] = static_cast<char>((id >> (24 - 8 * i)) & 0xff);
  return out;
}

std::string VerifierKey(std::string_view name, std::string_view ed25519_raw) {
  std::string typed("\x01");
  typed.append(ed25519_raw);
  return std::string(name) + "+" + HexEncode(NoteKeyId(name, ed25519_raw)) +
         "+" + Base64Encode(typed);
}

std::string CheckpointBody(std::string_view origin, uint64_t size,
                           const merkle::Hash& root) {
  return note::FormatCheckpointBody(note::Checkpoint{std::string(origin), size, root, {}});
}

Result<std::string> SignCheckpoint(std::string_view origin, uint64_t size,
                                   const merkle::Hash& root,
                                   const Signer& hub_signer) {
  return note::SignCheckpoint(note::Checkpoint{std::string(origin), size, root, {}},
                              hub_signer);
}

Result<ParsedCheckpoint> VerifyCheckpoint(std::string_view text,
                                          std::string_view origin,
                                          const PublicKey& hub_key) {
  auto bad = [](std::string_view why) {
    return Status::Corruption("checkpoint: " + std::string(why));
  };
  note::VerifierKey vk{std::string(origin), note::Ed25519KeyId(origin, hub_key.ed25519_raw()),
                       hub_key.ed25519_raw()};
  auto opened = note::OpenNote(text, {vk});
  if (!opened.ok()) return bad(opened.status().message());
  if (!opened->verified()) return bad(opened->failure);
  auto cp = note::ParseCheckpointBody(opened->text);
  if (!cp.ok()) return bad(cp.status().message());
  if (cp->origin != origin) return bad("origin is not " + std::string(origin));
  if (!cp->extensions.empty()) return bad("unexpected extension lines");
  return ParsedCheckpoint{cp->origin, cp->size, cp->root};
}

}  // namespace tradefin::store
