// Internal helpers: normalisation, matching, 45A parsing, tolerances.
#include "rules/internal.h"
#include "testing/testing.h"

namespace tradefin::rules_internal {
namespace {

TEST_CASE("normalize") {
  CHECK(Normalize("  Chengdu, Qingbaijiang (Chengxiang)  ") ==
        "CHENGDU QINGBAIJIANG CHENGXIANG");
  CHECK(Normalize("L/C No.") == "L C NO");
  CHECK(Tokens("TF-750W").size() == 2);
}

TEST_CASE("split items") {
  std::vector<std::string> items =
      SplitItems({"+A B", "C", "+D", "", "+ E"});
  REQUIRE(items.size() == 3);
  CHECK(items[0] == "A B C");
  CHECK(items[2] == "E");
  CHECK(SplitItems({"NO PLUS", "SECOND"}) ==
        std::vector<std::string>{"NO PLUS SECOND"});
}

TEST_CASE("names match with abbreviations, not otherwise") {
  CHECK(NamesMatch("Sichuan Tianfu Precision Co. Ltd.",
                   "SICHUAN TIANFU PRECISION COMPANY LIMITED"));
  CHECK(NamesMatch("THE ACME CORPORATION", "ACME CORP"));
  CHECK_FALSE(NamesMatch("SICHUAN TIANFU PRECISION CO LTD",
                         "SICHUAN TIANFU TRADING CO LTD"));
  CHECK_FALSE(NamesMatch("", ""));
}

TEST_CASE("place matching (documented rule)") {
  // Station primary name inside the credit place.
  CHECK(PlaceMatches("CHENGDU QINGBAIJIANG (CHENGXIANG STATION), CHINA",
                     "CHENGXIANG (CHENGDU QINGBAIJIANG)"));
  CHECK(PlaceMatches("CHENGDU QINGBAIJIANG (CHENGXIANG STATION), CHINA",
                     "Chengxiang"));
  CHECK(PlaceMatches("LODZ OLECHOW RAIL TERMINAL, POLAND", "LODZ OLECHOW"));
  CHECK(PlaceMatches("CHENGDU CHENGXIANG", "CHENGXIANG (CHENGDU QINGBAIJIANG)"));
  // Credit primary place inside the station name.
  CHECK(PlaceMatches("MALASZEWICZE", "MALASZEWICZE (PKP) STATION"));
  CHECK_FALSE(PlaceMatches("LODZ OLECHOW RAIL TERMINAL, POLAND",
                           "LODZ KALISKA"));
  CHECK_FALSE(PlaceMatches("CHENGDU QINGBAIJIANG (CHENGXIANG STATION), CHINA",
                           "CHONGQING TUANJIECUN"));
  CHECK_FALSE(PlaceMatches("", "LODZ"));
}

TEST_CASE("45A goods terms") {
  GoodsTerms g = ParseGoods(
      {"+5000 SETS INDUSTRIAL SERVO MOTORS MODEL TF-750W, HS 850151",
       "+UNIT PRICE EUR 250.00 PER SET",
       "+CPT LODZ OLECHOW RAIL TERMINAL, POLAND INCOTERMS 2020",
       "+PACKED IN EXPORT PALLETS"});
  REQUIRE(g.quantity.has_value());
  CHECK(*g.quantity == Decimal{5000, 0});
  CHECK(g.quantity_unit == "SETS");
  CHECK(g.counted_units);
  CHECK_FALSE(g.quantity_about);
  CHECK(g.hs_code == "850151");
  CHECK(g.key_terms ==
        std::vector<std::string>{"INDUSTRIAL", "SERVO", "MOTORS", "MODEL",
                                 "TF", "750W"});
  REQUIRE(g.unit_price.has_value());
  CHECK(*g.unit_price == Decimal{25000, 2});
  CHECK(g.price_currency == "EUR");
  CHECK(g.price_unit == "SET");
  CHECK(g.incoterm == "CPT");
  CHECK(g.incoterm_place == "LODZ OLECHOW RAIL TERMINAL, POLAND");
  CHECK(g.incoterms_edition == "2020");
  REQUIRE(g.unmapped.size() == 1);
  CHECK(g.unmapped[0].first == 4);

  GoodsTerms bulk = ParseGoods({"ABOUT 1,000.5 MT UREA 46% PRILLED",
                                "+UNIT PRICE ABOUT USD 300,00 PER MT"});
  CHECK(bulk.quantity_about);
  REQUIRE(bulk.quantity.has_value());
  CHECK(*bulk.quantity == Decimal{10005, 1});
  CHECK_FALSE(bulk.counted_units);
  CHECK(bulk.price_about);
  CHECK(*bulk.unit_price == Decimal{300, 0});
}

TEST_CASE("counted units") {
  CHECK(IsCountedUnit("SETS"));
  CHECK(IsCountedUnit("pieces"));
  CHECK(IsCountedUnit("CARTONS"));
  CHECK(IsCountedUnit("PALLETS"));
  CHECK_FALSE(IsCountedUnit("MT"));
  CHECK_FALSE(IsCountedUnit("KGS"));
}

TEST_CASE("tolerance arithmetic in integer minor units") {
  CHECK(MaxWithTolerance(125000000, 5) == 131250000);
  CHECK(MinWithTolerance(125000000, 5) == 118750000);
  CHECK(MaxWithTolerance(125000000, 10) == 137500000);
  // Rounding is conservative: the max rounds down, the min rounds up.
  CHECK(MaxWithTolerance(101, 5) == 106);   // 106.05 -> 106
  CHECK(MinWithTolerance(101, 5) == 96);    // 95.95 -> 96
  CHECK(MaxWithTolerance(0, 5) == 0);
  // No overflow near the int64 range.
  CHECK(MaxWithTolerance(9000000000000000000LL, 2) ==
        9180000000000000000LL);
  CHECK(MinorToString(131250000, 2) == "1312500.00");
  CHECK(MinorToString(5, 3) == "0.005");
  CHECK(MinorToString(-150, 2) == "-1.50");
  CHECK(MinorToString(1500, 0) == "1500");
  CHECK(WithinPercent(Decimal{5250, 0}, Decimal{5000, 0}, 5));
  CHECK_FALSE(WithinPercent(Decimal{52501, 1}, Decimal{5000, 0}, 5));
  CHECK(WithinPercent(Decimal{4500, 0}, Decimal{5000, 0}, 10));
}

}  // namespace
}  // namespace tradefin::rules_internal
