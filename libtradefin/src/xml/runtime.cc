// tradefin::Runtime (declared in core/runtime.h) lives in the xml module
// because what it sets up is the XML libraries: Xerces-C needs matched
// Initialize/Terminate calls, and libxml2 gets an external-entity loader
// that refuses everything, so no code path can ever fetch a file or URL.
// Xerces-C is initialised lazily, by the first schema validator
// (RequireRuntime), because its start-up work is wasted on the many runs
// that never validate (docs/performance/startup.md).
#include "tradefin/core/runtime.h"

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLString.hpp>

#include <atomic>
#include <mutex>
#include <new>
#include <string>

#include "xml/runtime_internal.h"
#include "xml/runtime_state.h"

namespace tradefin {
namespace {

std::mutex g_mutex;
int g_refcount = 0;                // guarded by g_mutex
std::string g_init_error;          // guarded by g_mutex; empty when fine
std::atomic<bool> g_ready{false};  // Xerces initialised and not torn down

// Silent on purpose: the parse that asked fails and reports its own error;
// printing the URL to stderr would be noise outside the caller's control.
xmlParserInputPtr RefuseExternalEntity(const char* /*url*/,
                                       const char* /*id*/,
                                       xmlParserCtxtPtr /*ctxt*/) {
  return nullptr;
}

std::string XercesMessage(const xercesc::XMLException& e) {
  char* m = xercesc::XMLString::transcode(e.getMessage());
  std::string out = m != nullptr ? m : "unknown error";
  xercesc::XMLString::release(&m);
  return out;
}

}  // namespace

Runtime::Runtime() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_refcount++ != 0) return;
  xmlInitParser();
  xmlSetExternalEntityLoader(RefuseExternalEntity);
  g_init_error.clear();
}

Runtime::~Runtime() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (--g_refcount == 0) {
    if (g_ready.exchange(false)) xercesc::XMLPlatformUtils::Terminate();
    g_init_error.clear();
    // xmlCleanupParser() is deliberately not called: other code in the
    // process may still use libxml2 (its docs warn against calling it from
    // a library).
  }
}

// OK while alive; a Xerces-C initialisation that failed is reported here
// once something has needed Xerces.
Status Runtime::status() const {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_refcount == 0)
    return Status::FailedPrecondition("this tradefin::Runtime has been torn down");
  if (!g_init_error.empty()) return Status::Internal(g_init_error);
  return Status();
}

namespace xml {

Status RequireRuntime(std::string_view what) {
  if (g_ready.load()) return Status();
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_refcount == 0) {
    return Status::FailedPrecondition(
        std::string(what) +
        " needs a live tradefin::Runtime: create one (tradefin::Runtime "
        "runtime;) before using the library and keep it until you are done");
  }
  if (g_ready.load()) return Status();
  if (!g_init_error.empty()) return Status::Internal(g_init_error);
  // The contract lets only std::bad_alloc escape; anything else Xerces
  // throws here is kept and returned by status() and by every later call
  // that needs Xerces.
  try {
    xercesc::XMLPlatformUtils::Initialize();
    g_ready.store(true);
    return Status();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const xercesc::XMLException& e) {
    g_init_error = "Xerces-C failed to initialise: " + XercesMessage(e);
  } catch (...) {
    g_init_error = "Xerces-C failed to initialise (unknown exception)";
  }
  return Status::Internal(g_init_error);
}

}  // namespace xml

namespace xml_internal {

Status EnsureXerces() { return xml::RequireRuntime("schema validation"); }

}  // namespace xml_internal
}  // namespace tradefin
