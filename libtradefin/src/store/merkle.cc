// RFC 9162 §2.1 Merkle tree over SHA-256. Generation walks half-open leaf
// ranges [lo, hi) (docs/formats/checkpoint-and-proofs.md); verification is
// the RFC's iterative procedure with two additions the RFC pseudocode leaves
// out: every hash must be exactly 32 bytes and the proof must be consumed
// exactly (docs/design/log.md §2).
#include "store/merkle.h"

#include <bit>
#include <cstring>
#include <string>

#include "tradefin/signing/keys.h"

namespace tradefin::merkle {
namespace {

constexpr size_t kHashSize = 32;

Hash HashOf(std::string_view data) {
  return Sha256(data);
}

// k = the largest power of two strictly below n (REQUIRES: n > 1).
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

bool IsPerfectAligned(uint64_t lo, uint64_t hi) {
  uint64_t width = hi - lo;
  return std::has_single_bit(width) && (lo & (width - 1)) == 0;
}

// MTH(D[lo:hi]). A perfect aligned range is one stored node; any other range
// the proof recursions ask for ends at the right border, and the split below
// peels perfect subtrees off it following the binary digits of hi - lo, so
// one call costs at most popcount(hi - lo) reads.
Status RangeHash(uint64_t lo, uint64_t hi, const HashReader& reader,
                 Hash* out) {
  if (hi == lo) {
    *out = EmptyRoot();
    return Status();
  }
  if (IsPerfectAligned(lo, hi)) {
    int level = std::countr_zero(hi - lo);
    return reader.ReadNode(level, lo >> level, out);
  }
  uint64_t k = SplitPoint(hi - lo);
  Hash left;
  Hash right;
  TRADEFIN_RETURN_IF_ERROR(RangeHash(lo, lo + k, reader, &left));
  TRADEFIN_RETURN_IF_ERROR(RangeHash(lo + k, hi, reader, &right));
  *out = NodeHash(left, right);
  return Status();
}

// PATH(index, D[lo:hi]) appended leaf-to-root, written iteratively from the
// top: siblings are collected root-first and reversed at the end.
Status Path(uint64_t index, uint64_t lo, uint64_t hi, const HashReader& reader,
            std::vector<Hash>* out) {
  std::vector<Hash> top_down;
  while (hi - lo > 1) {
    uint64_t k = SplitPoint(hi - lo);
    Hash sibling;
    if (index < lo + k) {
      TRADEFIN_RETURN_IF_ERROR(RangeHash(lo + k, hi, reader, &sibling));
      hi = lo + k;
    } else {
      TRADEFIN_RETURN_IF_ERROR(RangeHash(lo, lo + k, reader, &sibling));
      lo = lo + k;
    }
    top_down.push_back(sibling);
  }
  out->assign(top_down.rbegin(), top_down.rend());
  return Status();
}

// SUBPROOF(m, D[lo:hi], whole) of RFC 9162 §2.1.4.1, same top-down trick.
Status SubProof(uint64_t m, uint64_t lo, uint64_t hi, bool whole,
                const HashReader& reader, std::vector<Hash>* out) {
  std::vector<Hash> top_down;
  while (m != hi - lo) {
    uint64_t k = SplitPoint(hi - lo);
    Hash node;
    if (m <= k) {
      TRADEFIN_RETURN_IF_ERROR(RangeHash(lo + k, hi, reader, &node));
      hi = lo + k;
    } else {
      TRADEFIN_RETURN_IF_ERROR(RangeHash(lo, lo + k, reader, &node));
      m -= k;
      lo = lo + k;
      whole = false;
    }
    top_down.push_back(node);
  }
  if (!whole) {
    Hash node;
    TRADEFIN_RETURN_IF_ERROR(RangeHash(lo, hi, reader, &node));
    top_down.push_back(node);
  }
  out->assign(top_down.rbegin(), top_down.rend());
  return Status();
}

Hash NodeHashBytes(const uint8_t* left, const uint8_t* right) {
  char buf[1 + 2 * kHashSize];
  buf[0] = 0x01;
  std::memcpy(buf + 1, left, kHashSize);
  std::memcpy(buf + 1 + kHashSize, right, kHashSize);
  return HashOf(std::string_view(buf, sizeof(buf)));
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ToHashes(const std::vector<std::string>& in, std::vector<Hash>* out) {
  out->resize(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i].size() != kHashSize) return false;
    std::memcpy((*out)[i].data(), in[i].data(), kHashSize);
  }
  return true;
}

bool ToHash(std::string_view in, Hash* out) {
  if (in.size() != kHashSize) return false;
  std::memcpy(out->data(), in.data(), kHashSize);
  return true;
}

}  // namespace

