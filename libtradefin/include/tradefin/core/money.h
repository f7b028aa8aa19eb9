// Money: integer minor units plus an ISO 4217 currency. Never a double.
//
//   Result<Money> m = Money::Parse("EUR", "1250000.00");  // 125000000 cents
//
// Thread safety: plain value types; the currency table is immutable.
#ifndef TRADEFIN_CORE_MONEY_H_
#define TRADEFIN_CORE_MONEY_H_

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

#include "tradefin/core/decimal.h"
#include "tradefin/core/export.h"
#include "tradefin/core/result.h"

namespace tradefin {

struct Currency {
  std::string_view code;  // ISO 4217 alphabetic, e.g. "EUR"
  int numeric = 0;        // ISO 4217 numeric, e.g. 978
  int exponent = 2;       // minor-unit digits: JPY 0, EUR 2, KWD 3
};

// Looks up an active ISO 4217 currency. nullopt if unknown.
TRADEFIN_EXPORT std::optional<Currency> FindCurrency(std::string_view code);

struct TRADEFIN_EXPORT Money {
  std::string currency;     // ISO 4217 alphabetic code
  int64_t minor_units = 0;  // amount * 10^exponent

  // Parses a decimal amount in `currency`. The text may have at most the
  // currency's exponent of decimals ("1250000", "1250000.5", "1250000.50"
  // are all fine for EUR; "1.005" is not). Errors: kInvalidArgument for an
  // unknown currency, a malformed amount or too many decimals.
  static Result<Money> Parse(std::string_view currency, std::string_view amount);
  // From an exact Decimal; same rules as Parse.
  static Result<Money> FromDecimal(std::string_view currency, const Decimal& d);

  // "1250000.00" (exponent decimals, no separators, no currency).
  std::string AmountString() const;
  // "EUR 1250000.00".
  std::string ToString() const;
  // The amount as a Decimal at the currency's exponent.
  Decimal ToDecimal() const;

  friend bool operator==(const Money& a, const Money& b) {
    return a.currency == b.currency && a.minor_units == b.minor_units;
  }
};

// Writes ToString(): "EUR 1250000.00".
TRADEFIN_EXPORT std::ostream& operator<<(std::ostream& os, const Money& money);

}  // namespace tradefin

#endif  // TRADEFIN_CORE_MONEY_H_
