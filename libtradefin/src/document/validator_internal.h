// Internal to tradefin (not installed): validation that also hands back the
// parsed tree, so that a caller holding both a Validator and a signature
// verifier (the store's submit and audit) parses each document once and
// verifies the signature on the same tree the model was read from
// (docs/design/xmldsig-defences.md §3).
#ifndef TRADEFIN_DOCUMENT_VALIDATOR_INTERNAL_H_
#define TRADEFIN_DOCUMENT_VALIDATOR_INTERNAL_H_

#include <memory>
#include <string_view>

#include "tradefin/document/validate.h"
#include "xml/xml_tree.h"

namespace tradefin::document_internal {

struct ParsedDocument {
  Document model;
  // The hardened libxml2 tree `model` was read from; never null.
  std::unique_ptr<xml::Document> tree;
};

// As validator.Parse(bytes, source_name) (same checks, same errors), and
// also returns the tree. `validator` must come from Validator::Create; for
// any other implementation the bytes are parsed a second time for the tree.
Result<ParsedDocument> ParseKeepingTree(const Validator& validator,
                                        std::string_view bytes,
                                        std::string_view source_name);

}  // namespace tradefin::document_internal

#endif  // TRADEFIN_DOCUMENT_VALIDATOR_INTERNAL_H_
