// Progress lines for long operations (audit, big submit batches, bundle
// export): shown on stderr only when stderr is a terminal, so piped and
// redirected output stays exactly the result.
#ifndef TRADEFIN_CLI_PROGRESS_H_
#define TRADEFIN_CLI_PROGRESS_H_

#include <cstdint>
#include <functional>
#include <string>

namespace tradefin::cli {

// "12,000": a count with thousands separators, for people.
std::string GroupThousands(uint64_t n);

// "audit: 12,000 / 100,000 entries" (what, done, total, unit).
std::string ProgressLine(const std::string& what, uint64_t done, uint64_t total,
                         const std::string& unit);

// A (done, total) callback that redraws ProgressLine on stderr (carriage
// return, no newline until done == total), at most every 100 ms except for
// the last call. Empty (no progress at all) when stderr is not a terminal,
// or when `total` turns out to be below `min_total`.
std::function<void(uint64_t, uint64_t)> TerminalProgress(const std::string& what,
                                                         const std::string& unit,
                                                         uint64_t min_total = 0);

}  // namespace tradefin::cli

#endif  // TRADEFIN_CLI_PROGRESS_H_
