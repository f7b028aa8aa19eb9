#include "tradefin/core/money.h"

#include "testing/testing.h"
#include "tradefin/core/date.h"
#include "tradefin/core/decimal.h"

namespace tradefin {

TEST_CASE("Money parses into integer minor units with the ISO 4217 exponent") {
  auto eur = Money::Parse("EUR", "1250000.5");
  REQUIRE_OK(eur);
  CHECK(eur->minor_units == 125000050);
  CHECK(eur->ToString() == "EUR 1250000.50");
  auto jpy = Money::Parse("JPY", "1500");
  REQUIRE_OK(jpy);
  CHECK(jpy->minor_units == 1500);
  auto kwd = Money::Parse("KWD", "1.005");
  REQUIRE_OK(kwd);
  CHECK(kwd->minor_units == 1005);
}

TEST_CASE("Money rejects unknown currencies and too many decimals") {
  CHECK_FALSE(Money::Parse("XYZ", "1").ok());
  CHECK_FALSE(Money::Parse("EUR", "1.005").ok());
  CHECK_FALSE(Money::Parse("JPY", "1.5").ok());
  CHECK_FALSE(Money::Parse("EUR", "1.000").ok());
  CHECK_FALSE(Money::Parse("EUR", "1e5").ok());
  CHECK_FALSE(Money::Parse("EUR", "1,000.00").ok());
}

TEST_CASE("Decimal parses exactly and compares across scales") {
  auto a = Decimal::Parse("1.50");
  auto b = Decimal::Parse("1.5");
  REQUIRE_OK(a);
  REQUIRE_OK(b);
  CHECK(*a == *b);
  CHECK(a->ToString() == "1.50");
  CHECK(Decimal::Parse("-0.25")->ToString() == "-0.25");
  CHECK(Compare(*Decimal::Parse("-0.5"), *Decimal::Parse("-0.25")) < 0);
  CHECK(Compare(*Decimal::Parse("2"), *Decimal::Parse("1.999")) > 0);
  CHECK_FALSE(Decimal::Parse("1.").ok());
  CHECK_FALSE(Decimal::Parse(".5").ok());
  CHECK_FALSE(Decimal::Parse("+1").ok());
  auto swift = Decimal::ParseSwift("1250000,");
  REQUIRE_OK(swift);
  CHECK(swift->units == 1250000);
  CHECK_FALSE(Decimal::ParseSwift("1250000").ok());
  auto p = Multiply(*Decimal::Parse("5000"), *Decimal::Parse("250.00"));
  REQUIRE_OK(p);
  CHECK(*p == *Decimal::Parse("1250000"));
}

TEST_CASE("Date validates the calendar and does day arithmetic") {
  CHECK_FALSE(Date::ParseIso("2025-02-29").ok());
  CHECK(Date::ParseIso("2024-02-29").ok());
  CHECK_FALSE(Date::ParseIso("2025-5-31").ok());
  auto d = Date::ParseYymmdd("250531");
  REQUIRE_OK(d);
  CHECK(d->ToIso() == "2025-05-31");
  CHECK(d->AddDays(21).ToIso() == "2025-06-21");
  CHECK(Date::FromDays(0).ToIso() == "1970-01-01");
  CHECK(Date{2025, 5, 31}.Weekday() == 6);  // a Saturday
  CHECK(Date{2025, 5, 20} < Date{2025, 5, 31});
  CHECK(Date::ParseYyyymmdd("20250520")->ToIso() == "2025-05-20");
}

}  // namespace tradefin
