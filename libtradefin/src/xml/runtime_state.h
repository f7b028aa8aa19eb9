// Internal to libtradefin: whether a tradefin::Runtime is alive and set up.
// Code that touches Xerces-C calls RequireRuntime() first, so using the
// library without a Runtime is a clear error rather than a crash inside
// Xerces (its memory manager is null until XMLPlatformUtils::Initialize).
#ifndef TRADEFIN_XML_RUNTIME_STATE_H_
#define TRADEFIN_XML_RUNTIME_STATE_H_

#include <string_view>

#include "tradefin/core/status.h"

namespace tradefin::xml {

// OK while a Runtime is alive and Xerces-C initialised. Otherwise
// kFailedPrecondition "<what> needs a live tradefin::Runtime ...", or the
// initialisation error.
Status RequireRuntime(std::string_view what);

}  // namespace tradefin::xml

#endif  // TRADEFIN_XML_RUNTIME_STATE_H_
