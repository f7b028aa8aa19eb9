// Internal: the LevelDB-backed Store (docs/formats/store.md §3). Split from
// store.cc so that audit.cc can reach the database.
#ifndef TRADEFIN_STORE_STORE_IMPL_H_
#define TRADEFIN_STORE_STORE_IMPL_H_

#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <map>
#include <memory>
#include <optional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "store/doc_check.h"
#include "store/merkle.h"
#include "store/store_env.h"
#include "tradefin/document/financing_event.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/store/store.h"

namespace leveldb {
class Cache;
class Env;
}

namespace tradefin::store {

// One-byte key prefixes (§3).
inline constexpr char kEntryPrefix = 'e';
inline constexpr char kBlobPrefix = 'b';
inline constexpr char kNodePrefix = 'n';
inline constexpr char kLeafPrefix = 'h';
inline constexpr char kKeyPrefix = 'k';
inline constexpr char kPartyIndexPrefix = 'p';
inline constexpr char kLinkPrefix = 'l';
inline constexpr char kPartyStatePrefix = 'r';
inline constexpr char kCheckpointPrefix = 'c';
inline constexpr char kMetaPrefix = 'm';
// Active encumbrance per shipment key (§6.2); financing_store.cc.
inline constexpr char kEncumbrancePrefix = 'f';

// A clean close after writes flushes the memtable when the newest LevelDB
// log has reached this size (StoreImpl::FlushLogOnClose): an open then
// replays at most this much log.
inline constexpr uint64_t kCloseFlushLogBytes = 256u << 10;

// Store format (meta `format`, §3): 2 = version-2 entries and party rows.
inline constexpr uint16_t kStoreFormat = 2;
inline constexpr char kCosignaturePrefix = 'w';  // witness.md §5

std::string NodeKey(int level, uint64_t index);
std::string KeyHash(std::string_view natural_key);  // raw SHA-256, 32 bytes

// merkle::HashReader over the `n` rows (optionally through a snapshot).
class DbHashReader final : public merkle::HashReader {
 public:
  DbHashReader(leveldb::DB* db, const leveldb::Snapshot* snap)
      : db_(db), snap_(snap) {}
  Status ReadNode(int level, uint64_t index, merkle::Hash* out) const override;

 private:
  leveldb::DB* db_;
  const leveldb::Snapshot* snap_;
};

Status FromLevelDb(const leveldb::Status& s, std::string_view what);

// Every read checks LevelDB's block checksums: a flipped bit in a table is
// a Corruption naming the damage, never a wrong row handed to a verdict.
inline leveldb::ReadOptions CheckedReads(const leveldb::Snapshot* snapshot = nullptr) {
  leveldb::ReadOptions ro;
  ro.verify_checksums = true;
  ro.snapshot = snapshot;
  return ro;
}

// Releases a LevelDB snapshot when it goes out of scope. The caller takes
// the snapshot (under the store lock, together with the tree size it
// belongs to) and hands it over.
class ScopedSnapshot {
 public:
  ScopedSnapshot(leveldb::DB* db, const leveldb::Snapshot* snapshot)
      : db_(db), snapshot_(snapshot) {}
  ~ScopedSnapshot() { db_->ReleaseSnapshot(snapshot_); }
  ScopedSnapshot(const ScopedSnapshot&) = delete;
  ScopedSnapshot& operator=(const ScopedSnapshot&) = delete;

 private:
  leveldb::DB* db_;
  const leveldb::Snapshot* snapshot_;
};

class StoreImpl final : public Store {
 public:
  ~StoreImpl() override;
  static Result<std::unique_ptr<Store>> DoCreate(const CreateStoreOptions& o,
                                                 const StoreEnv& env);
  static Result<std::unique_ptr<Store>> DoOpen(const OpenStoreOptions& o,
                                               const StoreEnv& env);

  const std::string& origin() const override { return origin_; }
  const std::string& dir() const override { return dir_; }
  uint64_t size() const override;
  std::string HubVerifierKey() const override;
  std::string HubPublicKeySpki() const override;

  Result<EntryRef> AddParty(std::string_view id, std::string_view name,
                            const std::vector<PartyRole>& roles,
                            std::string_view public_key_spki) override;
  Result<EntryRef> SetPartyRoles(std::string_view id,
                                 const std::vector<PartyRole>& roles) override;
  Result<EntryRef> RotatePartyKey(std::string_view id,
                                  std::string_view public_key_spki) override;
  Result<EntryRef> RevokeParty(std::string_view id) override;
  Result<std::vector<PartyInfo>> ListParties() const override;

  Result<SubmitReport> Submit(const std::vector<SubmitItem>& items,
                              const SubmitOptions& options) override;

  Result<Entry> GetEntry(uint64_t index) const override;
  Result<std::string> GetEntryBytes(uint64_t index) const override;
  Result<std::string> GetDocument(uint64_t index) const override;
  Result<LinkView> Links(uint64_t index) const override;
  Result<std::vector<uint64_t>> History(std::string_view key) const override;
  Status ForEachEntry(uint64_t from, uint64_t count,
                      const std::function<bool(const Entry&)>& fn) const override;

  Result<std::string> LatestCheckpoint() const override;
  Result<std::string> CheckpointAt(uint64_t size) const override;
  Result<Sha256Hash> RootAt(uint64_t size) const override;
  Result<std::string> ProveInclusion(uint64_t index,
                                     std::optional<uint64_t> size) const override;
  Result<std::vector<Sha256Hash>> InclusionPath(uint64_t index,
                                                uint64_t size) const override;
  Result<ConsistencyProofData> ProveConsistency(uint64_t from,
                                                uint64_t to) const override;