Hash LeafHash(std::string_view leaf_bytes) {
  std::string buf;
  buf.reserve(leaf_bytes.size() + 1);
  buf.push_back('\0');
  buf.append(leaf_bytes);
  return HashOf(buf);
}

Hash NodeHash(const Hash& left, const Hash& right) {
  return NodeHashBytes(left.data(), right.data());
}

Hash EmptyRoot() {
  static const Hash kEmpty = HashOf(std::string_view());
  return kEmpty;
}

std::string ToHex(const Hash& h) { return HexEncode(AsBytes(h)); }

Result<Hash> FromHex(std::string_view hex) {
  if (hex.size() != 2 * kHashSize) {
    return Status::InvalidArgument("hash: expected 64 hex characters, got " +
                                   std::to_string(hex.size()));
  }
  Hash out{};
  for (size_t i = 0; i < kHashSize; ++i) {
    int hi = HexValue(hex[2 * i]);
    int lo = HexValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return Status::InvalidArgument(
          "hash: non-hex character at offset " +
          std::to_string(hi < 0 ? 2 * i : 2 * i + 1));
    }
    out[i] = static_cast<uint8_t>((hi << 4) | lo);
  }
  return out;
}

std::string_view AsBytes(const Hash& h) {
  return std::string_view(reinterpret_cast<const char*>(h.data()), h.size());
}

HashReader::~HashReader() = default;

// ---- CompactRange ----

Result<CompactRange> CompactRange::Restore(uint64_t size,
                                           const HashReader& reader) {
  CompactRange range;
  uint64_t start = 0;
  // The border of a size-n tree is its perfect subtrees, one per 1-bit of n,
  // highest first.
  for (int level = 63; level >= 0; --level) {
    uint64_t width = uint64_t{1} << level;
    if ((size & width) == 0) continue;
    Hash node;
    Status s = reader.ReadNode(level, start >> level, &node);
    if (!s.ok()) {
      return s.WithPrefix("restoring Merkle border at size " +
                          std::to_string(size) + ", node (" +
                          std::to_string(level) + ", " +
                          std::to_string(start >> level) + ")");
    }
    range.border_.push_back(node);
    start += width;
  }
  range.size_ = size;
  return range;
}

void CompactRange::Append(const Hash& leaf_hash, const NodeSink& sink) {
  if (sink) sink(0, size_, leaf_hash);
  Hash h = leaf_hash;
  int level = 0;
  // Each trailing 1-bit of the old size is a perfect left sibling waiting
  // for this leaf's subtree (RFC 9162 §2.1.2).
  while ((size_ >> level) & 1) {
    h = NodeHash(border_.back(), h);
    border_.pop_back();
    ++level;
    if (sink) sink(level, size_ >> level, h);
  }
  border_.push_back(h);
  ++size_;
}

Hash CompactRange::Root() const {
  if (border_.empty()) return EmptyRoot();
  Hash r = border_.back();
  for (size_t i = border_.size() - 1; i-- > 0;) r = NodeHash(border_[i], r);
  return r;
}

// ---- Generation ----

Result<Hash> RootAt(uint64_t size, const HashReader& reader) {
  Hash out;
  TRADEFIN_RETURN_IF_ERROR(RangeHash(0, size, reader, &out));
  return out;
}

Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size,
                                         const HashReader& reader) {
  if (index >= size) {
    return Status::InvalidArgument(
        "inclusion proof: leaf index " + std::to_string(index) +
        " is not below tree size " + std::to_string(size));
  }
  std::vector<Hash> out;
  TRADEFIN_RETURN_IF_ERROR(Path(index, 0, size, reader, &out));
  return out;
}

