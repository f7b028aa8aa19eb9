// The LevelDB-backed Store. Layout and invariants: docs/formats/store.md §3.
//
// Every mutation is one WriteBatch written with sync=true that carries the
// entries, their blobs, tree nodes, index rows, party state, meta size and
// the new signed checkpoint, so a crash leaves all of a batch or none of it
// and the tree, indexes and checkpoints never disagree on disk.
#include "store/store_impl.h"

#include <leveldb/cache.h>
#include <leveldb/env.h>
#include <leveldb/filter_policy.h>
#include <leveldb/iterator.h>
#include <leveldb/options.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "store/codec.h"
#include "store/hub_checkpoint.h"
#include "store/note.h"
#include "tradefin/document/identifiers.h"

namespace tradefin {

// ---------------------------------------------------------------- roles, ids

Status CheckPartyId(std::string_view id) {
  IdCheck c;
  std::string kind;
  if (id.size() == 8 || id.size() == 11) {
    kind = "BIC";
    c = CheckBic(id);
  } else if (id.size() == 20) {
    kind = "LEI";
    c = CheckLei(id);
  } else if (id.size() == 18) {
    kind = "unified social credit code";
    c = CheckUscc(id);
  } else {
    return Status::InvalidArgument(
        "party id '" + std::string(id) + "' has " + std::to_string(id.size()) +
        " characters; expected a BIC (8 or 11), an LEI (20) or a unified "
        "social credit code (18)");
  }
  if (!c.ok)
    return Status::InvalidArgument("party id '" + std::string(id) +
                                   "' is not a valid " + kind + ": " +
                                   c.reason);
  return Status();
}

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Create(const CreateStoreOptions& options) {
  return store::StoreImpl::DoCreate(options, store::StoreEnv());
}
Result<std::unique_ptr<Store>> Store::Open(const OpenStoreOptions& options) {
  return store::StoreImpl::DoOpen(options, store::StoreEnv());
}

namespace store {

Result<std::unique_ptr<Store>> CreateStore(const CreateStoreOptions& options,
                                           const StoreEnv& env) {
  return StoreImpl::DoCreate(options, env);
}
Result<std::unique_ptr<Store>> OpenStore(const OpenStoreOptions& options,
                                         const StoreEnv& env) {
  return StoreImpl::DoOpen(options, env);
}

namespace fs = std::filesystem;

std::string NodeKey(int level, uint64_t index) {
  std::string k(1, kNodePrefix);
  PutU8(&k, static_cast<uint8_t>(level));
  PutU64(&k, index);
  return k;
}

std::string KeyHash(std::string_view natural_key) {
  return HashBytes(Sha256(natural_key));
}

namespace {

std::string MetaKey(std::string_view name) {
  return std::string(1, kMetaPrefix) + std::string(name);
}
std::string PrefixedHash(char prefix, const std::string& raw_hash,
                         uint64_t index) {
  std::string k(1, prefix);
  k += raw_hash;
  PutU64(&k, index);
  return k;
}
std::string U64Value(uint64_t v) {
  std::string s;
  PutU64(&s, v);
  return s;
}

// True if `dir` holds what Store::Create leaves behind (hub.key, or a
// LevelDB directory with files in it), so a missing CURRENT means damage,
// not "no store here".
bool LooksLikeStore(leveldb::Env* env, const std::string& dir) {
  if (env->FileExists((fs::path(dir) / "hub.key").string())) return true;
  std::vector<std::string> children;
  if (!env->GetChildren((fs::path(dir) / "db").string(), &children).ok()) return false;
  for (const std::string& c : children)
    if (c != "." && c != "..") return true;
  return false;
}

constexpr uint64_t kLogBlockSize = 32768;  // LevelDB log format (doc/log_format.md)

// The last block of a LevelDB log-format file (a .log or the MANIFEST);
// empty for a missing or empty file.
Result<std::string> ReadTailBlock(leveldb::Env* env, const std::string& path,
                                  uint64_t* file_size) {
  *file_size = 0;
  if (!env->FileExists(path)) return std::string();
  TRADEFIN_RETURN_IF_ERROR(FromLevelDb(env->GetFileSize(path, file_size), "reading " + path));
  if (*file_size == 0) return std::string();
  const uint64_t start = (*file_size - 1) / kLogBlockSize * kLogBlockSize;
  leveldb::RandomAccessFile* raw = nullptr;
  TRADEFIN_RETURN_IF_ERROR(
      FromLevelDb(env->NewRandomAccessFile(path, &raw), "reading " + path));
  std::unique_ptr<leveldb::RandomAccessFile> file(raw);
  std::string buf(*file_size - start, '\0');
  leveldb::Slice got;
  TRADEFIN_RETURN_IF_ERROR(
      FromLevelDb(file->Read(start, buf.size(), &got, buf.data()), "reading " + path));
  return std::string(got.data(), got.size());
}

// The name of the newest write-ahead log ("000012.log") in `db_dir`; "" if
// there is none.
Result<std::string> NewestLog(leveldb::Env* env, const std::string& db_dir) {
  std::vector<std::string> children;
  TRADEFIN_RETURN_IF_ERROR(FromLevelDb(env->GetChildren(db_dir, &children), "listing " + db_dir));
  uint64_t newest = 0;
  std::string newest_log;
  for (const std::string& c : children) {
    if (c.size() > 4 && c.size() <= 4 + 19 && c.ends_with(".log") &&
        std::all_of(c.begin(), c.end() - 4, [](char ch) { return ch >= '0' && ch <= '9'; })) {
      uint64_t n = std::stoull(c.substr(0, c.size() - 4));
      if (newest_log.empty() || n > newest) {
        newest = n;
        newest_log = c;
      }
    }
  }
  return newest_log;
}

// Whether the newest log or the current MANIFEST of `db_dir` ends in a torn
// record, so that LevelDB must not reuse (append to) them.
Result<bool> HasTornTail(leveldb::Env* env, const std::string& db_dir) {
  std::vector<std::string> files;
  TRADEFIN_ASSIGN_OR_RETURN(std::string newest_log, NewestLog(env, db_dir));
  if (!newest_log.empty()) files.push_back(db_dir + "/" + newest_log);
  std::string current;
  if (leveldb::ReadFileToString(env, db_dir + "/CURRENT", &current).ok() &&
      current.size() > 1 && current.back() == '\n' && current.find('/') == std::string::npos)
    files.push_back(db_dir + "/" + current.substr(0, current.size() - 1));
  for (const std::string& f : files) {
    uint64_t size = 0;
    TRADEFIN_ASSIGN_OR_RETURN(std::string tail, ReadTailBlock(env, f, &size));
    if (LevelDbLogTailIsTorn(tail, size)) return true;
  }
  return false;
}

Status CheckOrigin(std::string_view origin) {
  if (origin.empty()) return Status::InvalidArgument("origin must not be empty");
  for (char c : origin) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '+')
      return Status::InvalidArgument(
          "origin '" + std::string(origin) +
          "' must not contain spaces, control characters or '+' (C2SP "
          "checkpoint origin line), e.g. example.org/tradefin/hub-1");
  }
  return Status();
}

}  // namespace

