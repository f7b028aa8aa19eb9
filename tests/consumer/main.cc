// Uses the installed public API only, as a bank's code would.
#include <cstdio>

#include "tradefin/core/money.h"
#include "tradefin/core/runtime.h"
#include "tradefin/core/version.h"

int main() {
  tradefin::Runtime runtime;
  auto m = tradefin::Money::Parse("EUR", "1250000.5");
  if (!m.ok() || m->minor_units != 125000050) {
    std::fprintf(stderr, "unexpected money parse\n");
    return 1;
  }
  std::printf("tradefin %s: %s\n", TRADEFIN_VERSION_STRING, m->ToString().c_str());
  return 0;
}
