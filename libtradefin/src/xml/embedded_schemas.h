// Internal to the xml module: the XSDs from schemas/, compiled into the
// library by embed_schemas.cmake (generated embedded_schemas.cc).
//
// Thread safety: immutable static data.
#ifndef TRADEFIN_XML_EMBEDDED_SCHEMAS_H_
#define TRADEFIN_XML_EMBEDDED_SCHEMAS_H_

#include <cstddef>

namespace tradefin::xml::internal {

struct EmbeddedSchema {
  const char* file_name;         // "letter-of-credit.xsd"
  const char* target_namespace;  // "urn:tradefin:lc:1"
  const unsigned char* bytes;
  size_t size;
};

// All embedded schemas, sorted by file name; *count receives how many.
const EmbeddedSchema* EmbeddedSchemas(size_t* count);

}  // namespace tradefin::xml::internal

#endif  // TRADEFIN_XML_EMBEDDED_SCHEMAS_H_
