// Runtime: process-wide set-up of the XML libraries.
//
// Keep a Runtime alive for as long as you use any other tradefin API; it
// initialises and terminates Xerces-C and hardens libxml2 (no network, no
// external entities). Runtimes are reference counted: several may exist at
// once (for example one in main() and one in a plug-in), the first one sets
// the libraries up and the last one destroyed tears them down.
//
//   int main() {
//     tradefin::Runtime runtime;
//     if (!runtime.status().ok()) { ... report and stop ... }
//     ...
//   }
//
// Without a live Runtime, the calls that need the XML libraries (creating
// a Validator, validating, parsing documents) return kFailedPrecondition
// naming the missing Runtime instead of crashing. If setting up Xerces-C
// fails, the constructor does not throw: status() says why, and the same
// calls return that error.
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

  // OK when the XML libraries are ready; otherwise kInternal with the
  // reason Xerces-C gave for failing to initialise.
  Status status() const;
};

}  // namespace tradefin

#endif  // TRADEFIN_CORE_RUNTIME_H_
