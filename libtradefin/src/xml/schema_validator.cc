// SchemaValidator::Create: the Runtime starts Xerces-C through the XSD
// backend (xsd_backend.h) on first need, then the backend builds the
// validator. No Xerces-C code in this file: it is in libtradefin.so, which
// does not link Xerces-C.
#include "xml/schema_validator.h"

#include "xml/runtime_internal.h"
#include "xml/xsd/xsd_backend.h"

namespace tradefin::xml {

Result<std::unique_ptr<SchemaValidator>> SchemaValidator::Create() {
  return Create(ParseOptions());
}

Result<std::unique_ptr<SchemaValidator>> SchemaValidator::Create(
    const ParseOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(const xml_internal::XsdBackend* backend,
                            xml_internal::EnsureXerces());
  return backend->create(options);
}

}  // namespace tradefin::xml
