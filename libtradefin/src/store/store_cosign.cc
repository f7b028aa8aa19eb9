// Witness cosignatures kept beside the checkpoints (docs/formats/witness.md
// §5): `w` ‖ size ‖ witness name -> the cosignature line. Kept out of the
// Merkle log on purpose: a cosignature is a statement *about* a checkpoint,
// made after it, and the checkpoint it covers cannot include it.
#include <leveldb/write_batch.h>

#include "store/codec.h"
#include "store/note.h"
#include "store/store_impl.h"
#include "tradefin/store/witness.h"

namespace tradefin::store {
namespace {

std::string CosignKey(uint64_t size, std::string_view name) {
  std::string k = U64Key(kCosignaturePrefix, size);
  k.append(name);
  return k;
}

constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";

}  // namespace

Result<size_t> StoreImpl::AddCosignatures(std::string_view cosigned,
                                          const std::vector<std::string>& witness_keys) {
  TRADEFIN_ASSIGN_OR_RETURN(note::ParsedNote parsed, note::ParseNote(cosigned));
  TRADEFIN_ASSIGN_OR_RETURN(note::Checkpoint body, note::ParseCheckpointBody(parsed.text));
  if (body.origin != origin_)
    return Status::InvalidArgument("cosigned checkpoint is for origin " + body.origin +
                                   ", this store is " + origin_);
  TRADEFIN_ASSIGN_OR_RETURN(std::string ours, CheckpointAt(body.size));
  TRADEFIN_ASSIGN_OR_RETURN(note::ParsedNote our_note, note::ParseNote(ours));
  if (our_note.text != parsed.text)
    return Status::InvalidArgument("the cosigned checkpoint's text differs from this store's "
                                   "checkpoint at size " + std::to_string(body.size));
  std::vector<WitnessKey> keys;
  for (const auto& k : witness_keys) {
    TRADEFIN_ASSIGN_OR_RETURN(WitnessKey wk, ParseWitnessKey(k));
    keys.push_back(std::move(wk));
  }
  TRADEFIN_ASSIGN_OR_RETURN(std::vector<CosignatureCheck> checks,
                            VerifyCosignatures(cosigned, witness_keys));
  // Every line that is not the hub's must be by one of the given witnesses.
  for (const auto& sig : parsed.signatures) {
    bool hub = false;
    for (const auto& o : our_note.signatures)
      hub = hub || (o.name == sig.name && o.key_id == sig.key_id);
    if (hub) continue;
    bool known = false;
    for (const auto& k : keys) known = known || (k.name == sig.name && k.key_id == sig.key_id);
    if (!known)
      return Status::InvalidArgument("signature line by " + sig.name +
                                     " is not by one of the given --witness-key keys");
  }
  leveldb::WriteBatch wb;
  size_t n = 0;
  for (const auto& c : checks) {
    if (!c.valid) return Status::InvalidArgument(c.reason);
    for (const auto& sig : parsed.signatures) {
      if (sig.name != c.name) continue;
      std::string blob;
      for (int shift = 24; shift >= 0; shift -= 8)
        blob.push_back(static_cast<char>((sig.key_id >> shift) & 0xFF));
      blob += sig.signature;
      wb.Put(CosignKey(body.size, c.name),
             std::string(kEmDashSpace) + sig.name + " " + Base64Encode(blob) + "\n");
      ++n;
      break;
    }
  }
  if (n == 0) return Status::InvalidArgument("the checkpoint carries no cosignature to add");
  std::lock_guard<std::mutex> lock(mu_);
  TRADEFIN_RETURN_IF_ERROR(WriteSynced(&wb, "writing cosignatures"));
  return n;
}

Result<std::string> StoreImpl::CosignedCheckpointAt(uint64_t size) const {
  TRADEFIN_ASSIGN_OR_RETURN(std::string cp, CheckpointAt(size));
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(CheckedReads()));
  std::string prefix = U64Key(kCosignaturePrefix, size);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next())
    cp.append(it->value().data(), it->value().size());
  TRADEFIN_RETURN_IF_ERROR(Damage(it->status(), "reading cosignatures"));
  return cp;
}

Result<std::vector<uint64_t>> StoreImpl::CosignedSizes() const {
  std::vector<uint64_t> out;
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(CheckedReads()));
  std::string p(1, kCosignaturePrefix);
  for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
    if (it->key().size() < 9) return Status::Corruption("short cosignature row key");
    uint64_t size = DecodeU64(std::string_view(it->key().data() + 1, 8));
    if (out.empty() || out.back() != size) out.push_back(size);
  }
  TRADEFIN_RETURN_IF_ERROR(Damage(it->status(), "reading cosignatures"));
  return out;
}

}  // namespace tradefin::store
