// Checkpoints, signed notes and proofs cannot be bent: an Ed25519 signature
// with L added to S, base64 with non-zero padding bits and base64 with
// spaces inside are all refused, on the checkpoint alone and on the
// checkpoint inside a tlog-proof or consistency proof.
#include <string>
#include <vector>

#include "store/merkle.h"
#include "store/note.h"
#include "testing/testing.h"
#include "tradefin/signing/keys.h"
#include "tradefin/store/proof.h"

namespace tradefin {
namespace {

const char kOrigin[] = "example.org/tradefin/hub-1";
const std::string kEmSpace = "\xE2\x80\x94 ";

constexpr unsigned char kL[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
    0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

struct Hub {
  Hub() {
    auto v = note::FormatVerifierKey(kOrigin, key.public_key());
    REQUIRE_OK(v);
    vkey = *v;
    for (int i = 0; i < 10; ++i) {
      entries.push_back("entry #" + std::to_string(i));
      tree.Append(merkle::LeafHash(entries.back()));
    }
  }
  std::string Checkpoint(uint64_t size) {
    auto root = merkle::RootAt(size, tree);
    REQUIRE_OK(root);
    auto cp = note::SignCheckpoint({kOrigin, size, *root, {}}, key);
    REQUIRE_OK(cp);
    return *cp;
  }
  PrivateKey key = *PrivateKey::Generate(KeyType::kEd25519);
  std::string vkey;
  merkle::MemoryTree tree;
  std::vector<std::string> entries;
};

// The signed note with L added to the S half of its (only) signature. The
// note signature is base64(key id (4) || R (32) || S (32)).
std::string BendSignature(const std::string& note) {
  size_t line = note.rfind(kEmSpace);
  REQUIRE(line != std::string::npos);
  size_t b64_at = note.find(' ', line + kEmSpace.size()) + 1;
  size_t end = note.find('\n', b64_at);
  auto raw = Base64Decode(note.substr(b64_at, end - b64_at));
  REQUIRE_OK(raw);
  REQUIRE(raw->size() == 68);
  unsigned carry = 0;
  for (size_t i = 0; i < 32; ++i) {
    unsigned v = static_cast<unsigned char>((*raw)[36 + i]) + kL[i] + carry;
    (*raw)[36 + i] = static_cast<char>(v & 0xff);
    carry = v >> 8;
  }
  REQUIRE(carry == 0);
  std::string out = note;
  out.replace(b64_at, end - b64_at, Base64Encode(*raw));
  return out;
}

// Sets the unused low bits of the last base64 character before the '='
// padding of `b64` (same bytes for a lenient decoder).
std::string BendPadding(std::string b64) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t eq = b64.find('=');
  REQUIRE(eq != std::string::npos);
  size_t v = kAlphabet.find(b64[eq - 1]);
  b64[eq - 1] = kAlphabet[v | 1];
  REQUIRE(b64[eq - 1] != kAlphabet[v]);
  return b64;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  s.replace(at, from.size(), to);
  return s;
}

TEST_CASE("canonical: a checkpoint with S + L is refused") {
  Hub hub;
  std::string cp = hub.Checkpoint(10);
  auto ok = ParseCheckpoint(cp, hub.vkey);
  REQUIRE_OK(ok);
  REQUIRE(ok->valid);
  std::string bent = BendSignature(cp);
  REQUIRE(bent != cp);
  auto info = ParseCheckpoint(bent, hub.vkey);
  REQUIRE_OK(info);
  CHECK_FALSE(info->valid);
  CHECK(info->failure == ProofFailure::kBadSignature);

  // The same through the internal note API (any signed note).
  auto key = note::ParseVerifierKey(hub.vkey);
  REQUIRE_OK(key);
  auto opened = note::OpenNote(bent, {*key});
  REQUIRE_OK(opened);
  CHECK_FALSE(opened->verified());
}

TEST_CASE("canonical: S + L on the checkpoint inside a tlog-proof is refused") {
  Hub hub;
  auto path = merkle::InclusionProof(3, 10, hub.tree);
  REQUIRE_OK(path);
  note::TlogProof p{false, "", 3, *path, hub.Checkpoint(10)};
  std::string good = note::FormatTlogProof(p);
  auto v = VerifyTlogProofForEntry(good, hub.entries[3], hub.vkey);
  REQUIRE_OK(v);
  REQUIRE(v->valid);
  p.checkpoint = BendSignature(p.checkpoint);
  v = VerifyTlogProofForEntry(note::FormatTlogProof(p), hub.entries[3], hub.vkey);
  REQUIRE_OK(v);
  CHECK_FALSE(v->valid);
  CHECK(v->failure == ProofFailure::kBadSignature);
}

TEST_CASE("canonical: S + L on the checkpoint of a consistency proof is refused") {
  Hub hub;
  auto proof = merkle::ConsistencyProof(4, 10, hub.tree);
  REQUIRE_OK(proof);
  std::string old_cp = hub.Checkpoint(4);
  std::string good = note::FormatConsistencyProof({4, *proof, hub.Checkpoint(10)});
  auto v = VerifyConsistencyProofText(good, old_cp, hub.vkey);
  REQUIRE_OK(v);
  REQUIRE_MESSAGE(v->valid, v->reason);
  auto bent = VerifyConsistencyProofText(
      note::FormatConsistencyProof({4, *proof, BendSignature(hub.Checkpoint(10))}), old_cp,
      hub.vkey);
  REQUIRE_OK(bent);
  CHECK_FALSE(bent->valid);
  auto bent_old = VerifyConsistencyProofText(good, BendSignature(old_cp), hub.vkey);
  REQUIRE_OK(bent_old);
  CHECK_FALSE(bent_old->valid);
}

TEST_CASE("canonical: base64 padding bits and spaces in notes and proofs") {
  Hub hub;
  auto path = merkle::InclusionProof(3, 10, hub.tree);
  REQUIRE_OK(path);
  std::string cp = hub.Checkpoint(10);
  note::TlogProof p{false, "", 3, *path, cp};
  std::string good = note::FormatTlogProof(p);
  auto verdict = [&](const std::string& proof) {
    auto v = VerifyTlogProofForEntry(proof, hub.entries[3], hub.vkey);
    REQUIRE_OK(v);
    return v->valid;
  };
  REQUIRE(verdict(good));

  // A proof hash line (32 bytes: 43 characters and one '=').
  std::string hash_line = Base64Encode(merkle::AsBytes((*path)[0]));
  CHECK_FALSE(verdict(Replace(good, hash_line + "\n", BendPadding(hash_line) + "\n")));
  std::string spaced = hash_line.substr(0, 20) + " " + hash_line.substr(20);
  CHECK_FALSE(verdict(Replace(good, hash_line + "\n", spaced + "\n")));
  std::string tabbed = hash_line.substr(0, 20) + "\t" + hash_line.substr(20);
  CHECK_FALSE(verdict(Replace(good, hash_line + "\n", tabbed + "\n")));

  // The checkpoint's root line (signed text: a bent root must not parse
  // even before the signature is checked).
  auto root = merkle::RootAt(10, hub.tree);
  REQUIRE_OK(root);
  std::string root_line = Base64Encode(merkle::AsBytes(*root));
  CHECK_FALSE(note::ParseCheckpointBody(std::string(kOrigin) + "\n10\n" +
                                        BendPadding(root_line) + "\n")
                  .ok());
  CHECK(note::ParseCheckpointBody(std::string(kOrigin) + "\n10\n" + root_line + "\n").ok());

  // The signature line of the note (68 bytes: 91 characters and one '=').
  size_t line = cp.rfind(kEmSpace);
  size_t b64_at = cp.find(' ', line + kEmSpace.size()) + 1;
  std::string sig = cp.substr(b64_at, cp.size() - 1 - b64_at);
  CHECK_FALSE(note::ParseNote(Replace(cp, sig, BendPadding(sig))).ok());
  CHECK_FALSE(note::ParseNote(Replace(cp, sig, sig.substr(0, 30) + " " + sig.substr(30))).ok());
  CHECK(note::ParseNote(cp).ok());

  // The "extra" line of a tlog-proof ("A" is QQ==; QR== is the same byte
  // with padding bits set).
  CHECK(note::ParseTlogProof(Replace(good, "index 3\n", "extra QQ==\nindex 3\n")).ok());
  CHECK_FALSE(note::ParseTlogProof(Replace(good, "index 3\n", "extra QR==\nindex 3\n")).ok());
}

TEST_CASE("canonical: verifier keys with spaces inside are refused") {
  Hub hub;
  REQUIRE(note::ParseVerifierKey(hub.vkey).ok());
  // Surrounding whitespace (a newline at the end of a file) is allowed.
  CHECK(note::ParseVerifierKey(hub.vkey + "\n").ok());
  // The second '+' ends the key id (base64 may hold '+' too).
  size_t plus = hub.vkey.find('+', hub.vkey.find('+') + 1);
  std::string spaced = hub.vkey.substr(0, plus + 10) + " " + hub.vkey.substr(plus + 10);
  CHECK_FALSE(note::ParseVerifierKey(spaced).ok());
  CHECK(ParseCheckpoint(hub.Checkpoint(10), spaced).status().code() ==
        StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tradefin
