#include "tradefin/xml/c14n.h"

#include "xml/xml_tree.h"

namespace tradefin {

std::string_view C14nAlgorithmUri(C14nAlgorithm algorithm) {
  switch (algorithm) {
    case C14nAlgorithm::kExclusive10:
      return "http://www.w3.org/2001/10/xml-exc-c14n#";
    case C14nAlgorithm::kInclusive10:
      return "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    case C14nAlgorithm::kInclusive11:
      return "http://www.w3.org/2006/12/xml-c14n11";
  }
  return {};
}

Result<std::string> Canonicalize(
    std::string_view xml, C14nAlgorithm algorithm, bool with_comments,
    const std::vector<std::string>& inclusive_prefixes,
    const ParseOptions& options) {
  xml::ParseError error;
  std::unique_ptr<xml::Document> doc =
      xml::Document::Parse(xml, options, &error);
  if (doc == nullptr) return Status::InvalidArgument(error.ToString());
  xml::C14nMethod method = xml::C14nMethod::kExclusive10;
  switch (algorithm) {
    case C14nAlgorithm::kExclusive10:
      method = xml::C14nMethod::kExclusive10;
      break;
    case C14nAlgorithm::kInclusive10:
      method = xml::C14nMethod::kInclusive10;
      break;
    case C14nAlgorithm::kInclusive11:
      method = xml::C14nMethod::kInclusive11;
      break;
  }
  return doc->Canonicalize(method, with_comments, xml::Node(),
                           inclusive_prefixes);
}

}  // namespace tradefin
