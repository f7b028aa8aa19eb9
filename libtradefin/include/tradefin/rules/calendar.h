// Calendar: which days the bank at the place of presentation is open
// (UCP 600 Art. 29(a): an expiry date or last day for presentation that falls
// on a day the bank is closed moves to the next banking day).
//
// Weekends (Saturday and Sunday by default) and a configurable list of
// holiday dates are non-banking days. A holiday file is plain text, one
// YYYY-MM-DD per line; '#' starts a comment; blank lines are ignored:
//
//   # Chengdu banks 2025
//   2025-05-01
//   2025-06-02   # Dragon Boat Festival (observed)
//
//   auto cal = tradefin::Calendar::LoadFile("holidays-cn.txt");
//   if (!cal.ok()) return cal.status();
//   tradefin::Date d = cal->NextBankingDay(expiry);
//
// Thread safety: const methods may be called from several threads at once;
// AddHoliday / SetWeekend need exclusive access.
#ifndef TRADEFIN_RULES_CALENDAR_H_
#define TRADEFIN_RULES_CALENDAR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/export.h"
#include "tradefin/core/result.h"

namespace tradefin {

class TRADEFIN_EXPORT Calendar {
 public:
  // Saturday and Sunday closed, no holidays.
  Calendar() = default;

  // Parses a holiday file (format above). `source_name` is used in errors.
  // Errors: kInvalidArgument naming "<source>:<line>" and the bad text.
  static Result<Calendar> Parse(std::string_view text,
                                std::string_view source_name);
  // Reads and parses a holiday file. Errors: kNotFound / kIOError if it
  // cannot be read; otherwise as Parse.
  static Result<Calendar> LoadFile(const std::string& path);

  // Marks `date` as a bank holiday. REQUIRES: date.valid().
  void AddHoliday(const Date& date);
  // Sets which ISO weekdays (Monday = 1 .. Sunday = 7) are closed.
  // Default: {6, 7}.
  void SetWeekend(const std::vector<int>& iso_weekdays);

  // True if the bank is open on `date`. REQUIRES: date.valid().
  bool IsBankingDay(const Date& date) const;
  // `date` itself if it is a banking day, else the first following banking
  // day. REQUIRES: date.valid().
  Date NextBankingDay(const Date& date) const;
  // True if `date` is a listed holiday (not just a weekend day).
  bool IsHoliday(const Date& date) const;

  // The holidays, sorted and without duplicates.
  std::vector<Date> holidays() const;

 private:
  std::vector<int64_t> holidays_;  // days since epoch, sorted, unique
  unsigned weekend_mask_ = (1u << 6) | (1u << 7);  // bit = ISO weekday
};

}  // namespace tradefin

#endif  // TRADEFIN_RULES_CALENDAR_H_
