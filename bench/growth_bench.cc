// Growth benchmark (docs/performance.md "Growth, 10^4 to 10^7 entries"):
// how open, proofs, submit, audit and disk grow with the size of a store.
//
//   build/bin/growth_bench [sizes=10000,100000,1000000] [top_docs=200] [batch=100]
//   build/bin/growth_bench --fill STORE_DIR N        build one store of N, close, exit
//   build/bin/growth_bench --open STORE_DIR [times=5] only time Store::Open
// (the last two for profiling the open path, e.g. under perf record).
//
// Filling 10^7 entries with signed documents would take hours, so each
// store is built as
//   entry 0            the carrier's party registration (real)
//   entries 1..H       H real signed waybills (the audit sample, H = 100)
//   entries H+1..N     synthetic document entries (AppendRawBatchForTesting,
//                      batches of 50,000 as store_bench does: no blob, no
//                      XML, one natural key each)
// and then, at size N, measures:
//   open      Store::Open after a clean close (destructor), first open and
//             the best of three more
//   proof     tlog-proof (ProveInclusion) at 2,000 random indexes, as
//             loaded (LevelDB still owes compactions after the bulk load)
//             and after a full CompactRange (timed), as a store that grew
//             slowly would be; everything below runs after the compaction
//   consist.  ProveConsistency(m, N) at 500 random m
//   submit    `top_docs` real signed waybills in batches of `batch` on top,
//             then the clean close after it (which may flush the memtable)
//   audit     Store::Audit (2 threads) over the sample: the audit is one
//             streaming pass in log order and stops at its first finding,
//             which is entry H+1 (a synthetic entry has no document blob),
//             so it checks entries 0..H against a database of N entries
//   disk      bytes of db/ after the clean close, and after the full
//             compaction, per entry (the 100 head documents included:
//             ~66 bytes per entry at 10^4, ~0.7 at 10^6)
// Anchors in the same run, on a plain LevelDB (default options) holding a
// copy of the store's rows: write of all rows (batches of 200,000 rows,
// key order, so faster than the store's order), open after close, and a
// random point read of a leaf-node row.
#include <leveldb/db.h>
#include <leveldb/write_batch.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "bench_util.h"
#include "store/store_impl.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/store.h"

namespace fs = std::filesystem;
using namespace tradefin;
using bench::DirBytes;
using bench::Need;
using bench::Seconds;
using SteadyClock = std::chrono::steady_clock;

namespace {

std::vector<uint64_t> ParseList(const std::string& s) {
  std::vector<uint64_t> out;
  std::stringstream ss(s);
  std::string x;
  while (std::getline(ss, x, ',')) out.push_back(std::stoull(x));
  return out;
}

double OpenMs(const std::string& dir) {
  OpenStoreOptions oo;
  oo.dir = dir;
  auto t0 = SteadyClock::now();
  auto st = Need(Store::Open(oo), "open");
  double ms = Seconds(t0) * 1e3;
  st.reset();
  return ms;
}

double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double l = 0;
  in >> l;
  return l;
}

constexpr char kCarrier[] = "91510000MA61CRW0XE";

}  // namespace

