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
#include <vector>

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
  // The decoded key, never used to verify: a Crypto++ ECP keeps scratch
  // points in `mutable` members, so one verifier object must not run on
  // two threads at once (it did, in a two-thread audit: heap corruption and
  // signatures that "did not verify"). Verifications borrow a private copy
  // from `ecdsa_pool` (TakeEcdsaVerifier / ReturnEcdsaVerifier in keys.cc).
  std::unique_ptr<EcdsaP256::Verifier> ecdsa;
  // Verifiers with fixed-base tables for the public point and generator.
  // The first verification with a key uses a plain copy (a one-shot CLI run
  // never pays for the tables); later ones take a precomputed verifier from
  // the pool, building one only when every pooled one is in use.
  mutable std::atomic<int> ecdsa_uses{0};
  mutable std::mutex ecdsa_pool_mu;
  mutable std::vector<std::unique_ptr<EcdsaP256::Verifier>> ecdsa_pool;
  CryptoPP::RSA::PublicKey rsa;
};

struct PrivateKey::Rep {
  ~Rep();  // wipes pkcs8_der (the Crypto++ keys wipe themselves)
  KeyType type = KeyType::kEd25519;
  std::string pkcs8_der;
  std::unique_ptr<CryptoPP::ed25519::Signer> ed25519;
  std::unique_ptr<EcdsaP256::Signer> ecdsa;
  // Serialises ECDSA signing: the signer's curve object has mutable scratch
  // state (see PublicKey::Rep::ecdsa), and PrivateKey::Sign is const and
  // documented as safe to call from several threads.
  mutable std::mutex ecdsa_mu;
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
