// RFC 9162 Merkle tree: the published vectors (tests/data/merkle/vectors.txt,
// generated from tests/data/merkle/json by scripts/vectors-to-text.py) and
// a naive recursive implementation written straight from RFC 9162 §2.1 as an
// independent check.
#include "store/merkle.h"

#include <bit>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "testing/testing.h"
#include "tradefin/signing/keys.h"

namespace tradefin::merkle {
namespace {

std::string Unhex(const std::string& hex) {
  if (hex == "-" || hex == "_") return "";
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::vector<std::string> UnhexList(const std::string& list) {
  std::vector<std::string> out;
  if (list == "-") return out;
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(Unhex(item));
  return out;
}

std::vector<std::string> HexList(const std::vector<Hash>& hashes) {
  std::vector<std::string> out;
  for (const Hash& h : hashes) out.push_back(ToHex(h));
  return out;
}

std::vector<std::string> ListHex(const std::string& list) {
  std::vector<std::string> out;
  for (const std::string& b : UnhexList(list)) out.push_back(HexEncode(b));
  return out;
}

Hash H(const std::string& hex) {
  auto r = FromHex(hex);
  REQUIRE_OK(r);
  return *r;
}

std::vector<std::vector<std::string>> VectorLines(const std::string& kind) {
  std::string text =
      testing::ReadFile(testing::SourceDir() / "tests/data/merkle/vectors.txt");
  std::vector<std::vector<std::string>> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    std::stringstream ls(line);
    std::vector<std::string> fields;
    std::string f;
    while (ls >> f) fields.push_back(f);
    if (!fields.empty() && fields[0] == kind) out.push_back(fields);
  }
  REQUIRE(!out.empty());
  return out;
}

MemoryTree Tree8() {
  MemoryTree tree;
  for (const auto& f : VectorLines("LEAF")) tree.Append(LeafHash(Unhex(f[2])));
  REQUIRE(tree.size() == 8);
  return tree;
}

// ---- A naive RFC 9162 §2.1 implementation, recursion exactly as written.
// Memoised by (lo, hi) only to keep the sweep fast; it shares no code with
// merkle.cc beyond SHA-256.
class Reference {
 public:
  explicit Reference(std::vector<std::string> leaves)
      : leaves_(std::move(leaves)) {}

  std::string Mth(size_t lo, size_t hi) {
    auto key = std::make_pair(lo, hi);
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    std::string r;
    if (hi == lo) {
      r = HashBytes(Sha256(""));
    } else if (hi - lo == 1) {
      r = HashBytes(Sha256(std::string(1, '\0') + leaves_[lo]));
    } else {
      size_t k = 1;
      while (k * 2 < hi - lo) k *= 2;
      r = HashBytes(Sha256(std::string(1, '\x01') + Mth(lo, lo + k) + Mth(lo + k, hi)));
    }
    memo_[key] = r;
    return r;
  }

  // PATH(m, D[lo:hi]).
  std::vector<std::string> Path(size_t m, size_t lo, size_t hi) {
    size_t n = hi - lo;
    if (n == 1) return {};
    size_t k = 1;
    while (k * 2 < n) k *= 2;
    std::vector<std::string> out;
    if (m < k) {
      out = Path(m, lo, lo + k);
      out.push_back(Mth(lo + k, hi));
    } else {
      out = Path(m - k, lo + k, hi);
      out.push_back(Mth(lo, lo + k));
    }
    return out;
  }

  // SUBPROOF(m, D[lo:hi], b).
  std::vector<std::string> SubProof(size_t m, size_t lo, size_t hi, bool b) {
    size_t n = hi - lo;
    if (m == n) {
      if (b) return {};
      return {Mth(lo, hi)};
    }
    size_t k = 1;
    while (k * 2 < n) k *= 2;
    std::vector<std::string> out;
    if (m <= k) {
      out = SubProof(m, lo, lo + k, b);
      out.push_back(Mth(lo + k, hi));
    } else {
      out = SubProof(m - k, lo + k, hi, false);
      out.push_back(Mth(lo, lo + k));
    }
    return out;
  }

