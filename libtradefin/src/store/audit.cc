// tradefin audit: recompute everything the store claims, from the entries
// up (docs/formats/store.md). One streaming pass over the log in index
// order on this thread (hash chain, leaf hashes, every tree node, index
// rows, party registry replay, hub signatures), with the expensive
// per-document work (re-hash, parse, validate, signature against the
// registry as it stood at that entry) fanned out to worker threads through
// a bounded queue, so memory does not grow with the store. Then one pass
// over each remaining row family.
#include <leveldb/iterator.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <thread>

#include "store/codec.h"
#include "store/financing_audit.h"
#include "store/hub_checkpoint.h"
#include "store/store_impl.h"

namespace tradefin::store {
namespace {

struct Finding {
  bool found = false;
  uint64_t index = 0;
  bool has_index = false;
  std::string problem;
};

// Keeps the finding with the lowest entry index (entry-less findings, from
// the row passes, rank after every entry finding).
class FirstFinding {
 public:
  void Report(std::optional<uint64_t> index, std::string problem) {
    std::lock_guard<std::mutex> l(mu_);
    uint64_t rank = index ? *index : UINT64_MAX;
    if (f_.found && rank >= rank_) return;
    f_.found = true;
    f_.has_index = index.has_value();
    f_.index = index.value_or(0);
    f_.problem = std::move(problem);
    rank_ = rank;
  }
  // A read or internal error: the audit could not run; it is returned as
  // a Status, never as a finding about the store.
  void Fail(Status s) {
    std::lock_guard<std::mutex> l(mu_);
    if (error_.ok()) error_ = std::move(s);
  }
  Status error() const {
    std::lock_guard<std::mutex> l(mu_);
    return error_;
  }
  bool found() const {
    std::lock_guard<std::mutex> l(mu_);
    return f_.found || !error_.ok();
  }
  Finding get() const {
    std::lock_guard<std::mutex> l(mu_);
    return f_;
  }

 private:
  mutable std::mutex mu_;
  Finding f_;
  uint64_t rank_ = UINT64_MAX;
  Status error_;
};

// The log before entry `limit`, read from the audit's snapshot: what submit
// saw when it resolved that entry's links.
class SnapshotLogView final : public LogView {
 public:
  SnapshotLogView(leveldb::DB* db, const leveldb::ReadOptions& ro, uint64_t limit)
      : db_(db), ro_(ro), limit_(limit) {}
  Result<std::vector<uint64_t>> Carriers(const std::string& key) override {
    std::vector<uint64_t> out;
    std::string p(1, kKeyPrefix);
    p += KeyHash(key);
    std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(ro_));
    for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
      if (it->key().size() != p.size() + 8)
        return Status::Corruption("natural-key index row has a bad key length");
      uint64_t idx = DecodeU64(std::string_view(it->key().data() + p.size(), 8));
      if (idx < limit_) out.push_back(idx);
    }
    TRADEFIN_RETURN_IF_ERROR(FromLevelDb(it->status(), "reading the natural-key index"));
    return out;
  }
  Result<std::pair<Entry, Sha256Hash>> Load(uint64_t index) override {
    std::string bytes;
    leveldb::Status s = db_->Get(ro_, U64Key(kEntryPrefix, index), &bytes);
    if (s.IsNotFound())
      return Status::Corruption("entry row " + std::to_string(index) + " is missing");
    TRADEFIN_RETURN_IF_ERROR(FromLevelDb(s, "reading entry " + std::to_string(index)));
    TRADEFIN_ASSIGN_OR_RETURN(Entry e, DecodeEntry(bytes));
    return std::make_pair(std::move(e), EntryLeafHash(bytes));
  }

 private:
  leveldb::DB* db_;
  leveldb::ReadOptions ro_;
  uint64_t limit_;
};

std::string LinksText(const std::vector<EntryLink>& links) {
  std::string out;
  for (const auto& l : links)
    out += (out.empty() ? "" : " ") + l.relation + "->" + std::to_string(l.target_index);
  return out.empty() ? "(none)" : out;
}

bool SameLinks(const std::vector<EntryLink>& a, const std::vector<EntryLink>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].relation != b[i].relation || a[i].target_index != b[i].target_index ||
        a[i].target_leaf_hash != b[i].target_leaf_hash)
      return false;
  return true;
}

