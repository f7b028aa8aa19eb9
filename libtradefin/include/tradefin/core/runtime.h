// Runtime: process-wide set-up of the XML libraries.
//
// Keep a Runtime alive for as long as you use any other tradefin API; it
// hardens libxml2 (no network, no external entities) and owns Xerces-C's
// Initialize/Terminate. Runtimes are reference counted: several may exist
// at once (for example one in main() and one in a plug-in); the first one
// sets libxml2 up, Xerces-C is started by the first call that needs it
// (creating a Validator), and the last Runtime destroyed tears Xerces-C
// down.
//
//   int main() {
//     tradefin::Runtime runtime;
//     if (!runtime.status().ok()) { ... report and stop ... }
//     ...
//   }
//
// Without a live Runtime, the calls that need the XML libraries (creating
// a Validator, validating, parsing documents) return kFailedPrecondition
// naming the missing Runtime instead of crashing. If starting Xerces-C
// fails, nothing throws: that call, every later call that needs Xerces-C
// and status() return the error: kInternal with Xerces-C's reason, or, for
// the shared library, kIOError when its XSD plugin (tradefin/libtradefin-
// xsd-<version>.so beside libtradefin.so, loaded on the first validation)
// is missing, kFailedPrecondition when it is another version's.
//
// Thread safety: construct and destroy from one thread, while no other
// tradefin call is running. status() may be called from any thread.
#ifndef TRADEFIN_CORE_RUNTIME_H_
#define TRADEFIN_CORE_RUNTIME_H_

#include "tradefin/core/export.h"
#include "tradefin/core/status.h"

namespace tradefin {

class TRADEFIN_EXPORT Runtime {
 public:
  // Never throws, except std::bad_alloc.
  Runtime();
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  // OK while the Runtime is alive and Xerces-C has not failed to start
  // (it starts on first use, so OK before that); once a start has failed,
  // that error (see above).
  Status status() const;
};

}  // namespace tradefin

#endif  // TRADEFIN_CORE_RUNTIME_H_
