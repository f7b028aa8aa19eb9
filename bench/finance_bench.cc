// Financing benchmark (docs/performance.md "Financing"):
//  1. complete cycles (request, approve, guarantee, disburse, repay,
//     release), each act drafted, signed (Ed25519) and submitted through
//     the library (tradefin::Financing::Act), one shipment per cycle, on
//     one thread;
//  2. the double-financing check (after a full LevelDB compaction) with 10^3 and 10^5 pledged shipments in
//     the store: the raw lookup (Store::ActiveEncumbrance, one point read
//     per key) and a whole refused request (draft, sign, state machine,
//     shipment keys, store check).
//
//   build/bin/finance_bench [cycles=10000] [dir=/dev/shm or /tmp]
//
// The financed documents are synthetic document entries appended raw (no
// XML, no signature): the cycle time is the financing acts only, not
// document submission. Every act is one synced LevelDB write, so the
// filesystem under `dir` matters (tmpfs: fsync is free; a disk: ~ms each).
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <chrono>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <random>

#include "bench_util.h"
#include "store/codec.h"
#include "store/store_impl.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/workflow/financing.h"

namespace fs = std::filesystem;
using namespace tradefin;
using bench::Need;
using bench::Seconds;

namespace {

constexpr char kCarrier[] = "91510000MA61CRW0XE";
constexpr char kShipper[] = "91510113MA6CT4K21P";
constexpr char kBank[] = "LDZBPLP0XXX";
constexpr char kGuarantor[] = "GUARDEFFXXX";


struct Bench {
  std::unique_ptr<Store> store;
  std::map<std::string, std::unique_ptr<Signer>> signers;

  explicit Bench(const fs::path& dir) {
    fs::remove_all(dir);
    CreateStoreOptions c;
    c.dir = dir.string();
    c.origin = "example.org/tradefin/finance-bench";
    store = Need(Store::Create(c), "create");
    for (auto [id, role] : {std::pair{kCarrier, PartyRole::kCarrier},
                            std::pair{kShipper, PartyRole::kShipper},
                            std::pair{kBank, PartyRole::kFinancingBank},
                            std::pair{kGuarantor, PartyRole::kGuarantor}}) {
      PrivateKey k = Need(PrivateKey::Generate(KeyType::kEd25519), "key");
      Need(store->AddParty(id, std::string("Party ") + id, {role}, k.public_key().spki_der()),
           "party");
      signers[id] = Need(NewSoftwareSigner(k), "signer");
    }
  }
  store::StoreImpl& impl() { return static_cast<store::StoreImpl&>(*store); }

  // `n` synthetic waybill entries (consignment C<i>, container per i) and,
  // when `invoices`, an invoice entry citing each consignment. Returns the
  // first waybill index; waybill i is at first + i * (invoices ? 2 : 1).
  uint64_t Shipments(int n, bool invoices) {
    uint64_t first = store->size();
    // Every synthetic document shares one placeholder blob, so reads that
    // fetch a document (the shipment value) find bytes (that do not parse).
    const std::string blob = "synthetic";
    const Sha256Hash doc_sha = Sha256(blob);
    const std::string sha = HashBytes(doc_sha);
    if (!impl().db()->Put(leveldb::WriteOptions(), std::string(1, store::kBlobPrefix) + sha, blob).ok())
      std::exit(2);
    std::vector<Entry> batch;
    for (int i = 0; i < n; ++i) {
      std::string c = "C" + std::to_string(1000000 + i);
      Entry wb;
      wb.type = EntryType::kDocument;
      wb.submitter_party = kCarrier;
      wb.document_type = "rail-waybill";
      wb.natural_keys = {"rail-waybill:" + c + "|768003|2025-05-20", "consignment:" + c};
      wb.document_sha256 = doc_sha;
      batch.push_back(wb);
      if (invoices) {
        Entry in;
        in.type = EntryType::kDocument;
        in.submitter_party = kShipper;
        in.document_type = "commercial-invoice";
        in.natural_keys = {"commercial-invoice:I" + c + "|" + kShipper, "consignment:" + c,
                           "invoice:I" + c};
        in.document_sha256 = doc_sha;
        batch.push_back(in);
      }
      if (batch.size() >= 10000) {
        Status s = impl().AppendRawBatchForTesting(std::move(batch));
        if (!s.ok()) std::exit(2);
        batch.clear();
      }
    }
    if (!batch.empty() && !impl().AppendRawBatchForTesting(std::move(batch)).ok()) std::exit(2);
    return first;
  }

