// tradefin::Runtime (declared in core/runtime.h) lives in the xml module
// because what it sets up is the XML libraries: Xerces-C needs matched
// Initialize/Terminate calls, and libxml2 gets an external-entity loader
// that refuses everything, so no code path can ever fetch a file or URL.
// Xerces-C is initialised lazily, by the first schema validator
// (EnsureXerces), because its start-up work is wasted on the many runs that
// never validate.
#include "tradefin/core/runtime.h"

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <xercesc/util/PlatformUtils.hpp>

#include <mutex>

#include "xml/runtime_internal.h"

namespace tradefin {
namespace {

std::mutex g_mutex;
int g_refcount = 0;
bool g_xerces_up = false;  // guarded by g_mutex

// Silent on purpose: the parse that asked fails and reports its own error;
// printing the URL to stderr would be noise outside the caller's control.
xmlParserInputPtr RefuseExternalEntity(const char* /*url*/,
                                       const char* /*id*/,
                                       xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

}  // namespace

Runtime::Runtime() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_refcount++ == 0) {
    xmlInitParser();
    xmlSetExternalEntityLoader(RefuseExternalEntity);
  }
}

Runtime::~Runtime() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (--g_refcount == 0 && g_xerces_up) {
    g_xerces_up = false;
    xercesc::XMLPlatformUtils::Terminate();
    // xmlCleanupParser() is deliberately not called: other code in the
    // process may still use libxml2 (its docs warn against calling it from
    // a library).
  }
}

namespace xml_internal {

Status EnsureXerces() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_refcount == 0) {
    return Status::FailedPrecondition(
        "no tradefin::Runtime exists: create one before validating");
  }
  if (!g_xerces_up) {
    try {
      xercesc::XMLPlatformUtils::Initialize();
    } catch (const std::bad_alloc&) {
      throw;
    } catch (...) {
      return Status::Internal("Xerces-C failed to initialise");
    }
    g_xerces_up = true;
  }
  return Status::Ok();
}

}  // namespace xml_internal
}  // namespace tradefin
