// Financing under faults and crashes (issue 12).
//
// 1. Every file operation of a financing act (request, approve with its
//    encumbrance entry, release with its release entry) failed in turn
//    through the store's Env seam: a clear error, and the store reopens,
//    audits clean and holds the act's entries all or none.
// 2. Kill -9 at random moments: a forked child opens the store and runs
//    one submit (a four-document shipment) or one financing act; the
//    parent kills it at a random point of that operation, then checks that
//    the store opens, the operation is all there or not at all, and
//    (every 50 kills and at the end) that the store audits clean.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <algorithm>
#include <map>
#include <random>
#include <thread>

#include "store/store_env.h"
#include "testing/fault_env.h"
#include "testing/store_checks.h"
#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/store.h"
#include "tradefin/workflow/financing.h"

namespace tradefin {
namespace {

namespace fs = std::filesystem;
using testing::FaultEnv;
using testing::OpenDefault;
using testing::RenumberedSample;
using testing::RequireClean;
using testing::FaultError;
using testing::TempDir;
using K = FinancingEventKind;

constexpr char kBank[] = "LDZBPLP0XXX";  // issuing and financing bank
constexpr char kCarrier[] = "91510000MA61CRW0XE";
constexpr char kShipper[] = "91510113MA6CT4K21P";
constexpr char kBroker[] = "91510100MA62XJ8N0J";

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string Three(int n) {
  char buf[4];
  std::snprintf(buf, sizeof buf, "%03d", n);
  return buf;
}

// Parties with Ed25519 keys; shipment `n` has its own credit, consignment,
// declaration and invoice numbers.
struct Parties {
  std::map<std::string, PrivateKey> keys;
  std::map<std::string, std::unique_ptr<Signer>> signers;

