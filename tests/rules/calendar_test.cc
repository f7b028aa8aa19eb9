#include "tradefin/rules/calendar.h"

#include "testing/testing.h"

namespace tradefin {
namespace {

TEST_CASE("weekends are closed by default") {
  Calendar cal;
  CHECK(cal.IsBankingDay({2025, 6, 30}));    // Monday
  CHECK_FALSE(cal.IsBankingDay({2025, 6, 28}));  // Saturday
  CHECK_FALSE(cal.IsBankingDay({2025, 6, 29}));  // Sunday
  CHECK(cal.NextBankingDay({2025, 6, 28}) == Date{2025, 6, 30});
  CHECK(cal.NextBankingDay({2025, 6, 27}) == Date{2025, 6, 27});
}

TEST_CASE("holidays chain with weekends") {
  Calendar cal;
  cal.AddHoliday({2025, 5, 1});
  cal.AddHoliday({2025, 5, 2});
  // Thu 1 May and Fri 2 May holidays, then the weekend: Monday 5 May.
  CHECK(cal.NextBankingDay({2025, 5, 1}) == Date{2025, 5, 5});
  CHECK(cal.IsHoliday({2025, 5, 2}));
  CHECK_FALSE(cal.IsHoliday({2025, 5, 3}));  // Saturday, not a holiday
}

TEST_CASE("custom weekend") {
  Calendar cal;
  cal.SetWeekend({5, 6});  // Friday and Saturday
  CHECK(cal.IsBankingDay({2025, 6, 29}));    // Sunday open
  CHECK_FALSE(cal.IsBankingDay({2025, 6, 27}));
}

TEST_CASE("holiday file parses with comments and blank lines") {
  Result<Calendar> cal = Calendar::Parse(
      "# Chengdu 2025\n\n2025-06-02   # Dragon Boat\r\n2025-10-01\n2025-06-02\n",
      "cn.txt");
  REQUIRE_OK(cal);
  CHECK(cal->holidays().size() == 2);
  CHECK_FALSE(cal->IsBankingDay({2025, 6, 2}));
}

TEST_CASE("holiday file errors name the line") {
  Result<Calendar> cal = Calendar::Parse("2025-06-02\n2025-02-30\n", "cn.txt");
  REQUIRE_FALSE(cal.ok());
  CHECK(cal.status().code() == StatusCode::kInvalidArgument);
  CHECK(std::string(cal.status().message()).find("cn.txt:2") !=
        std::string::npos);
  CHECK(Calendar::LoadFile("/nonexistent/holidays.txt").status().code() ==
        StatusCode::kNotFound);
}

}  // namespace
}  // namespace tradefin
