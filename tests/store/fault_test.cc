// Faults under the store (issue 12): every file operation of a command goes
// through the store's Env seam (store/store_env.h), and FaultEnv fails the
// k-th one for every k. Each run must end in a non-OK Status that names the
// error (or, for a fault LevelDB tolerates, success with the batch
// recorded), and the store must reopen with the default Env, audit clean,
// hold all of the batch or none of it, and take the next write and reopen
// clean again (a torn log record must never be appended to).
//
// We run as root, so chmod cannot make a directory read-only for the test;
// "read-only file system" is injected through the Env instead.
#include <leveldb/env.h>

#include <filesystem>
#include <functional>

#include "store/store_env.h"
#include "store/store_impl.h"
#include "testing/fault_env.h"
#include "testing/store_checks.h"
#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/store.h"
#include "tradefin/store/witness.h"

namespace tradefin {
namespace {

namespace fs = std::filesystem;
using testing::FaultEnv;
using testing::OpenDefault;
using testing::RenumberedSample;
using testing::RequireClean;
using testing::FaultError;
using testing::FileOp;
using testing::TempDir;

constexpr char kBank[] = "LDZBPLP0XXX";
constexpr char kCarrier[] = "91510000MA61CRW0XE";
constexpr char kShipper[] = "91510113MA6CT4K21P";
constexpr char kBroker[] = "91510100MA62XJ8N0J";
constexpr char kNewParty[] = "SCFBCNC0XXX";

PrivateKey NewKey() {
  auto k = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(k);
  return *k;
}

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// A store with four parties and one shipment, made once and copied for
// every run.
struct Base {
  Runtime runtime;
  TempDir tmp;
  std::string dir = (tmp.path() / "base").string();
  std::map<std::string, PrivateKey> keys;
  uint64_t size = 0;

  Base() {
    CreateStoreOptions c;
    c.dir = dir;
    c.origin = "example.org/tradefin/faults";
    auto st = Store::Create(c);
    REQUIRE_OK(st);
    for (auto [id, role] : {std::pair{kBank, PartyRole::kIssuingBank},
                            std::pair{kCarrier, PartyRole::kCarrier},
                            std::pair{kShipper, PartyRole::kShipper},
                            std::pair{kBroker, PartyRole::kCustomsBroker}}) {
      keys.emplace(id, NewKey());
      REQUIRE_OK((*st)->AddParty(id, std::string("Party ") + id, {role},
                                 keys.at(id).public_key().spki_der()));
    }
    auto r = (*st)->Submit(Shipment(1), {});
    REQUIRE_OK(r);
    REQUIRE_MESSAGE(r->accepted, r->outcomes[0].reason);
    size = (*st)->size();
  }

