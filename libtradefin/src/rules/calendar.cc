#include "tradefin/rules/calendar.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace tradefin {

Result<Calendar> Calendar::Parse(std::string_view text,
                                 std::string_view source_name) {
  Calendar cal;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    ++line_no;
    pos = end + 1;
    size_t hash = line.find('#');
    if (hash != std::string_view::npos) line = line.substr(0, hash);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
      line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' ||
                             line.back() == '\r'))
      line.remove_suffix(1);
    if (line.empty()) {
      if (end == text.size()) break;
      continue;
    }
    Result<Date> d = Date::ParseIso(line);
    if (!d.ok()) {
      return Status::InvalidArgument(
          std::string(source_name) + ":" + std::to_string(line_no) +
          ": holiday '" + std::string(line) +
          "' is not a date; expected one YYYY-MM-DD per line");
    }
    cal.AddHoliday(*d);
    if (end == text.size()) break;
  }
  return cal;
}

Result<Calendar> Calendar::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open calendar file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read calendar file " + path);
  return Parse(ss.str(), path);
}

void Calendar::AddHoliday(const Date& date) {
  int64_t d = date.ToDays();
  auto it = std::lower_bound(holidays_.begin(), holidays_.end(), d);
  if (it == holidays_.end() || *it != d) holidays_.insert(it, d);
}

void Calendar::SetWeekend(const std::vector<int>& iso_weekdays) {
  weekend_mask_ = 0;
  for (int w : iso_weekdays) {
    if (w >= 1 && w <= 7) weekend_mask_ |= 1u << w;
  }
}

bool Calendar::IsHoliday(const Date& date) const {
  return std::binary_search(holidays_.begin(), holidays_.end(),
                            date.ToDays());
}

bool Calendar::IsBankingDay(const Date& date) const {
  if (weekend_mask_ & (1u << date.Weekday())) return false;
  return !IsHoliday(date);
}

Date Calendar::NextBankingDay(const Date& date) const {
  Date d = date;
  // A week of weekend days plus every listed holiday bounds the search; a
  // calendar closed on all seven weekdays would loop, so stop there.
  for (size_t i = 0; i < holidays_.size() + 8; ++i) {
    if (IsBankingDay(d)) return d;
    d = d.AddDays(1);
  }
  return d;
}

std::vector<Date> Calendar::holidays() const {
  std::vector<Date> out;
  out.reserve(holidays_.size());
  for (int64_t d : holidays_) out.push_back(Date::FromDays(d));
  return out;
}

}  // namespace tradefin
