// Tiny timing helpers shared by the benchmarks in bench/.
//
// Thread safety: MeasureOpsPerSec runs `fn` on the calling thread only.
#ifndef TRADEFIN_BENCH_BENCH_UTIL_H_
#define TRADEFIN_BENCH_BENCH_UTIL_H_

#include <functional>
#include <string>

namespace tradefin::bench {

// Calls `fn` repeatedly and returns calls per second. Warms up first
// (about a tenth of the budget), then runs batches of growing size until
// at least `min_seconds` of wall-clock time have been measured.
double MeasureOpsPerSec(const std::function<void()>& fn,
                        double min_seconds = 1.0);

// "2 x Intel(R) Xeon(R) ... (nproc 2)": logical CPUs and the CPU model
// from /proc/cpuinfo, for the machine line of docs/performance/*.md.
std::string MachineDescription();

}  // namespace tradefin::bench

#endif  // TRADEFIN_BENCH_BENCH_UTIL_H_
