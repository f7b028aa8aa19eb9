// Internal API of the store module: the RFC 9162 §2.1 Merkle tree.
//
// Pure functions over 32-byte SHA-256 hashes, plus the two seams the store
// needs: a HashReader that returns stored hashes of perfect, aligned
// subtrees, and a CompactRange that appends leaves and reports every new
// perfect subtree so the caller can persist it. With those, any root,
// inclusion proof or consistency proof costs O(log n) reads.
//
// Node addressing: (level, index) is the perfect subtree of 2^level leaves
// covering [index << level, (index + 1) << level). Level 0 = leaf hashes.
//
// Thread safety: functions are reentrant; a CompactRange is not shared.
#ifndef TRADEFIN_STORE_MERKLE_H_
#define TRADEFIN_STORE_MERKLE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/result.h"

namespace tradefin::merkle {

using Hash = std::array<uint8_t, 32>;

Hash LeafHash(std::string_view leaf_bytes);         // SHA-256(0x00 || d)
Hash NodeHash(const Hash& left, const Hash& right);  // SHA-256(0x01 || l || r)
Hash EmptyRoot();                                    // SHA-256("")
std::string ToHex(const Hash& h);
Result<Hash> FromHex(std::string_view hex);          // exactly 64 hex chars
std::string_view AsBytes(const Hash& h);

class HashReader {
 public:
  virtual ~HashReader();
  // The stored hash of perfect subtree (level, index). kNotFound if absent,
  // kCorruption/kIOError from the backing store.
  virtual Status ReadNode(int level, uint64_t index, Hash* out) const = 0;
};

// Appends leaves and keeps the O(log n) right border ("compact range",
// RFC 9162 §2.1.2) so the next root never needs old leaves.
class CompactRange {
 public:
  using NodeSink = std::function<void(int level, uint64_t index, const Hash&)>;

  CompactRange() = default;
  // Rebuilds the border for a tree of `size` leaves from stored nodes.
  static Result<CompactRange> Restore(uint64_t size, const HashReader& reader);

  // Appends one leaf hash; calls `sink` for the leaf (level 0) and for
  // every perfect subtree this append completes, bottom-up.
  void Append(const Hash& leaf_hash, const NodeSink& sink);
  uint64_t size() const { return size_; }
  Hash Root() const;  // EmptyRoot() for size 0

 private:
  uint64_t size_ = 0;
  std::vector<Hash> border_;  // one hash per 1-bit of size_, highest first
};

// Root of the first `size` leaves (size may be below the current size).
Result<Hash> RootAt(uint64_t size, const HashReader& reader);
// RFC 9162 §2.1.3.1 PATH(index, D[0:size]), leaf-to-root.
// REQUIRES: index < size. kInvalidArgument otherwise.
Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size,
                                         const HashReader& reader);
// RFC 9162 §2.1.4.1 PROOF(m, D[0:n]). REQUIRES: 0 < m <= n.
Result<std::vector<Hash>> ConsistencyProof(uint64_t m, uint64_t n,
                                           const HashReader& reader);

// RFC 9162 §2.1.3.2 / §2.1.4.2 verification; all hashes must be 32 bytes
// (the byte-string forms reject any other length).
bool VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                     const std::vector<Hash>& proof, const Hash& root);
bool VerifyConsistency(uint64_t m, uint64_t n, const Hash& root_m,
                       const Hash& root_n, const std::vector<Hash>& proof);

// Byte-string forms for hashes that arrive from outside (proof files, JSON,
// test vectors): false unless every hash is exactly 32 bytes, then as above.
bool VerifyInclusionBytes(uint64_t index, uint64_t size,
                          std::string_view leaf_hash,
                          const std::vector<std::string>& proof,
                          std::string_view root);
bool VerifyConsistencyBytes(uint64_t m, uint64_t n, std::string_view root_m,
                            std::string_view root_n,
                            const std::vector<std::string>& proof);

// Exact number of hashes in PATH(index, D[0:size]) (0 if index >= size) and
// in PROOF(m, D[0:n]) (0 if m == 0 or m >= n). Verifiers above reject any
// other length.
size_t InclusionProofLength(uint64_t index, uint64_t size);
size_t ConsistencyProofLength(uint64_t m, uint64_t n);

// An in-memory HashReader that keeps every perfect subtree (one vector per
// level, ~64 bytes per leaf). For tests, benchmarks and small offline tools;
// the store keeps its nodes in LevelDB instead.
//
// Thread safety: const methods may be called concurrently; Append may not
// run concurrently with anything else.
class MemoryTree : public HashReader {
 public:
  MemoryTree() = default;
  // Appends one leaf hash and stores every node it completes.
  void Append(const Hash& leaf_hash);
  uint64_t size() const { return range_.size(); }
  Hash Root() const { return range_.Root(); }
  Status ReadNode(int level, uint64_t index, Hash* out) const override;

 private:
  CompactRange range_;
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace tradefin::merkle

#endif  // TRADEFIN_STORE_MERKLE_H_
