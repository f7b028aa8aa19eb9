// Internal API of the xml module: XSD validation with Xerces-C against
// tradefin's schemas, which are compiled into the library (schemas/*.xsd
// embedded at build time), so validation never reads a schema from disk
// or the network.
//
// Thread safety: a SchemaValidator may be used from several threads at
// once, with no lock held during validation: each concurrent call takes a
// lane (its own grammars and parser), built on first need and then reused.
// Lifetime: create and destroy it while a tradefin::Runtime exists (it owns
// Xerces-C objects; destroying it after Xerces is terminated crashes). Do
// not keep one in a static.
#ifndef TRADEFIN_XML_SCHEMA_VALIDATOR_H_
#define TRADEFIN_XML_SCHEMA_VALIDATOR_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/result.h"
#include "tradefin/xml/parse_options.h"

namespace tradefin::xml {

struct SchemaError {
  std::string message;  // Xerces' message, made plain
  int line = 0;
  int column = 0;
  // Stable code: "XSD-INVALID" (the document breaks its schema),
  // "XSD-UNKNOWN-NAMESPACE" (no tradefin schema for the root element), or
  // the same XML-* codes as xml::ParseError for input Xerces refuses before
  // validating (XML-DOCTYPE, XML-MALFORMED, XML-TOO-DEEP, XML-TOO-LARGE,
  // XML-ENCODING, XML-TOO-MANY-ATTRIBUTES, XML-TEXT-TOO-LARGE).
  std::string code = "XSD-INVALID";
};

class SchemaValidator {
 public:
  // Loads every embedded grammar once. kInternal if one fails to load.
  static Result<std::unique_ptr<SchemaValidator>> Create();
  // As Create(), with the size/depth/attribute/text limits that Validate
  // enforces itself (Xerces has no depth limit of its own).
  static Result<std::unique_ptr<SchemaValidator>> Create(
      const ParseOptions& options);
  virtual ~SchemaValidator() = default;

  // Validates `bytes` (already checked by xml::Document::Parse for DOCTYPE,
  // size and depth) against the cached grammar of its root namespace; a
  // root namespace with no tradefin schema is one error. Xerces is
  // hardened: DOCTYPE disallowed, no external DTD/schema loading, entity
  // expansion limited, only cached grammars used.
  // Returns OK with `errors` empty when valid; non-OK only if Xerces failed
  // internally. At most 100 errors are reported. The input is refused with
  // one error, before any validation, by the same size/encoding checks as
  // xml::Document::Parse, and while scanning on DOCTYPE or a limit.
  virtual Status Validate(std::string_view bytes,
                          std::vector<SchemaError>* errors) const = 0;
};

}  // namespace tradefin::xml

#endif  // TRADEFIN_XML_SCHEMA_VALIDATOR_H_
