// Decimal: an exact base-10 number (quantities, weights, unit prices).
//
// Value = units / 10^scale. No floating point anywhere. Parsed from and
// printed as plain decimal text ("1250.500", "-3", "0.25").
//
// Thread safety: plain value type.
#ifndef TRADEFIN_CORE_DECIMAL_H_
#define TRADEFIN_CORE_DECIMAL_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"

namespace tradefin {

struct TRADEFIN_EXPORT Decimal {
  int64_t units = 0;  // the digits, sign included
  int32_t scale = 0;  // digits after the decimal point, 0..18

  // Parses "[-]digits[.digits]". Rejects exponents, thousands separators,
  // leading '+', empty parts ("1.", ".5") and more than 18 significant
  // digits. Errors: kInvalidArgument naming the text.
  static Result<Decimal> Parse(std::string_view text);
  // SWIFT amount form "1250000,5" or "1250000," (comma mandatory).
  static Result<Decimal> ParseSwift(std::string_view text);

  // Canonical text with exactly `scale` decimals ("1250.50").
  std::string ToString() const;

  // This value at another scale. kInvalidArgument if digits would be lost
  // (e.g. 1.25 at scale 1) or on overflow.
  Result<Decimal> Rescale(int32_t new_scale) const;

  // Numeric comparison independent of scale (1.50 == 1.5).
  friend int Compare(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) {
    return Compare(a, b) == 0;
  }
  friend bool operator<(const Decimal& a, const Decimal& b) {
    return Compare(a, b) < 0;
  }
};

TRADEFIN_EXPORT int Compare(const Decimal& a, const Decimal& b);

// a * b exactly (scale = a.scale + b.scale). kInvalidArgument on overflow.
TRADEFIN_EXPORT Result<Decimal> Multiply(const Decimal& a, const Decimal& b);
// a + b exactly. kInvalidArgument on overflow.
TRADEFIN_EXPORT Result<Decimal> Add(const Decimal& a, const Decimal& b);

// Writes ToString() ("4750", "240.00").
TRADEFIN_EXPORT std::ostream& operator<<(std::ostream& os, const Decimal& value);

}  // namespace tradefin

#endif  // TRADEFIN_CORE_DECIMAL_H_