bool LevelDbLogTailIsTorn(std::string_view block, uint64_t file_size) {
  // Record header: crc32c (4), length (2, little-endian), type (1); types
  // 1 full, 2 first, 3 middle, 4 last. Fragments never cross a block, and
  // a writer pads a block's last < 7 bytes with zeros.
  constexpr size_t kHeader = 7;
  size_t pos = 0;
  int last_type = 0;
  while (block.size() - pos >= kHeader) {
    const auto* h = reinterpret_cast<const unsigned char*>(block.data() + pos);
    const size_t length = h[4] | (static_cast<size_t>(h[5]) << 8);
    const int type = h[6];
    if (type < 1 || type > 4) return true;  // zeros or garbage after the last record
    if (length > block.size() - pos - kHeader) return true;  // payload cut short
    last_type = type;
    pos += kHeader + length;
  }
  const size_t rest = block.size() - pos;
  if (rest > 0) {
    // Only a block trailer may follow the last record: zeros up to the
    // block's end.
    if (file_size % kLogBlockSize != 0) return true;
    for (size_t i = pos; i < block.size(); ++i)
      if (block[i] != 0) return true;
  }
  // A record split across blocks ends with its "last" fragment.
  return last_type == 2 || last_type == 3;
}

Status FromLevelDb(const leveldb::Status& s, std::string_view what) {
  if (s.ok()) return Status();
  std::string msg = std::string(what) + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(msg);
  // LevelDB's table reader reports a read past the end of a table file as
  // EINVAL: the file is shorter than its manifest says, i.e. truncated. That
  // is damage to the store, not a transient I/O failure.
  if (s.IsIOError() && msg.find("Invalid argument") != std::string::npos &&
      (msg.find(".ldb") != std::string::npos || msg.find(".sst") != std::string::npos))
    return Status::Corruption(msg + " (a table file is shorter than LevelDB recorded: "
                                    "truncated; restore the store from a backup)");
  if (s.IsNotFound()) return Status::NotFound(msg);
  return Status::IOError(msg);
}

Status DbHashReader::ReadNode(int level, uint64_t index,
                              merkle::Hash* out) const {
  leveldb::ReadOptions ro = CheckedReads(snap_);
  std::string v;
  leveldb::Status s = db_->Get(ro, NodeKey(level, index), &v);
  if (s.IsNotFound())
    return Status::NotFound("tree node " + std::to_string(level) + "/" +
                            std::to_string(index) + " is missing");
  TRADEFIN_RETURN_IF_ERROR(FromLevelDb(s, "reading tree node"));
  if (v.size() != 32)
    return Status::Corruption("tree node " + std::to_string(level) + "/" +
                              std::to_string(index) + " is not 32 bytes");
  std::memcpy(out->data(), v.data(), 32);
  return Status();
}

// ------------------------------------------------------------- open/create

StoreImpl::~StoreImpl() {
  FlushLogOnClose();
  db_.reset();  // before the cache it uses
  cache_.reset();
}

// LevelDB keeps the newest writes only in its log and memtable, also across
// a clean close, and replays the whole log into a new memtable at the next
// open (and, when that exceeds the write buffer, writes it out as a table
// before Open returns): about 1 s for the 21 MB log of a 10^6-entry bulk
// load (docs/performance.md "Cheap open"). So a handle that wrote, and
// whose newest log has grown past kCloseFlushLogBytes, has LevelDB write
// the memtable to a table and start an empty log before it closes.
// CompactRange over a range past every key (all keys start with a prefix
// letter) does exactly that: it flushes the memtable and finds no table to
// compact. The batches were already synced; a crash or failure during the
// flush leaves the old log, which the next open replays as before. A
// handle that wrote nothing never flushes (its files stay byte for byte),
// nor does one whose write failed (the log may end in a torn record, which
// the next open handles).
void StoreImpl::FlushLogOnClose() {
  if (db_ == nullptr || !wrote_ || !write_failed_.ok()) return;
  const std::string db_dir = (fs::path(dir_) / "db").string();
  auto log = NewestLog(env_, db_dir);
  uint64_t bytes = 0;
  if (!log.ok() || log->empty() || !env_->GetFileSize(db_dir + "/" + *log, &bytes).ok() ||
      bytes < kCloseFlushLogBytes)
    return;
  const std::string past_every_key(2, '\xff');
  const leveldb::Slice k(past_every_key);
  db_->CompactRange(&k, &k);
}

namespace {
class SilentLogger final : public leveldb::Logger {
 public:
  void Logv(const char*, va_list) override {}
};
}  // namespace

Status StoreImpl::OpenDb(bool create, size_t block_cache_bytes) {
  leveldb::Options opt;
  opt.env = env_;
  if (write_buffer_bytes_ != 0) opt.write_buffer_size = write_buffer_bytes_;
  opt.create_if_missing = create;
  opt.error_if_exists = create;
  opt.paranoid_checks = true;
  // A command that writes nothing (a rejected submit, any read) must leave
  // the store's files byte for byte as they were: reopen the existing log
  // and MANIFEST instead of starting new ones, and keep LevelDB's
  // diagnostic LOG (rotated with timestamps on every open) out of the store.
  // Not after a torn write, though: LevelDB would append behind the torn
  // record, and read it as corruption in mid-file on the next open. Without
  // reuse it replays the log into a table and starts fresh files.
  opt.reuse_logs = true;
  const std::string db_dir = (fs::path(dir_) / "db").string();
  if (create) {
    // LevelDB ignores a failed CreateDir and then fails on its LOCK file
    // with "No such file or directory"; say what really went wrong.
    leveldb::Status made = env_->CreateDir(db_dir);
    if (!made.ok() && !env_->FileExists(db_dir))
      return FromLevelDb(made, "creating " + db_dir);
  } else {
    auto torn = HasTornTail(env_, db_dir);
    if (!torn.ok()) return torn.status().WithPrefix("opening store " + dir_);
    if (*torn) opt.reuse_logs = false;
  }
  static SilentLogger silent;
  opt.info_log = &silent;
  cache_.reset(leveldb::NewLRUCache(block_cache_bytes));
  opt.block_cache = cache_.get();
  leveldb::DB* raw = nullptr;
  leveldb::Status s = leveldb::DB::Open(opt, db_dir, &raw);
  if (!s.ok()) {
    std::string text = s.ToString();
    // LevelDB reports its LOCK file held by another process as an IOError
    // naming the file.
    if (text.find("LOCK") != std::string::npos &&
        (text.find("lock") != std::string::npos ||
         text.find("Resource temporarily unavailable") != std::string::npos))
      return Status::FailedPrecondition("store " + dir_ +
                                        " is in use by another process");
    return Damage(s, "opening store " + dir_);
  }
  db_.reset(raw);
  return Status();
}

