// Verifying a signed trade document: the signature and, when the signed
// element is one of tradefin's document types, the document itself. This is
// the verdict `tradefin verify` prints, so an embedder gets the same answer
// as the command line.
//
//   tradefin::Runtime runtime;
//   tradefin::PinnedKeyTrustStore trust;
//   TRADEFIN_RETURN_IF_ERROR(trust.AddKeyFile("bank.pub"));
//   TRADEFIN_ASSIGN_OR_RETURN(
//       tradefin::SignedDocumentReport report,
//       tradefin::VerifySignedDocument(xml, "lc.xml", {}, trust));
//   if (!report.valid()) { ... report.verdict_name(), report.reason() ... }
//
// Errors vs verdicts: a non-OK Status means the check could not be carried
// out (no Runtime, an internal failure); a bad signature, an untrusted key
// or a document that breaks its schema or rules is a verdict in the report.
//
// Thread safety: VerifySignedDocument is reentrant; a shared Validator and
// TrustStore may be used from several threads at once.
#ifndef TRADEFIN_WORKFLOW_VERIFY_H_
#define TRADEFIN_WORKFLOW_VERIFY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/document/document.h"
#include "tradefin/document/validate.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {

struct SignedDocumentOptions {
  // Signature policy (algorithm allow-list, limits, --explain bytes).
  // Default: VerifyPolicy{} (strict; no SHA-1).
  VerifyPolicy signature;
  // After a valid signature, validate the document (XSD and semantic
  // rules) when its root is a tradefin document type; other XML is
  // verified as generic XML. Default: true.
  bool check_document = true;
};

struct SignedDocumentReport {
  // The signature's own verdict and what it covered.
  VerificationReport signature;
  // True when the document checks ran: the signature was valid,
  // check_document was set and the root is a tradefin document type.
  bool document_checked = false;
  // The document type, when document_checked.
  std::optional<DocumentType> document_type;
  // Schema and semantic issues; empty when the document is valid or was not
  // checked.
  std::vector<ValidationIssue> document_issues;

  // The overall answer: a valid signature on a document that validates (or
  // that is not a tradefin type).
  bool valid() const { return signature.valid() && document_issues.empty(); }
  // "valid", "invalid-document" (valid signature, document breaks its
  // schema or rules), or the signature verdict's name
  // (SignatureVerdictName: "untrusted-key", "digest-mismatch", ...).
  std::string_view verdict_name() const {
    if (signature.valid() && !document_issues.empty()) return "invalid-document";
    return SignatureVerdictName(signature.verdict);
  }
};

// Verifies the enveloped signature of `xml` against `trust`, then (see
// SignedDocumentOptions::check_document) validates the signed document.
// `source_name` names the input in issue locations. `validator` is
// borrowed and optional: pass one to reuse its loaded schemas across many
// calls; when null and a document check is needed, one is created for the
// call.
// Errors: kFailedPrecondition without a live Runtime, kInternal.
TRADEFIN_EXPORT Result<SignedDocumentReport> VerifySignedDocument(
    std::string_view xml, std::string_view source_name,
    const SignedDocumentOptions& options, const TrustStore& trust,
    const Validator* validator = nullptr);

}  // namespace tradefin

#endif  // TRADEFIN_WORKFLOW_VERIFY_H_
