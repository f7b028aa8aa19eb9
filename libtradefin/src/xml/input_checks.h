// Internal to the xml module: checks on the raw bytes that run before any
// XML parser sees them, shared by the libxml2 parse (xml_tree.cc) and the
// Xerces validation (schema_validator.cc) so both refuse the same inputs
// with the same code.
//
// Thread safety: pure functions.
#ifndef TRADEFIN_XML_INPUT_CHECKS_H_
#define TRADEFIN_XML_INPUT_CHECKS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "tradefin/xml/parse_options.h"

namespace tradefin::xml::internal {

struct InputProblem {
  std::string code;  // "" when the input passed
  std::string message;
  int line = 0;
  int column = 0;
  bool ok() const { return code.empty(); }
};

// Size limit (XML-TOO-LARGE), then encoding (XML-ENCODING): only UTF-8 is
// accepted, with or without a UTF-8 byte-order mark. A UTF-16/UTF-32 BOM, a
// NUL byte, an XML declaration naming another encoding, or bytes that are
// not well-formed UTF-8 are refused, with the line/column of the offence.
InputProblem CheckInput(std::string_view bytes, const ParseOptions& options);

// The XML declaration exactly as written ("<?xml ... ?>"), or "" if the
// input has none. Skips a UTF-8 BOM.
std::string_view XmlDeclaration(std::string_view bytes);

}  // namespace tradefin::xml::internal

#endif  // TRADEFIN_XML_INPUT_CHECKS_H_
