// RFC 9162 proof generation and verification over an in-memory HashReader
// (store/merkle.h MemoryTree), at 10^5 and 10^6 leaves. Issue 4 goal: an
// inclusion proof at 10^6 entries in <= 1 ms. This measures the tree
// algorithms alone; the LevelDB-backed reader is the store benchmark's job.
//
// Anchor, measured in the same run: raw SHA-256 of a 65-byte node input
// through tradefin::Sha256 (Crypto++), the cost floor of every hash.
//
// Usage: merkle_bench [seconds-per-measurement]   (default 1.0)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "store/merkle.h"
#include "tradefin/signing/keys.h"

namespace {

using tradefin::merkle::Hash;
using tradefin::merkle::MemoryTree;

void Row(const char* name, double ops_per_sec) {
  std::printf("  %-44s %12.0f ops/s %10.2f us/op\n", name, ops_per_sec,
              1e6 / ops_per_sec);
}

// A read-counting wrapper, to report reads per proof.
class Counting : public tradefin::merkle::HashReader {
 public:
  explicit Counting(const HashReader& inner) : inner_(inner) {}
  tradefin::Status ReadNode(int level, uint64_t index,
                            Hash* out) const override {
    ++reads;
    return inner_.ReadNode(level, index, out);
  }
  mutable uint64_t reads = 0;

 private:
  const HashReader& inner_;
};

void RunSize(uint64_t n, double secs) {
  auto t0 = std::chrono::steady_clock::now();
  MemoryTree tree;
  for (uint64_t i = 0; i < n; ++i) {
    tree.Append(tradefin::merkle::LeafHash("entry " + std::to_string(i)));
  }
  double build =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
          .count();
  std::printf("\n%llu leaves (build: %.2f s, %.0f appends/s incl. leaf hash)\n",
              static_cast<unsigned long long>(n), build,
              static_cast<double>(n) / build);

  std::mt19937_64 rng(42);
  const Hash root = tree.Root();
  bool all_ok = true;

  Row("inclusion proof, generate", tradefin::bench::MeasureOpsPerSec(
                                       [&] {
                                         uint64_t i = rng() % n;
                                         auto p = tradefin::merkle::InclusionProof(
                                             i, n, tree);
                                         all_ok = all_ok && p.ok();
                                       },
                                       secs));

  // Pre-generate proofs so verification is timed alone.
  std::vector<uint64_t> idx;
  std::vector<std::vector<Hash>> proofs;
  std::vector<Hash> leaves;
  Counting counting(tree);
  for (int k = 0; k < 1024; ++k) {
    uint64_t i = rng() % n;
    idx.push_back(i);
    proofs.push_back(*tradefin::merkle::InclusionProof(i, n, counting));
    leaves.push_back(tradefin::merkle::LeafHash("entry " + std::to_string(i)));
  }
  std::printf("  (%.1f node reads and %zu hashes per inclusion proof)\n",
              static_cast<double>(counting.reads) / 1024.0, proofs[0].size());
  size_t k = 0;
  Row("inclusion proof, verify", tradefin::bench::MeasureOpsPerSec(
                                     [&] {
                                       size_t j = k++ % idx.size();
                                       all_ok = all_ok &&
                                                tradefin::merkle::VerifyInclusion(
                                                    idx[j], n, leaves[j],
                                                    proofs[j], root);
                                     },
                                     secs));

  Row("consistency proof (random m -> n), generate",
      tradefin::bench::MeasureOpsPerSec(
          [&] {
            uint64_t m = 1 + rng() % n;
            auto p = tradefin::merkle::ConsistencyProof(m, n, tree);
            all_ok = all_ok && p.ok();
          },
          secs));
  uint64_t m = n / 3 + 1;
  Hash old_root = *tradefin::merkle::RootAt(m, tree);
  std::vector<Hash> cproof = *tradefin::merkle::ConsistencyProof(m, n, tree);
  Row("consistency proof (n/3 -> n), verify",
      tradefin::bench::MeasureOpsPerSec(
          [&] {
            all_ok = all_ok && tradefin::merkle::VerifyConsistency(
                                   m, n, old_root, root, cproof);
          },
          secs));
  Row("root at a random size (RootAt)",
      tradefin::bench::MeasureOpsPerSec(
          [&] {
            auto r = tradefin::merkle::RootAt(1 + rng() % n, tree);
            all_ok = all_ok && r.ok();
          },
          secs));
  Row("restore compact range (open a store)",
      tradefin::bench::MeasureOpsPerSec(
          [&] {
            auto r = tradefin::merkle::CompactRange::Restore(n, tree);
            all_ok = all_ok && r.ok() && r->Root() == root;
          },
          secs));
  if (!all_ok) {
    std::fprintf(stderr, "merkle_bench: a proof failed to generate or verify\n");
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  double secs = argc > 1 ? std::atof(argv[1]) : 1.0;
  std::printf("merkle_bench (%s)\n", tradefin::bench::MachineDescription().c_str());

  std::string node(65, '\x01');
  Row("anchor: tradefin::Sha256, 65-byte input",
      tradefin::bench::MeasureOpsPerSec(
          [&] {
            const tradefin::Sha256Hash d = tradefin::Sha256(node);
            node[1] = static_cast<char>(d[0]);
          },
          secs));
  Hash a = tradefin::merkle::LeafHash("a");
  Hash b = tradefin::merkle::LeafHash("b");
  Row("NodeHash (0x01 || l || r)", tradefin::bench::MeasureOpsPerSec(
                                       [&] { a = tradefin::merkle::NodeHash(a, b); },
                                       secs));

  RunSize(100000, secs);
  RunSize(1000000, secs);
  return 0;
}
