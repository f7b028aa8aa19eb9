// Internal to the signing module: the representations behind PublicKey and
// PrivateKey, and helpers the XML-DSig code needs that are not public API.
// Only files under src/signing/ may include this (it pulls in Crypto++).
#ifndef TRADEFIN_SIGNING_KEYS_INTERNAL_H_
#define TRADEFIN_SIGNING_KEYS_INTERNAL_H_

#include <cryptopp/eccrypto.h>
#include <cryptopp/oids.h>
#include <cryptopp/rsa.h>
#include <cryptopp/sha.h>
#include <cryptopp/xed25519.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "tradefin/signing/keys.h"

namespace tradefin {

using EcdsaP256 = CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>;

namespace signing_internal {

// The one door to the keys' private representation (friend of PublicKey
// and PrivateKey), for code of this module only.
struct KeyAccess {
  using PublicRep = PublicKey::Rep;
  using PrivateRep = PrivateKey::Rep;
  static const PublicRep& Of(const PublicKey& key);
  static const PrivateRep& Of(const PrivateKey& key);
  static PublicKey Make(std::shared_ptr<const PublicRep> rep) { return PublicKey(std::move(rep)); }
  static PrivateKey Make(std::shared_ptr<const PrivateRep> rep) {
    return PrivateKey(std::move(rep));
  }
};

}  // namespace signing_internal

struct PublicKey::Rep {
  KeyType type = KeyType::kEd25519;
  int bits = 0;
  std::string spki_der;  // canonical re-encoding (named curve, uncompressed)
  std::string key_id;
  std::string ed25519_raw;      // 32 bytes (Ed25519 only)
  std::string ec_point;         // 65 bytes 0x04||X||Y (P-256 only)
  std::unique_ptr<CryptoPP::ed25519::Verifier> ed25519;
  std::unique_ptr<EcdsaP256::Verifier> ecdsa;  // plain, no precomputation
  // Fixed-base tables for the public point and generator, built on the
  // second verification with this key (a one-shot CLI run never pays for
  // them; a resident verifier does once). Published through call_once.
  mutable std::atomic<int> ecdsa_uses{0};
  mutable std::once_flag ecdsa_precompute_once;
  mutable std::unique_ptr<EcdsaP256::Verifier> ecdsa_fast;
  CryptoPP::RSA::PublicKey rsa;
};

struct PrivateKey::Rep {
  ~Rep();  // wipes pkcs8_der (the Crypto++ keys wipe themselves)
  KeyType type = KeyType::kEd25519;
  std::string pkcs8_der;
  std::unique_ptr<CryptoPP::ed25519::Signer> ed25519;
  std::unique_ptr<EcdsaP256::Signer> ecdsa;
  PublicKey public_key = signing_internal::KeyAccess::Make(
      std::shared_ptr<const signing_internal::KeyAccess::PublicRep>());
};

namespace signing_internal {

inline const KeyAccess::PublicRep& KeyAccess::Of(const PublicKey& key) { return *key.rep_; }
inline const KeyAccess::PrivateRep& KeyAccess::Of(const PrivateKey& key) { return *key.rep_; }

// Overwrites the bytes of `secret` (not optimised away) and clears it. For
// every buffer that held private key material.
void Wipe(std::string* secret);

enum class HashAlg { kSha1, kSha256, kSha384, kSha512 };

// Verification with an explicit hash, for the SignatureMethods XML-DSig
// allows (RSA PKCS#1 v1.5 with SHA-1/256/384/512, ECDSA with SHA-256,
// Ed25519 ignores `hash`). False on any mismatch, wrong length or
// mismatched key type; never throws.
bool VerifyWith(const PublicKey& key, HashAlg hash, std::string_view message,
                std::string_view signature);

// Digest of `data` with `hash` (raw bytes).
std::string Digest(HashAlg hash, std::string_view data);

// PEM armour: the base64 body between "-----BEGIN <label>-----" and the
// matching END line. kInvalidArgument when absent or malformed.
struct PemBlock {
  std::string label;
  std::string der;
};
Result<PemBlock> ParsePem(std::string_view text);
std::string ToPem(std::string_view label, std::string_view der);

// RSA public key from big-endian modulus and exponent (RSAKeyValue).
// kUnsupported under 2048 bits; kInvalidArgument if malformed.
Result<PublicKey> RsaFromComponents(std::string_view modulus,
                                    std::string_view exponent);
// P-256 public key from an uncompressed point 0x04||X||Y (ECKeyValue).
Result<PublicKey> P256FromPoint(std::string_view point);

}  // namespace signing_internal
}  // namespace tradefin

#endif  // TRADEFIN_SIGNING_KEYS_INTERNAL_H_