  // The four sample documents of shipment `n` (its own credit, consignment,
  // declaration and invoice numbers), each signed by its issuer.
  std::vector<SubmitItem> Shipment(int n) const {
    char two[3];
    std::snprintf(two, sizeof two, "%02d", n);
    const std::vector<std::pair<std::string, std::string>> swaps = {
        {"DEL25LC0001234", std::string("DEL25LC00012") + two},
        {"25CX050417", std::string("25CX0504") + two},
        {"790120250000123456", std::string("7901202500001234") + two},
        {"TF2025-0517", std::string("TF2025-05") + two}};
    std::vector<SubmitItem> out;
    for (auto [sample, party] : {std::pair{"letter-of-credit.xml", kBank},
                                 std::pair{"rail-waybill.xml", kCarrier},
                                 std::pair{"customs-declaration.xml", kBroker},
                                 std::pair{"commercial-invoice.xml", kShipper}}) {
      const std::string xml = RenumberedSample(sample, swaps);
      auto signer = NewSoftwareSigner(keys.at(party));
      REQUIRE_OK(signer);
      auto s = SignDocument(xml, **signer, SignOptions());
      REQUIRE_OK(s);
      out.push_back({sample, *s});
    }
    return out;
  }
};

void CopyStore(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::remove_all(to, ec);
  fs::copy(from, to, fs::copy_options::recursive);
}

Result<std::unique_ptr<Store>> OpenWith(const std::string& dir, FaultEnv* env) {
  OpenStoreOptions o;
  o.dir = dir;
  return store::OpenStore(o, store::StoreEnv{env, 0});
}

// One store operation under test: runs on an open store, returns its
// status (a verdict that is not "accepted" is a test failure: the inputs
// are valid).
using Op = std::function<Status(Store&)>;
// Checks, on the reopened store, that the batch is all there (`present`)
// or not at all.
using AllOrNone = std::function<void(Store&, bool present)>;

const FaultError kErrors[] = {FaultError::kNoSpace, FaultError::kReadOnly, FaultError::kIo};

struct SweepResult {
  uint64_t ops = 0;        // file operations of one clean run
  int runs = 0;            // faulted runs
  int errors = 0;          // runs whose operation reported the fault
  int recorded = 0;        // runs after which the batch was in the store
};

// Runs `op` once cleanly to count its file operations, then once per k
// failing the k-th, for each error kind in turn (torn appends on odd k).
SweepResult Sweep(const Base& base, const char* what, const Op& op, uint64_t batch,
                  const AllOrNone& all_or_none) {
  TempDir tmp;
  const std::string dir = (tmp.path() / "s").string();
  SweepResult res;
  {
    CopyStore(base.dir, dir);
    FaultEnv env;
    auto st = OpenWith(dir, &env);
    REQUIRE_OK(st);
    env.ResetCounts();
    REQUIRE_STATUS_OK(op(**st));
    res.ops = env.count();
    REQUIRE((*st)->size() == base.size + batch);
  }
  REQUIRE(res.ops > 0);
  for (uint64_t k = 1; k <= res.ops; ++k) {
    CAPTURE(what);
    CAPTURE(k);
    CopyStore(base.dir, dir);
    FaultEnv env;
    const FaultError error = kErrors[k % 3];
    Status status;
    {
      auto st = OpenWith(dir, &env);
      REQUIRE_OK(st);
      env.ResetCounts();
      env.set_torn_appends(k % 2 == 1);
      env.FailNth(k, error);
      status = op(**st);
      REQUIRE(env.faults() == 1);
      CAPTURE(env.first_fault());
      if (!status.ok()) {
        ++res.errors;
        CHECK_MESSAGE(Has(status.message(), testing::FaultErrorText(error)), status.ToString());
        // The in-memory tree did not move past what is on disk.
        CHECK((*st)->size() == base.size);
        // A failed write poisons the handle: the next write is refused
        // instead of landing behind a torn log record. (Every operation
        // counted here is a write: the base store's rows sit in LevelDB's
        // log, read into memory at open.)
        env.Clear();
        auto again = (*st)->AddParty(kNewParty, "Late", {PartyRole::kFinancingBank},
                                     NewKey().public_key().spki_der());
        CHECK_FALSE(again.ok());
        if (!again.ok()) CHECK_MESSAGE(Has(again.status().message(), "reopen"), again.status());
      }
    }
    // Reopen with the default Env: opens, audits clean, all or none.
    {
      auto st = OpenDefault(dir);
      const uint64_t size = st->size();
      const bool present = size > base.size;
      CHECK_MESSAGE((size == base.size || size == base.size + batch), "size " << size);
      if (status.ok() && batch > 0) CHECK(present);
      if (present) ++res.recorded;
      all_or_none(*st, present);
      RequireClean(*st);
      // The next write lands and survives another reopen.
      REQUIRE_OK(st->AddParty("GUARDEFFXXX", "Next", {PartyRole::kGuarantor},
                              NewKey().public_key().spki_der()));
    }
    auto st = OpenDefault(dir);
    RequireClean(*st);
    ++res.runs;
  }
  MESSAGE(std::string(what) << ": " << res.ops << " file operations; " << res.runs << " faulted runs, "
               << res.errors << " reported the fault, batch recorded after " << res.recorded);
  return res;
}

TEST_CASE("faults: submit of a four-document batch, every file operation failed in turn") {
  Base base;
  const std::vector<SubmitItem> batch = base.Shipment(2);
  auto r = Sweep(
      base, "submit",
      [&](Store& s) -> Status {
        auto rep = s.Submit(batch, {});
        if (!rep.ok()) return rep.status();
        REQUIRE(rep->accepted);
        return Status();
      },
      4,
      [](Store& s, bool present) {
        for (const char* key : {"credit:DEL25LC0001202", "consignment:25CX050402",
                                "declaration:790120250000123402", "invoice:TF2025-0502"}) {
          auto h = s.History(key);
          REQUIRE_OK(h);
          CHECK_MESSAGE(h->empty() != present, key);
        }
      });
  // Every fault in the write path (log Append, Flush, Sync) is reported.
  CHECK(r.errors == r.runs);
}

TEST_CASE("faults: party add, roles, rotate and revoke, every file operation failed in turn") {
  Base base;
  auto registered = [](const char* id, uint64_t at_least) {
    return [id, at_least](Store& s, bool present) {
      auto h = s.History(std::string("party:") + id);
      REQUIRE_OK(h);
      CHECK(h->size() == (present ? at_least + 1 : at_least));
    };
  };
  const std::string new_key = NewKey().public_key().spki_der();
  auto add = Sweep(base, "party add",
                   [&](Store& s) {
                     return s.AddParty(kNewParty, "New bank", {PartyRole::kFinancingBank}, new_key)
                         .status();
                   },
                   1, registered(kNewParty, 0));
  CHECK(add.errors == add.runs);
  auto roles = Sweep(base, "party roles",
                     [&](Store& s) {
                       return s.SetPartyRoles(kBank, {PartyRole::kIssuingBank,
                                                      PartyRole::kFinancingBank})
                           .status();
                     },
                     1, registered(kBank, 1));
  CHECK(roles.errors == roles.runs);
  auto rotate = Sweep(base, "party rotate",
                      [&](Store& s) { return s.RotatePartyKey(kCarrier, new_key).status(); }, 1,
                      registered(kCarrier, 1));
  CHECK(rotate.errors == rotate.runs);
  auto revoke = Sweep(base, "party revoke",
                      [&](Store& s) { return s.RevokeParty(kBroker).status(); }, 1,
                      [&](Store& s, bool present) {
                        registered(kBroker, 1)(s, present);
                        auto parties = s.ListParties();
                        REQUIRE_OK(parties);
                        for (const PartyInfo& p : *parties)
                          if (p.id == kBroker) CHECK(p.revoked == present);
                      });
  CHECK(revoke.errors == revoke.runs);
}

TEST_CASE("faults: storing witness cosignatures, every file operation failed in turn") {
  Base base;
  auto w = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(w);
  auto vkey = FormatWitnessKey("witness.example/w", w->public_key());
  REQUIRE_OK(vkey);
  std::string cp;
  {
    auto st = OpenDefault(base.dir);
    auto latest = st->LatestCheckpoint();
    REQUIRE_OK(latest);
    cp = *latest;
  }
  auto line = MakeCosignature(cp.substr(0, cp.find("\n\n") + 1), "witness.example/w", *w,
                              1764662400);
  REQUIRE_OK(line);
  const std::string cosigned = cp + *line;
  auto r = Sweep(base, "cosign",
                 [&](Store& s) { return s.AddCosignatures(cosigned, {*vkey}).status(); }, 0,
                 [&](Store& s, bool) {
                   auto sizes = s.CosignedSizes();
                   REQUIRE_OK(sizes);
                   auto text = s.CosignedCheckpointAt(base.size);
                   REQUIRE_OK(text);
                   // The stored line is whole or absent, never a fragment.
                   CHECK((sizes->empty() ? *text == cp : *text == cosigned));
                 });
  CHECK(r.errors == r.runs);
}

// Open itself, on a store whose log ends in a torn record (a write that
// ran out of space): LevelDB must not append behind it, so the open
// replays the log into a table and writes a new MANIFEST, CURRENT (a
// rename) and log: every one of those operations is failed in turn.
TEST_CASE("faults: opening after a torn write (table, MANIFEST, CURRENT), every operation "
          "failed in turn") {
  Base base;
  TempDir tmp;
  const std::string torn = (tmp.path() / "torn").string();
  CopyStore(base.dir, torn);
  {
    FaultEnv env;
    auto st = OpenWith(torn, &env);
    REQUIRE_OK(st);
    env.set_torn_appends(true);
    env.FailAll({FileOp::kAppend}, FaultError::kNoSpace);
    auto r = (*st)->Submit(base.Shipment(3), {});
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(Has(r.status().message(), "No space left on device"), r.status());
    CHECK_MESSAGE(Has(r.status().message(), ".log"), r.status());  // names the file
  }
  const std::string dir = (tmp.path() / "s").string();
  uint64_t ops = 0;
  {
    CopyStore(torn, dir);
    FaultEnv env;
    auto st = OpenWith(dir, &env);
    REQUIRE_OK(st);
    ops = env.count();
    CHECK(env.count(FileOp::kRename) >= 1);       // CURRENT
    CHECK(env.count(FileOp::kNewWritable) >= 3);  // table, MANIFEST, log
  }
  int failed_opens = 0;
  for (uint64_t k = 1; k <= ops; ++k) {
    CAPTURE(k);
    CopyStore(torn, dir);
    {
      FaultEnv env;
      env.set_torn_appends(k % 2 == 1);
      env.FailNth(k, kErrors[k % 3]);
      auto st = OpenWith(dir, &env);
      CAPTURE(env.first_fault());
      if (!st.ok()) {
        ++failed_opens;
        CHECK_MESSAGE(Has(st.status().message(), testing::FaultErrorText(kErrors[k % 3])),
                      st.status());
      }
    }
    auto st = OpenDefault(dir);
    CHECK(st->size() == base.size);
    RequireClean(*st);
    auto r = st->Submit(base.Shipment(4), {});
    REQUIRE_OK(r);
    REQUIRE(r->accepted);
    st.reset();
    st = OpenDefault(dir);
    CHECK(st->size() == base.size + 4);
    RequireClean(*st);
  }
  MESSAGE("open after a torn write: " << ops << " file operations, " << failed_opens
                                      << " faulted opens failed");
  CHECK(failed_opens > 0);
}

TEST_CASE("faults: a torn log record is never appended to (regression, issue 12)") {
  // Before the store checked the log's tail, the second open reused the log
  // with the torn record in it and appended; the third open then failed
  // with "Corruption: partial record without end" (or a checksum mismatch).
  Base base;
  TempDir tmp;
  const std::string dir = (tmp.path() / "s").string();
  CopyStore(base.dir, dir);
  {
    FaultEnv env;
    auto st = OpenWith(dir, &env);
    REQUIRE_OK(st);
    env.set_torn_appends(true);
    env.FailNth(2, FaultError::kNoSpace, FileOp::kAppend);  // the payload: half written
    REQUIRE_FALSE((*st)->Submit(base.Shipment(5), {}).ok());
  }
  {
    auto st = OpenDefault(dir);
    CHECK(st->size() == base.size);
    auto r = st->Submit(base.Shipment(6), {});
    REQUIRE_OK(r);
    REQUIRE(r->accepted);
  }
  auto st = OpenDefault(dir);
  CHECK(st->size() == base.size + 4);
  RequireClean(*st);
}

TEST_CASE("faults: the log-tail check reads LevelDB's record framing") {
  auto rec = [](int type, size_t len) {
    std::string r(7, '\0');
    r[4] = static_cast<char>(len & 0xff);
    r[5] = static_cast<char>(len >> 8);
    r[6] = static_cast<char>(type);
    return r + std::string(len, 'x');
  };
  using store::LevelDbLogTailIsTorn;
  CHECK_FALSE(LevelDbLogTailIsTorn("", 0));
  std::string full = rec(1, 10) + rec(1, 3);
  CHECK_FALSE(LevelDbLogTailIsTorn(full, full.size()));
  CHECK(LevelDbLogTailIsTorn(full.substr(0, full.size() - 1), full.size() - 1));  // payload cut
  CHECK(LevelDbLogTailIsTorn(full.substr(0, 20), 20));                             // header cut
  std::string first = rec(2, 20);
  CHECK(LevelDbLogTailIsTorn(first, first.size()));  // first fragment without its last
  std::string split = rec(3, 5) + rec(4, 5);
  CHECK_FALSE(LevelDbLogTailIsTorn(split, 32768 + split.size()));  // ends a split record
  CHECK(LevelDbLogTailIsTorn(full + std::string(7, '\0'), full.size() + 7));  // zeros
  // A zero trailer up to the block's end is the writer's padding.
  std::string block = rec(1, 32768 - 7 - 3) + std::string(3, '\0');
  CHECK_FALSE(LevelDbLogTailIsTorn(block, 32768));
  CHECK(LevelDbLogTailIsTorn(block.substr(0, 32767), 32767));
}

// The newest LevelDB log of the store in `dir` and its size (0 if none).
uint64_t NewestLogBytes(const std::string& dir) {
  std::string newest;
  for (const auto& e : fs::directory_iterator(fs::path(dir) / "db")) {
    const std::string n = e.path().filename().string();
    if (n.ends_with(".log") && n > newest) newest = n;
  }
  return newest.empty() ? 0 : fs::file_size(fs::path(dir) / "db" / newest);
}

// About a minute (158 sweeps, each reopening and auditing): label "slow",
// so it runs in the release ctest only, not again under ASan.
TEST_CASE("faults: the flush of a long log at close with every file operation failed in turn"
          * doctest::test_suite("slow")) {
  // A clean close after writes has LevelDB write its memtable to a table
  // once the log holds kCloseFlushLogBytes (so that the next open does not
  // replay it). That flush rewrites files of a store whose batches are all
  // synced already: whatever fails during it, nothing may be lost.
  Base base;
  TempDir tmp;
  const std::string state = (tmp.path() / "long-log").string();
  const std::string dir = (tmp.path() / "s").string();
  uint64_t size = 0;
  {
    // Grow the log past the threshold; copy the files while the handle is
    // open (every batch is synced), so the copy still has the long log.
    CopyStore(base.dir, dir);
    auto st = OpenDefault(dir);
    for (int n = 2; NewestLogBytes(dir) < store::kCloseFlushLogBytes; ++n) {
      REQUIRE(n < 60);
      auto r = st->Submit(base.Shipment(n), {});
      REQUIRE_OK(r);
      REQUIRE(r->accepted);
    }
    size = st->size() + 1;  // with the party added below
    CopyStore(dir, state);
  }
  auto write = [](Store& s) {
    REQUIRE_OK(s.AddParty(kNewParty, "Late", {PartyRole::kFinancingBank},
                          NewKey().public_key().spki_der()));
  };

  // Reading only never flushes: the files stay as they were.
  CopyStore(state, dir);
  const uint64_t log_bytes = NewestLogBytes(dir);
  OpenDefault(dir).reset();
  CHECK(NewestLogBytes(dir) == log_bytes);

  // A clean run: the close leaves an empty log; count its file operations.
  uint64_t ops = 0;
  {
    CopyStore(state, dir);
    FaultEnv env;
    auto st = OpenWith(dir, &env);
    REQUIRE_OK(st);
    write(**st);
    env.ResetCounts();
    st->reset();
    ops = env.count();
  }
  CHECK(NewestLogBytes(dir) == 0);
  CHECK(ops >= 3);  // new log, table, MANIFEST at least
  {
    auto st = OpenDefault(dir);
    CHECK(st->size() == size);
    RequireClean(*st);
  }
  for (uint64_t k = 1; k <= ops; ++k) {
    CAPTURE(k);
    CopyStore(state, dir);
    {
      FaultEnv env;
      auto st = OpenWith(dir, &env);
      REQUIRE_OK(st);
      write(**st);
      env.ResetCounts();
      env.set_torn_appends(k % 2 == 1);
      env.FailNth(k, kErrors[k % 3]);
      st->reset();
    }
    auto st = OpenDefault(dir);
    CHECK(st->size() == size);
    RequireClean(*st);
    REQUIRE_OK(st->AddParty("GUARDEFFXXX", "Next", {PartyRole::kGuarantor},
                            NewKey().public_key().spki_der()));
    st.reset();
    auto again = OpenDefault(dir);
    CHECK(again->size() == size + 1);
    RequireClean(*again);
  }
  MESSAGE("flush at close: " << ops << " file operations, each failed in turn");
}

TEST_CASE("faults: disk full and read-only store give a precise error, nothing written") {
  Base base;
  TempDir tmp;
  const std::string dir = (tmp.path() / "s").string();
  for (FaultError e : {FaultError::kNoSpace, FaultError::kReadOnly}) {
    CAPTURE(testing::FaultErrorText(e));
    CopyStore(base.dir, dir);
    {
      FaultEnv env;
      auto st = OpenWith(dir, &env);
      REQUIRE_OK(st);
      env.FailAllWrites(e);
      auto sub = (*st)->Submit(base.Shipment(7), {});
      REQUIRE_FALSE(sub.ok());
      CHECK(sub.status().code() == StatusCode::kIOError);
      // Names the file and the error: "... /db/000003.log: No space left on device".
      CHECK_MESSAGE(Has(sub.status().message(), dir), sub.status());
      CHECK_MESSAGE(Has(sub.status().message(), testing::FaultErrorText(e)), sub.status());
      auto add = (*st)->AddParty(kNewParty, "New", {PartyRole::kFinancingBank},
                                 NewKey().public_key().spki_der());
      CHECK_FALSE(add.ok());
      CHECK((*st)->size() == base.size);
      // Reads still work.
      auto e0 = (*st)->GetEntry(0);
      CHECK_OK(e0);
    }
    auto st = OpenDefault(dir);
    CHECK(st->size() == base.size);
    RequireClean(*st);
  }
  // Create on a full disk keeps nothing: no half store that Open calls
  // damaged and Create calls existing.
  for (FileOp op : {FileOp::kNewWritable, FileOp::kAppend, FileOp::kSync, FileOp::kRename}) {
    CAPTURE(testing::FileOpName(op));
    FaultEnv env;
    env.FailAll({op}, FaultError::kNoSpace);
    CreateStoreOptions c;
    c.dir = (tmp.path() / "new").string();
    c.origin = "example.org/tradefin/full";
    auto st = store::CreateStore(c, store::StoreEnv{&env, 0});
    REQUIRE_FALSE(st.ok());
    CHECK_MESSAGE(Has(st.status().message(), "No space left on device"), st.status());
    CHECK_MESSAGE(Has(st.status().message(), "nothing was kept"), st.status());
    CHECK_FALSE(fs::exists(c.dir));
    auto again = Store::Create(c);
    REQUIRE_OK(again);
    fs::remove_all(c.dir);
  }
}

TEST_CASE("faults: create (database, hub.key, first checkpoint), every file operation "
          "failed in turn") {
  Runtime runtime;
  TempDir tmp;
  CreateStoreOptions c;
  c.dir = (tmp.path() / "s").string();
  c.origin = "example.org/tradefin/create";
  uint64_t ops = 0;
  {
    FaultEnv env;
    auto st = store::CreateStore(c, store::StoreEnv{&env, 0});
    REQUIRE_OK(st);
    ops = env.count();
  }
  fs::remove_all(c.dir);
  REQUIRE(ops > 0);
  int failed = 0;
  for (uint64_t k = 1; k <= ops; ++k) {
    CAPTURE(k);
    FaultEnv env;
    env.set_torn_appends(k % 2 == 1);
    env.FailNth(k, kErrors[k % 3]);
    auto st = store::CreateStore(c, store::StoreEnv{&env, 0});
    CAPTURE(env.first_fault());
    if (!st.ok()) {
      ++failed;
      CHECK_MESSAGE(Has(st.status().message(), testing::FaultErrorText(kErrors[k % 3])),
                    st.status());
      CHECK_MESSAGE(Has(st.status().message(), "nothing was kept"), st.status());
      CHECK_FALSE(fs::exists(c.dir));  // no half store
    } else {
      // A fault LevelDB tolerates (removing an obsolete file): a whole store.
      st->reset();
      RequireClean(*OpenDefault(c.dir));
    }
    fs::remove_all(c.dir);
  }
  MESSAGE("create: " << ops << " file operations, " << failed << " faulted creates failed");
  CHECK(failed > 0);
}

TEST_CASE("faults: hub.key is written and read through the Env") {
  Runtime runtime;
  TempDir tmp;
  FaultEnv env;
  CreateStoreOptions c;
  c.dir = (tmp.path() / "s").string();
  c.origin = "example.org/tradefin/key";
  {
    auto st = store::CreateStore(c, store::StoreEnv{&env, 0});
    REQUIRE_OK(st);
  }
  const fs::perms mode = fs::status(fs::path(c.dir) / "hub.key").permissions() & fs::perms::all;
  CHECK((mode == (fs::perms::owner_read | fs::perms::owner_write)));
  // CURRENT, the MANIFEST and the log are read sequentially too: open once
  // cleanly to count the reads; hub.key is read last.
  env.ResetCounts();
  {
    auto st = OpenWith(c.dir, &env);
    REQUIRE_OK(st);
  }
  const uint64_t reads = env.count(FileOp::kSequentialRead);
  env.ResetCounts();
  env.FailNth(reads, FaultError::kIo, FileOp::kSequentialRead);  // the last: hub.key
  auto st = OpenWith(c.dir, &env);
  REQUIRE_FALSE(st.ok());
  CHECK_MESSAGE(Has(st.status().message(), "hub.key"), st.status());
  CHECK_MESSAGE(Has(st.status().message(), "Input/output error"), st.status());
}

}  // namespace
}  // namespace tradefin
