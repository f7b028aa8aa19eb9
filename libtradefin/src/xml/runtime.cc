// tradefin::Runtime (declared in core/runtime.h) lives in the xml module
// because what it sets up is the XML libraries: Xerces-C needs matched
// Initialize/Terminate calls, and libxml2 gets an external-entity loader
// that refuses everything, so no code path can ever fetch a file or URL.
// Xerces-C is initialised lazily, by the first schema validator
// (EnsureXerces), because its start-up work is wasted on the many runs that
// never validate; in the shared library it is not even loaded until then
// (xsd_backend.h, docs/performance/startup.md).
#include "tradefin/core/runtime.h"

#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <atomic>
#include <mutex>

#include "xml/runtime_internal.h"
#include "xml/xsd/xsd_backend.h"

namespace tradefin {
namespace {

std::mutex g_mutex;
int g_refcount = 0;                // guarded by g_mutex
Status g_init_error;               // guarded by g_mutex; OK when fine
std::atomic<bool> g_ready{false};  // Xerces initialised and not torn down
// The backend that initialised Xerces; set with g_ready, guarded by g_mutex.
const xml_internal::XsdBackend* g_backend = nullptr;

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
  if (g_refcount++ != 0) return;
  xmlInitParser();
  xmlSetExternalEntityLoader(RefuseExternalEntity);
  g_init_error = Status();
}

Runtime::~Runtime() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (--g_refcount == 0) {
    if (g_ready.exchange(false)) g_backend->terminate();
    g_init_error = Status();
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
  return g_init_error;
}

namespace xml_internal {

Result<const XsdBackend*> EnsureXerces() {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_refcount == 0) {
    return Status::FailedPrecondition(
        "schema validation needs a live tradefin::Runtime: create one "
        "(tradefin::Runtime runtime;) before using the library and keep it "
        "until you are done");
  }
  if (g_ready.load()) return g_backend;
  if (!g_init_error.ok()) return g_init_error;
  Result<const XsdBackend*> backend = GetXsdBackend();
  Status started = backend.ok() ? (*backend)->initialize() : backend.status();
  if (!started.ok()) {
    g_init_error = started;
    return g_init_error;
  }
  g_backend = *backend;
  g_ready.store(true);
  return g_backend;
}

}  // namespace xml_internal
}  // namespace tradefin
