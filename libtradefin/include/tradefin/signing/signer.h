// Signer: the seam through which tradefin produces signatures, so that a
// bank can plug in an HSM or a remote signing service instead of a key file.
//
//   TRADEFIN_ASSIGN_OR_RETURN(PrivateKey key, PrivateKey::FromFile(path));
//   TRADEFIN_ASSIGN_OR_RETURN(auto signer, NewSoftwareSigner(key));
//   TRADEFIN_ASSIGN_OR_RETURN(std::string signed_xml,
//                             SignDocument(xml, *signer, SignOptions()));
//
// Thread safety: implementations must allow concurrent const calls (the
// software signer does).
#ifndef TRADEFIN_SIGNING_SIGNER_H_
#define TRADEFIN_SIGNING_SIGNER_H_

#include <memory>
#include <string>
#include <string_view>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/signing/keys.h"

namespace tradefin {

class TRADEFIN_EXPORT Signer {
 public:
  virtual ~Signer();

  // Ed25519 or ECDSA P-256 (the algorithms tradefin emits).
  virtual KeyType type() const = 0;
  // Lowercase hex SHA-256 of the public key's SPKI DER (PublicKey::key_id).
  virtual std::string key_id() const = 0;
  virtual PublicKey public_key() const = 0;
  // Signature over the exact octets `message` (for XML-DSig: the canonical
  // SignedInfo). Ed25519: PureEdDSA, 64 bytes. ECDSA P-256: SHA-256 then
  // raw r||s, exactly 64 bytes. Errors: whatever the device reports
  // (kIOError, kUnsupported, kInternal...).
  virtual Result<std::string> SignRaw(std::string_view message) const = 0;
  // DER X.509 certificate for public_key(), or "" when there is none. When
  // present it is emitted in KeyInfo/X509Data (a hint for verifiers, never
  // a source of trust for tradefin's own verifier).
  virtual std::string certificate_der() const;
};

// A Signer over an in-memory PrivateKey (Crypto++). `certificate` is an
// optional X.509 certificate (PEM or DER; "" for none) whose public key must
// be the key's public key.
// Errors: kInvalidArgument when the certificate is unreadable or belongs to
// another key; kUnsupported for RSA keys (tradefin verifies RSA, never signs
// with it).
TRADEFIN_EXPORT Result<std::unique_ptr<Signer>> NewSoftwareSigner(
    const PrivateKey& key, std::string_view certificate = {});

}  // namespace tradefin

#endif  // TRADEFIN_SIGNING_SIGNER_H_