struct DocTask {
  uint64_t index = 0;
  Entry entry;
  std::string document;
  std::shared_ptr<const RegistryTrust> trust;
};

void CheckDocument(const DocumentChecker& checker, leveldb::DB* db,
                   const leveldb::ReadOptions& ro, const DocTask& t,
                   FirstFinding* first) {
  const Entry& e = t.entry;
  if (Sha256(t.document) != e.document_sha256)
    return first->Report(t.index, "document bytes do not hash to the entry's document_sha256");
  CheckedDocument c = checker.Check(t.document, "entry " + std::to_string(t.index), *t.trust);
  if (!c.error.ok()) return first->Fail(c.error.WithPrefix("entry " + std::to_string(t.index)));
  if (!c.ok)
    return first->Report(t.index, "document no longer checks against the registry "
                                  "as it stood at this entry: " + c.code + ": " + c.reason);
  if (c.signer_party != e.submitter_party || c.signer_key_id != e.submitter_key_id)
    return first->Report(t.index, "signer " + c.signer_party + " does not match the "
                                  "entry's submitter " + e.submitter_party);
  if (c.type_name != e.document_type)
    return first->Report(t.index, "document type does not match the entry");
  std::vector<std::string> keys{c.unique_key};
  for (const auto& id : c.identifiers)
    if (id != c.unique_key) keys.push_back(id);
  if (keys != e.natural_keys)
    return first->Report(t.index, "natural keys do not match the document");
  // Links, recomputed from the stored document and the log before it. An
  // earlier entry with the same unique key means this one was accepted as
  // its amendment (anything else is a CONFLICT at submit).
  SnapshotLogView view(db, ro, t.index);
  auto same = view.Carriers(c.unique_key);
  if (!same.ok())
    return first->Report(t.index, "cannot recompute links: " + same.status().ToString());
  std::optional<uint64_t> amended;
  if (!same->empty()) amended = *std::max_element(same->begin(), same->end());
  auto links = ResolveLinks(c.unique_key, c.type_name, c.identifiers, amended, &view);
  if (!links.ok())
    return first->Report(t.index, "cannot recompute links: " + links.status().ToString());
  if (!SameLinks(*links, e.links))
    return first->Report(t.index, "links " + LinksText(e.links) +
                                      " differ from the links recomputed from the stored "
                                      "documents: " + LinksText(*links));
}

// Bounded work queue for per-document checks.
class Pool {
 public:
  Pool(int threads, const DocumentChecker& checker, leveldb::DB* db,
       const leveldb::ReadOptions& ro, FirstFinding* first)
      : checker_(checker), db_(db), ro_(ro), first_(first) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Run(); });
  }
  ~Pool() { Finish(); }
  void Push(DocTask t) {
    std::unique_lock<std::mutex> l(mu_);
    not_full_.wait(l, [this] { return q_.size() < kMaxQueued; });
    q_.push_back(std::move(t));
    not_empty_.notify_one();
  }
  void Finish() {
    {
      std::lock_guard<std::mutex> l(mu_);
      closed_ = true;
    }
    not_empty_.notify_all();
    for (auto& w : workers_)
      if (w.joinable()) w.join();
  }

 private:
  static constexpr size_t kMaxQueued = 128;
  void Run() {
    for (;;) {
      DocTask t;
      {
        std::unique_lock<std::mutex> l(mu_);
        not_empty_.wait(l, [this] { return closed_ || !q_.empty(); });
        if (q_.empty()) return;
        t = std::move(q_.front());
        q_.pop_front();
        not_full_.notify_one();
      }
      CheckDocument(checker_, db_, ro_, t, first_);
    }
  }
  const DocumentChecker& checker_;
  leveldb::DB* db_;
  leveldb::ReadOptions ro_;
  FirstFinding* first_;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<DocTask> q_;
  bool closed_ = false;
  std::vector<std::thread> workers_;
};

// True if row `k` is present. A read error is not "absent": it is recorded
// in `first` as the audit's error (and reads as absent only so the caller
// stops; the error wins over any finding).
bool Exists(leveldb::DB* db, const leveldb::ReadOptions& ro, FirstFinding* first,
            const std::string& k, std::string* value) {
  leveldb::Status s = db->Get(ro, k, value);
  if (s.ok()) return true;
  if (!s.IsNotFound()) first->Fail(FromLevelDb(s, "audit: reading row " + HexEncode(k)));
  return false;
}

}  // namespace

