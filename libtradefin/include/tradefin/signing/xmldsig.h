// XML-DSig: sign a document with tradefin's profile, verify any enveloped
// signature against a strict allow-list. The profile is specified in
// docs/formats/signature-profile.md.
//
//   PinnedKeyTrustStore trust;
//   TRADEFIN_RETURN_IF_ERROR(trust.AddKeyFile("bank.pub"));
//   TRADEFIN_ASSIGN_OR_RETURN(VerificationReport report,
//                             VerifyDocument(xml, VerifyPolicy(), trust));
//   if (report.verdict != SignatureVerdict::kValid) { ... report.reason ... }
//
// Errors vs verdicts: a non-OK Status means the check could not be carried
// out (internal failure); every outcome about the document itself, including
// "not well-formed", is a SignatureVerdict in the report.
//
// Thread safety: both functions are reentrant; the Signer and TrustStore
// must allow concurrent const calls if shared between threads.
#ifndef TRADEFIN_SIGNING_XMLDSIG_H_
#define TRADEFIN_SIGNING_XMLDSIG_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/xml/parse_options.h"

namespace tradefin {

// Algorithm identifiers (URIs) tradefin emits.
inline constexpr std::string_view kDsigNamespace =
    "http://www.w3.org/2000/09/xmldsig#";
inline constexpr std::string_view kDsig11Namespace =
    "http://www.w3.org/2009/xmldsig11#";
inline constexpr std::string_view kExcC14n =
    "http://www.w3.org/2001/10/xml-exc-c14n#";
inline constexpr std::string_view kEnvelopedSignature =
    "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
inline constexpr std::string_view kSha256Digest =
    "http://www.w3.org/2001/04/xmlenc#sha256";
inline constexpr std::string_view kEd25519Method =
    "http://www.w3.org/2021/04/xmldsig-more#eddsa-ed25519";
inline constexpr std::string_view kEcdsaSha256Method =
    "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

struct SignOptions {
  // Limits for parsing the input document. Default: ParseOptions{}.
  ParseOptions parse;
  // Emit KeyInfo/KeyName = the signer's key id. Default: true.
  bool include_key_name = true;
  // For ECDSA keys, emit KeyInfo/KeyValue/dsig11:ECKeyValue (read by
  // Santuario; xmlsec1 1.2 ignores it). Default: true.
  bool include_key_value = true;
  // Emit KeyInfo/X509Data/X509Certificate when the signer has a
  // certificate. Default: true.
  bool include_certificate = true;
  // Verify the output with the signer's public key before returning it, so
  // a signer fault (HSM, bug) never yields an invalid document.
  // Default: true.
  bool verify_after_signing = true;
};

// Signs `xml` (any well-formed XML document) with one enveloped ds:Signature
// appended as the last child of the document element; all other bytes of
// the input are kept as they are.
// Errors: kInvalidArgument (not well-formed, or contains what tradefin's
// verifier rejects: comments/PIs inside the document element, duplicate
// IDs), kFailedPrecondition (already signed: later acts are separate signed
// events), the Signer's errors, kInternal.
TRADEFIN_EXPORT Result<std::string> SignDocument(std::string_view xml,
                                                 const Signer& signer,
                                                 const SignOptions& options);

enum class SignatureVerdict {
  kValid,              // shape, key trust, signature and digest all check
  kPolicyViolation,    // outside the allow-list (algorithm, transform, shape)
  kUntrustedKey,       // no trusted key matches the signature's key
  kBadSignatureValue,  // SignedInfo signature does not verify
  kDigestMismatch,     // the referenced content was changed
  kMalformed,          // not well-formed XML, or a broken Signature element
};
// "valid", "policy-violation", "untrusted-key", "bad-signature-value",
// "digest-mismatch", "malformed".
TRADEFIN_EXPORT std::string_view SignatureVerdictName(SignatureVerdict verdict);

struct VerifyPolicy {
  // Limits for parsing the document. Default: ParseOptions{}.
  ParseOptions parse;
  // Accept rsa-sha1 and sha1 digests (legacy documents only).
  // Default: false.
  bool allow_sha1 = false;
  // Largest canonical SignedInfo, in bytes. Default: 16 KiB.
  size_t max_signed_info_bytes = 16 * 1024;
  // Largest base64 text in any Signature element (SignatureValue,
  // DigestValue, certificates, key values), in bytes. Default: 16 KiB.
  size_t max_base64_bytes = 16 * 1024;
  // Keep the canonical SignedInfo and referenced bytes in the report (for
  // `tradefin verify --explain`). Default: false.
  bool keep_canonical_bytes = false;
};

struct VerificationReport {
  SignatureVerdict verdict = SignatureVerdict::kMalformed;
  // One sentence: why the verdict is what it is (names the element,
  // algorithm or line concerned).
  std::string reason;
  // Algorithm URIs as found in the document ("" if not reached).
  std::string canonicalization_method;
  std::string signature_method;
  std::string digest_method;
  std::vector<std::string> transforms;
  // KeyName in the document ("" if none), the key id that verified (or
  // was rejected), and the trust store's name for it.
  std::string key_name;
  std::string key_id;
  std::string signer;
  // The signed document element as "{namespace}LocalName", and what the
  // signature covered, in words ("whole document element {ns}Name minus
  // the Signature, 9123 bytes canonical").
  std::string document_element;
  std::string covered;
  size_t covered_bytes = 0;
  // Only with VerifyPolicy::keep_canonical_bytes.
  std::string canonical_signed_info;
  std::string canonical_reference;

  bool valid() const { return verdict == SignatureVerdict::kValid; }
};

// Verifies the single enveloped signature of `xml`. Order of work: shape
// and policy, key trust, SignedInfo signature, reference digest; the first
// failure decides the verdict. Errors (non-OK) only for internal failures.
TRADEFIN_EXPORT Result<VerificationReport> VerifyDocument(
    std::string_view xml, const VerifyPolicy& policy, const TrustStore& trust);

}  // namespace tradefin

#endif  // TRADEFIN_SIGNING_XMLDSIG_H_
