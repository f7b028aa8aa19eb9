#include "tradefin/core/date.h"

#include <sstream>
#include <string>

#include "testing/testing.h"
#include "tradefin/core/clock.h"
#include "tradefin/core/decimal.h"
#include "tradefin/core/money.h"
#include "tradefin/core/status.h"

namespace tradefin {

TEST_CASE("issue 13: a well-formed date that does not exist says why") {
  auto d = Date::ParseIso("2025-02-29");
  REQUIRE_FALSE(d.ok());
  CHECK(d.status().IsInvalidArgument());
  CHECK(d.status().message() == "2025-02-29 is not a date (2025 is not a leap year)");
  CHECK(Date::ParseIso("2025-04-31").status().message() ==
        "2025-04-31 is not a date (April 2025 has 30 days)");
  CHECK(Date::ParseIso("2025-13-01").status().message() ==
        "2025-13-01 is not a date (there is no month 13)");
  CHECK(Date::ParseYymmdd("250229").status().message() ==
        "250229 is not a date (2025 is not a leap year)");
  // 2024 is a leap year; 1900 is not, 2000 is.
  CHECK_OK(Date::ParseIso("2024-02-29"));
  CHECK_FALSE(Date::ParseIso("1900-02-29").ok());
  CHECK_OK(Date::ParseIso("2000-02-29"));
  // A malformed date is still a format error.
  CHECK(std::string(Date::ParseIso("2025-2-28").status().message())
            .find("YYYY-MM-DD") != std::string::npos);
}

}  // namespace tradefin

namespace tradefin {

TEST_CASE("issue 13: Date and Money print with the standard streams") {
  std::ostringstream out;
  out << Date{2025, 5, 31} << " " << *Money::Parse("EUR", "1250000.5") << " "
      << *Money::Parse("JPY", "1500");
  CHECK(out.str() == "2025-05-31 EUR 1250000.50 JPY 1500");
}

TEST_CASE("issue 13: Decimal and Status print with the standard streams") {
  std::ostringstream out;
  out << *Decimal::Parse("240.00") << " " << Status() << " "
      << Status::NotFound("no entry 9");
  CHECK(out.str() == "240.00 OK NotFound: no entry 9");
}

}  // namespace tradefin

namespace tradefin {

TEST_CASE("issue 13: FormatUtcMillis prints ISO 8601 UTC for people") {
  CHECK(FormatUtcMillis(0) == "1970-01-01T00:00:00.000Z");
  CHECK(FormatUtcMillis(1748700187250) == "2025-05-31T14:03:07.250Z");
  CHECK(FormatUtcMillis(-1) == "1969-12-31T23:59:59.999Z");
}

}  // namespace tradefin