  // Marks shipment keys as pledged the way an approval does (encumber
  // entries + f rows), without the events, to build a large book quickly.
  void PledgeRaw(int n) {
    std::vector<Entry> batch;
    uint64_t next = store->size();
    leveldb::WriteBatch rows;
    for (int i = 0; i < n; ++i) {
      std::string c = "C" + std::to_string(1000000 + i);
      Entry e;
      e.type = EntryType::kEncumbrance;
      e.natural_keys = {"encumbrance:" + std::to_string(i), "encumbered:consignment:" + c,
                        "encumbered:invoice:I" + c};
      e.encumbrance = {"encumber", 0, static_cast<uint64_t>(i), kBank, "EUR", 80000000,
                       1764662400000};
      batch.push_back(e);
      std::string v;
      store::PutU64(&v, next++);
      for (const char* k : {"consignment:", "invoice:I"}) {
        std::string key = std::string(k) + c;
        rows.Put(std::string(1, store::kEncumbrancePrefix) + store::KeyHash(key), v);
      }
    }
    if (!impl().AppendRawBatchForTesting(std::move(batch)).ok()) std::exit(2);
    leveldb::WriteOptions wo;
    if (!impl().db()->Write(wo, &rows).ok()) std::exit(2);
  }
};

FinancingAct Act(FinancingEventKind k, uint64_t financed, const char* actor) {
  FinancingAct a;
  a.kind = k;
  a.financed = financed;
  a.actor = actor;
  return a;
}

void Do(Financing& fin, Bench& b, const FinancingAct& a) {
  StepReport r = Need(fin.Act(a, *b.signers.at(a.actor)), "act");
  if (!r.accepted) {
    std::fprintf(stderr, "%s refused: %s %s\n", std::string(FinancingEventKindName(a.kind)).c_str(),
                 r.code.c_str(), r.reason.c_str());
    std::exit(2);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Runtime runtime;
  const int cycles = argc > 1 ? std::atoi(argv[1]) : 10000;
  fs::path base = argc > 2 ? fs::path(argv[2])
                           : (fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path());
  base /= "tradefin-finance-bench";
  std::printf("machine: %s\nstore under: %s\n", bench::MachineDescription().c_str(),
              base.string().c_str());

  {
    Bench b(base / "cycles");
    uint64_t first = b.Shipments(cycles, false);
    auto fin = Need(Financing::Create(*b.store, FinancingOptions()), "financing");
    using K = FinancingEventKind;
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < cycles; ++i) {
      uint64_t wb = first + static_cast<uint64_t>(i);
      FinancingAct a = Act(K::kRequest, wb, kShipper);
      a.amount = Money{"EUR", 100000000};
      a.bank = kBank;
      a.tenor_days = 90;
      Do(*fin, b, a);
      a = Act(K::kApprove, wb, kBank);
      a.amount = Money{"EUR", 80000000};
      a.advance_rate_bp = 8000;
      Do(*fin, b, a);
      a = Act(K::kGuarantee, wb, kGuarantor);
      a.guarantor = kGuarantor;
      a.covered_share_bp = 5000;
      Do(*fin, b, a);
      a = Act(K::kDisburse, wb, kBank);
      a.amount = Money{"EUR", 80000000};
      Do(*fin, b, a);
      a = Act(K::kRepay, wb, kBank);
      a.amount = Money{"EUR", 80000000};
      Do(*fin, b, a);
      Do(*fin, b, Act(K::kRelease, wb, kBank));
    }
    double s = Seconds(t0);
    std::printf("cycles: %d complete cycles (6 signed acts each) in %.1f s = %.2f ms/cycle, "
                "%.0f acts/s; log %llu entries\n",
                cycles, s, 1000.0 * s / cycles, 6.0 * cycles / s,
                static_cast<unsigned long long>(b.store->size()));
  }

  for (int n : {1000, 100000}) {
    Bench b(base / ("book-" + std::to_string(n)));
    uint64_t first = b.Shipments(n, true);
    b.PledgeRaw(n);
    // A long-lived store is compacted; measure that steady state rather
    // than the dozens of level-0 files the bulk load just left behind.
    b.impl().db()->CompactRange(nullptr, nullptr);
    auto fin = Need(Financing::Create(*b.store, FinancingOptions()), "financing");
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<int> pick(0, n - 1);
    double lookups = bench::MeasureOpsPerSec([&] {
      std::string key = "consignment:C" + std::to_string(1000000 + pick(rng));
      auto r = b.store->ActiveEncumbrance(key);
      if (!r.ok() || !r->has_value()) std::exit(3);
    });
    double refusals = bench::MeasureOpsPerSec([&] {
      int i = pick(rng);
      FinancingAct a = Act(FinancingEventKind::kRequest, first + 2 * static_cast<uint64_t>(i) + 1,
                           kShipper);
      a.amount = Money{"EUR", 1000};
      a.bank = kBank;
      a.tenor_days = 30;
      StepReport r = Need(fin->Act(a, *b.signers.at(kShipper)), "act");
      if (r.accepted || r.code != "DOUBLE-FINANCING") {
        std::fprintf(stderr, "expected DOUBLE-FINANCING, got %s %s\n", r.code.c_str(),
                     r.reason.c_str());
        std::exit(3);
      }
    });
    std::printf("double-financing check, %d pledged shipments (log %llu entries): "
                "lookup %.1f us, whole refused request %.1f us\n",
                n, static_cast<unsigned long long>(b.store->size()), 1e6 / lookups,
                1e6 / refusals);
  }
  fs::remove_all(base);
  return 0;
}
