// Internal helpers of the rules module, shared by its .cc files and tests:
// text normalisation and matching, Art. 3 date words, 45A parsing and
// integer tolerance arithmetic. Not part of the public API.
#ifndef TRADEFIN_RULES_INTERNAL_H_
#define TRADEFIN_RULES_INTERNAL_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/decimal.h"
#include "tradefin/document/common.h"

namespace tradefin::rules_internal {

// ---- text ----------------------------------------------------------------
// Uppercase ASCII; every ASCII character that is not a letter or digit
// becomes a space; runs of spaces collapse; trimmed. Non-ASCII bytes are
// kept as letters.
std::string Normalize(std::string_view s);
std::vector<std::string> Tokens(std::string_view s);  // of Normalize(s)
std::string Upper(std::string_view s);
// Items of a SWIFT narrative: a line starting with '+' opens an item, other
// lines continue the current one (joined by a space). Text before the first
// '+' is an item of its own.
std::vector<std::string> SplitItems(const TextLines& lines);

// A Finding field path as people say it, for report text: "presentation_place"
// -> "presentation place", "goods[0].description" -> "goods #1 description"
// (list indices count from 1 in words). FieldsWords joins several with ", ".
std::string FieldWords(const std::string& field);
std::string FieldsWords(const std::vector<std::string>& fields);

// Party names equal after Normalize, with common legal-form abbreviations
// folded (COMPANY=CO, LIMITED=LTD, CORPORATION=CORP, ...) and a leading
// "THE" dropped (ISBP 821 A1: common abbreviations are acceptable).
bool NamesMatch(std::string_view a, std::string_view b);

// Place matching between a credit place (44A/44B, a 46A "FROM ... TO ...",
// an Incoterm place) and a document place (station name):
// after Normalize and dropping filler words (STATION, RAIL, RAILWAY,
// TERMINAL, FREIGHT, CONTAINER, YARD, CARGO, PORT, STN, OF, THE), the
// places match if every word of the document place's primary name (text
// before any '(' or ',') occurs in the credit place, or every word of the
// credit place's primary name occurs anywhere in the document place.
bool PlaceMatches(std::string_view credit_place, std::string_view doc_place);

// ---- Art. 3 date words -----------------------------------------------------
struct DateWindow {
  std::optional<Date> earliest;  // inclusive
  std::optional<Date> latest;    // inclusive
};
// Parses a shipment period (44D, or any "SHIPMENT ..." text) with the
// UCP 600 Art. 3 date words: ON OR ABOUT (+-5 days), FROM/TO/UNTIL/TILL/
// BETWEEN...AND (inclusive), BEFORE/AFTER (exclusive), FIRST/SECOND HALF OF,
// BEGINNING/MIDDLE/END OF a month, NOT LATER THAN, IN/DURING a month.
// Dates: 2025-05-15, 15.05.2025, 15/05/2025, 250515, 15 MAY 2025,
// MAY 15 2025, 15TH MAY 2025. nullopt if any word is not understood.
std::optional<DateWindow> ParseShipmentPeriod(std::string_view text);

// ---- units (units.cc) -------------------------------------------------------
enum class UnitKind { kMass, kCount };
struct UnitInfo {
  UnitKind kind;
  std::string base;  // "KG" for mass units; the counted family ("SET",
                     // "PIECE", "PALLET", ...) otherwise
  Decimal factor;    // one of this unit in the base (1 LBS = 0.45359237 KG)
};
// The unit as documents write it: words (KG, MT, LBS, SETS, PCS, PALLETS),
// UN/ECE Rec. 20 codes (KGM, TNE, LBR, H87, C62, NAR) and China customs
// unit codes (001, 006, 007, 011, 035, 036, 070). nullopt = unknown unit.
std::optional<UnitInfo> LookupUnit(std::string_view unit);
// A credit's definition of one counted unit in another: 1 `family` =
// `count` `in_family` ("1 SET = 4 PCS" -> {"SET", 4, "PIECE"}).
struct UnitDefinition {
  std::string family;
  Decimal count;
  std::string in_family;
};
// The definitions in a text: "1 SET = 4 PCS", "4 PCS PER SET", "EACH SET
// [CONSISTING] OF 4 PIECES".
std::vector<UnitDefinition> ParseUnitDefinitions(std::string_view text);
// A quantity in its base unit, with half a unit of the last digit shown
// (converted to the base): the rounding a converted figure may carry.
struct BaseQuantity {
  Decimal value;
  std::string base;
  Decimal rounding;
};
// nullopt when the unit is unknown or the arithmetic would overflow.
std::optional<BaseQuantity> ToBase(const Decimal& quantity,
                                   std::string_view unit,
                                   const std::vector<UnitDefinition>& defs);
// Same base and equal value; when `converted` (the two were written in
// different units) a difference within the larger rounding is accepted.
bool SameQuantity(const BaseQuantity& a, const BaseQuantity& b, bool converted);
Decimal AbsDifference(const Decimal& a, const Decimal& b);
// Unit prices a (per unit_a) and b (per unit_b) agree: compared per the
// same unit (EUR 8.50 per KG = EUR 8500.00 per MT; SET/PCS by `defs`),
// within `percent` of b, or within half a unit of the last digit shown when
// percent is 0 and a conversion was needed. Units that cannot be related
// compare the figures as written.
bool PricesAgree(const Decimal& a, std::string_view unit_a, const Decimal& b,
                 std::string_view unit_b, int percent,
                 const std::vector<UnitDefinition>& defs);
// "5000 SETS"; a numeric customs unit code as "5000 (customs unit 001)".
std::string QuantityText(const Decimal& q, std::string_view unit);
// The unit as QuantityText writes it.
std::string UnitText(std::string_view unit);

// ---- 45A -------------------------------------------------------------------
struct GoodsTerms {
  // Goods item (the first item that is not a price or trade-term item).
  std::string goods_text;
  std::optional<Decimal> quantity;
  std::string quantity_unit;     // as written, e.g. "SETS"
  bool quantity_about = false;   // ABOUT / APPROXIMATELY / CIRCA
  bool counted_units = false;    // unit is packing units or items
  std::vector<std::string> key_terms;  // normalised words of the goods
  // Unit definitions in the goods item ("1 SET = 4 PCS"); their words are
  // not goods key terms.
  std::vector<UnitDefinition> unit_definitions;
  std::string hs_code;           // digits after "HS"/"HS CODE"
  // Price item: "UNIT PRICE [ABOUT] EUR 250.00 PER SET".
  std::optional<Decimal> unit_price;
  std::string price_currency;
  std::string price_unit;
  bool price_about = false;
  // Trade-term item: "CPT LODZ ..., POLAND INCOTERMS 2020".
  std::string incoterm;
  std::string incoterm_place;
  std::string incoterms_edition;  // e.g. "2020"
  // Items that matched nothing: (1-based item number, text).
  std::vector<std::pair<int, std::string>> unmapped;
};
GoodsTerms ParseGoods(const TextLines& lines);

// True when `unit` counts packing units or items (SETS, PIECES, UNITS,
// CARTONS, PALLETS, ...): the Art. 30(b) 5% quantity tolerance then does
// not apply.
bool IsCountedUnit(std::string_view unit);
// Three-letter Incoterms 2010/2020 rule code, e.g. "CPT".
bool IsIncoterm(std::string_view word);

// ---- tolerance arithmetic (integer minor units, never floating point) -----
// floor(base * (100 + percent) / 100): the most that may be drawn.
// REQUIRES: base >= 0, 0 <= percent <= 100.
int64_t MaxWithTolerance(int64_t base, int percent);
// ceil(base * (100 - percent) / 100): the least that must be drawn.
int64_t MinWithTolerance(int64_t base, int percent);
// True if |value - base| <= base * percent / 100, exactly (Decimals).
bool WithinPercent(const Decimal& value, const Decimal& base, int percent);
// Money-style text of minor units at `exponent`, e.g. 131250000,2 ->
// "1312500.00".
std::string MinorToString(int64_t minor, int exponent);

// ---- finding text --------------------------------------------------------
// The elements of `v` separated by `sep`.
std::string Join(const std::vector<std::string>& v, std::string_view sep);
// The elements of `s` separated by spaces, or "none" when empty.
std::string SetText(const std::set<std::string>& s);

}  // namespace tradefin::rules_internal

#endif  // TRADEFIN_RULES_INTERNAL_H_
