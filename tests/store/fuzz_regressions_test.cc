// Inputs found by the fuzz targets (fuzz/, docs/testing.md "Fuzzing"), fed
// to the store module exactly as found. Several defects were undefined
// behaviour that only the sanitized run (make test-asan) reports; the
// release run still checks the verdict.
#include "testing/testing.h"
#include "tradefin/store/entry.h"

namespace tradefin {
namespace {

std::string Regression(const char* name) {
  return testing::ReadFile(testing::DataDir() / "fuzz-regressions" / name);
}

// entry_fuzz: an entry cut off inside a hash field. The codec's reader
// yields an empty view with a null data pointer once it overruns, and
// ToHash passed that to memcpy (UB even for 0 bytes).
TEST_CASE("fuzz regression: entry truncated inside a hash is corruption, no UB") {
  std::string bytes = Regression("entry-truncated-hash.bin");
  auto entry = DecodeEntry(bytes);
  REQUIRE_FALSE(entry.ok());
  CHECK(entry.status().code() == StatusCode::kCorruption);
}

}  // namespace
}  // namespace tradefin
