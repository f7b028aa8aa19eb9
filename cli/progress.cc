#include "progress.h"

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>

namespace tradefin::cli {

std::string GroupThousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string ProgressLine(const std::string& what, uint64_t done, uint64_t total,
                         const std::string& unit) {
  return what + ": " + GroupThousands(done) + " / " + GroupThousands(total) + " " + unit;
}

std::function<void(uint64_t, uint64_t)> TerminalProgress(const std::string& what,
                                                         const std::string& unit,
                                                         uint64_t min_total) {
  if (::isatty(STDERR_FILENO) != 1) return {};
  using Clock = std::chrono::steady_clock;
  // Shared so copies of the std::function throttle together.
  auto last = std::make_shared<Clock::time_point>();
  return [what, unit, min_total, last](uint64_t done, uint64_t total) {
    if (total < min_total) return;
    const auto now = Clock::now();
    const bool final_call = done >= total;
    if (!final_call && *last != Clock::time_point() &&
        now - *last < std::chrono::milliseconds(100))
      return;
    *last = now;
    // \r and clear-to-end-of-line: the line is redrawn in place.
    std::cerr << "\r" << ProgressLine(what, done, total, unit) << "\x1b[K";
    if (final_call) std::cerr << "\n";
    std::cerr << std::flush;
  };
}

}  // namespace tradefin::cli
