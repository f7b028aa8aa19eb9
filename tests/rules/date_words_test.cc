// UCP 600 Art. 3 date words.
#include "rules/internal.h"
#include "testing/testing.h"

namespace tradefin::rules_internal {
namespace {

void Expect(const char* text, std::optional<Date> from, std::optional<Date> to) {
  CAPTURE(text);
  std::optional<DateWindow> w = ParseShipmentPeriod(text);
  REQUIRE(w.has_value());
  CHECK(w->earliest == from);
  CHECK(w->latest == to);
}

TEST_CASE("on or about is +-5 days inclusive") {
  Expect("SHIPMENT ON OR ABOUT 15 MAY 2025", Date{2025, 5, 10},
         Date{2025, 5, 20});
  Expect("ON OR ABOUT 2025-05-30", Date{2025, 5, 25}, Date{2025, 6, 4});
}

TEST_CASE("to, until, till, from, between include the date") {
  Expect("FROM 01.05.2025 TO 31.05.2025", Date{2025, 5, 1}, Date{2025, 5, 31});
  Expect("BETWEEN 1ST MAY 2025 AND 15TH MAY 2025", Date{2025, 5, 1},
         Date{2025, 5, 15});
  Expect("SHIPMENT UNTIL MAY 20 2025", std::nullopt, Date{2025, 5, 20});
  Expect("TILL 250520", std::nullopt, Date{2025, 5, 20});
  Expect("NOT LATER THAN 20/05/2025", std::nullopt, Date{2025, 5, 20});
  Expect("FROM 2025-05-10", Date{2025, 5, 10}, std::nullopt);
}

TEST_CASE("before and after exclude the date") {
  Expect("SHIPMENT BEFORE 20 MAY 2025", std::nullopt, Date{2025, 5, 19});
  Expect("SHIPMENT AFTER 20 MAY 2025", Date{2025, 5, 21}, std::nullopt);
  Expect("AFTER 10 MAY 2025 AND BEFORE 1 JUNE 2025", Date{2025, 5, 11},
         Date{2025, 5, 31});
  Expect("ON OR BEFORE 31 MAY 2025", std::nullopt, Date{2025, 5, 31});
  Expect("ON OR AFTER 1 MAY 2025", Date{2025, 5, 1}, std::nullopt);
}

TEST_CASE("halves, beginning, middle, end of a month") {
  Expect("FIRST HALF OF MAY 2025", Date{2025, 5, 1}, Date{2025, 5, 15});
  Expect("SECOND HALF OF FEBRUARY 2024", Date{2024, 2, 16}, Date{2024, 2, 29});
  Expect("BEGINNING OF MAY 2025", Date{2025, 5, 1}, Date{2025, 5, 10});
  Expect("MIDDLE OF MAY 2025", Date{2025, 5, 11}, Date{2025, 5, 20});
  Expect("END OF APRIL 2025", Date{2025, 4, 21}, Date{2025, 4, 30});
  Expect("SHIPMENT DURING JUNE 2025", Date{2025, 6, 1}, Date{2025, 6, 30});
}

TEST_CASE("text that is not understood is not guessed") {
  CHECK_FALSE(ParseShipmentPeriod("PROMPT SHIPMENT").has_value());
  CHECK_FALSE(ParseShipmentPeriod("SHIPMENT 15 MAY 2025").has_value());
  CHECK_FALSE(ParseShipmentPeriod("BEFORE 31 FEB 2025").has_value());
  CHECK_FALSE(ParseShipmentPeriod("").has_value());
  CHECK_FALSE(
      ParseShipmentPeriod("FROM 1 MAY 2025 TO 31 MAY 2025 OR AS AGREED")
          .has_value());
}

}  // namespace
}  // namespace tradefin::rules_internal
