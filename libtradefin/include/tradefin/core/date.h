// Date: a proleptic Gregorian calendar date with no time zone.
//
// Trade documents carry dates, not instants; every rule (expiry, shipment,
// presentation period) works on whole days.
//
// Thread safety: plain value type.
#ifndef TRADEFIN_CORE_DATE_H_
#define TRADEFIN_CORE_DATE_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"

namespace tradefin {

struct TRADEFIN_EXPORT Date {
  int year = 0;   // 1..9999
  int month = 0;  // 1..12
  int day = 0;    // 1..31, valid for the month

  // True for a real calendar date (checks leap years).
  bool valid() const;

  // "2025-05-31". Errors: kInvalidArgument for any other form or an
  // impossible date such as 2025-02-29.
  static Result<Date> ParseIso(std::string_view text);
  // SWIFT "YYMMDD"; years 00-79 are 20xx, 80-99 are 19xx (SWIFT convention).
  static Result<Date> ParseYymmdd(std::string_view text);
  // China customs "YYYYMMDD".
  static Result<Date> ParseYyyymmdd(std::string_view text);

  std::string ToIso() const;     // "2025-05-31"
  std::string ToYymmdd() const;  // "250531"

  // Days since 1970-01-01 (negative before). REQUIRES: valid().
  int64_t ToDays() const;
  static Date FromDays(int64_t days);
  Date AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  // ISO weekday, Monday = 1 .. Sunday = 7.
  int Weekday() const;

  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator!=(const Date& a, const Date& b) { return !(a == b); }
  friend bool operator<(const Date& a, const Date& b) {
    if (a.year != b.year) return a.year < b.year;
    if (a.month != b.month) return a.month < b.month;
    return a.day < b.day;
  }
  friend bool operator>(const Date& a, const Date& b) { return b < a; }
  friend bool operator<=(const Date& a, const Date& b) { return !(b < a); }
  friend bool operator>=(const Date& a, const Date& b) { return !(a < b); }
};

// Writes ToIso(): "2025-05-31" (an invalid date prints its fields the
// same way, e.g. "2025-02-29").
TRADEFIN_EXPORT std::ostream& operator<<(std::ostream& os, const Date& date);

// b - a in days.
inline int64_t DaysBetween(const Date& a, const Date& b) {
  return b.ToDays() - a.ToDays();
}

}  // namespace tradefin

#endif  // TRADEFIN_CORE_DATE_H_
