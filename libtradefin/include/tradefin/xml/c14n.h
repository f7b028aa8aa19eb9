// Canonical XML of a whole document, for tests and tools.
//
// Provides Canonicalize(): parse `xml` with tradefin's hardened parser (no
// DTD, no entities, limits from ParseOptions) and return its canonical form
// under one of the three W3C canonicalisation methods. Use it to compare
// documents or to reproduce a digest by hand; signing and verification do
// their own C14N on the parsed tree.
//
//   tradefin::Result<std::string> c = tradefin::Canonicalize(
//       bytes, tradefin::C14nAlgorithm::kExclusive10, false);
//
// Thread safety: Canonicalize may be called from several threads at once
// (a tradefin::Runtime must exist).
#ifndef TRADEFIN_XML_C14N_H_
#define TRADEFIN_XML_C14N_H_

#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/xml/parse_options.h"

namespace tradefin {

enum class C14nAlgorithm {
  kExclusive10,  // http://www.w3.org/2001/10/xml-exc-c14n#
  kInclusive10,  // http://www.w3.org/TR/2001/REC-xml-c14n-20010315
  kInclusive11,  // http://www.w3.org/2006/12/xml-c14n11
};

// The algorithm URI (without "#WithComments"), e.g.
// "http://www.w3.org/2001/10/xml-exc-c14n#".
TRADEFIN_EXPORT std::string_view C14nAlgorithmUri(C14nAlgorithm algorithm);

// Canonical form of the whole document `xml` (UTF-8).
// `with_comments` selects the "#WithComments" variant.
// `inclusive_prefixes` is the exc-c14n InclusiveNamespaces PrefixList
// ("#default" for the default namespace); only for kExclusive10.
// Returns the canonical bytes, or
//   kInvalidArgument: the document was refused by the parser (the message
//     starts with the code, e.g. "XML-DOCTYPE at line 1, column 10: ..."),
//     or a PrefixList was given for an inclusive method;
//   kInternal: libxml2 failed.
TRADEFIN_EXPORT Result<std::string> Canonicalize(
    std::string_view xml, C14nAlgorithm algorithm, bool with_comments,
    const std::vector<std::string>& inclusive_prefixes = {},
    const ParseOptions& options = {});

}  // namespace tradefin

#endif  // TRADEFIN_XML_C14N_H_
