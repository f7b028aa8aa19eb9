// Runtime: process-wide set-up of the XML libraries.
//
// Create exactly one Runtime before using any other tradefin API and keep it
// alive until you are done; it initialises and terminates Xerces-C and
// hardens libxml2 (no network, no external entities). Creating a second
// Runtime while one exists is allowed and cheap (reference counted).
//
//   int main() {
//     tradefin::Runtime runtime;
//     ...
//   }
//
// Thread safety: construct and destroy from one thread, while no other
// tradefin call is running.
#ifndef TRADEFIN_CORE_RUNTIME_H_
#define TRADEFIN_CORE_RUNTIME_H_

#include "tradefin/core/export.h"

namespace tradefin {

class TRADEFIN_EXPORT Runtime {
 public:
  Runtime();
  ~Runtime();
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;
};

}  // namespace tradefin

#endif  // TRADEFIN_CORE_RUNTIME_H_