Status StoreImpl::Damage(const leveldb::Status& s, std::string_view what) const {
  Status st = FromLevelDb(s, what);
  if (!st.IsCorruption()) return st;
  std::string file = FindDamagedLevelDbFile(env_, (fs::path(dir_) / "db").string());
  if (file.empty())
    return Status::Corruption(std::string(st.message()) + " (store " + dir_ +
                              " is damaged; restore it from a backup)");
  return Status::Corruption(std::string(st.message()) + " (store " + dir_ +
                            " is damaged: " + file + "; restore it from a backup)");
}

Result<std::string> StoreImpl::Get(const std::string& key) const {
  std::string v;
  leveldb::Status s = db_->Get(CheckedReads(), key, &v);
  if (s.IsNotFound()) return Status::NotFound("no row");
  TRADEFIN_RETURN_IF_ERROR(Damage(s, "reading store"));
  return v;
}

Result<std::unique_ptr<Store>> StoreImpl::DoCreate(const CreateStoreOptions& o,
                                                   const StoreEnv& env) {
  TRADEFIN_RETURN_IF_ERROR(CheckOrigin(o.origin));
  if (o.dir.empty()) return Status::InvalidArgument("store directory is empty");
  std::error_code ec;
  const fs::path db_dir = fs::path(o.dir) / "db";
  const fs::path key_path = fs::path(o.dir) / "hub.key";
  if (fs::exists(db_dir / "CURRENT", ec) || fs::exists(key_path, ec))
    return Status::AlreadyExists("store " + o.dir + " already exists");
  const bool had_db_dir = fs::exists(db_dir, ec);
  const bool created = fs::create_directories(o.dir, ec);
  // A directory we make holds the 0600 hub key: keep it private (0700).
  if (created && !ec) fs::permissions(o.dir, fs::perms::owner_all, ec);
  if (ec)
    return Status::IOError("cannot create " + o.dir + ": " + ec.message());
  std::unique_ptr<StoreImpl> st(new StoreImpl());
  st->dir_ = o.dir;
  st->origin_ = o.origin;
  st->env_ = env.env != nullptr ? env.env : leveldb::Env::Default();
  st->write_buffer_bytes_ = env.write_buffer_bytes;
  st->clock_ = o.clock != nullptr ? o.clock : &SystemClock();
  Status s = st->Initialise();
  if (!s.ok()) {
    // All or nothing: a half-made store (a database without meta, or a key
    // without a database) would be "damaged" to Open and "already exists"
    // to the next Create. Remove only what this call made.
    st.reset();
    if (!had_db_dir) fs::remove_all(db_dir, ec);
    fs::remove(key_path, ec);
    if (created) fs::remove(o.dir, ec);
    return s.WithPrefix("creating store " + o.dir + " (nothing was kept)");
  }
  return std::unique_ptr<Store>(std::move(st));
}

Status StoreImpl::Initialise() {
  TRADEFIN_RETURN_IF_ERROR(OpenDb(true, OpenStoreOptions().block_cache_bytes));
  TRADEFIN_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::Generate(KeyType::kEd25519));
  TRADEFIN_RETURN_IF_ERROR(WriteHubKey(key));
  hub_spki_ = key.public_key().spki_der();
  TRADEFIN_ASSIGN_OR_RETURN(hub_signer_, NewSoftwareSigner(key));

  leveldb::WriteBatch wb;
  wb.Put(MetaKey("origin"), origin_);
  wb.Put(MetaKey("size"), U64Value(0));
  wb.Put(MetaKey("hub-key"), hub_spki_);
  std::string fmt;
  PutU16(&fmt, kStoreFormat);
  wb.Put(MetaKey("format"), fmt);
  TRADEFIN_ASSIGN_OR_RETURN(
      std::string cp, SignCheckpoint(origin_, 0, merkle::EmptyRoot(), *hub_signer_));
  wb.Put(U64Key(kCheckpointPrefix, 0), cp);
  return WriteSynced(&wb, "initialising store");
}

Status StoreImpl::WriteHubKey(const PrivateKey& key) const {
  const std::string path = (fs::path(dir_) / "hub.key").string();
  // Created empty, exclusively and 0600 outside the Env (store_env.h), then
  // filled, synced and closed through it.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    return Status::IOError(path + ": cannot create (" + std::strerror(err) + ")");
  }
  ::fchmod(fd, 0600);
  ::close(fd);
  leveldb::WritableFile* raw = nullptr;
  TRADEFIN_RETURN_IF_ERROR(FromLevelDb(env_->NewAppendableFile(path, &raw), "writing " + path));
  std::unique_ptr<leveldb::WritableFile> file(raw);
  std::string pem = key.ToPem();
  leveldb::Status s = file->Append(pem);
  std::fill(pem.begin(), pem.end(), '\0');
  if (s.ok()) s = file->Sync();
  if (s.ok()) s = file->Close();
  return FromLevelDb(s, "writing " + path);
}

Result<PrivateKey> StoreImpl::ReadHubKey() const {
  const std::string path = (fs::path(dir_) / "hub.key").string();
  if (!env_->FileExists(path))
    return Status::Corruption("store " + dir_ + " is damaged: " + path +
                              " (the hub's signing key) is missing; restore it from a backup");
  std::string pem;
  TRADEFIN_RETURN_IF_ERROR(
      FromLevelDb(leveldb::ReadFileToString(env_, path, &pem), "reading " + path));
  auto key = PrivateKey::FromPem(pem);
  std::fill(pem.begin(), pem.end(), '\0');
  if (!key.ok()) return key.status().WithPrefix(path);
  return key;
}