Result<AuditReport> StoreImpl::Audit(const AuditOptions& options) const {
  // The size and the snapshot are taken together under the write lock, so a
  // concurrent commit is either wholly in both or in neither.
  uint64_t size = 0;
  const leveldb::Snapshot* snap = nullptr;
  {
    std::lock_guard<std::mutex> l(mu_);
    TRADEFIN_RETURN_IF_ERROR(EnsureChecker());
    size = size_;
    snap = db_->GetSnapshot();
  }
  ScopedSnapshot guard(db_.get(), snap);
  leveldb::ReadOptions ro;
  ro.snapshot = snap;
  ro.fill_cache = false;
  ro.verify_checksums = true;
  leveldb::DB* db = db_.get();

  FirstFinding first;
  AuditReport report;
  auto hub = PublicKey::FromDer(hub_spki_);
  if (!hub.ok()) {
    report.problem = "meta hub-key is not a valid public key";
    return report;
  }
  const std::string hub_key_id = HashHex(Sha256(hub_spki_));

  {
    std::lock_guard<std::mutex> l(mu_);
    TRADEFIN_RETURN_IF_ERROR(EnsureEventReader());
  }
  FinancingAuditState financing;
  std::map<std::string, PartyState> registry;
  auto trust = std::make_shared<const RegistryTrust>(registry);
  const int threads = options.threads < 1 ? 1 : options.threads;
  std::unique_ptr<Pool> pool;
  if (threads > 1) pool = std::make_unique<Pool>(threads, *checker_, db, ro, &first);

  merkle::CompactRange range;
  Sha256Hash prev{};
  uint64_t i = 0;
  uint16_t max_version = 1;
  std::string scratch;
  {
    std::unique_ptr<leveldb::Iterator> it(db->NewIterator(ro));
    const std::string ep(1, kEntryPrefix);
    for (it->Seek(ep); it->Valid() && it->key().starts_with(ep); it->Next(), ++i) {
      if (first.found() && !first.get().has_index) break;
      if (first.found() && first.get().index < i) break;
      std::string_view key(it->key().data(), it->key().size());
      std::string_view bytes(it->value().data(), it->value().size());
      if (key.size() != 9 || DecodeU64(key.substr(1)) != i) {
        first.Report(i, "entry row " + std::to_string(i) + " is missing (rows are not contiguous)");
        break;
      }
      auto decoded = DecodeEntry(bytes);
      if (!decoded.ok()) {
        first.Report(i, std::string(decoded.status().message()));
        break;
      }
      Entry& e = *decoded;
      auto bad = [&](std::string what) { first.Report(i, std::move(what)); };
      if (e.index != i) { bad("entry says index " + std::to_string(e.index)); break; }
      // A writer never goes back to an older entry format (§3.3).
      if (e.version < max_version) { bad("entry version " + std::to_string(e.version) + " after version " + std::to_string(max_version)); break; }
      max_version = e.version;
      if (e.origin != origin_) { bad("origin '" + e.origin + "' is not the store's '" + origin_ + "'"); break; }
      if (e.prev_leaf_hash != prev) { bad("hash chain broken: prev_leaf_hash is not the leaf hash of entry " + std::to_string(i - 1)); break; }
      Sha256Hash leaf = EntryLeafHash(bytes);
      std::string leaf_raw = HashBytes(leaf);
      merkle::Hash mleaf;
      std::memcpy(mleaf.data(), leaf.data(), 32);
      bool node_bad = false;
      range.Append(mleaf, [&](int level, uint64_t index, const merkle::Hash& h) {
        std::string v;
        if (!Exists(db, ro, &first, NodeKey(level, index), &v) ||
            v != std::string_view(reinterpret_cast<const char*>(h.data()), 32)) {
          if (!node_bad)
            bad(level == 0 ? "stored leaf hash does not match the entry bytes"
                           : "tree node " + std::to_string(level) + "/" + std::to_string(index) +
                                 " does not match its recomputed hash");
          node_bad = true;
        }
      });
      if (node_bad) break;
      if (!Exists(db, ro, &first, std::string(1, kLeafPrefix) + leaf_raw, &scratch) ||
          scratch != std::string_view(key.substr(1))) {
        bad("leaf-hash index row is missing or points elsewhere");
        break;
      }
      bool link_bad = false;
      for (const EntryLink& l : e.links) {
        std::string v;
        std::string lk = U64Key(kLinkPrefix, l.target_index);
        PutU64(&lk, i);
        if (l.target_index >= i ||
            !Exists(db, ro, &first, NodeKey(0, l.target_index), &v) ||
            v != HashBytes(l.target_leaf_hash) || !Exists(db, ro, &first, lk, &v) || !v.empty()) {
          bad("link '" + l.relation + "' to entry " + std::to_string(l.target_index) +
              " does not match that entry's leaf hash or its reverse row");
          link_bad = true;
          break;
        }
      }
      if (link_bad) break;
      for (const std::string& k : e.natural_keys) {
        std::string kk(1, kKeyPrefix);
        kk += KeyHash(k);
        PutU64(&kk, i);
        if (!Exists(db, ro, &first, kk, &scratch) || !scratch.empty()) {
          bad("natural-key index row for '" + k + "' is missing");
          link_bad = true;
          break;
        }
      }
      if (link_bad) break;

      if (e.type == EntryType::kDocument) {
        std::string doc;
        if (!Exists(db, ro, &first, std::string(1, kBlobPrefix) + HashBytes(e.document_sha256), &doc)) {
          bad("document blob is missing");
          break;
        }
        DocTask t{i, std::move(e), std::move(doc), trust};
        if (pool) pool->Push(std::move(t));
        else CheckDocument(*checker_, db, ro, t, &first);
        ++report.documents_checked;
      } else if (e.type == EntryType::kFinancingEvent || e.type == EntryType::kEncumbrance) {
        std::string problem = AuditFinancingEntry(db, ro, e, *trust, *hub, hub_key_id,
                                                  *event_reader_, &financing);
        if (!problem.empty()) { bad(problem); break; }
      } else {
        if (e.submitter_key_id != hub_key_id ||
            !hub->Verify(EntrySigningInput(e), e.hub_signature)) {
          bad("hub signature on the " + std::string(EntryTypeName(e.type)) + " entry does not verify");
          break;
        }
        std::string problem = ApplyPartyEntry(e, i, &registry);
        if (!problem.empty()) { bad(problem); break; }
        trust = std::make_shared<const RegistryTrust>(registry);
      }
      prev = leaf;
      if (options.progress && (i + 1) % 1000 == 0) options.progress(i + 1, size);
    }
    if (!it->status().ok()) first.Fail(Damage(it->status(), "audit: reading entries"));
  }
  if (pool) pool->Finish();
  report.entries_checked = i;
  if (options.progress) options.progress(i, size);

  auto finish = [&]() -> Result<AuditReport> {
    if (!first.error().ok()) return first.error();
    Finding f = first.get();
    report.clean = !f.found;
    if (f.found) {
      if (f.has_index) report.bad_entry = f.index;
      report.problem = f.problem;
    }
    return report;
  };
  if (first.found()) return finish();
  if (i != size) {
    first.Report(std::nullopt, "meta size says " + std::to_string(size) +
                                   " entries but the log holds " + std::to_string(i));
    return finish();
  }

  // Row families other than entries.
  auto scan = [&](char prefix, const std::function<bool(std::string_view, std::string_view)>& fn) {
    std::unique_ptr<leveldb::Iterator> it(db->NewIterator(ro));
    std::string p(1, prefix);
    for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next())
      if (!fn(std::string_view(it->key().data() + 1, it->key().size() - 1),
              std::string_view(it->value().data(), it->value().size())))
        return false;
    if (!it->status().ok()) {
      first.Fail(Damage(it->status(), "audit: reading rows"));
      return false;
    }
    return true;
  };
  DbHashReader reader(db, snap);
  scan(kCheckpointPrefix, [&](std::string_view k, std::string_view v) {
    uint64_t s = DecodeU64(k);
    auto cp = VerifyCheckpoint(v, origin_, *hub);
    if (!cp.ok() || cp->size != s || s > size) {
      first.Report(std::nullopt, "checkpoint for size " + std::to_string(s) + ": " +
                                     (cp.ok() ? "wrong size" : std::string(cp.status().message())));
      return false;
    }
    auto root = merkle::RootAt(s, reader);
    if (!root.ok() || *root != cp->root) {
      first.Report(std::nullopt, "checkpoint for size " + std::to_string(s) +
                                     " does not match the recomputed root");
      return false;
    }
    ++report.checkpoints_checked;
    return true;
  });
  if (!first.found()) {
    std::string v;
    if (!Exists(db, ro, &first, U64Key(kCheckpointPrefix, size), &v))
      first.Report(std::nullopt, "no checkpoint for the current size " + std::to_string(size));
  }
  uint64_t leaf_rows = 0;
  if (!first.found())
    scan(kLeafPrefix, [&](std::string_view k, std::string_view v) {
      std::string node;
      if (v.size() != 8 || DecodeU64(v) >= size ||
          !Exists(db, ro, &first, NodeKey(0, DecodeU64(v)), &node) || node != k) {
        first.Report(std::nullopt, "leaf-hash index row " + HexEncode(k) + " points to the wrong entry");
        return false;
      }
      ++leaf_rows;
      return true;
    });
  if (!first.found() && leaf_rows != size)
    first.Report(std::nullopt, "leaf-hash index has " + std::to_string(leaf_rows) + " rows for " +
                                   std::to_string(size) + " entries");
  if (!first.found()) {
    uint64_t expected = 0, nodes = 0;
    for (int level = 0; level < 64 && (size >> level) > 0; ++level) expected += size >> level;
    scan(kNodePrefix, [&](std::string_view, std::string_view) { ++nodes; return true; });
    if (nodes != expected)
      first.Report(std::nullopt, "tree has " + std::to_string(nodes) + " node rows; expected " +
                                     std::to_string(expected));
  }
  if (!first.found())
    scan(kBlobPrefix, [&](std::string_view k, std::string_view v) {
      if (HashBytes(Sha256(v)) != k) {
        first.Report(std::nullopt, "document blob " + HexEncode(k) + " does not hash to its key");
        return false;
      }
      return true;
    });
  if (!first.found()) {
    size_t rows = 0;
    scan(kPartyStatePrefix, [&](std::string_view k, std::string_view v) {
      ++rows;
      auto it = registry.find(std::string(k));
      // Compared as decoded state: a format-1 store keeps its old row
      // layout until its first write (§3.3).
      auto row = DecodePartyState(v);
      if (it == registry.end() || !row.ok() ||
          EncodePartyState(*row) != EncodePartyState(it->second)) {
        first.Report(std::nullopt, "party registry row for " + std::string(k) +
                                       " differs from the registry rebuilt from the log");
        return false;
      }
      return true;
    });
    if (!first.found() && rows != registry.size())
      first.Report(std::nullopt, "party registry rows are missing");
  }
  if (!first.found()) {
    std::string problem = AuditEncumbranceRows(db, ro, financing);
    if (!problem.empty()) first.Report(std::nullopt, problem);
  }
  for (char p : {kKeyPrefix, kPartyIndexPrefix, kLinkPrefix}) {
    if (first.found()) break;
    scan(p, [&](std::string_view, std::string_view v) {
      if (!v.empty()) {
        first.Report(std::nullopt, std::string("index row with prefix '") + p + "' has a value");
        return false;
      }
      return true;
    });
  }
  if (!first.found()) {
    // Meta rows as stored now, not as this process loaded them.
    std::string v;
    if (!Exists(db, ro, &first, std::string(1, kMetaPrefix) + "size", &v) || v.size() != 8 ||
        DecodeU64(v) != i)
      first.Report(std::nullopt, "meta size does not match the number of entries");
    else if (!Exists(db, ro, &first, std::string(1, kMetaPrefix) + "origin", &v) || v != origin_)
      first.Report(std::nullopt, "meta origin does not match the entries' origin");
    else if (!Exists(db, ro, &first, std::string(1, kMetaPrefix) + "hub-key", &v) || v != hub_spki_)
      first.Report(std::nullopt, "meta hub-key does not match the hub key");
  }
  if (!first.found()) {
    std::string fmt;
    // Format 2 once anything was written by a version-2 writer; a format-1
    // store holds only version-1 entries (§3.3).
    if (!Exists(db, ro, &first, std::string(1, kMetaPrefix) + "format", &fmt) ||
        !(fmt == std::string("\0\2", 2) ||
          (fmt == std::string("\0\1", 2) && max_version == 1)))
      first.Report(std::nullopt, "meta format is neither 2 nor (for a store of "
                                 "version-1 entries only) 1");
    // The private key is not read here: Open already checked that the hub's
    // signer holds the key in meta, and an audit needs only the public key.
  }
  return finish();
}

}  // namespace tradefin::store
