// The one symbol the plugin libtradefin-xsd-<version>.so exports
// (xsd_backend.h): its XSD backend, only to a library of the same version,
// because the table passes C++ objects whose layout must match.
#include <cstring>

#include "tradefin/core/version.h"
#include "xml/xsd/xsd_backend.h"

extern "C" __attribute__((visibility("default"))) const
    tradefin::xml_internal::XsdBackend*
    tradefin_xsd_backend(const char* version) {
  if (version == nullptr || std::strcmp(version, TRADEFIN_VERSION_STRING) != 0)
    return nullptr;
  return &tradefin::xml_internal::XercesBackend();
}
