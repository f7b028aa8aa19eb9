// Internal to the xml module: Xerces-C is initialised on first use, not when
// the Runtime is created, so that a process that never validates against a
// schema (`tradefin --version`, `sign`, `verify --no-schema`, most store
// verbs) never pays for it (docs/performance/startup.md).
#ifndef TRADEFIN_XML_RUNTIME_INTERNAL_H_
#define TRADEFIN_XML_RUNTIME_INTERNAL_H_

#include "tradefin/core/status.h"

namespace tradefin::xml_internal {

// Initialises Xerces-C once for the current Runtime; the Runtime's
// destruction terminates it. kFailedPrecondition when no Runtime exists.
// Thread-safe.
Status EnsureXerces();

}  // namespace tradefin::xml_internal

#endif  // TRADEFIN_XML_RUNTIME_INTERNAL_H_