  Parties() {
    for (const char* id : {kBank, kCarrier, kShipper, kBroker}) {
      auto k = PrivateKey::Generate(KeyType::kEd25519);
      REQUIRE_OK(k);
      keys.emplace(id, *k);
      auto s = NewSoftwareSigner(*k);
      REQUIRE_OK(s);
      signers[id] = std::move(*s);
    }
  }
  void Register(Store& s) {
    REQUIRE_OK(s.AddParty(kBank, "Bank", {PartyRole::kIssuingBank, PartyRole::kFinancingBank},
                          keys.at(kBank).public_key().spki_der()));
    REQUIRE_OK(s.AddParty(kCarrier, "Carrier", {PartyRole::kCarrier},
                          keys.at(kCarrier).public_key().spki_der()));
    REQUIRE_OK(s.AddParty(kShipper, "Shipper", {PartyRole::kShipper},
                          keys.at(kShipper).public_key().spki_der()));
    REQUIRE_OK(s.AddParty(kBroker, "Broker", {PartyRole::kCustomsBroker},
                          keys.at(kBroker).public_key().spki_der()));
  }
  // Returns an empty vector if signing fails (usable in a forked child).
  std::vector<SubmitItem> Shipment(int n) const {
    const std::vector<std::pair<std::string, std::string>> swaps = {
        {"DEL25LC0001234", "DEL25LC0001" + Three(n)},
        {"25CX050417", "25CX050" + Three(n)},
        {"790120250000123456", "790120250000123" + Three(n)},
        {"TF2025-0517", "TF2025-0" + Three(n)}};
    std::vector<SubmitItem> out;
    // Order matters: the waybill is the batch's second entry.
    for (auto [sample, party] : {std::pair{"letter-of-credit.xml", kBank},
                                 std::pair{"rail-waybill.xml", kCarrier},
                                 std::pair{"customs-declaration.xml", kBroker},
                                 std::pair{"commercial-invoice.xml", kShipper}}) {
      const std::string xml = RenumberedSample(sample, swaps);
      auto s = SignDocument(xml, *signers.at(party), SignOptions());
      if (!s.ok()) return {};
      out.push_back({sample, *s});
    }
    return out;
  }
};

std::string Consignment(int n) { return "consignment:25CX050" + Three(n); }

FinancingAct Act(K kind, uint64_t waybill) {
  FinancingAct a;
  a.kind = kind;
  a.financed = waybill;
  switch (kind) {
    case K::kRequest:
      a.actor = kShipper;
      a.amount = Money{"EUR", 100000000};
      a.bank = kBank;
      a.tenor_days = 90;
      break;
    case K::kApprove:
      a.actor = kBank;
      a.amount = Money{"EUR", 80000000};
      a.advance_rate_bp = 8000;
      break;
    case K::kDisburse:
    case K::kRepay:
      a.actor = kBank;
      a.amount = Money{"EUR", 80000000};
      break;
    default:
      a.actor = kBank;
      break;
  }
  return a;
}

// Entries one act appends: the event, plus the encumbrance or release.
uint64_t EntriesOf(K kind) { return kind == K::kApprove || kind == K::kRelease ? 2 : 1; }

// The state of the financing of `waybill`, replayed from the store.
FinancingState StateOf(Store& s, uint64_t waybill) {
  auto f = Financing::Create(s, FinancingOptions());
  REQUIRE_OK(f);
  auto st = (*f)->Status(waybill);
  REQUIRE_OK(st);
  return st->state;
}

void CopyStore(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::remove_all(to, ec);
  fs::copy(from, to, fs::copy_options::recursive);
}

TEST_CASE("faults: financing acts, every file operation failed in turn") {
  Runtime runtime;
  TempDir tmp;
  Parties parties;
  const std::string base = (tmp.path() / "base").string();
  uint64_t waybill = 0;
  std::vector<std::pair<K, std::string>> stages;  // act, store before it
  {
    CreateStoreOptions c;
    c.dir = base;
    c.origin = "example.org/tradefin/financing-faults";
    auto st = Store::Create(c);
    REQUIRE_OK(st);
    parties.Register(**st);
    auto r = (*st)->Submit(parties.Shipment(1), {});
    REQUIRE_OK(r);
    REQUIRE(r->accepted);
    waybill = r->outcomes[1].entry.index;
    auto fin = Financing::Create(**st, FinancingOptions());
    REQUIRE_OK(fin);
    for (K k : {K::kRequest, K::kApprove, K::kDisburse, K::kRepay, K::kRelease}) {
      if (k == K::kRequest || k == K::kApprove || k == K::kRelease) {
        std::string snap = (tmp.path() / ("before-" + std::string(FinancingEventKindName(k))))
                               .string();
        fin->reset();
        st->reset();
        CopyStore(base, snap);
        *st = OpenDefault(base);
        fin = Financing::Create(**st, FinancingOptions());
        REQUIRE_OK(fin);
        stages.push_back({k, snap});
      }
      auto rep = (*fin)->Act(Act(k, waybill), *parties.signers.at(Act(k, waybill).actor));
      REQUIRE_OK(rep);
      REQUIRE_MESSAGE(rep->accepted, rep->reason);
    }
  }
  const std::string dir = (tmp.path() / "s").string();
  for (const auto& [kind, snap] : stages) {
    CAPTURE(FinancingEventKindName(kind));
    uint64_t before = 0, ops = 0;
    FinancingState state_before{}, state_after{};
    {
      CopyStore(snap, dir);
      FaultEnv env;
      OpenStoreOptions o;
      o.dir = dir;
      auto st = store::OpenStore(o, store::StoreEnv{&env, 0});
      REQUIRE_OK(st);
      before = (*st)->size();
      state_before = StateOf(**st, waybill);
      auto fin = Financing::Create(**st, FinancingOptions());
      REQUIRE_OK(fin);
      env.ResetCounts();
      auto rep = (*fin)->Act(Act(kind, waybill), *parties.signers.at(Act(kind, waybill).actor));
      ops = env.count();
      REQUIRE_OK(rep);
      REQUIRE(rep->accepted);
      REQUIRE((*st)->size() == before + EntriesOf(kind));
      state_after = StateOf(**st, waybill);
    }
    REQUIRE(ops > 0);
    int errors = 0, recorded = 0;
    for (uint64_t k = 1; k <= ops; ++k) {
      CAPTURE(k);
      CopyStore(snap, dir);
      const FaultError error = k % 2 ? FaultError::kNoSpace : FaultError::kIo;
      bool ok = false;
      {
        FaultEnv env;
        OpenStoreOptions o;
        o.dir = dir;
        auto st = store::OpenStore(o, store::StoreEnv{&env, 0});
        REQUIRE_OK(st);
        auto fin = Financing::Create(**st, FinancingOptions());
        REQUIRE_OK(fin);
        env.set_torn_appends(k % 3 == 0);
        env.FailNth(k, error);
        auto rep = (*fin)->Act(Act(kind, waybill), *parties.signers.at(Act(kind, waybill).actor));
        CAPTURE(env.first_fault());
        ok = rep.ok();
        if (!ok) {
          ++errors;
          CHECK_MESSAGE(Has(rep.status().message(), testing::FaultErrorText(error)),
                        rep.status());
          CHECK((*st)->size() == before);
        }
      }
      auto st = OpenDefault(dir);
      const uint64_t size = st->size();
      CHECK_MESSAGE((size == before || size == before + EntriesOf(kind)), "size " << size);
      const bool present = size != before;
      if (ok) CHECK(present);
      recorded += present;
      CHECK(StateOf(*st, waybill) == (present ? state_after : state_before));
      auto enc = st->ActiveEncumbrance(Consignment(1));
      REQUIRE_OK(enc);
      const bool pledged = present ? kind == K::kApprove : kind == K::kRelease;
      CHECK(enc->has_value() == pledged);
      RequireClean(*st);
    }
    MESSAGE(FinancingEventKindName(kind) << ": " << ops << " file operations failed in turn, "
                                         << errors << " reported, recorded after " << recorded);
    CHECK(errors == static_cast<int>(ops));
  }
}

// ------------------------------------------------------------- kill -9

// The script the children follow, one operation per child: submit
// shipment n, then request, approve, disburse, repay and release its
// waybill; then the next shipment.
struct Script {
  int shipment = 1;
  int step = 0;  // 0 submit, 1..5 the acts
  uint64_t waybill = 0;
  static constexpr K kActs[] = {K::kRequest, K::kApprove, K::kDisburse, K::kRepay, K::kRelease};

