// Static builds (tests, benchmarks, fuzz targets): the Xerces-C code is
// linked in, so the XSD backend is simply the local one (xsd_backend.h).
// libtradefin.so is built with plugin_loader.cc instead.
#include "xml/xsd/xsd_backend.h"

namespace tradefin::xml_internal {

Result<const XsdBackend*> GetXsdBackend() { return &XercesBackend(); }

}  // namespace tradefin::xml_internal