Result<std::vector<Hash>> ConsistencyProof(uint64_t m, uint64_t n,
                                           const HashReader& reader) {
  if (m == 0 || m > n) {
    return Status::InvalidArgument(
        "consistency proof: need 0 < old size <= new size, got " +
        std::to_string(m) + " and " + std::to_string(n));
  }
  std::vector<Hash> out;
  if (m == n) return out;
  TRADEFIN_RETURN_IF_ERROR(SubProof(m, 0, n, true, reader, &out));
  return out;
}

size_t InclusionProofLength(uint64_t index, uint64_t size) {
  if (index >= size) return 0;
  // transparency-dev/merkle proof.decompInclProof: the inner part is below
  // the level where index and the last leaf diverge, the border part is one
  // hash per 1-bit above it.
  int inner = std::bit_width(index ^ (size - 1));
  int border = std::popcount(inner >= 64 ? 0 : index >> inner);
  return static_cast<size_t>(inner + border);
}

size_t ConsistencyProofLength(uint64_t m, uint64_t n) {
  if (m == 0 || m >= n) return 0;
  int diverge = std::bit_width((m - 1) ^ (n - 1));
  int inner = diverge - std::countr_zero(m);
  int border = std::popcount(diverge >= 64 ? 0 : (m - 1) >> diverge);
  return static_cast<size_t>(inner + border + (std::has_single_bit(m) ? 0 : 1));
}

// ---- Verification (RFC 9162 §2.1.3.2, §2.1.4.2) ----

bool VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                     const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) return false;
  if (proof.size() != InclusionProofLength(index, size)) return false;
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) {
        while (fn != 0 && (fn & 1) == 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(uint64_t m, uint64_t n, const Hash& root_m,
                       const Hash& root_n, const std::vector<Hash>& proof) {
  if (m == n) return proof.empty() && root_m == root_n;
  // Size 0 proves nothing (docs/design/log.md §2); m > n is never consistent.
  if (m == 0 || m > n || proof.empty()) return false;
  if (proof.size() != ConsistencyProofLength(m, n)) return false;

  // When m is a power of two the old root is itself a node of the new tree
  // and the proof omits it.
  size_t start = 0;
  Hash seed;
  if (std::has_single_bit(m)) {
    seed = root_m;
  } else {
    seed = proof[0];
    start = 1;
  }
  uint64_t fn = m - 1;
  uint64_t sn = n - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = seed;
  Hash sr = seed;
  for (size_t i = start; i < proof.size(); ++i) {
    const Hash& c = proof[i];
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if ((fn & 1) == 0) {
        while (fn != 0 && (fn & 1) == 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == root_m && sr == root_n && sn == 0;
}

bool VerifyInclusionBytes(uint64_t index, uint64_t size,
                          std::string_view leaf_hash,
                          const std::vector<std::string>& proof,
                          std::string_view root) {
  Hash leaf;
  Hash want;
  std::vector<Hash> path;
  if (!ToHash(leaf_hash, &leaf) || !ToHash(root, &want) ||
      !ToHashes(proof, &path)) {
    return false;
  }
  return VerifyInclusion(index, size, leaf, path, want);
}

bool VerifyConsistencyBytes(uint64_t m, uint64_t n, std::string_view root_m,
                            std::string_view root_n,
                            const std::vector<std::string>& proof) {
  Hash old_root;
  Hash new_root;
  std::vector<Hash> path;
  if (!ToHash(root_m, &old_root) || !ToHash(root_n, &new_root) ||
      !ToHashes(proof, &path)) {
    return false;
  }
  return VerifyConsistency(m, n, old_root, new_root, path);
}

// ---- MemoryTree ----

void MemoryTree::Append(const Hash& leaf_hash) {
  range_.Append(leaf_hash, [this](int level, uint64_t index, const Hash& h) {
    auto l = static_cast<size_t>(level);
    if (levels_.size() <= l) levels_.resize(l + 1);
    // Nodes complete in index order at every level.
    if (levels_[l].size() == index) levels_[l].push_back(h);
  });
}

Status MemoryTree::ReadNode(int level, uint64_t index, Hash* out) const {
  if (level < 0 || static_cast<size_t>(level) >= levels_.size() ||
      index >= levels_[static_cast<size_t>(level)].size()) {
    return Status::NotFound("Merkle node (" + std::to_string(level) + ", " +
                            std::to_string(index) + ") is not stored");
  }
  *out = levels_[static_cast<size_t>(level)][index];
  return Status();
}

}  // namespace tradefin::merkle
