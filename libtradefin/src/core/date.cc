#include "tradefin/core/date.h"

#include <cstdio>
#include <ostream>
#include <string>

namespace tradefin {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// The message says which part of a well-formed date does not exist, so
// "2025-02-29" is not mistaken for a format error.
Result<Date> Checked(Date d, std::string_view text) {
  if (d.valid()) return d;
  static constexpr const char* kMonths[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  std::string why;
  if (d.year < 1 || d.year > 9999) {
    why = "years run from 1 to 9999";
  } else if (d.month < 1 || d.month > 12) {
    why = "there is no month " + std::to_string(d.month);
  } else if (d.month == 2 && d.day == 29) {
    why = std::to_string(d.year) + " is not a leap year";
  } else {
    why = std::string(kMonths[d.month - 1]) + " " + std::to_string(d.year) +
          " has " + std::to_string(DaysInMonth(d.year, d.month)) + " days";
  }
  return Status::InvalidArgument(std::string(text) + " is not a date (" + why +
                                 ")");
}

}  // namespace

bool Date::valid() const {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

Result<Date> Date::ParseIso(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !AllDigits(t.substr(0, 4)) ||
      !AllDigits(t.substr(5, 2)) || !AllDigits(t.substr(8, 2))) {
    return Status::InvalidArgument("'" + std::string(t) +
                                   "' is not a date of the form YYYY-MM-DD");
  }
  return Checked({ToInt(t.substr(0, 4)), ToInt(t.substr(5, 2)), ToInt(t.substr(8, 2))}, t);
}

Result<Date> Date::ParseYymmdd(std::string_view t) {
  if (t.size() != 6 || !AllDigits(t)) {
    return Status::InvalidArgument("'" + std::string(t) +
                                   "' is not a date of the form YYMMDD");
  }
  int yy = ToInt(t.substr(0, 2));
  return Checked({yy < 80 ? 2000 + yy : 1900 + yy, ToInt(t.substr(2, 2)),
                  ToInt(t.substr(4, 2))}, t);
}

Result<Date> Date::ParseYyyymmdd(std::string_view t) {
  if (t.size() != 8 || !AllDigits(t)) {
    return Status::InvalidArgument("'" + std::string(t) +
                                   "' is not a date of the form YYYYMMDD");
  }
  return Checked({ToInt(t.substr(0, 4)), ToInt(t.substr(4, 2)), ToInt(t.substr(6, 2))}, t);
}

std::string Date::ToIso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::ToYymmdd() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d", year % 100, month, day);
  return buf;
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t Date::ToDays() const {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (month + 9) % 12;
  int64_t doy = (153 * mp + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date Date::FromDays(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m),
              static_cast<int>(d)};
}

std::ostream& operator<<(std::ostream& os, const Date& date) {
  return os << date.ToIso();
}

int Date::Weekday() const {
  int64_t z = ToDays();  // 1970-01-01 was a Thursday (4)
  int64_t w = (z % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

}  // namespace tradefin
