#include "tradefin/core/clock.h"

#include <chrono>

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

const Clock& SystemClock() {
  static const RealClock clock;
  return clock;
}

}  // namespace tradefin