  uint64_t Entries() const { return step == 0 ? 4 : EntriesOf(kActs[step - 1]); }
  void Advance(uint64_t size_before) {
    if (step == 0) waybill = size_before + 1;
    if (++step == 6) {
      step = 0;
      ++shipment;
    }
  }
};

// Name, size and modification time of every file of the store: equal
// fingerprints mean the files are byte for byte what the parent opened.
std::string Fingerprint(const std::string& dir) {
  std::vector<std::string> rows;
  for (const auto& f : fs::recursive_directory_iterator(dir)) {
    std::error_code ec;
    const auto size = f.is_regular_file(ec) ? f.file_size(ec) : 0;
    const auto time = fs::last_write_time(f.path(), ec).time_since_epoch().count();
    rows.push_back(f.path().string() + " " + std::to_string(size) + " " + std::to_string(time));
  }
  std::sort(rows.begin(), rows.end());
  std::string out;
  for (const auto& r : rows) out += r + "\n";
  return out;
}

// The parent's open store, with the document checker and the financing
// service loaded, so that a forked child starts its operation at once.
struct Warm {
  std::unique_ptr<Store> store;
  std::unique_ptr<Financing> fin;
  std::string fingerprint;

  Warm(const std::string& dir, const SubmitItem& stored) {
    store = OpenDefault(dir);
    auto f = Financing::Create(*store, FinancingOptions());
    REQUIRE_OK(f);
    fin = std::move(*f);
    // Loads the document checker: resubmitting stored bytes writes nothing.
    auto r = store->Submit({stored}, {});
    REQUIRE_OK(r);
    REQUIRE(r->outcomes[0].kind == SubmitOutcome::Kind::kAlreadyPresent);
    // Loads the store's event reader: an event that does not parse is
    // refused before anything is written.
    auto e = store->AppendFinancingEvent(FinancingAppend{});
    REQUIRE((!e.ok() || !e->accepted));
    fingerprint = Fingerprint(dir);
  }
  ~Warm() {
    fin.reset();
    store.reset();
  }
};

// Children run one operation on the parent's open store: fork() copies
// it, already warm, and the child is killed at a random moment of the
// operation. If the store's files are then unchanged, the parent's copy
// is still exact and is reused (identical bytes open as before); if not,
// the parent closes it, reopens the store and checks it: it opens, the
// operation is all there or not at all, and (every 50 kills and at the
// end) it audits clean.
TEST_CASE("crash: 1000 kill -9 during submits and financing acts leave an all-or-none store" *
          doctest::test_suite("slow")) {
  Runtime runtime;
  TempDir tmp;
  Parties parties;
  const std::string dir = (tmp.path() / "s").string();
  const std::vector<SubmitItem> warmup = parties.Shipment(0);
  {
    CreateStoreOptions c;
    c.dir = dir;
    c.origin = "example.org/tradefin/crash";
    auto st = Store::Create(c);
    REQUIRE_OK(st);
    parties.Register(**st);
    auto r = (*st)->Submit(warmup, {});
    REQUIRE_OK(r);
    REQUIRE(r->accepted);
  }
  // TRADEFIN_CRASH_KILLS overrides the count (a longer soak, or a quick look).
  const char* env_kills = std::getenv("TRADEFIN_CRASH_KILLS");
  const int kKills = env_kills != nullptr ? std::atoi(env_kills) : 1000;
  std::mt19937 rng(20261202);
  Script script;
  std::map<int, std::vector<SubmitItem>> shipments;  // signed once, in the parent
    // The operation's length (fork to its return, without the child's exit),
  // measured by the first uncontended run of each step, spreads the kills
  // over it (and a little past it).
  std::map<int, long> span_us;
  using Clock = std::chrono::steady_clock;
  int kills = 0, before_commit = 0, after_commit = 0, completed = 0, runs = 0, reopens = 0;
  std::map<int, int> kills_by_step;
  const auto t_start = std::chrono::steady_clock::now();
  auto warm = std::make_unique<Warm>(dir, warmup[0]);
  uint64_t before = warm->store->size();
  while (kills < kKills) {
    ++runs;
    REQUIRE_MESSAGE(runs < 4 * kKills + 20, "the script does not advance");
    if (script.step == 0 && !shipments.count(script.shipment))
      shipments[script.shipment] = parties.Shipment(script.shipment);
    const bool measure = span_us.count(script.step) == 0;
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      bool ok = false;
      if (script.step == 0) {
        auto r = warm->store->Submit(shipments.at(script.shipment), {});
        ok = r.ok() && r->accepted;
      } else {
        FinancingAct act = Act(Script::kActs[script.step - 1], script.waybill);
        auto r = warm->fin->Act(act, *parties.signers.at(act.actor));
        ok = r.ok() && r->accepted;
      }
      // Done: the parent times the operation up to here, not the exit.
      const int64_t done = std::chrono::steady_clock::now().time_since_epoch().count();
      if (write(fds[1], &done, sizeof done) != sizeof done) _exit(18);
      _exit(ok ? 0 : 17);
    }
    close(fds[1]);
    bool killed = false;
    long delay = 0;
    if (!measure) {
      // Half the kills anywhere in the operation, half in its last 40 %,
      // where it writes and syncs.
      const long span = span_us[script.step];
      const long from = runs % 2 ? 0 : span * 6 / 10;
      delay = std::uniform_int_distribution<long>(from, span * 19 / 20)(rng);
      std::this_thread::sleep_for(std::chrono::microseconds(delay));
      ::kill(pid, SIGKILL);
    }
    // The child's completion time, if it got that far: the span follows
    // the machine's load (a shared CI box is slower some minutes than
    // others), so the kills stay spread over the operation.
    int64_t done = 0;
    const bool finished = read(fds[0], &done, sizeof done) == sizeof done;
    close(fds[0]);
    if (finished) {
      const long took = std::chrono::duration_cast<std::chrono::microseconds>(
                            Clock::duration(done) - t0.time_since_epoch())
                            .count();
      span_us[script.step] = measure ? took : (3 * span_us[script.step] + took) / 4;
    } else if (delay > span_us[script.step] * 9 / 10) {
      span_us[script.step] = delay * 11 / 10;
    }
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
      killed = true;
      ++kills;
      ++kills_by_step[script.step];
    } else {
      REQUIRE_MESSAGE((WIFEXITED(status) && WEXITSTATUS(status) == 0), "child status " << status);
      ++completed;
    }
    if (Fingerprint(dir) == warm->fingerprint) {
      // Not a byte written: the operation is not there.
      REQUIRE(!measure);
      ++before_commit;
      continue;
    }
    // Something was written: reopen and check.
    warm.reset();
    ++reopens;
    auto st = OpenDefault(dir);
    const uint64_t size = st->size();
    REQUIRE_MESSAGE((size == before || size == before + script.Entries()),
                    "size " << size << " after " << before << ", step " << script.step);
    const bool present = size != before;
    if (script.step == 0) {
      for (std::string key : {"credit:DEL25LC0001" + Three(script.shipment),
                              Consignment(script.shipment),
                              "declaration:790120250000123" + Three(script.shipment),
                              "invoice:TF2025-0" + Three(script.shipment)}) {
        auto h = st->History(key);
        REQUIRE_OK(h);
        REQUIRE_MESSAGE(h->empty() != present, key);
      }
    } else {
      const K kind = Script::kActs[script.step - 1];
      auto enc = st->ActiveEncumbrance(Consignment(script.shipment));
      REQUIRE_OK(enc);
      const bool pledged = kind == K::kApprove   ? present
                           : kind == K::kRelease ? !present
                                                 : kind != K::kRequest;
      REQUIRE(enc->has_value() == pledged);
    }
    if (killed) ++(present ? after_commit : before_commit);
    if (present) {
      shipments.erase(script.step == 0 ? script.shipment : -1);
      script.Advance(before);
    }
    if (killed && kills % 50 == 0) RequireClean(*st);
    st.reset();
    warm = std::make_unique<Warm>(dir, warmup[0]);
    before = warm->store->size();
  }
  warm.reset();
  auto st = OpenDefault(dir);
  RequireClean(*st);
  for (int n = 1; n < script.shipment; ++n) {
    CAPTURE(n);
    auto h = st->History(Consignment(n));
    REQUIRE_OK(h);
    REQUIRE_FALSE(h->empty());
    CHECK(StateOf(*st, h->front()) == FinancingState::kReleased);
  }
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(
                        std::chrono::steady_clock::now() - t_start)
                        .count();
  MESSAGE(kills << " kills (" << before_commit << " before the commit, " << after_commit
                << " after it; during submits " << kills_by_step[0] << ", during acts "
                << kills - kills_by_step[0] << "), " << completed << " runs completed, "
                << reopens << " reopens, " << script.shipment - 1
                << " shipments financed and released, " << st->size() << " entries, "
                << secs << " s; spans (us): submit " << span_us[0] << ", request "
                << span_us[1] << ", approve " << span_us[2]);
  CHECK(before_commit > 0);
  CHECK(after_commit > 0);
}

}  // namespace
}  // namespace tradefin