int main(int argc, char** argv) {
  Runtime runtime;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "--open") {
    const int times = args.size() > 2 ? std::atoi(args[2].c_str()) : 5;
    for (int i = 0; i < times; ++i) std::printf("open %.2f ms\n", OpenMs(args[1]));
    return 0;
  }
  fs::path fill_only;
  if (args.size() >= 3 && args[0] == "--fill") {
    fill_only = args[1];
    args = {args[2], "0"};
  }
  std::vector<uint64_t> sizes = {10000, 100000, 1000000};
  if (!args.empty()) sizes = ParseList(args[0]);
  const int top_docs = args.size() > 1 ? std::atoi(args[1].c_str()) : 200;
  const int batch = args.size() > 2 ? std::atoi(args[2].c_str()) : 100;
  constexpr int kHead = 100;  // real documents at the start: the audit sample

  std::printf("machine: %s\n", bench::MachineDescription().c_str());
  std::printf("load average at start: %.2f\n", LoadAverage());
  const fs::path root = fs::temp_directory_path() / ("growth_bench_" + std::to_string(::getpid()));
  if (fill_only.empty()) fs::create_directories(root);

  // Signed waybills, each with its own consignment number, as store_bench.
  PrivateKey key = Need(PrivateKey::Generate(KeyType::kEd25519), "key");
  auto signer = Need(NewSoftwareSigner(key), "signer");
  const std::vector<std::string> docs = bench::SignedWaybills(kHead + top_docs, *signer);
  std::printf("documents: %d signed rail waybills of ~%zu bytes (%d audit sample + %d on top), "
              "batch %d\n", kHead + top_docs, docs[0].size(), kHead, top_docs, batch);
  std::printf("| entries | fill s | close after fill ms | open ms (first / best of 3) | open after submit ms | "
              "raw LevelDB open ms | tlog-proof us as loaded | compact s | tlog-proof us | raw point read us | consistency us | "
              "submit docs/s | close after submit ms | audit entries/s (sample of %d) | disk bytes/entry (loaded / compacted) | "
              "raw write rows/s | load |\n", kHead + 1);
  std::fflush(stdout);

  for (uint64_t n : sizes) {
    if (n < kHead + 1 + 1000) {
      std::fprintf(stderr, "size %llu too small (>= %d)\n", (unsigned long long)n,
                   kHead + 1 + 1000);
      return 2;
    }
    const fs::path sdir = fill_only.empty() ? root / ("store" + std::to_string(n)) : fill_only;
    fs::remove_all(sdir);
    double fill_s = 0, fill_close_ms = 0;
    {
      CreateStoreOptions c;
      c.dir = sdir.string();
      c.origin = "bench.example/growth";
      auto st = Need(Store::Create(c), "create");
      Need(st->AddParty(kCarrier, "Carrier", {PartyRole::kCarrier},
                        key.public_key().spki_der()), "party");
      for (int i = 0; i < kHead; i += batch) {
        std::vector<SubmitItem> items;
        for (int j = i; j < std::min(kHead, i + batch); ++j) items.push_back({"head", docs[size_t(j)]});
        auto r = Need(st->Submit(items, {}), "submit head");
        if (!r.accepted) { std::fprintf(stderr, "head rejected\n"); return 2; }
      }
      auto& impl = static_cast<store::StoreImpl&>(*st);
      auto t0 = SteadyClock::now();
      const uint64_t chunk = 50000;
      for (uint64_t i = st->size(); i < n; i += chunk) {
        std::vector<Entry> es;
        for (uint64_t j = i; j < std::min(n, i + chunk); ++j) {
          Entry e;
          e.type = EntryType::kDocument;
          e.document_type = "rail-waybill";
          e.submitter_party = kCarrier;
          e.natural_keys = {"rail-waybill:" + std::to_string(j)};
          es.push_back(std::move(e));
        }
        Need(impl.AppendRawBatchForTesting(std::move(es)), "fill");
      }
      fill_s = Seconds(t0);
      t0 = SteadyClock::now();
      st.reset();  // clean close
      fill_close_ms = Seconds(t0) * 1e3;
    }
    const uint64_t disk = DirBytes(sdir / "db");
    if (!fill_only.empty()) {
      std::printf("filled %llu entries in %.1f s, close %.1f ms, %llu bytes\n",
                  (unsigned long long)n, fill_s, fill_close_ms, (unsigned long long)disk);
      return 0;
    }

    // Open after a clean close: the first open, then the best of three.
    double open_first = OpenMs(sdir.string());
    double open_best = 1e300;
    for (int i = 0; i < 3; ++i) open_best = std::min(open_best, OpenMs(sdir.string()));

    OpenStoreOptions oo;
    oo.dir = sdir.string();
    auto st = Need(Store::Open(oo), "open");
    std::mt19937_64 rng(n);
    constexpr int kProofs = 2000;
    auto prove = [&] {
      auto p0 = SteadyClock::now();
      for (int i = 0; i < kProofs; ++i) Need(st->ProveInclusion(rng() % n, std::nullopt), "proof");
      return Seconds(p0) / kProofs * 1e6;
    };
    // Right after the bulk load LevelDB still owes compactions (many
    // level-0 files); a store that grew over months does not. Proofs once
    // as loaded, then everything else after a full compaction.
    const double proof_loaded_us = prove();
    auto t0 = SteadyClock::now();
    static_cast<store::StoreImpl&>(*st).db()->CompactRange(nullptr, nullptr);
    const double compact_s = Seconds(t0);
    const uint64_t disk_compacted = DirBytes(sdir / "db");
    const double proof_us = prove();
    constexpr int kConsistency = 500;
    t0 = SteadyClock::now();
    for (int i = 0; i < kConsistency; ++i)
      Need(st->ProveConsistency(1 + rng() % n, n), "consistency");
    const double cons_us = Seconds(t0) / kConsistency * 1e6;

    // Audit over the sample: entries 0..kHead, stopping at entry kHead+1.
    AuditOptions ao;
    t0 = SteadyClock::now();
    auto ar = Need(st->Audit(ao), "audit");
    const double audit_s = Seconds(t0);
    if (ar.clean || !ar.bad_entry || *ar.bad_entry != uint64_t(kHead + 1))
      std::fprintf(stderr, "audit: expected to stop at entry %d, got clean=%d: %s\n", kHead + 1,
                   int(ar.clean), ar.problem.c_str());
    const double audit_rate = double(ar.entries_checked) / audit_s;

    // Submit real signed documents on top (validator warmed by the head).
    t0 = SteadyClock::now();
    for (int i = kHead; i < kHead + top_docs; i += batch) {
      std::vector<SubmitItem> items;
      for (int j = i; j < std::min(kHead + top_docs, i + batch); ++j)
        items.push_back({"top", docs[size_t(j)]});
      auto r = Need(st->Submit(items, {}), "submit");
      if (!r.accepted) {
        std::fprintf(stderr, "rejected: %s\n", r.outcomes[0].reason.c_str());
        return 2;
      }
    }
    const double submit_rate = top_docs / Seconds(t0);
    t0 = SteadyClock::now();
    st.reset();  // clean close: flushes the memtable if the log is long
    const double close_ms = Seconds(t0) * 1e3;
    const double open_after_submit = OpenMs(sdir.string());

    // Anchors: the same rows in a plain LevelDB.
    fs::path rdir = root / ("raw" + std::to_string(n));
    fs::remove_all(rdir);
    double raw_write_rate = 0, raw_open_ms = 0, raw_read_us = 0;
    {
      leveldb::DB* src = nullptr;
      leveldb::DB* dst = nullptr;
      leveldb::Options so;
      if (!leveldb::DB::Open(so, (sdir / "db").string(), &src).ok()) return 2;
      leveldb::Options o;
      o.create_if_missing = true;
      if (!leveldb::DB::Open(o, rdir.string(), &dst).ok()) return 2;
      std::unique_ptr<leveldb::Iterator> it(src->NewIterator(leveldb::ReadOptions()));
      uint64_t rows = 0;
      double write_s = 0;
      leveldb::WriteBatch wb;
      size_t in_batch = 0;
      auto flush = [&] {
        auto w0 = SteadyClock::now();
        leveldb::WriteOptions wo;
        wo.sync = true;
        dst->Write(wo, &wb);
        write_s += Seconds(w0);
        wb.Clear();
        in_batch = 0;
      };
      for (it->SeekToFirst(); it->Valid(); it->Next()) {
        wb.Put(it->key(), it->value());
        ++rows;
        if (++in_batch == 200000) flush();
      }
      if (in_batch > 0) flush();
      it.reset();
      delete src;
      delete dst;
      raw_write_rate = double(rows) / write_s;
      auto o0 = SteadyClock::now();
      if (!leveldb::DB::Open(leveldb::Options(), rdir.string(), &dst).ok()) return 2;
      raw_open_ms = Seconds(o0) * 1e3;
      std::string v;
      leveldb::ReadOptions ro;
      ro.verify_checksums = true;
      constexpr int kReads = 20000;
      o0 = SteadyClock::now();
      for (int i = 0; i < kReads; ++i)
        if (!dst->Get(ro, store::NodeKey(0, rng() % n), &v).ok()) return 2;
      raw_read_us = Seconds(o0) / kReads * 1e6;
      delete dst;
    }
    std::printf("| %llu | %.1f | %.1f | %.1f / %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.1f | %.0f | %.1f | %.0f | "
                "%.0f / %.0f | %.0f | %.2f |\n",
                (unsigned long long)n, fill_s, fill_close_ms, open_first, open_best, open_after_submit,
                raw_open_ms, proof_loaded_us, compact_s, proof_us, raw_read_us, cons_us, submit_rate, close_ms, audit_rate,
                double(disk) / double(n), double(disk_compacted) / double(n), raw_write_rate, LoadAverage());
    std::fflush(stdout);
    fs::remove_all(sdir);
    fs::remove_all(rdir);
  }
  fs::remove_all(root);
  return 0;
}
