// Uses the installed public API only, as a bank's code would.
#include <cstdio>
#include <string>

#include "tradefin/core/money.h"
#include "tradefin/core/runtime.h"
#include "tradefin/core/version.h"
#include "tradefin/document/validate.h"

int main(int argc, char** argv) {
  // Issue 13: forgetting the Runtime is an error the caller can read, not a
  // crash inside Xerces-C.
  {
    auto v = tradefin::Validator::Create({});
    if (v.ok() || !v.status().IsFailedPrecondition() ||
        v.status().message().find("tradefin::Runtime") == std::string::npos) {
      std::fprintf(stderr, "no Runtime: expected FailedPrecondition, got %s\n",
                   v.status().ToString().c_str());
      return 1;
    }
  }
  tradefin::Runtime runtime;
  if (!runtime.status().ok()) {
    std::fprintf(stderr, "%s\n", runtime.status().ToString().c_str());
    return 1;
  }
  auto m = tradefin::Money::Parse("EUR", "1250000.5");
  if (!m.ok() || m->minor_units != 125000050) {
    std::fprintf(stderr, "unexpected money parse\n");
    return 1;
  }
  if (argc > 1) {
    auto v = tradefin::Validator::Create({});
    if (!v.ok()) {
      std::fprintf(stderr, "%s\n", v.status().ToString().c_str());
      return 1;
    }
    auto report = (*v)->ValidateFile(argv[1]);
    if (!report.ok() || !report->valid()) {
      std::fprintf(stderr, "%s: expected a valid document\n", argv[1]);
      return 1;
    }
  }
  std::printf("tradefin %s: %s\n", TRADEFIN_VERSION_STRING, m->ToString().c_str());
  return 0;
}
