// doctest main for every tradefin test executable: one Runtime for the run.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "tradefin/core/runtime.h"

int main(int argc, char** argv) {
  tradefin::Runtime runtime;
  doctest::Context context(argc, argv);
  return context.run();
}