Status StoreImpl::WriteSynced(leveldb::WriteBatch* wb, std::string_view what) {
  if (!write_failed_.ok())
    return Status::FailedPrecondition(
        "store " + dir_ + ": an earlier write through this handle failed (" +
        std::string(write_failed_.message()) +
        "); nothing more is written through it: reopen the store");
  leveldb::WriteOptions wo;
  wo.sync = true;
  Status s = FromLevelDb(db_->Write(wo, wb), what);
  if (s.ok()) {
    wrote_ = true;
    return s;
  }
  write_failed_ = s;
  return Status(s.code(), "store " + dir_ + ": " + std::string(s.message()) +
                              "; nothing more is written through this handle: reopen "
                              "the store, which then holds all of this write or none "
                              "of it");
}

Result<std::unique_ptr<Store>> StoreImpl::DoOpen(const OpenStoreOptions& o,
                                                 const StoreEnv& env) {
  leveldb::Env* e = env.env != nullptr ? env.env : leveldb::Env::Default();
  const std::string current = (fs::path(o.dir) / "db" / "CURRENT").string();
  if (!e->FileExists(current) && LooksLikeStore(e, o.dir))
    return Status::Corruption("store " + o.dir + " is damaged: db/CURRENT (LevelDB's "
                              "pointer to its manifest) is missing; restore the store "
                              "from a backup");
  if (!e->FileExists(current))
    return Status::NotFound("no store at " + o.dir +
                            " (create one with: tradefin init --store " +
                            o.dir + " --origin NAME)");
  std::unique_ptr<StoreImpl> st(new StoreImpl());
  st->dir_ = o.dir;
  st->env_ = e;
  st->write_buffer_bytes_ = env.write_buffer_bytes;
  st->clock_ = o.clock != nullptr ? o.clock : &SystemClock();
  TRADEFIN_RETURN_IF_ERROR(st->OpenDb(false, o.block_cache_bytes));
  TRADEFIN_RETURN_IF_ERROR(st->LoadState());
  return std::unique_ptr<Store>(std::move(st));
}

Status StoreImpl::LoadState() {
  auto meta = [this](std::string_view name) -> Result<std::string> {
    auto v = Get(MetaKey(name));
    if (!v.ok() && v.status().code() == StatusCode::kNotFound)
      return Status::Corruption("store " + dir_ + ": meta '" +
                                std::string(name) + "' is missing");
    return v;
  };
  TRADEFIN_ASSIGN_OR_RETURN(origin_, meta("origin"));
  TRADEFIN_ASSIGN_OR_RETURN(std::string size_bytes, meta("size"));
  if (size_bytes.size() != 8)
    return Status::Corruption("store " + dir_ + ": meta size is not 8 bytes");
  size_ = DecodeU64(size_bytes);
  TRADEFIN_ASSIGN_OR_RETURN(hub_spki_, meta("hub-key"));
  TRADEFIN_ASSIGN_OR_RETURN(std::string fmt, meta("format"));
  // Format 1 stores (single-role party rows, version-1 entries) open as
  // they are; the first write upgrades them (Commit, §3.3).
  if (fmt.size() != 2 || DecodeU64(fmt) < 1)
    return Status::Corruption("store " + dir_ + " is damaged: meta 'format' is not a "
                              "format version (" + std::to_string(fmt.size()) + " bytes)");
  if (DecodeU64(fmt) > kStoreFormat)
    return Status::Unsupported("store " + dir_ + ": store format " +
                               std::to_string(DecodeU64(fmt)) +
                               " is newer than this tradefin supports (" +
                               std::to_string(kStoreFormat) + "); upgrade tradefin");
  format_ = static_cast<uint16_t>(DecodeU64(fmt));
  auto key = ReadHubKey();
  if (!key.ok()) return key.status().WithPrefix("store " + dir_ + ": hub key");
  if (key->public_key().spki_der() != hub_spki_)
    return Status::Corruption("store " + dir_ +
                              ": hub.key does not match the hub key in meta");
  TRADEFIN_ASSIGN_OR_RETURN(hub_signer_, NewSoftwareSigner(*key));

  DbHashReader reader(db_.get(), nullptr);
  auto range = merkle::CompactRange::Restore(size_, reader);
  if (!range.ok())
    return Status::Corruption("store " + dir_ + ": cannot restore the tree at size " +
                              std::to_string(size_) + ": " +
                              std::string(range.status().message()));
  range_ = std::move(*range);
  if (size_ > 0) {
    merkle::Hash last;
    Status s = reader.ReadNode(0, size_ - 1, &last);
    if (!s.ok()) return Status::Corruption(s.message());
    std::memcpy(last_leaf_.data(), last.data(), 32);
  }
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(CheckedReads()));
  std::string prefix(1, kPartyStatePrefix);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    auto st = DecodePartyState(it->value().ToString());
    if (!st.ok()) return st.status().WithPrefix("store " + dir_);
    parties_[st->party.party_id] = *st;
  }
  return Damage(it->status(), "reading party registry");
}

uint64_t StoreImpl::size() const {
  std::lock_guard<std::mutex> l(mu_);
  return size_;
}

std::string StoreImpl::HubVerifierKey() const {
  return VerifierKey(origin_, hub_signer_->public_key().ed25519_raw());
}
std::string StoreImpl::HubPublicKeySpki() const { return hub_spki_; }

// ------------------------------------------------------------------ batches

// StoreImpl::Batch is defined in store_impl.h (financing_store.cc uses it).

StoreImpl::Batch StoreImpl::BeginBatch() const {
  Batch b;
  b.range = range_;
  b.size = size_;
  b.last_leaf = last_leaf_;
  b.parties = parties_;
  return b;
}

EntryRef StoreImpl::Append(Batch* b, Entry* e, const std::string* document,
                           std::optional<int64_t> signed_time_ms) {
  e->version = kEntryFormatVersion;
  e->origin = origin_;
  e->index = b->size;
  // A hub-signed entry keeps the time its signature covers.
  e->time_ms = signed_time_ms ? *signed_time_ms : clock_->NowUnixMillis();
  e->prev_leaf_hash = b->last_leaf;
  std::string bytes = EncodeEntry(*e);
  Sha256Hash leaf = EntryLeafHash(bytes);
  const uint64_t idx = b->size;
  b->wb.Put(U64Key(kEntryPrefix, idx), bytes);
  b->wb.Put(std::string(1, kLeafPrefix) + HashBytes(leaf), U64Value(idx));
  if (document != nullptr)
    b->wb.Put(std::string(1, kBlobPrefix) + HashBytes(e->document_sha256),
              *document);
  for (const std::string& k : e->natural_keys) {
    std::string h = KeyHash(k);
    b->wb.Put(PrefixedHash(kKeyPrefix, h, idx), "");
    b->key_index[h].push_back(idx);
  }
  const std::string& party = e->type == EntryType::kDocument ||
                                     e->type == EntryType::kFinancingEvent
                                 ? e->submitter_party
                                 : e->party.party_id;
  if (!party.empty())
    b->wb.Put(PrefixedHash(kPartyIndexPrefix, KeyHash(party), idx), "");
  for (const EntryLink& l : e->links) {
    std::string k = U64Key(kLinkPrefix, l.target_index);
    PutU64(&k, idx);
    b->wb.Put(k, "");
  }
  merkle::Hash mleaf;
  std::memcpy(mleaf.data(), leaf.data(), 32);
  b->range.Append(mleaf, [b](int level, uint64_t index, const merkle::Hash& h) {
    b->wb.Put(NodeKey(level, index),
              std::string(reinterpret_cast<const char*>(h.data()), h.size()));
  });
  b->size++;
  b->last_leaf = leaf;
  b->entries[idx] = {*e, leaf};
  return EntryRef{idx, leaf};
}

