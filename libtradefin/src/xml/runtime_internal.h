// Internal to the xml module: Xerces-C is initialised on first use, not when
// the Runtime is created, so that a process that never validates against a
// schema (`tradefin --version`, `sign`, `verify --no-schema`, most store
// verbs) never pays for it, and in the shared library never even loads it
// (xsd_backend.h, docs/performance/startup.md).
#ifndef TRADEFIN_XML_RUNTIME_INTERNAL_H_
#define TRADEFIN_XML_RUNTIME_INTERNAL_H_

#include "tradefin/core/result.h"

namespace tradefin::xml_internal {

struct XsdBackend;

// Gets the XSD backend (loading the plugin if this build uses one) and
// initialises Xerces-C once for the current Runtime; the Runtime's
// destruction terminates it. kFailedPrecondition when no Runtime exists;
// kInternal when the plugin cannot be loaded or Xerces-C fails to start
// (kept, and reported by Runtime::status() and every later call).
// Thread-safe.
Result<const XsdBackend*> EnsureXerces();

}  // namespace tradefin::xml_internal

#endif  // TRADEFIN_XML_RUNTIME_INTERNAL_H_
