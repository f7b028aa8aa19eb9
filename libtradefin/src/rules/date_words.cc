// UCP 600 Art. 3 date words for shipment periods (44D):
//  "on or about"                -> 5 days before to 5 days after, inclusive
//  to / until / till / from / between -> the named date included
//  before / after               -> the named date excluded
//  first / second half          -> 1st-15th / 16th-last day of the month
//  beginning / middle / end     -> 1st-10th / 11th-20th / 21st-last day
#include <array>
#include <cstdlib>

#include "rules/internal.h"

namespace tradefin::rules_internal {
namespace {

int MonthFromWord(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kLong = {
      "JANUARY", "FEBRUARY", "MARCH",     "APRIL",   "MAY",      "JUNE",
      "JULY",    "AUGUST",   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"};
  for (size_t i = 0; i < kLong.size(); ++i) {
    if (w == kLong[i] || (w.size() >= 3 && w.size() <= kLong[i].size() &&
                          kLong[i].substr(0, w.size()) == w &&
                          (w.size() == 3 || w == "SEPT")))
      return static_cast<int>(i + 1);
  }
  return 0;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) { return std::atoi(std::string(s).c_str()); }

// A day number, possibly with an ordinal suffix ("15TH", "1ST").
int DayWord(std::string_view w) {
  size_t n = 0;
  while (n < w.size() && w[n] >= '0' && w[n] <= '9') ++n;
  if (n == 0 || n > 2) return 0;
  std::string_view suffix = w.substr(n);
  if (!suffix.empty() && suffix != "ST" && suffix != "ND" && suffix != "RD" &&
      suffix != "TH")
    return 0;
  return ToInt(w.substr(0, n));
}

int YearWord(std::string_view w) {
  if (AllDigits(w) && w.size() == 4) return ToInt(w);
  return 0;
}

class Parser {
 public:
  explicit Parser(std::vector<std::string> t) : t_(std::move(t)) {}

  bool AtEnd() const { return i_ >= t_.size(); }
  bool Peek(std::string_view w, size_t ahead = 0) const {
    return i_ + ahead < t_.size() && t_[i_ + ahead] == w;
  }
  bool Take(std::string_view w) {
    if (Peek(w)) {
      ++i_;
      return true;
    }
    return false;
  }
  bool TakeSeq(std::initializer_list<std::string_view> ws) {
    size_t k = 0;
    for (std::string_view w : ws) {
      if (!Peek(w, k)) return false;
      ++k;
    }
    i_ += k;
    return true;
  }
  void SkipFiller() {
    while (Take("SHIPMENT") || Take("SHIPPED") || Take("DATE") ||
           Take("PERIOD") || Take("DISPATCH") || Take("DESPATCH") ||
           Take("OF") || Take("THE") || Take("IS") || Take("MUST") ||
           Take("BE") || Take("EFFECTED") || Take("TAKING") ||
           Take("CHARGE") || Take("LOADING") || Take("ON") || Take("BOARD")) {
    }
  }

  std::optional<Date> ParseDate() {
    size_t save = i_;
    std::optional<Date> d = ParseDateInner();
    if (!d || !d->valid()) {
      i_ = save;
      return std::nullopt;
    }
    return d;
  }

  // "MAY 2025" -> {2025, 5}.
  bool ParseMonthYear(int* year, int* month) {
    if (i_ + 1 < t_.size()) {
      int m = MonthFromWord(t_[i_]);
      int y = YearWord(t_[i_ + 1]);
      if (m && y) {
        *month = m;
        *year = y;
        i_ += 2;
        return true;
      }
    }
    return false;
  }

 private:
  std::optional<Date> ParseDateInner() {
    if (AtEnd()) return std::nullopt;
    const std::string& a = t_[i_];
    // 250515 (SWIFT YYMMDD) or 20250515.
    if (AllDigits(a) && a.size() == 6) {
      Result<Date> d = Date::ParseYymmdd(a);
      if (!d.ok()) return std::nullopt;
      ++i_;
      return *d;
    }
    if (AllDigits(a) && a.size() == 8) {
      Result<Date> d = Date::ParseYyyymmdd(a);
      if (!d.ok()) return std::nullopt;
      ++i_;
      return *d;
    }
    if (i_ + 2 < t_.size()) {
      const std::string& b = t_[i_ + 1];
      const std::string& c = t_[i_ + 2];
      // 2025 05 15 (from 2025-05-15).
      if (YearWord(a) && AllDigits(b) && b.size() <= 2 && AllDigits(c) &&
          c.size() <= 2) {
        i_ += 3;
        return Date{ToInt(a), ToInt(b), ToInt(c)};
      }
      // 15 05 2025 (from 15.05.2025 or 15/05/2025; day first).
      if (AllDigits(a) && a.size() <= 2 && AllDigits(b) && b.size() <= 2 &&
          YearWord(c)) {
        i_ += 3;
        return Date{ToInt(c), ToInt(b), ToInt(a)};
      }
      // 15 MAY 2025 / 15TH MAY 2025.
      if (DayWord(a) && MonthFromWord(b) && YearWord(c)) {
        i_ += 3;
        return Date{ToInt(c), MonthFromWord(b), DayWord(a)};
      }
      // MAY 15 2025.
      if (MonthFromWord(a) && DayWord(b) && YearWord(c)) {
        i_ += 3;
        return Date{ToInt(c), MonthFromWord(a), DayWord(b)};
      }
    }
    return std::nullopt;
  }

  std::vector<std::string> t_;
  size_t i_ = 0;
};

int LastDayOfMonth(int year, int month) {
  Date first_next = month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1};
  return first_next.AddDays(-1).day;
}

void Narrow(DateWindow* w, std::optional<Date> from, std::optional<Date> to) {
  if (from && (!w->earliest || *from > *w->earliest)) w->earliest = from;
  if (to && (!w->latest || *to < *w->latest)) w->latest = to;
}

}  // namespace

std::optional<DateWindow> ParseShipmentPeriod(std::string_view text) {
  Parser p(Tokens(text));
  DateWindow w;
  bool any = false;
  while (true) {
    p.SkipFiller();
    if (p.AtEnd()) break;
    if (p.Take("AND")) continue;
    if (p.TakeSeq({"OR", "ABOUT"}) || p.Take("ABOUT")) {
      std::optional<Date> d = p.ParseDate();
      if (!d) return std::nullopt;
      Narrow(&w, d->AddDays(-5), d->AddDays(5));
      any = true;
      continue;
    }
    if (p.TakeSeq({"OR", "BEFORE"}) || p.TakeSeq({"NOT", "LATER", "THAN"}) ||
        p.TakeSeq({"NO", "LATER", "THAN"}) || p.Take("LATEST") ||
        p.TakeSeq({"UP", "TO"}) || p.Take("TO") || p.Take("UNTIL") ||
        p.Take("TILL") || p.Take("BY")) {
      std::optional<Date> d = p.ParseDate();
      if (!d) return std::nullopt;
      Narrow(&w, std::nullopt, d);
      any = true;
      continue;
    }
    if (p.TakeSeq({"OR", "AFTER"}) || p.TakeSeq({"NOT", "EARLIER", "THAN"}) ||
        p.TakeSeq({"NO", "EARLIER", "THAN"}) || p.Take("FROM") ||
        p.Take("EARLIEST")) {
      std::optional<Date> d = p.ParseDate();
      if (!d) return std::nullopt;
      Narrow(&w, d, std::nullopt);
      any = true;
      continue;
    }
    if (p.Take("BETWEEN")) {
      std::optional<Date> a = p.ParseDate();
      if (!a || !p.Take("AND")) return std::nullopt;
      std::optional<Date> b = p.ParseDate();
      if (!b) return std::nullopt;
      Narrow(&w, a, b);
      any = true;
      continue;
    }
    if (p.Take("BEFORE")) {
      std::optional<Date> d = p.ParseDate();
      if (!d) return std::nullopt;
      Narrow(&w, std::nullopt, d->AddDays(-1));
      any = true;
      continue;
    }
    if (p.Take("AFTER")) {
      std::optional<Date> d = p.ParseDate();
      if (!d) return std::nullopt;
      Narrow(&w, d->AddDays(1), std::nullopt);
      any = true;
      continue;
    }
    int lo = 0, hi = 0;  // day range within a month; hi 99 = last day
    if (p.TakeSeq({"FIRST", "HALF"})) {
      lo = 1, hi = 15;
    } else if (p.TakeSeq({"SECOND", "HALF"})) {
      lo = 16, hi = 99;
    } else if (p.Take("BEGINNING")) {
      lo = 1, hi = 10;
    } else if (p.Take("MIDDLE")) {
      lo = 11, hi = 20;
    } else if (p.Take("END")) {
      lo = 21, hi = 99;
    } else if (p.Take("IN") || p.Take("DURING")) {
      lo = 1, hi = 99;
    }
    if (lo != 0) {
      p.SkipFiller();
      int year = 0, month = 0;
      if (!p.ParseMonthYear(&year, &month)) return std::nullopt;
      int last = LastDayOfMonth(year, month);
      Narrow(&w, Date{year, month, lo}, Date{year, month, hi == 99 ? last : hi});
      any = true;
      continue;
    }
    return std::nullopt;
  }
  if (!any) return std::nullopt;
  return w;
}

}  // namespace tradefin::rules_internal