Status StoreImpl::Commit(Batch* b) {
  merkle::Hash root = b->range.Root();
  TRADEFIN_ASSIGN_OR_RETURN(std::string cp,
                            SignCheckpoint(origin_, b->size, root, *hub_signer_));
  b->wb.Put(U64Key(kCheckpointPrefix, b->size), cp);
  b->wb.Put(MetaKey("size"), U64Value(b->size));
  if (format_ < kStoreFormat) {
    // Upgrade a format-1 store in the batch that first writes version-2
    // entries: every party row in the new layout, then the new format, so
    // an older binary refuses the store rather than misread it (§3.3).
    for (const auto& [id, st] : b->parties) b->changed_parties.insert(id);
    std::string fmt;
    PutU16(&fmt, kStoreFormat);
    b->wb.Put(MetaKey("format"), fmt);
  }
  for (const std::string& id : b->changed_parties)
    b->wb.Put(std::string(1, kPartyStatePrefix) + id,
              EncodePartyState(b->parties[id]));
  TRADEFIN_RETURN_IF_ERROR(WriteSynced(&b->wb, "writing batch"));
  size_ = b->size;
  format_ = kStoreFormat;
  range_ = b->range;
  last_leaf_ = b->last_leaf;
  parties_ = std::move(b->parties);
  return Status();
}

// ------------------------------------------------------------------ parties

Result<EntryRef> StoreImpl::AppendPartyEntry(EntryType type,
                                             PartyPayload payload,
                                             const PartyState* prev) {
  TRADEFIN_RETURN_IF_ERROR(CheckTip());
  Batch b = BeginBatch();
  Entry e;
  e.type = type;
  e.submitter_key_id = HashHex(Sha256(hub_spki_));
  e.natural_keys = {"party:" + payload.party_id};
  if (prev != nullptr) {
    auto last = ReadEntryRow(prev->last, size_);
    if (!last.ok()) return last.status();
    e.links.push_back({"party-update", prev->last, EntryLeafHash(*last)});
  }
  e.party = payload;
  // Sign after the fields the hub fixes (index, time, prev) are in place:
  // Append fills them, so sign on a copy prepared the same way.
  Entry probe = e;
  probe.origin = origin_;
  probe.index = b.size;
  probe.time_ms = clock_->NowUnixMillis();
  probe.prev_leaf_hash = b.last_leaf;
  TRADEFIN_ASSIGN_OR_RETURN(std::string sig,
                            hub_signer_->SignRaw(EntrySigningInput(probe)));
  probe.hub_signature = sig;
  EntryRef ref = Append(&b, &probe, nullptr, probe.time_ms);

  std::string problem = ApplyPartyEntry(probe, ref.index, &b.parties);
  if (!problem.empty()) return Status::Internal("registry: " + problem);
  b.changed_parties.insert(payload.party_id);
  TRADEFIN_RETURN_IF_ERROR(Commit(&b));
  return ref;
}

namespace {

Result<PublicKey> CheckPartyKey(std::string_view spki,
                                const std::map<std::string, PartyState>& parties) {
  auto key = PublicKey::FromDer(spki);
  if (!key.ok())
    return key.status().WithPrefix("party key is not a usable public key");
  std::string kid = key->key_id();
  for (const auto& [id, st] : parties) {
    if (st.party.public_key_spki.empty()) continue;
    if (HashHex(Sha256(st.party.public_key_spki)) == kid)
      return Status::AlreadyExists("key " + kid + " is already the key of party " + id);
  }
  return *key;
}

}  // namespace

namespace {

// The canonical role list of an entry (§2.2): sorted by enum value, unique.
Result<std::vector<std::string>> RoleNames(const std::vector<PartyRole>& roles) {
  if (roles.empty())
    return Status::InvalidArgument("a party needs at least one role");
  std::vector<PartyRole> sorted = roles;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<std::string> out;
  for (PartyRole r : sorted) {
    std::string_view name = PartyRoleName(r);
    if (name == "unknown")
      return Status::InvalidArgument("role " + std::to_string(static_cast<int>(r)) +
                                     " is not a PartyRole");
    out.emplace_back(name);
  }
  return out;
}

}  // namespace

Result<EntryRef> StoreImpl::AddParty(std::string_view id, std::string_view name,
                                     const std::vector<PartyRole>& roles,
                                     std::string_view public_key_spki) {
  TRADEFIN_RETURN_IF_ERROR(CheckPartyId(id));
  if (name.empty()) return Status::InvalidArgument("party name must not be empty");
  TRADEFIN_ASSIGN_OR_RETURN(std::vector<std::string> role_names, RoleNames(roles));
  std::lock_guard<std::mutex> l(mu_);
  if (parties_.count(std::string(id)))
    return Status::AlreadyExists("party " + std::string(id) + " is already registered");
  TRADEFIN_ASSIGN_OR_RETURN(PublicKey key, CheckPartyKey(public_key_spki, parties_));
  PartyPayload p{std::string(id), std::string(name), std::move(role_names),
                 key.spki_der()};
  return AppendPartyEntry(EntryType::kPartyRegistration, p, nullptr);
}

Result<EntryRef> StoreImpl::SetPartyRoles(std::string_view id,
                                          const std::vector<PartyRole>& roles) {
  TRADEFIN_ASSIGN_OR_RETURN(std::vector<std::string> role_names, RoleNames(roles));
  std::lock_guard<std::mutex> l(mu_);
  auto it = parties_.find(std::string(id));
  if (it == parties_.end())
    return Status::NotFound("party " + std::string(id) + " is not registered");
  if (it->second.revoked)
    return Status::FailedPrecondition("party " + std::string(id) + " is revoked");
  if (it->second.party.roles == role_names)
    return Status::AlreadyExists("party " + std::string(id) +
                                 " already holds exactly the roles " +
                                 JoinRoles(role_names));
  PartyState prev = it->second;
  PartyPayload p{std::string(id), "", std::move(role_names), ""};
  return AppendPartyEntry(EntryType::kPartyRoles, p, &prev);
}

