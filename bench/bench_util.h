// Tiny timing helpers shared by the benchmarks in bench/.
//
// Thread safety: MeasureOpsPerSec runs `fn` on the calling thread only.
#ifndef TRADEFIN_BENCH_BENCH_UTIL_H_
#define TRADEFIN_BENCH_BENCH_UTIL_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "tradefin/core/result.h"
#include "tradefin/core/status.h"
#include "tradefin/signing/signer.h"

namespace tradefin::bench {

// Calls `fn` repeatedly and returns calls per second. Warms up first
// (about a tenth of the budget), then runs batches of growing size until
// at least `min_seconds` of wall-clock time have been measured.
double MeasureOpsPerSec(const std::function<void()>& fn,
                        double min_seconds = 1.0);

// "2 x Intel(R) Xeon(R) ... (nproc 2)": logical CPUs and the CPU model
// from /proc/cpuinfo, for the machine line of docs/performance/*.md.
std::string MachineDescription();

// `n` copies of samples/shipment/rail-waybill.xml, copy i with consignment
// number 25CX<i, 6 digits> (so each has its own natural key), each signed
// by `signer`. Exits(2) if signing fails.
std::vector<std::string> SignedWaybills(int n, const Signer& signer);

// Wall-clock seconds since `start`.
double Seconds(std::chrono::steady_clock::time_point start);

// Bytes of all regular files below `dir` (a store's disk footprint).
uint64_t DirBytes(const std::filesystem::path& dir);

// The value, or "<what>: <status>" on stderr and exit(2): a benchmark has
// no use for a step that failed.
template <typename T>
T Need(Result<T> r, const char* what) {
  if (!r.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, r.status().ToString().c_str());
    std::exit(2);
  }
  return std::move(*r);
}
inline void Need(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(2);
  }
}

}  // namespace tradefin::bench

#endif  // TRADEFIN_BENCH_BENCH_UTIL_H_
