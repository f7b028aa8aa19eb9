#include "tradefin/core/clock.h"

#include <chrono>
#include <cstdio>

namespace tradefin {
namespace {

class RealClock final : public Clock {
 public:
  int64_t NowUnixMillis() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

Clock::~Clock() = default;

Date Clock::TodayUtc() const {
  int64_t ms = NowUnixMillis();
  int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  return Date::FromDays(days);
}

std::string FormatUtcMillis(int64_t ms) {
  // Floor division, so instants before 1970 land on the right day.
  const int64_t day_ms = 86400000;
  int64_t days = ms >= 0 ? ms / day_ms : (ms - (day_ms - 1)) / day_ms;
  int64_t rest = ms - days * day_ms;
  char buf[64];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d.%03dZ",
                static_cast<int>(rest / 3600000), static_cast<int>(rest / 60000 % 60),
                static_cast<int>(rest / 1000 % 60), static_cast<int>(rest % 1000));
  return Date::FromDays(days).ToIso() + buf;
}

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

}  // namespace tradefin