Result<EntryRef> StoreImpl::RotatePartyKey(std::string_view id,
                                           std::string_view public_key_spki) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = parties_.find(std::string(id));
  if (it == parties_.end())
    return Status::NotFound("party " + std::string(id) + " is not registered");
  if (it->second.revoked)
    return Status::FailedPrecondition("party " + std::string(id) + " is revoked");
  TRADEFIN_ASSIGN_OR_RETURN(PublicKey key, CheckPartyKey(public_key_spki, parties_));
  PartyState prev = it->second;
  PartyPayload p{std::string(id), "", {}, key.spki_der()};
  return AppendPartyEntry(EntryType::kPartyKeyRotation, p, &prev);
}

Result<EntryRef> StoreImpl::RevokeParty(std::string_view id) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = parties_.find(std::string(id));
  if (it == parties_.end())
    return Status::NotFound("party " + std::string(id) + " is not registered");
  if (it->second.revoked)
    return Status::FailedPrecondition("party " + std::string(id) +
                                      " is already revoked");
  PartyState prev = it->second;
  PartyPayload p{std::string(id), "", {}, ""};
  return AppendPartyEntry(EntryType::kPartyRevocation, p, &prev);
}

Result<std::vector<PartyInfo>> StoreImpl::ListParties() const {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<PartyInfo> out;
  for (const auto& [id, st] : parties_) {
    PartyInfo p;
    p.id = id;
    p.name = st.party.name;
    p.roles = PartyRolesFromNames(st.party.roles);
    p.public_key_spki = st.party.public_key_spki;
    if (!p.public_key_spki.empty()) p.key_id = HashHex(Sha256(p.public_key_spki));
    p.revoked = st.revoked;
    p.registered_at = st.first;
    p.updated_at = st.last;
    out.push_back(std::move(p));
  }
  return out;
}

// ------------------------------------------------------------------ submit

Status StoreImpl::EnsureChecker() const {
  if (checker_) return Status();
  TRADEFIN_ASSIGN_OR_RETURN(checker_, DocumentChecker::Create());
  return Status();
}

Result<std::vector<uint64_t>> StoreImpl::IndexScan(char prefix,
                                                   const std::string& hash) const {
  std::vector<uint64_t> out;
  std::string p(1, prefix);
  p += hash;
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(CheckedReads()));
  for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
    if (it->key().size() != p.size() + 8)
      return Status::Corruption("index row has a bad key length");
    out.push_back(DecodeU64(std::string_view(it->key().data() + p.size(), 8)));
  }
  TRADEFIN_RETURN_IF_ERROR(Damage(it->status(), "reading index"));
  return out;
}

Result<SubmitReport> StoreImpl::Submit(const std::vector<SubmitItem>& items,
                                       const SubmitOptions& options) {
  if (items.empty()) return Status::InvalidArgument("no documents to submit");
  if (options.amends && items.size() != 1)
    return Status::InvalidArgument("--amends takes exactly one document");
  std::lock_guard<std::mutex> l(mu_);
  TRADEFIN_RETURN_IF_ERROR(EnsureChecker());
  TRADEFIN_RETURN_IF_ERROR(CheckTip());
  Batch b = BeginBatch();
  RegistryTrust trust(parties_);
  SubmitReport report;
  report.accepted = true;
  bool any_appended = false;

  // Entry by index, from the batch or the database.
  auto load = [&](uint64_t idx) -> Result<std::pair<Entry, Sha256Hash>> {
    auto p = b.entries.find(idx);
    if (p != b.entries.end()) return p->second;
    TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, ReadEntryRow(idx, size_));
    auto e = DecodeEntry(bytes);
    if (!e.ok())
      return Status::Corruption("store " + dir_ + " is damaged: entry " + std::to_string(idx) +
                                ": " + std::string(e.status().message()));
    return std::make_pair(std::move(*e), EntryLeafHash(bytes));
  };
  auto carriers = [&](const std::string& key) -> Result<std::vector<uint64_t>> {
    std::string h = KeyHash(key);
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> v, IndexScan(kKeyPrefix, h));
    auto p = b.key_index.find(h);
    if (p != b.key_index.end()) v.insert(v.end(), p->second.begin(), p->second.end());
    return v;
  };
  struct BatchView final : LogView {
    std::function<Result<std::vector<uint64_t>>(const std::string&)> carriers_fn;
    std::function<Result<std::pair<Entry, Sha256Hash>>(uint64_t)> load_fn;
    Result<std::vector<uint64_t>> Carriers(const std::string& key) override {
      return carriers_fn(key);
    }
    Result<std::pair<Entry, Sha256Hash>> Load(uint64_t index) override {
      return load_fn(index);
    }
  } view;
  view.carriers_fn = carriers;
  view.load_fn = load;

  uint64_t checked = 0;
  for (const SubmitItem& item : items) {
    if (options.progress && checked > 0) options.progress(checked, items.size());
    ++checked;
    SubmitOutcome out;
    out.source_name = item.source_name;
    CheckedDocument c = checker_->Check(item.bytes, item.source_name, trust);
    // Could not check is not "rejected": nothing is written, exit 2.
    if (!c.error.ok()) return c.error.WithPrefix(item.source_name);
    out.document_type = c.type_name;
    out.natural_key = c.unique_key;
    out.submitter = c.signer_party;
    if (!c.ok) {
      out.kind = SubmitOutcome::Kind::kRejected;
      out.code = c.code;
      out.reason = c.reason;
      report.accepted = false;
      report.outcomes.push_back(std::move(out));
      continue;
    }
    Sha256Hash doc_sha = Sha256(item.bytes);
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> same_key, carriers(c.unique_key));
    bool done = false;
    for (uint64_t idx : same_key) {
      TRADEFIN_ASSIGN_OR_RETURN(auto prev, load(idx));
      if (prev.first.document_sha256 == doc_sha) {
        out.kind = SubmitOutcome::Kind::kAlreadyPresent;
        out.entry = EntryRef{idx, prev.second};
        done = true;
        break;
      }
    }
    if (done) {
      report.outcomes.push_back(std::move(out));
      continue;
    }
    std::optional<std::pair<Entry, Sha256Hash>> amended;
    if (!same_key.empty()) {
      uint64_t latest = *std::max_element(same_key.begin(), same_key.end());
      TRADEFIN_ASSIGN_OR_RETURN(auto cur, load(latest));
      if (!options.amends) {
        out.kind = SubmitOutcome::Kind::kRejected;
        out.code = "CONFLICT";
        out.reason = "natural key " + c.unique_key + " is already recorded as entry " +
                     std::to_string(latest) + " (issued by " + cur.first.submitter_party +
                     ") with different bytes; to amend it, submit as its issuer with "
                     "--amends " + std::to_string(latest);
      } else if (*options.amends != latest) {
        out.kind = SubmitOutcome::Kind::kRejected;
        out.code = "AMENDS-MISMATCH";
        out.reason = "--amends " + std::to_string(*options.amends) +
                     " is not the current entry for " + c.unique_key +
                     " (the current one is entry " + std::to_string(latest) + ")";
      } else if (cur.first.submitter_party != c.signer_party) {
        out.kind = SubmitOutcome::Kind::kRejected;
        out.code = "AMENDS-MISMATCH";
        out.reason = "entry " + std::to_string(latest) + " was issued by " +
                     cur.first.submitter_party + "; only its issuer may amend it, not " +
                     c.signer_party;
      } else {
        amended = cur;
      }
    } else if (options.amends) {
      out.kind = SubmitOutcome::Kind::kRejected;
      out.code = "AMENDS-MISMATCH";
      out.reason = "--amends " + std::to_string(*options.amends) +
                   " given, but no entry carries natural key " + c.unique_key;
    }
    if (out.kind == SubmitOutcome::Kind::kRejected && !out.code.empty()) {
      report.accepted = false;
      report.outcomes.push_back(std::move(out));
      continue;
    }

    Entry e;
    e.type = EntryType::kDocument;
    e.submitter_party = c.signer_party;
    e.submitter_key_id = c.signer_key_id;
    e.document_type = c.type_name;
    e.natural_keys.push_back(c.unique_key);
    for (const auto& id : c.identifiers)
      if (id != c.unique_key) e.natural_keys.push_back(id);
    e.document_sha256 = doc_sha;

    // Links (§2.4): one rule, shared with audit (ResolveLinks).
    TRADEFIN_ASSIGN_OR_RETURN(
        e.links, ResolveLinks(c.unique_key, c.type_name, c.identifiers,
                              amended ? std::optional<uint64_t>(amended->first.index)
                                      : std::nullopt,
                              &view));
    out.kind = SubmitOutcome::Kind::kAppended;
    out.entry = Append(&b, &e, &item.bytes);
    out.links = e.links;
    any_appended = true;
    report.outcomes.push_back(std::move(out));
  }
  if (options.progress) options.progress(items.size(), items.size());

  if (!report.accepted) {
    for (auto& o : report.outcomes)
      if (o.kind == SubmitOutcome::Kind::kAppended) {
        o.kind = SubmitOutcome::Kind::kNotAttempted;
        o.entry = EntryRef();
        o.links.clear();
      }
    report.tree_size = size_;
    return report;
  }
  if (any_appended) TRADEFIN_RETURN_IF_ERROR(Commit(&b));
  report.tree_size = size_;
  return report;
}

