// Store benchmark (docs/performance/store.md): submit of signed documents
// in batches vs the raw floor of the same steps, audit 1 vs 2 threads,
// inclusion proofs from LevelDB at 10^5 and 10^6 entries, bytes on disk.
//
//   build/bin/store_bench [docs=2000] [batch=100] [proof_sizes=100000,1000000]
#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sstream>
#include <fstream>

#include "bench_util.h"
#include "store/store_impl.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/validate.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/store.h"

namespace fs = std::filesystem;
using namespace tradefin;
using bench::DirBytes;
using bench::Need;
using bench::Seconds;

namespace {


}  // namespace

int main(int argc, char** argv) {
  Runtime runtime;
  const int docs = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int batch = argc > 2 ? std::atoi(argv[2]) : 100;
  std::vector<uint64_t> proof_sizes = {100000, 1000000};
  if (argc > 3) {
    proof_sizes.clear();
    std::stringstream ss(argv[3]);
    std::string x;
    while (std::getline(ss, x, ',')) proof_sizes.push_back(std::stoull(x));
  }
  std::printf("machine: %s\n", bench::MachineDescription().c_str());
  fs::path root = fs::temp_directory_path() / ("store_bench_" + std::to_string(::getpid()));
  fs::create_directories(root);

  // Signed waybills, each with its own consignment number.
  PrivateKey key = Need(PrivateKey::Generate(KeyType::kEd25519), "key");
  auto signer = Need(NewSoftwareSigner(key), "signer");
  const std::vector<std::string> signed_docs = bench::SignedWaybills(docs, *signer);
  uint64_t doc_bytes = 0;
  for (const std::string& d : signed_docs) doc_bytes += d.size();
  std::printf("documents: %d signed rail waybills, %.0f bytes each on average, batch %d\n",
              docs, double(doc_bytes) / docs, batch);

  // Floor: the same steps done raw, one synced WriteBatch per batch.
  double floor_rate = 0;
  {
    auto validator = Need(Validator::Create({}), "validator");
    PinnedKeyTrustStore trust;
    trust.Add("carrier", key.public_key());
    leveldb::DB* db = nullptr;
    leveldb::Options o;
    o.create_if_missing = true;
    leveldb::DB::Open(o, (root / "floor").string(), &db);
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < docs; i += batch) {
      leveldb::WriteBatch wb;
      for (int j = i; j < std::min(docs, i + batch); ++j) {
        auto rep = Need(validator->Validate(signed_docs[size_t(j)], "doc"), "validate");
        auto v = Need(VerifyDocument(signed_docs[size_t(j)], VerifyPolicy(), trust), "verify");
        if (!rep.valid() || !v.valid()) { std::fprintf(stderr, "floor: invalid doc\n"); return 2; }
        wb.Put("d" + std::to_string(j), signed_docs[size_t(j)]);
      }
      leveldb::WriteOptions wo;
      wo.sync = true;
      db->Write(wo, &wb);
    }
    floor_rate = docs / Seconds(t0);
    delete db;
  }
  std::printf("floor (validate + verify + synced WriteBatch): %.0f docs/s\n", floor_rate);

  // Store submit.
  fs::path sdir = root / "store";
  double submit_rate = 0;
  std::unique_ptr<Store> store;
  {
    CreateStoreOptions c;
    c.dir = sdir.string();
    c.origin = "bench.example/tradefin";
    store = Need(Store::Create(c), "create");
    Need(store->AddParty("91510000MA61CRW0XE", "Carrier", {PartyRole::kCarrier},
                         key.public_key().spki_der()), "party");
    // Warm the validator (schema load) outside the timing.
    Need(store->Submit({{"warm", signed_docs[0]}}, {}), "warm");
    auto t0 = std::chrono::steady_clock::now();
    for (int i = 1; i < docs; i += batch) {
      std::vector<SubmitItem> items;
      for (int j = i; j < std::min(docs, i + batch); ++j)
        items.push_back({"doc", signed_docs[size_t(j)]});
      auto r = Need(store->Submit(items, {}), "submit");
      if (!r.accepted) {
        std::fprintf(stderr, "rejected: %s\n", r.outcomes[0].reason.c_str());
        return 2;
      }
    }
    submit_rate = (docs - 1) / Seconds(t0);
  }
  std::printf("store submit: %.0f docs/s = %.0f%% of floor (goal >= 60%%)\n", submit_rate,
              100.0 * submit_rate / floor_rate);

  // Audit 1 vs 2 threads.
  double audit_rate[3] = {0, 0, 0};
  for (int t : {1, 2}) {
    AuditOptions ao;
    ao.threads = t;
    auto t0 = std::chrono::steady_clock::now();
    auto r = Need(store->Audit(ao), "audit");
    audit_rate[t] = double(r.entries_checked) / Seconds(t0);
    if (!r.clean) std::printf("audit NOT clean: %s\n", r.problem.c_str());
  }
  std::printf("audit: %.0f entries/s on 1 thread, %.0f on 2 (x%.2f; goal >= 1.6); "
              "1-thread = %.0f%% of the per-document floor\n",
              audit_rate[1], audit_rate[2], audit_rate[2] / audit_rate[1],
              100.0 * audit_rate[1] / floor_rate);
  store.reset();
  uint64_t disk = DirBytes(sdir / "db");
  std::printf("disk: %llu bytes for %llu document bytes = %.2fx (goal <= 1.2x)\n",
              (unsigned long long)disk, (unsigned long long)doc_bytes, double(disk) / doc_bytes);

  // Proofs from LevelDB at large sizes (synthetic party-free entries).
  for (uint64_t n : proof_sizes) {
    fs::path pdir = root / ("proof" + std::to_string(n));
    CreateStoreOptions c;
    c.dir = pdir.string();
    c.origin = "bench.example/proofs";
    auto st = Need(Store::Create(c), "create");
    auto& impl = static_cast<store::StoreImpl&>(*st);
    auto t0 = std::chrono::steady_clock::now();
    const uint64_t chunk = 50000;
    for (uint64_t i = 0; i < n; i += chunk) {
      std::vector<Entry> es;
      for (uint64_t j = i; j < std::min(n, i + chunk); ++j) {
        Entry e;
        e.type = EntryType::kDocument;
        e.document_type = "rail-waybill";
        e.submitter_party = "91510000MA61CRW0XE";
        e.natural_keys = {"rail-waybill:" + std::to_string(j)};
        es.push_back(std::move(e));
      }
      Status s = impl.AppendRawBatchForTesting(std::move(es));
      if (!s.ok()) { std::fprintf(stderr, "%s\n", s.ToString().c_str()); return 2; }
    }
    double fill = Seconds(t0);
    st.reset();
    OpenStoreOptions oo;
    oo.dir = pdir.string();
    t0 = std::chrono::steady_clock::now();
    st = Need(Store::Open(oo), "open");
    double open_s = Seconds(t0);
    std::mt19937_64 rng(1);
    const int kProofs = 2000;
    t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < kProofs; ++i) {
      auto p = st->ProveInclusion(rng() % n, std::nullopt);
      if (!p.ok()) { std::fprintf(stderr, "%s\n", p.status().ToString().c_str()); return 2; }
    }
    double per = Seconds(t0) / kProofs * 1e6;
    std::printf("proof at %llu entries: %.1f us per tlog-proof (goal <= 1000 us); "
                "open %.1f ms; fill %.1f s\n",
                (unsigned long long)n, per, open_s * 1e3, fill);
    st.reset();
    fs::remove_all(pdir);
  }
  fs::remove_all(root);
  return 0;
}
