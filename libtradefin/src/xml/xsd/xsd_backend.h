// Internal to the xml module: the XSD validator's Xerces-C code, reached
// through one small table of functions.
//
// Why a table: Xerces-C (through its network accessor, libcurl and GnuTLS)
// brings ~30 shared objects into any process that links it, and loading
// them was two thirds of `tradefin --version` (docs/performance/startup.md).
// Most runs never validate. So the shared library libtradefin.so does not
// link Xerces-C at all: on the first schema validation it loads a plugin,
// libtradefin-xsd-<version>.so, from a `tradefin/` directory beside itself,
// and takes this table from it (xsd/plugin_loader.cc). Static builds (the
// tests, benchmarks and fuzz targets) link the Xerces code directly and
// get the same table without loading anything (xsd/linked.cc).
//
// The table and everything passed through it are C++ types: the plugin is
// built from the same sources, by the same build, and refuses to load into
// a library of another version (kXsdPluginEntry takes the version string).
#ifndef TRADEFIN_XML_XSD_BACKEND_H_
#define TRADEFIN_XML_XSD_BACKEND_H_

#include <memory>

#include "tradefin/core/result.h"
#include "tradefin/xml/parse_options.h"
#include "xml/schema_validator.h"

namespace tradefin::xml_internal {

struct XsdBackend {
  // XMLPlatformUtils::Initialize; an error if Xerces-C refuses. Called once
  // per Runtime lifetime, under the Runtime's lock.
  Status (*initialize)();
  // XMLPlatformUtils::Terminate. Every validator must be gone.
  void (*terminate)();
  // A validator with every embedded grammar loaded (SchemaValidator::Create).
  Result<std::unique_ptr<xml::SchemaValidator>> (*create)(
      const ParseOptions& options);
};

// The backend this build uses: linked in, or loaded from the plugin on the
// first call (thread-safe; the plugin stays loaded until the process
// exits). kIOError, naming the file and the loader's reason, when the
// plugin cannot be loaded (an incomplete installation);
// kFailedPrecondition when it is another version's plugin.
Result<const XsdBackend*> GetXsdBackend();

// The Xerces-C implementation (xerces_validator.cc).
const XsdBackend& XercesBackend();

// The plugin's one exported symbol: `const XsdBackend* <kXsdPluginEntry>(
// const char* version)`, null when `version` is not the plugin's own.
inline constexpr char kXsdPluginEntry[] = "tradefin_xsd_backend";
using XsdPluginEntryFn = const XsdBackend* (*)(const char* version);

}  // namespace tradefin::xml_internal

#endif  // TRADEFIN_XML_XSD_BACKEND_H_