// ------------------------------------------------------------------ reading

Result<std::string> StoreImpl::GetEntryBytes(uint64_t index) const {
  return ReadEntryRow(index, size());
}

Result<std::string> StoreImpl::ReadEntryRow(uint64_t index, uint64_t log_size) const {
  // Never takes mu_: writers call this with it held.
  if (index >= log_size)
    return Status::NotFound("no entry " + std::to_string(index) + " (the log has " +
                            std::to_string(log_size) + " entries)");
  auto v = Get(U64Key(kEntryPrefix, index));
  if (!v.ok() && v.status().code() == StatusCode::kNotFound)
    return Status::Corruption("store " + dir_ + " is damaged: the row of entry " +
                              std::to_string(index) + " is missing (the log has " +
                              std::to_string(log_size) + " entries); run tradefin audit");
  if (!v.ok()) return v.status().WithPrefix("entry " + std::to_string(index));
  return v;
}

Status StoreImpl::CheckTip() const {
  // A write chains to the last entry (prev_leaf_hash): refuse to build on a
  // row that cannot be read or does not hash to the leaf the tree holds.
  if (size_ == 0) return Status();
  TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, ReadEntryRow(size_ - 1, size_));
  if (EntryLeafHash(bytes) != last_leaf_)
    return Status::Corruption("store " + dir_ + " is damaged: entry " +
                              std::to_string(size_ - 1) +
                              " does not hash to its leaf in the tree; run tradefin audit");
  return Status();
}

Result<Entry> StoreImpl::GetEntry(uint64_t index) const {
  TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, GetEntryBytes(index));
  auto e = DecodeEntry(bytes);
  if (!e.ok())
    return Status::Corruption("store " + dir_ + " is damaged: entry " + std::to_string(index) +
                              ": " + std::string(e.status().message()));
  return e;
}

Result<std::string> StoreImpl::GetDocument(uint64_t index) const {
  TRADEFIN_ASSIGN_OR_RETURN(Entry e, GetEntry(index));
  if (e.type != EntryType::kDocument)
    return Status::NotFound("entry " + std::to_string(index) + " is a " +
                            std::string(EntryTypeName(e.type)) +
                            ", not a document");
  auto v = Get(std::string(1, kBlobPrefix) + HashBytes(e.document_sha256));
  if (!v.ok() && v.status().code() == StatusCode::kNotFound)
    return Status::Corruption("document of entry " + std::to_string(index) +
                              " is missing");
  return v;
}

Result<LinkView> StoreImpl::Links(uint64_t index) const {
  TRADEFIN_ASSIGN_OR_RETURN(Entry e, GetEntry(index));
  LinkView view;
  view.outgoing = e.links;
  std::string p = U64Key(kLinkPrefix, index);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(CheckedReads()));
  for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
    uint64_t src = DecodeU64(std::string_view(it->key().data() + p.size(), 8));
    TRADEFIN_ASSIGN_OR_RETURN(Entry s, GetEntry(src));
    for (const EntryLink& l : s.links)
      if (l.target_index == index) view.incoming.push_back({l.relation, src});
  }
  TRADEFIN_RETURN_IF_ERROR(Damage(it->status(), "reading links"));
  return view;
}

Result<std::vector<uint64_t>> StoreImpl::History(std::string_view key) const {
  std::set<uint64_t> all;
  std::vector<std::string> keys;
  if (key.find(':') != std::string_view::npos) {
    keys.emplace_back(key);
  } else {
    for (std::string_view kind :
         {"letter-of-credit", "rail-waybill", "customs-declaration",
          "commercial-invoice", "party", "credit", "consignment",
          "declaration", "invoice", "container"})
      keys.push_back(std::string(kind) + ":" + std::string(key));
  }
  for (const auto& k : keys) {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> v, IndexScan(kKeyPrefix, KeyHash(k)));
    all.insert(v.begin(), v.end());
  }
  return std::vector<uint64_t>(all.begin(), all.end());
}

