// Internal to tradefin (not installed): verification on an already parsed
// tree, so that a caller (document parsing, the store) can verify and then
// read *the same* libxml2 tree it verified ("only process what is signed").
// With URI="" the covered content is the whole document element minus the
// Signature; the caller must read doc.root() and nothing else.
#ifndef TRADEFIN_SIGNING_XMLDSIG_INTERNAL_H_
#define TRADEFIN_SIGNING_XMLDSIG_INTERNAL_H_

#include "tradefin/signing/xmldsig.h"
#include "xml/xml_tree.h"

namespace tradefin::signing_internal {

// As VerifyDocument, on `doc` (policy.parse is not used).
Result<VerificationReport> VerifyParsedDocument(const xml::Document& doc,
                                                const VerifyPolicy& policy,
                                                const TrustStore& trust);

}  // namespace tradefin::signing_internal

#endif  // TRADEFIN_SIGNING_XMLDSIG_INTERNAL_H_
