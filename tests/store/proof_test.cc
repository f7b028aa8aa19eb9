// Public offline verification API (tradefin/store/proof.h), exercised the
// way a guarantor would: proofs built with the internal tree and note code
// and a freshly generated hub key, then checked through the public API only.
#include "tradefin/store/proof.h"

#include <string>
#include <vector>

#include "store/merkle.h"
#include "store/note.h"
#include "testing/testing.h"
#include "tradefin/signing/keys.h"
#include "tradefin/store/entry.h"

namespace tradefin {
namespace {

const char kOrigin[] = "example.org/tradefin/hub-1";

// A small hub: a tree of entries, a key, and signed checkpoints.
struct Hub {
  Hub() {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    key = *k;
    auto v = note::FormatVerifierKey(kOrigin, key.public_key());
    REQUIRE_OK(v);
    vkey = *v;
  }
  void Add(int count) {
    for (int i = 0; i < count; ++i) {
      entries.push_back("entry #" + std::to_string(entries.size()));
      tree.Append(merkle::LeafHash(entries.back()));
    }
  }
  std::string Checkpoint(uint64_t size, const std::string& origin = kOrigin) {
    auto root = merkle::RootAt(size, tree);
    REQUIRE_OK(root);
    auto cp = note::SignCheckpoint({origin, size, *root, {}}, key);
    REQUIRE_OK(cp);
    return *cp;
  }
  std::string Prove(uint64_t index, uint64_t size) {
    auto path = merkle::InclusionProof(index, size, tree);
    REQUIRE_OK(path);
    note::TlogProof p;
    p.index = index;
    p.path = *path;
    p.checkpoint = Checkpoint(size);
    return note::FormatTlogProof(p);
  }
  std::string Consistency(uint64_t m, uint64_t n) {
    auto proof = merkle::ConsistencyProof(m, n, tree);
    REQUIRE_OK(proof);
    return note::FormatConsistencyProof({m, *proof, Checkpoint(n)});
  }