  Result<AuditReport> Audit(const AuditOptions& options) const override;

  // Financing (financing_store.cc).
  Result<FinancingAppendReport> AppendFinancingEvent(
      const FinancingAppend& request) override;
  Result<std::optional<EncumbranceInfo>> ActiveEncumbrance(
      std::string_view key) const override;
  Result<std::string> GetFinancingEvent(uint64_t index) const override;
  // store_cosign.cc
  Result<size_t> AddCosignatures(std::string_view cosigned_checkpoint,
                                 const std::vector<std::string>& witness_keys) override;
  Result<std::string> CosignedCheckpointAt(uint64_t size) const override;
  Result<std::vector<uint64_t>> CosignedSizes() const override;

  // For tests and the bench (internal): appends one pre-built entry (with
  // an optional document blob) without any document checks.
  Result<EntryRef> AppendRawForTesting(Entry entry, std::string document);
  // Same, many entries in one batch (bench: synthetic logs of 10^6).
  Status AppendRawBatchForTesting(std::vector<Entry> entries);
  leveldb::DB* db() const { return db_.get(); }

 private:
  StoreImpl() = default;
  // One atomic write in preparation (store.cc).
  struct Batch {
    leveldb::WriteBatch wb;
    merkle::CompactRange range;
    uint64_t size = 0;
    Sha256Hash last_leaf{};
    std::map<uint64_t, std::pair<Entry, Sha256Hash>> entries;  // new ones
    std::map<std::string, std::vector<uint64_t>> key_index;   // hash -> idx
    std::map<std::string, PartyState> parties;
    std::set<std::string> changed_parties;
  };
  Status OpenDb(bool create, size_t block_cache_bytes);
  // At close: after writes, flushes LevelDB's memtable to a table when the
  // newest log holds kCloseFlushLogBytes or more, so that the next open
  // does not replay it (store.cc).
  void FlushLogOnClose();
  // Create's steps after the directory: database, hub key, meta.
  Status Initialise();
  // One synced write of `wb`. REQUIRES: mu_ held (or the store not yet
  // shared). After a failed write this handle writes nothing more: LevelDB
  // may have left a torn record in its log and its writer's block offset
  // no longer matches the file, so a later record would be unreadable on
  // the next open. Reopening recovers to all of the failed batch or none.
  Status WriteSynced(leveldb::WriteBatch* wb, std::string_view what);
  // hub.key through the Env (store_env.h).
  Status WriteHubKey(const PrivateKey& key) const;
  Result<PrivateKey> ReadHubKey() const;
  // Entry row `index` of a log of `log_size` entries; never locks mu_.
  // kNotFound beyond the log, kCorruption naming the row if it is missing.
  Result<std::string> ReadEntryRow(uint64_t index, uint64_t log_size) const;
  // REQUIRES: mu_ held. kCorruption unless the last entry's row reads and
  // hashes to the tree's last leaf (writes never build on damage).
  Status CheckTip() const;
  // ActiveEncumbrance for a log of `log_size` entries; never locks mu_.
  Result<std::optional<EncumbranceInfo>> ActiveEncumbranceAt(
      std::string_view key, uint64_t log_size) const;
  Status LoadState();
  Batch BeginBatch() const;
  // Fills version, origin, index, time (now, or `signed_time_ms` for an
  // entry whose hub signature already covers its time) and the chain hash,
  // and adds the entry's rows to `b`.
  EntryRef Append(Batch* b, Entry* e, const std::string* document,
                  std::optional<int64_t> signed_time_ms = std::nullopt);
  Status Commit(Batch* b);
  Result<EntryRef> AppendPartyEntry(EntryType type, PartyPayload payload,
                                    const PartyState* prev);
  Result<std::string> Get(const std::string& key) const;
  // FromLevelDb, and for a Corruption the damaged file (store_env.h
  // FindDamagedLevelDbFile) and what to do.
  Status Damage(const leveldb::Status& s, std::string_view what) const;
  Result<std::vector<uint64_t>> IndexScan(char prefix,
                                          const std::string& hash) const;
  Status EnsureChecker() const;
  Status EnsureEventReader() const;
  // Appends a hub-signed entry (party-entry style, §2.5) at `time_ms`.
  Result<EntryRef> AppendHubSigned(Batch* b, Entry* e, int64_t time_ms);

  std::string dir_;
  std::string origin_;
  leveldb::Env* env_ = nullptr;
  size_t write_buffer_bytes_ = 0;
  const Clock* clock_ = nullptr;
  std::unique_ptr<leveldb::Cache> cache_;
  std::unique_ptr<leveldb::DB> db_;
  // The hub's key, only ever used through the Signer seam (an HSM later).
  std::unique_ptr<Signer> hub_signer_;
  std::string hub_spki_;

  mutable std::mutex mu_;  // guards everything below and all writes
  uint64_t size_ = 0;
  uint16_t format_ = kStoreFormat;  // meta `format` as stored
  Status write_failed_;             // the first failed write (WriteSynced)
  bool wrote_ = false;              // a write through this handle succeeded
  merkle::CompactRange range_;
  Sha256Hash last_leaf_{};
  std::map<std::string, PartyState> parties_;
  mutable std::unique_ptr<DocumentChecker> checker_;
  mutable std::unique_ptr<FinancingEventReader> event_reader_;
};

}  // namespace tradefin::store

#endif  // TRADEFIN_STORE_STORE_IMPL_H_
