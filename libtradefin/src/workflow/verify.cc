#include "tradefin/workflow/verify.h"

#include <memory>
#include <utility>

namespace tradefin {

Result<SignedDocumentReport> VerifySignedDocument(
    std::string_view xml, std::string_view source_name,
    const SignedDocumentOptions& options, const TrustStore& trust,
    const Validator* validator) {
  SignedDocumentReport report;
  TRADEFIN_ASSIGN_OR_RETURN(report.signature,
                            VerifyDocument(xml, options.signature, trust));
  // The document is judged only under a valid signature: content that is
  // not authentic has no verdict worth giving, and validating it would cost
  // a schema load for nothing.
  if (!options.check_document || !report.signature.valid()) return report;
  std::unique_ptr<Validator> owned;
  if (validator == nullptr) {
    TRADEFIN_ASSIGN_OR_RETURN(owned, Validator::Create(ValidateOptions()));
    validator = owned.get();
  }
  TRADEFIN_ASSIGN_OR_RETURN(ValidationReport vr,
                            validator->Validate(xml, source_name));
  // No type: the root is not a tradefin document (generic signed XML), and
  // the signature verdict is the whole answer.
  if (!vr.type.has_value()) return report;
  report.document_checked = true;
  report.document_type = vr.type;
  report.document_issues = std::move(vr.issues);
  return report;
}

}  // namespace tradefin
