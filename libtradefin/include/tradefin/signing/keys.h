// Keys: generation, PEM import/export, key ids, raw signatures.
//
// A key id is the lowercase hex SHA-256 of the SubjectPublicKeyInfo DER.
// Private keys are PKCS#8 PEM; public keys SubjectPublicKeyInfo PEM (or the
// key inside an X.509 certificate, PEM or DER, for verification only).
//
// Thread safety: PublicKey and PrivateKey are immutable after creation and
// may be shared between threads.
#ifndef TRADEFIN_SIGNING_KEYS_H_
#define TRADEFIN_SIGNING_KEYS_H_

#include <memory>
#include <string>
#include <string_view>

#include "tradefin/core/export.h"
#include "tradefin/core/hash.h"
#include "tradefin/core/result.h"
#include "tradefin/signing/base64.h"

namespace tradefin {

namespace signing_internal {
struct KeyAccess;  // the signing module's own access to the representation
}  // namespace signing_internal

enum class KeyType { kEd25519, kEcdsaP256, kRsa };

// "ed25519", "ecdsa-p256", "rsa".
TRADEFIN_EXPORT std::string_view KeyTypeName(KeyType type);

class TRADEFIN_EXPORT PublicKey {
 public:
  // SPKI PEM, X.509 certificate PEM or DER. RSA keys under 2048 bits and
  // curves other than P-256 are rejected (kUnsupported).
  static Result<PublicKey> FromPem(std::string_view pem);
  static Result<PublicKey> FromDer(std::string_view spki_or_cert_der);
  static Result<PublicKey> FromFile(const std::string& path);
  // Raw 32-byte Ed25519 public key. Every Ed25519 key, however loaded, must
  // be a canonical point encoding (y < p, no negative zero; RFC 8032
  // 5.1.3), else kInvalidArgument.
  static Result<PublicKey> FromEd25519Raw(std::string_view raw32);

  KeyType type() const;
  int bits() const;                    // 256 for Ed25519/P-256, RSA modulus
  std::string spki_der() const;        // SubjectPublicKeyInfo DER
  std::string ToPem() const;           // SPKI PEM
  std::string key_id() const;          // lowercase hex SHA-256(spki_der)
  std::string ed25519_raw() const;     // 32 bytes; "" for other types
  // Raw verification over `message` (Ed25519: PureEdDSA, refusing S >= L
  // and a non-canonical R, RFC 8032 5.1.7; ECDSA: SHA-256 with raw r||s, 64
  // bytes; RSA: PKCS#1 v1.5 with SHA-256). False on any mismatch or
  // malformed signature. Never throws.
  bool Verify(std::string_view message, std::string_view signature) const;

  PublicKey(const PublicKey&);
  PublicKey& operator=(const PublicKey&);
  PublicKey(PublicKey&&) noexcept;
  PublicKey& operator=(PublicKey&&) noexcept;
  ~PublicKey();

 private:
  friend struct signing_internal::KeyAccess;
  struct Rep;
  explicit PublicKey(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

class TRADEFIN_EXPORT PrivateKey {
 public:
  // A new random key (Ed25519 or ECDSA P-256; RSA generation unsupported).
  static Result<PrivateKey> Generate(KeyType type);
  // PKCS#8 PEM ("PRIVATE KEY").
  static Result<PrivateKey> FromPem(std::string_view pem);
  static Result<PrivateKey> FromFile(const std::string& path);

  KeyType type() const;
  PublicKey public_key() const;
  // PKCS#8 PEM. Handle with care: never print or log it.
  std::string ToPem() const;
  // Writes PKCS#8 PEM to `path` created with mode 0600 (fails with
  // kAlreadyExists rather than overwrite).
  Status WriteFile(const std::string& path) const;
  // Raw signature over `message`, in the format PublicKey::Verify expects.
  Result<std::string> Sign(std::string_view message) const;

  PrivateKey(const PrivateKey&);
  PrivateKey& operator=(const PrivateKey&);
  PrivateKey(PrivateKey&&) noexcept;
  PrivateKey& operator=(PrivateKey&&) noexcept;
  // Wipes the key material it held when the last copy goes (keys share
  // one representation).
  ~PrivateKey();

 private:
  friend struct signing_internal::KeyAccess;
  struct Rep;
  explicit PrivateKey(std::shared_ptr<const Rep> rep);
  std::shared_ptr<const Rep> rep_;
};

}  // namespace tradefin

#endif  // TRADEFIN_SIGNING_KEYS_H_
