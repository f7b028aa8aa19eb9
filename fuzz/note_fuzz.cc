// Signed notes and checkpoints (c2sp.org/signed-note, tlog-checkpoint), as
// a guarantor, a witness and `tradefin verify-proof` receive them, and the
// verifier key strings pinned next to them. The first byte picks:
//   0: ParseCheckpoint (public) against the hub key of the seeds, and
//      note::OpenNote against the same key;
//   1: note::ParseVerifierKey and ParseWitnessKey on the rest.
// Properties: with a well-formed hub key ParseCheckpoint always answers
// with a verdict (a Status only for a bad key, proof.h); a note that opens
// as verified gives a valid checkpoint iff its body parses; a parsed
// checkpoint body without extensions formats back to the same text.
#include "fuzz_common.h"
#include "store/note.h"
#include "tradefin/store/proof.h"
#include "tradefin/store/witness.h"

namespace {

const std::string& HubKey() {
  static const std::string* key = new std::string(tradefin::fuzz::FixtureLine("hub.vkey"));
  return *key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  if (size < 1) return 0;
  std::string_view in = fuzz::AsView(data + 1, size - 1);
  if (data[0] % 2 == 0) {
    auto info = ParseCheckpoint(in, HubKey());
    if (!info.ok()) fuzz::Broken("ParseCheckpoint: Status for a note", info.status().ToString());
    (void)ProofFailureName(info->failure);
    if (info->valid != (info->failure == ProofFailure::kNone)) {
      fuzz::Broken("CheckpointInfo: valid iff failure none");
    }
    auto hub = note::ParseVerifierKey(HubKey());
    if (!hub.ok()) fuzz::Broken("fixture hub key");
    auto opened = note::OpenNote(in, {*hub});
    if (opened.ok()) {
      auto body = note::ParseCheckpointBody(opened->text);
      if (opened->verified() && body.ok() && body->origin == hub->name && !info->valid) {
        fuzz::Broken("verified note with a good body, checkpoint refused", info->reason);
      }
      if (info->valid && !(opened->verified() && body.ok())) {
        fuzz::Broken("checkpoint valid but note unverified or body bad");
      }
      if (body.ok() && body->extensions.empty() &&
          note::FormatCheckpointBody(*body) != opened->text) {
        fuzz::Broken("checkpoint body does not format back to its text", opened->text);
      }
    } else if (info->valid) {
      fuzz::Broken("checkpoint valid but note does not parse", opened.status().ToString());
    }
  } else {
    auto vk = note::ParseVerifierKey(in);
    if (vk.ok() && note::Ed25519KeyId(vk->name, vk->public_key) != vk->key_id) {
      fuzz::Broken("verifier key accepted with a wrong key id");
    }
    auto wk = ParseWitnessKey(in);
    if (wk.ok() && wk->public_key.size() != 32) fuzz::Broken("witness key not 32 bytes");
  }
  return 0;
}
