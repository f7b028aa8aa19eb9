// Clock: where "now" and "today" come from, so tests and audits can pin time.
//
// Thread safety: implementations must be safe for concurrent calls.
#ifndef TRADEFIN_CORE_CLOCK_H_
#define TRADEFIN_CORE_CLOCK_H_

#include <cstdint>
#include <string>

#include "tradefin/core/date.h"
#include "tradefin/core/export.h"

namespace tradefin {

class TRADEFIN_EXPORT Clock {
 public:
  virtual ~Clock();
  // Milliseconds since the Unix epoch, UTC.
  virtual int64_t NowUnixMillis() const = 0;
  // Today's UTC date.
  Date TodayUtc() const;
};

// An instant as ISO 8601 UTC with milliseconds, "2025-05-31T14:03:07.250Z"
// (what people read; stores and JSON keep the integer milliseconds).
TRADEFIN_EXPORT std::string FormatUtcMillis(int64_t unix_millis);

// The system clock. Never null; lives for the whole program.
TRADEFIN_EXPORT const Clock& SystemClock();

// A clock that always returns a fixed instant (tests, reproducible runs).
class TRADEFIN_EXPORT FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t unix_millis) : millis_(unix_millis) {}
  int64_t NowUnixMillis() const override { return millis_; }
  void Set(int64_t unix_millis) { millis_ = unix_millis; }

 private:
  int64_t millis_;
};

}  // namespace tradefin

#endif  // TRADEFIN_CORE_CLOCK_H_
