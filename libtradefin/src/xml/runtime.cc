// tradefin::Runtime (declared in core/runtime.h) lives in the xml module
// because what it sets up is the XML libraries: Xerces-C needs matched
// Initialize/Terminate calls, and libxml2 gets an external-entity loader
// that refuses everything, so no code path can ever fetch a file or URL.
#include "tradefin/core/runtime.h"

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <xercesc/util/PlatformUtils.hpp>

#include <mutex>

namespace tradefin {
namespace {

std::mutex g_mutex;
int g_refcount = 0;

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
    xercesc::XMLPlatformUtils::Initialize();
  }
}

Runtime::~Runtime() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (--g_refcount == 0) {
    xercesc::XMLPlatformUtils::Terminate();
    // xmlCleanupParser() is deliberately not called: other code in the
    // process may still use libxml2 (its docs warn against calling it from
    // a library).
  }
}

}  // namespace tradefin