Status StoreImpl::ForEachEntry(uint64_t from, uint64_t count,
                               const std::function<bool(const Entry&)>& fn) const {
  // Size and rows from one snapshot; every index in range must have its row.
  leveldb::ReadOptions ro = CheckedReads();
  uint64_t log_size = 0;
  const leveldb::Snapshot* snap = nullptr;
  {
    std::lock_guard<std::mutex> l(mu_);
    log_size = size_;
    snap = db_->GetSnapshot();
  }
  ScopedSnapshot guard(db_.get(), snap);
  ro.snapshot = snap;
  const uint64_t end = from >= log_size ? from : from + std::min(count, log_size - from);
  auto missing = [&](uint64_t idx) {
    return Status::Corruption("store " + dir_ + " is damaged: the row of entry " +
                              std::to_string(idx) + " is missing (the log has " +
                              std::to_string(log_size) + " entries); run tradefin audit");
  };
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(ro));
  std::string p(1, kEntryPrefix);
  uint64_t idx = from;
  for (it->Seek(U64Key(kEntryPrefix, from)); idx < end; it->Next(), ++idx) {
    if (!it->Valid() || !it->key().starts_with(p)) break;
    if (it->key().size() != 9 ||
        DecodeU64(std::string_view(it->key().data() + 1, 8)) != idx)
      return missing(idx);
    auto e = DecodeEntry(std::string_view(it->value().data(), it->value().size()));
    if (!e.ok())
      return Status::Corruption("store " + dir_ + " is damaged: entry " + std::to_string(idx) +
                                ": " + std::string(e.status().message()));
    if (!fn(*e)) return Damage(it->status(), "reading log");
  }
  TRADEFIN_RETURN_IF_ERROR(Damage(it->status(), "reading log"));
  if (idx < end) return missing(idx);
  return Status();
}

// ---------------------------------------------------- checkpoints, proofs

Result<std::string> StoreImpl::CheckpointAt(uint64_t size) const {
  auto v = Get(U64Key(kCheckpointPrefix, size));
  if (!v.ok() && v.status().code() == StatusCode::kNotFound)
    return Status::NotFound("no checkpoint was signed at tree size " +
                            std::to_string(size) +
                            " (the hub signs one after every batch)");
  return v;
}

Result<std::string> StoreImpl::LatestCheckpoint() const { return CheckpointAt(size()); }

Result<Sha256Hash> StoreImpl::RootAt(uint64_t size) const {
  if (size > this->size())
    return Status::InvalidArgument("tree size " + std::to_string(size) +
                                   " is beyond the log (" +
                                   std::to_string(this->size()) + ")");
  DbHashReader reader(db_.get(), nullptr);
  TRADEFIN_ASSIGN_OR_RETURN(merkle::Hash root, merkle::RootAt(size, reader));
  Sha256Hash out;
  std::memcpy(out.data(), root.data(), 32);
  return out;
}

Result<std::vector<Sha256Hash>> StoreImpl::InclusionPath(uint64_t index,
                                                         uint64_t size) const {
  if (size > this->size() || index >= size)
    return Status::InvalidArgument("entry " + std::to_string(index) +
                                   " is not in a tree of size " + std::to_string(size));
  DbHashReader reader(db_.get(), nullptr);
  TRADEFIN_ASSIGN_OR_RETURN(std::vector<merkle::Hash> path,
                            merkle::InclusionProof(index, size, reader));
  std::vector<Sha256Hash> out(path.size());
  for (size_t i = 0; i < path.size(); ++i) std::memcpy(out[i].data(), path[i].data(), 32);
  return out;
}

Result<std::string> StoreImpl::ProveInclusion(uint64_t index,
                                              std::optional<uint64_t> size) const {
  uint64_t n = size ? *size : this->size();
  // Read the checkpoint first, then prove against exactly its size
  // (docs/design/log.md §3).
  TRADEFIN_ASSIGN_OR_RETURN(std::string cp, CheckpointAt(n));
  TRADEFIN_ASSIGN_OR_RETURN(std::vector<Sha256Hash> path, InclusionPath(index, n));
  note::TlogProof proof;
  proof.index = index;
  proof.checkpoint = cp;
  for (const auto& h : path) {
    merkle::Hash m;
    std::memcpy(m.data(), h.data(), 32);
    proof.path.push_back(m);
  }
  return note::FormatTlogProof(proof);
}

Result<ConsistencyProofData> StoreImpl::ProveConsistency(uint64_t from,
                                                         uint64_t to) const {
  if (from == 0 || from > to || to > size())
    return Status::InvalidArgument("consistency needs 0 < from <= to <= " +
                                   std::to_string(size()) + "; got from " +
                                   std::to_string(from) + " to " + std::to_string(to));
  DbHashReader reader(db_.get(), nullptr);
  TRADEFIN_ASSIGN_OR_RETURN(std::vector<merkle::Hash> p,
                            merkle::ConsistencyProof(from, to, reader));
  ConsistencyProofData d;
  d.from = from;
  d.to = to;
  TRADEFIN_ASSIGN_OR_RETURN(d.root_from, RootAt(from));
  TRADEFIN_ASSIGN_OR_RETURN(d.root_to, RootAt(to));
  d.hashes.resize(p.size());
  for (size_t i = 0; i < p.size(); ++i) std::memcpy(d.hashes[i].data(), p[i].data(), 32);
  auto cp = CheckpointAt(to);
  if (cp.ok()) {
    d.checkpoint = *cp;
    d.text = note::FormatConsistencyProof(note::ConsistencyProofText{from, p, *cp});
  }
  return d;
}

Result<EntryRef> StoreImpl::AppendRawForTesting(Entry entry, std::string document) {
  std::lock_guard<std::mutex> l(mu_);
  Batch b = BeginBatch();
  EntryRef ref = Append(&b, &entry, document.empty() ? nullptr : &document);
  TRADEFIN_RETURN_IF_ERROR(Commit(&b));
  return ref;
}

Status StoreImpl::AppendRawBatchForTesting(std::vector<Entry> entries) {
  std::lock_guard<std::mutex> l(mu_);
  Batch b = BeginBatch();
  for (Entry& e : entries) Append(&b, &e, nullptr);
  b.entries.clear();  // not needed; keeps memory flat for huge batches
  return Commit(&b);
}

}  // namespace store
}  // namespace tradefin
