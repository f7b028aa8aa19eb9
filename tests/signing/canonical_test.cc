// Signatures and encodings that cannot be bent: an Ed25519 signature, key or
// base64 text has exactly one accepted encoding (RFC 8032 5.1.3 and 5.1.7,
// RFC 4648 3.5). Each case starts from a genuine signature and shows that
// the bent variant is refused.
#include <string>

#include "testing/testing.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {
namespace {

// L, the order of the Ed25519 base point, little-endian.
constexpr unsigned char kL[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
    0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

// The signature with L added to S (bytes 32..63, little-endian). S < L, so
// S + L < 2L < 2^253 and the top three bits stay clear: the only check
// ed25519-donna makes.
std::string AddLToS(std::string sig) {
  REQUIRE(sig.size() == 64);
  unsigned carry = 0;
  for (size_t i = 0; i < 32; ++i) {
    unsigned v = static_cast<unsigned char>(sig[32 + i]) + kL[i] + carry;
    sig[32 + i] = static_cast<char>(v & 0xff);
    carry = v >> 8;
  }
  REQUIRE(carry == 0);
  return sig;
}

std::string Hex(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  return out;
}

TEST_CASE("ed25519: S + L is refused by raw verification") {
  auto key = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(key);
  auto sig = key->Sign("message");
  REQUIRE_OK(sig);
  CHECK(key->public_key().Verify("message", *sig));
  CHECK_FALSE(key->public_key().Verify("message", AddLToS(*sig)));
}

TEST_CASE("ed25519: a non-canonical R is refused") {
  auto key = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(key);
  auto sig = key->Sign("message");
  REQUIRE_OK(sig);
  // R with y = p (2^255 - 19): not a canonical encoding of any point.
  std::string bent = Hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f") +
                     sig->substr(32);
  CHECK_FALSE(key->public_key().Verify("message", bent));
}

// The identity point (x = 0, y = 1) encoded with y = p + 1. With it as the
// public key, R = B and S = 1 satisfy [S]B = R + [k]A for every message.
const char kIdentityNonCanonical[] =
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f";
const char kBasePoint[] =
    "5866666666666666666666666666666666666666666666666666666666666666";
const char kOne[] =
    "0100000000000000000000000000000000000000000000000000000000000000";

TEST_CASE("ed25519: a public key with y >= p is refused") {
  auto key = PublicKey::FromEd25519Raw(Hex(kIdentityNonCanonical));
  CHECK_FALSE(key.ok());
  if (key.ok()) {
    // Before the check, this key verified a forged signature on anything.
    CHECK_FALSE(key->Verify("any message at all", Hex(kBasePoint) + Hex(kOne)));
  }
  // The same through SPKI DER (id-Ed25519 prefix, RFC 8410).
  std::string spki = Hex("302a300506032b6570032100") + Hex(kIdentityNonCanonical);
  CHECK_FALSE(PublicKey::FromDer(spki).ok());
  // A "negative zero": y = 1 with the sign bit set.
  CHECK_FALSE(PublicKey::FromEd25519Raw(
                  Hex("0100000000000000000000000000000000000000000000000000000000000080"))
                  .ok());
}

TEST_CASE("ed25519: a public key of small order is refused") {
  // The eight points of order 1, 2, 4 and 8 in canonical encoding.
  const char* small_order[] = {
      kOne,  // the identity
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "0000000000000000000000000000000000000000000000000000000000000080",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
  };
  for (const char* hex : small_order) {
    CAPTURE(hex);
    auto key = PublicKey::FromEd25519Raw(Hex(hex));
    CHECK_FALSE(key.ok());
    if (!key.ok()) {
      CHECK(key.status().IsInvalidArgument());
      CHECK(std::string(key.status().message()).find("small order") != std::string::npos);
    }
    CHECK_FALSE(PublicKey::FromDer(Hex("302a300506032b6570032100") + Hex(hex)).ok());
  }
  // Why: with the canonical identity as the key, R = B and S = 1 satisfy
  // [S]B = R + [k]A for every message. Show it with a key accepted before
  // the check would have been (so this can fail if the check goes).
  auto identity = PublicKey::FromEd25519Raw(Hex(kOne));
  if (identity.ok()) {
    CHECK_FALSE(identity->Verify("any message at all", Hex(kBasePoint) + Hex(kOne)));
  }
  // A genuine key is still fine.
  auto key = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(key);
  CHECK(PublicKey::FromEd25519Raw(key->public_key().ed25519_raw()).ok());
}

TEST_CASE("ed25519: S + L is refused on a signed document") {
  auto key = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(key);
  PinnedKeyTrustStore trust;
  trust.Add("signer", key->public_key());
  auto signer = NewSoftwareSigner(*key);
  REQUIRE_OK(signer);
  auto xml = SignDocument("<Doc xmlns=\"urn:d\"><A>1</A></Doc>", **signer, SignOptions());
  REQUIRE_OK(xml);
  auto good = VerifyDocument(*xml, VerifyPolicy(), trust);
  REQUIRE_OK(good);
  REQUIRE(good->valid());

  size_t b = xml->find("<ds:SignatureValue>") + 19;
  size_t e = xml->find("</ds:SignatureValue>");
  auto raw = Base64Decode(xml->substr(b, e - b));
  REQUIRE_OK(raw);
  std::string bent = *xml;
  bent.replace(b, e - b, Base64Encode(AddLToS(*raw)));
  auto r = VerifyDocument(bent, VerifyPolicy(), trust);
  REQUIRE_OK(r);
  CHECK_MESSAGE(!r->valid(), SignatureVerdictName(r->verdict));
}

TEST_CASE("base64: one text per byte string") {
  auto a = Base64Decode("QQ==");
  REQUIRE_OK(a);
  CHECK(*a == "A");
  // Same bytes, non-zero padding bits: refused.
  CHECK_FALSE(Base64Decode("QR==").ok());
  CHECK_FALSE(Base64Decode("QUF=").ok());  // "AA" is QUE=
  CHECK(Base64Decode("QUE=").ok());
  // Whitespace is not part of base64 unless the format says so.
  CHECK_FALSE(Base64Decode("Zm9v YmE=").ok());
  CHECK_FALSE(Base64Decode("Zm9v\tYmE=").ok());
  CHECK_FALSE(Base64Decode("Zm9vYmE=\n").ok());
  // Padding: required, at the end, at most two.
  CHECK_FALSE(Base64Decode("QQ").ok());
  CHECK_FALSE(Base64Decode("QQ=").ok());
  CHECK_FALSE(Base64Decode("Q===").ok());
  CHECK_FALSE(Base64Decode("QQ==QQ==").ok());
  CHECK_FALSE(Base64Decode("====").ok());
  CHECK_FALSE(Base64Decode("Zm9v-_==").ok());  // URL alphabet
  auto empty = Base64Decode("");
  REQUIRE_OK(empty);
  CHECK(empty->empty());
}

}  // namespace
}  // namespace tradefin