  PrivateKey key = *PrivateKey::Generate(KeyType::kEd25519);
  std::string vkey;
  merkle::MemoryTree tree;
  std::vector<std::string> entries;
};

TEST_CASE("proof: checkpoints verify under the hub key") {
  Hub hub;
  hub.Add(13);
  auto info = ParseCheckpoint(hub.Checkpoint(13), hub.vkey);
  REQUIRE_OK(info);
  CHECK(info->valid);
  CHECK(info->failure == ProofFailure::kNone);
  CHECK(info->origin == kOrigin);
  CHECK(info->size == 13);
  CHECK(info->root_hex == merkle::ToHex(hub.tree.Root()));

  Hub other;
  info = ParseCheckpoint(hub.Checkpoint(13), other.vkey);
  REQUIRE_OK(info);
  CHECK_FALSE(info->valid);
  CHECK(info->failure == ProofFailure::kBadSignature);

  CheckpointVerifyOptions opts;
  opts.expected_origin = "example.org/tradefin/hub-2";
  info = ParseCheckpoint(hub.Checkpoint(13), hub.vkey, opts);
  REQUIRE_OK(info);
  CHECK(info->failure == ProofFailure::kWrongOrigin);

  info = ParseCheckpoint("not a note", hub.vkey);
  REQUIRE_OK(info);
  CHECK(info->failure == ProofFailure::kMalformed);

  CHECK(ParseCheckpoint(hub.Checkpoint(13), "garbage").status().code() ==
        StatusCode::kInvalidArgument);
}

TEST_CASE("proof: tlog-proof for every entry of several tree sizes") {
  Hub hub;
  hub.Add(37);
  for (uint64_t size : {1u, 2u, 5u, 16u, 37u}) {
    for (uint64_t i = 0; i < size; ++i) {
      auto v = VerifyTlogProofForEntry(hub.Prove(i, size), hub.entries[i],
                                       hub.vkey);
      REQUIRE_OK(v);
      CHECK_MESSAGE(v->valid, v->reason);
      CHECK(v->index == i);
      CHECK(v->checkpoint.size == size);
      CHECK(v->leaf_hash_hex == HashHex(TlogLeafHash(hub.entries[i])));
      // Another entry's bytes do not verify at this index.
      auto wrong = VerifyTlogProofForEntry(hub.Prove(i, size),
                                           hub.entries[(i + 1) % 37], hub.vkey);
      REQUIRE_OK(wrong);
      CHECK_FALSE(wrong->valid);
      CHECK(wrong->failure == ProofFailure::kRootMismatch);
    }
  }
}

TEST_CASE("proof: each failure is named") {
  Hub hub;
  hub.Add(10);
  const std::string good = hub.Prove(3, 10);
  auto verify = [&](const std::string& proof, const std::string& vkey) {
    auto v = VerifyTlogProofForEntry(proof, hub.entries[3], vkey);
    REQUIRE_OK(v);
    CHECK_FALSE(v->valid);
    CHECK_FALSE(v->reason.empty());
    return v->failure;
  };
  auto ok = VerifyTlogProofForEntry(good, hub.entries[3], hub.vkey);
  REQUIRE_OK(ok);
  CHECK(ok->valid);

  // Signed by another key.
  Hub other;
  CHECK(verify(good, other.vkey) == ProofFailure::kBadSignature);

  // Checkpoint of another origin, signed by the same key under that name.
  {
    auto path = merkle::InclusionProof(3, 10, hub.tree);
    note::TlogProof p{false, "", 3, *path,
                      hub.Checkpoint(10, "example.org/other-log")};
    CHECK(verify(note::FormatTlogProof(p), hub.vkey) ==
          ProofFailure::kWrongOrigin);
  }
  // Checkpoint size altered after signing.
  {
    std::string t = good;
    size_t pos = t.find("\n10\n");
    REQUIRE(pos != std::string::npos);
    t.replace(pos, 4, "\n11\n");
    CHECK(verify(t, hub.vkey) == ProofFailure::kBadSignature);
  }
  // A path hash flipped.
  {
    auto path = merkle::InclusionProof(3, 10, hub.tree);
    (*path)[1][7] ^= 1;
    note::TlogProof p{false, "", 3, *path, hub.Checkpoint(10)};
    CHECK(verify(note::FormatTlogProof(p), hub.vkey) ==
          ProofFailure::kRootMismatch);
  }
  // Wrong index, same path.
  {
    auto path = merkle::InclusionProof(3, 10, hub.tree);
    note::TlogProof p{false, "", 2, *path, hub.Checkpoint(10)};
    CHECK(verify(note::FormatTlogProof(p), hub.vkey) ==
          ProofFailure::kRootMismatch);
    p.index = 10;
    CHECK(verify(note::FormatTlogProof(p), hub.vkey) ==
          ProofFailure::kMalformed);
  }
  // A path hash dropped.
  {
    auto path = merkle::InclusionProof(3, 10, hub.tree);
    path->pop_back();
    note::TlogProof p{false, "", 3, *path, hub.Checkpoint(10)};
    CHECK(verify(note::FormatTlogProof(p), hub.vkey) ==
          ProofFailure::kMalformed);
  }
  CHECK(verify("c2sp.org/tlog-proof@v1\nindex x\n", hub.vkey) ==
        ProofFailure::kMalformed);
  CHECK(verify(good.substr(0, good.size() - 1), hub.vkey) ==
        ProofFailure::kMalformed);

  CHECK_FALSE(VerifyTlogProof(good, TlogLeafHash("x"), "x+y+z").ok());
}

TEST_CASE("proof: consistency between two checkpoints") {
  Hub hub;
  hub.Add(50);
  for (uint64_t m : {1u, 7u, 16u, 49u, 50u}) {
    auto v = VerifyConsistencyProofText(hub.Consistency(m, 50),
                                        hub.Checkpoint(m), hub.vkey);
    REQUIRE_OK(v);
    CHECK_MESSAGE(v->valid, m << ": " << v->reason);
    CHECK(v->new_checkpoint.size == 50);
  }
  // A proof for another old size.
  auto v = VerifyConsistencyProofText(hub.Consistency(7, 50), hub.Checkpoint(8),
                                      hub.vkey);
  REQUIRE_OK(v);
  CHECK(v->failure == ProofFailure::kMalformed);

  // A forked history: same sizes, a different leaf 3.
  Hub fork;
  fork.key = hub.key;
  fork.vkey = hub.vkey;
  fork.entries = {};
  for (int i = 0; i < 50; ++i) {
    std::string e = i == 3 ? "forged" : hub.entries[static_cast<size_t>(i)];
    fork.entries.push_back(e);
    fork.tree.Append(merkle::LeafHash(e));
  }
  v = VerifyConsistencyProofText(fork.Consistency(7, 50), hub.Checkpoint(7),
                                 hub.vkey);
  REQUIRE_OK(v);
  CHECK(v->failure == ProofFailure::kRootMismatch);
  // The old checkpoint must verify too.
  Hub other;
  v = VerifyConsistencyProofText(hub.Consistency(7, 50), other.Checkpoint(0),
                                 hub.vkey);
  REQUIRE_OK(v);
  CHECK(v->failure == ProofFailure::kBadSignature);
}

TEST_CASE("proof: hex helpers on the RFC 6962 tree8 vectors") {
  const std::string root8 =
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
  const std::vector<std::string> path0 = {
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"};
  const std::string leaf0 =
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";
  CHECK(HashHex(TlogLeafHash("")) == leaf0);
  // One SHA-256 type: the offline API and the store agree on the value.
  CHECK(TlogLeafHash("entry") == EntryLeafHash("entry"));
  CHECK(VerifyInclusionHex(0, 8, leaf0, path0, root8));
  CHECK_FALSE(VerifyInclusionHex(1, 8, leaf0, path0, root8));
  CHECK_FALSE(VerifyInclusionHex(0, 8, leaf0.substr(2), path0, root8));
  // consistency 1 -> 8 uses the same hashes.
  CHECK(VerifyConsistencyHex(1, 8, leaf0, root8, path0));
  CHECK_FALSE(VerifyConsistencyHex(0, 8, leaf0, root8, path0));
  CHECK_FALSE(VerifyConsistencyHex(1, 8, root8, leaf0, path0));
  CHECK(ProofFailureName(ProofFailure::kRootMismatch) == "root-mismatch");
}

}  // namespace
}  // namespace tradefin