 private:
  std::vector<std::string> leaves_;
  std::map<std::pair<size_t, size_t>, std::string> memo_;
};

std::vector<std::string> Bytes(const std::vector<Hash>& hashes) {
  std::vector<std::string> out;
  for (const Hash& h : hashes) out.emplace_back(AsBytes(h));
  return out;
}

class CountingReader : public HashReader {
 public:
  explicit CountingReader(const HashReader& inner) : inner_(inner) {}
  Status ReadNode(int level, uint64_t index, Hash* out) const override {
    ++reads;
    return inner_.ReadNode(level, index, out);
  }
  mutable int reads = 0;

 private:
  const HashReader& inner_;
};

TEST_CASE("merkle: primitives") {
  CHECK(ToHex(EmptyRoot()) ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(ToHex(LeafHash("")) ==
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  CHECK(ToHex(NodeHash(LeafHash(""), LeafHash(std::string(1, '\0')))) ==
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
  CHECK(FromHex("00").status().code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(FromHex(std::string(63, 'a') + "g").ok());
  auto upper = FromHex(
      "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
  REQUIRE_OK(upper);
  CHECK(*upper == EmptyRoot());
}

TEST_CASE("merkle: tree8 nodes and roots (transparency-dev constants)") {
  MemoryTree tree = Tree8();
  for (const auto& f : VectorLines("NODE")) {
    Hash got;
    REQUIRE_STATUS_OK(tree.ReadNode(std::stoi(f[1]), std::stoull(f[2]), &got));
    CHECK_MESSAGE(ToHex(got) == f[3], "node " << f[1] << "," << f[2]);
  }
  CompactRange range;
  std::vector<std::string> leaves;
  for (const auto& f : VectorLines("LEAF")) leaves.push_back(Unhex(f[2]));
  auto roots = VectorLines("ROOT");
  REQUIRE(roots.size() == 9);
  for (const auto& f : roots) {
    uint64_t size = std::stoull(f[1]);
    auto root = RootAt(size, tree);
    REQUIRE_OK(root);
    CHECK_MESSAGE(ToHex(*root) == f[2], "RootAt " << size);
    while (range.size() < size) range.Append(LeafHash(leaves[range.size()]), {});
    CHECK_MESSAGE(ToHex(range.Root()) == f[2], "CompactRange " << size);
  }
}

TEST_CASE("merkle: upstream inclusion probes") {
  int happy = 0;
  int rejected = 0;
  for (const auto& f : VectorLines("I")) {
    REQUIRE(f.size() == 8);
    bool want_err = f[1] == "1";
    bool ok = VerifyInclusionBytes(std::stoull(f[2]), std::stoull(f[3]),
                                   Unhex(f[4]), UnhexList(f[6]), Unhex(f[5]));
    CHECK_MESSAGE(ok == !want_err, f[7]);
    (ok ? happy : rejected)++;
  }
  CHECK(happy == 6);
  CHECK(rejected == 92);
}

TEST_CASE("merkle: upstream consistency probes") {
  // Deliberate difference (vectors README): upstream accepts equal 12-byte
  // "roots" for sizes 1 == 1; a strict verifier rejects non-32-byte hashes.
  const std::set<std::string> kStricter = {
      "testdata/consistency/additional/"
      "sizes-are-equal-one-and-proof-is-empty.json"};
  int happy = 0;
  for (const auto& f : VectorLines("C")) {
    REQUIRE(f.size() == 8);
    bool want_err = f[1] == "1" || kStricter.count(f[7]) > 0;
    bool ok = VerifyConsistencyBytes(std::stoull(f[2]), std::stoull(f[3]),
                                     Unhex(f[4]), Unhex(f[5]), UnhexList(f[6]));
    CHECK_MESSAGE(ok == !want_err, f[7]);
    if (ok) ++happy;
  }
  CHECK(happy == 5);
}

TEST_CASE("merkle: derived tree8 proofs match byte for byte") {
  MemoryTree tree = Tree8();
  auto incl = VectorLines("DI");
  CHECK(incl.size() == 36);
  for (const auto& f : incl) {
    uint64_t index = std::stoull(f[1]);
    uint64_t size = std::stoull(f[2]);
    auto proof = InclusionProof(index, size, tree);
    REQUIRE_OK(proof);
    CHECK_MESSAGE(HexList(*proof) == ListHex(f[5]), index << "/" << size);
    CHECK(proof->size() == InclusionProofLength(index, size));
    auto root = RootAt(size, tree);
    REQUIRE_OK(root);
    CHECK(ToHex(*root) == f[4]);
    CHECK(VerifyInclusion(index, size, H(f[3]), *proof, H(f[4])));
  }
  auto cons = VectorLines("DC");
  CHECK(cons.size() == 28);
  for (const auto& f : cons) {
    uint64_t m = std::stoull(f[1]);
    uint64_t n = std::stoull(f[2]);
    auto proof = ConsistencyProof(m, n, tree);
    REQUIRE_OK(proof);
    CHECK_MESSAGE(HexList(*proof) == ListHex(f[5]), m << "->" << n);
    CHECK(proof->size() == ConsistencyProofLength(m, n));
    CHECK(VerifyConsistency(m, n, H(f[3]), H(f[4]), *proof));
  }
}

TEST_CASE("merkle: RFC 9162 §2.1.5 worked example (7 leaves)") {
  MemoryTree tree;
  std::vector<Hash> leaf;
  for (int i = 0; i < 7; ++i) {
    leaf.push_back(LeafHash("d" + std::to_string(i)));
    tree.Append(leaf.back());
  }
  Hash a = leaf[0], b = leaf[1], c = leaf[2], d = leaf[3], e = leaf[4],
       f = leaf[5], j = leaf[6];
  Hash g = NodeHash(a, b), h = NodeHash(c, d), i = NodeHash(e, f);
  Hash k = NodeHash(g, h), l = NodeHash(i, j);
  auto proof = [&](uint64_t idx) { return *InclusionProof(idx, 7, tree); };
  CHECK(proof(0) == std::vector<Hash>{b, h, l});
  CHECK(proof(3) == std::vector<Hash>{c, g, l});
  CHECK(proof(4) == std::vector<Hash>{f, j, k});
  CHECK(proof(6) == std::vector<Hash>{i, k});
  CHECK(*ConsistencyProof(3, 7, tree) == std::vector<Hash>{c, d, g, l});
  CHECK(*ConsistencyProof(4, 7, tree) == std::vector<Hash>{l});
  CHECK(*ConsistencyProof(6, 7, tree) == std::vector<Hash>{i, j, k});
  CHECK(*RootAt(7, tree) == NodeHash(k, l));
}

TEST_CASE("merkle: agrees with the naive RFC recursion for sizes 1..300") {
  std::mt19937_64 rng(9162);
  std::vector<std::string> leaves;
  for (int i = 0; i < 300; ++i) {
    std::string leaf(static_cast<size_t>(rng() % 40), '\0');
    for (char& ch : leaf) ch = static_cast<char>(rng());
    leaves.push_back(leaf);
  }
  Reference ref(leaves);
  MemoryTree tree;
  for (const std::string& leaf : leaves) tree.Append(LeafHash(leaf));

  for (size_t n = 1; n <= 300; ++n) {
    auto root = RootAt(n, tree);
    REQUIRE_OK(root);
    std::string want_root = ref.Mth(0, n);
    REQUIRE(std::string(AsBytes(*root)) == want_root);
    for (size_t i = 0; i < n; ++i) {
      auto proof = InclusionProof(i, n, tree);
      REQUIRE_OK(proof);
      REQUIRE_MESSAGE(Bytes(*proof) == ref.Path(i, 0, n), i << "/" << n);
      REQUIRE(proof->size() == InclusionProofLength(i, n));
      REQUIRE(VerifyInclusion(i, n, LeafHash(leaves[i]), *proof, *root));
    }
    // All old sizes for small trees, a sample (powers of two, the
    // neighbours of n, random) for larger ones.
    std::set<size_t> olds;
    if (n <= 70) {
      for (size_t m = 1; m <= n; ++m) olds.insert(m);
    } else {
      for (size_t m = 1; m <= n; m *= 2) olds.insert(m);
      olds.insert({n - 1, n, n / 2 + 1});
      for (int s = 0; s < 8; ++s) olds.insert(1 + rng() % n);
    }
    for (size_t m : olds) {
      auto proof = ConsistencyProof(m, n, tree);
      REQUIRE_OK(proof);
      std::vector<std::string> want =
          m == n ? std::vector<std::string>{} : ref.SubProof(m, 0, n, true);
      REQUIRE_MESSAGE(Bytes(*proof) == want, m << "->" << n);
      REQUIRE(proof->size() == ConsistencyProofLength(m, n));
      auto old_root = RootAt(m, tree);
      REQUIRE_OK(old_root);
      REQUIRE(VerifyConsistency(m, n, *old_root, *root, *proof));
    }
  }
}

TEST_CASE("merkle: any single-bit flip, truncation or extension is rejected") {
  MemoryTree tree;
  std::vector<Hash> leaves;
  for (int i = 0; i < 70; ++i) {
    leaves.push_back(LeafHash("leaf " + std::to_string(i)));
    tree.Append(leaves.back());
  }
  for (uint64_t n : {1u, 2u, 3u, 7u, 8u, 9u, 31u, 64u, 70u}) {
    Hash root = *RootAt(n, tree);
    for (uint64_t i = 0; i < n; ++i) {
      std::vector<Hash> proof = *InclusionProof(i, n, tree);
      REQUIRE(VerifyInclusion(i, n, leaves[i], proof, root));
      for (size_t p = 0; p < proof.size(); ++p) {
        for (int bit = 0; bit < 256; bit += 37) {
          std::vector<Hash> bad = proof;
          bad[p][static_cast<size_t>(bit / 8)] ^=
              static_cast<uint8_t>(1 << (bit % 8));
          CHECK_FALSE(VerifyInclusion(i, n, leaves[i], bad, root));
        }
      }
      Hash bad_root = root;
      bad_root[31] ^= 1;
      CHECK_FALSE(VerifyInclusion(i, n, leaves[i], proof, bad_root));
      Hash bad_leaf = leaves[i];
      bad_leaf[0] ^= 0x80;
      CHECK_FALSE(VerifyInclusion(i, n, bad_leaf, proof, root));
      CHECK_FALSE(VerifyInclusion(i + 1, n, leaves[i], proof, root));
      // (i, n + 1) is not checked: a path inside the left part of the tree
      // is also a valid path of a larger tree with that same root, which is
      // why the size must come from the signed checkpoint.
      std::vector<Hash> longer = proof;
      longer.push_back(root);
      CHECK_FALSE(VerifyInclusion(i, n, leaves[i], longer, root));
      if (!proof.empty()) {
        std::vector<Hash> shorter(proof.begin(), proof.end() - 1);
        CHECK_FALSE(VerifyInclusion(i, n, leaves[i], shorter, root));
      }
    }
    for (uint64_t m = 1; m < n; ++m) {
      Hash old_root = *RootAt(m, tree);
      std::vector<Hash> proof = *ConsistencyProof(m, n, tree);
      REQUIRE(VerifyConsistency(m, n, old_root, root, proof));
      for (size_t p = 0; p < proof.size(); ++p) {
        std::vector<Hash> bad = proof;
        bad[p][p % 32] ^= 0x10;
        CHECK_FALSE(VerifyConsistency(m, n, old_root, root, bad));
      }
      CHECK_FALSE(VerifyConsistency(n, m, root, old_root, proof));
      CHECK_FALSE(VerifyConsistency(m, n, root, old_root, proof));
      std::vector<Hash> longer = proof;
      longer.push_back(root);
      CHECK_FALSE(VerifyConsistency(m, n, old_root, root, longer));
      CHECK_FALSE(VerifyConsistency(
          m, n, old_root, root, std::vector<Hash>(proof.begin() + 1, proof.end())));
    }
  }
  // Equal sizes: empty proof and equal roots only; size 0 never proves.
  Hash r = *RootAt(5, tree);
  CHECK(VerifyConsistency(5, 5, r, r, {}));
  CHECK_FALSE(VerifyConsistency(5, 5, r, r, {r}));
  CHECK_FALSE(VerifyConsistency(0, 5, EmptyRoot(), r, {r}));
}

TEST_CASE("merkle: byte forms insist on 32-byte hashes") {
  std::string leaf(AsBytes(LeafHash("")));
  CHECK(VerifyInclusionBytes(0, 1, leaf, {}, leaf));
  CHECK_FALSE(VerifyInclusionBytes(0, 1, "", {}, ""));
  CHECK_FALSE(VerifyInclusionBytes(0, 1, leaf + "x", {}, leaf + "x"));
  CHECK_FALSE(VerifyConsistencyBytes(1, 1, "abc", "abc", {}));
  CHECK(VerifyConsistencyBytes(1, 1, leaf, leaf, {}));
}

TEST_CASE("merkle: argument and storage errors") {
  MemoryTree tree = Tree8();
  CHECK(InclusionProof(8, 8, tree).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(ConsistencyProof(0, 8, tree).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(ConsistencyProof(9, 8, tree).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(RootAt(9, tree).status().code() == StatusCode::kNotFound);
  CHECK(InclusionProof(0, 9, tree).status().code() == StatusCode::kNotFound);
  CHECK(CompactRange::Restore(9, tree).status().code() == StatusCode::kNotFound);
  auto empty = ConsistencyProof(8, 8, tree);
  REQUIRE_OK(empty);
  CHECK(empty->empty());
  CHECK(ToHex(*RootAt(0, tree)) == ToHex(EmptyRoot()));
}

TEST_CASE("merkle: Restore rebuilds the border from stored nodes") {
  MemoryTree tree;
  std::vector<Hash> leaves;
  for (int i = 0; i < 200; ++i) {
    leaves.push_back(LeafHash(std::to_string(i * 7919)));
    tree.Append(leaves.back());
  }
  for (uint64_t n = 0; n <= 150; ++n) {
    auto range = CompactRange::Restore(n, tree);
    REQUIRE_OK(range);
    CHECK(range->size() == n);
    CHECK(range->Root() == *RootAt(n, tree));
    // Appending to a restored range reports the same nodes as the original.
    std::vector<std::pair<int, uint64_t>> seen;
    for (uint64_t k = n; k < n + 20; ++k) {
      range->Append(leaves[k], [&](int level, uint64_t index, const Hash& h) {
        Hash stored;
        REQUIRE_STATUS_OK(tree.ReadNode(level, index, &stored));
        CHECK(stored == h);
        seen.emplace_back(level, index);
      });
    }
    CHECK(range->Root() == *RootAt(n + 20, tree));
    CHECK(seen.size() >= 20);
  }
}

TEST_CASE("merkle: proofs cost O(log n) reads") {
  MemoryTree tree;
  const uint64_t n = 100003;
  for (uint64_t i = 0; i < n; ++i) tree.Append(LeafHash(std::to_string(i)));
  CountingReader counting(tree);
  for (uint64_t i : {uint64_t{0}, uint64_t{1}, uint64_t{65535}, uint64_t{99999},
                     n - 1}) {
    counting.reads = 0;
    auto proof = InclusionProof(i, n, counting);
    REQUIRE_OK(proof);
    CHECK(counting.reads <= 2 * 17 + 1);
    CHECK(VerifyInclusion(i, n, LeafHash(std::to_string(i)), *proof,
                          tree.Root()));
  }
  for (uint64_t m : {uint64_t{1}, uint64_t{4096}, uint64_t{77777}, n - 1}) {
    counting.reads = 0;
    auto proof = ConsistencyProof(m, n, counting);
    REQUIRE_OK(proof);
    CHECK(counting.reads <= 3 * 17 + 2);
  }
  counting.reads = 0;
  REQUIRE_OK(RootAt(n, counting));
  CHECK(counting.reads == std::popcount(n));
}

}  // namespace
}  // namespace tradefin::merkle
