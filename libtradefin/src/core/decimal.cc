#include "tradefin/core/decimal.h"

#include <limits>
#include <ostream>

namespace tradefin {
namespace {

constexpr int32_t kMaxScale = 18;

bool MulOverflows(int64_t a, int64_t b, int64_t* out) {
  return __builtin_mul_overflow(a, b, out);
}

// 10^n for 0 <= n <= 18.
int64_t Pow10(int32_t n) {
  int64_t p = 1;
  for (int32_t i = 0; i < n; ++i) p *= 10;
  return p;
}

Result<Decimal> ParseWithSeparator(std::string_view text, char sep,
                                   bool require_sep, bool allow_empty_frac) {
  std::string quoted = "'" + std::string(text) + "'";
  if (text.empty()) return Status::InvalidArgument("empty number");
  size_t i = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    i = 1;
  }
  int64_t units = 0;
  int32_t scale = 0;
  int digits = 0;
  bool seen_sep = false;
  size_t int_digits = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == sep && !seen_sep) {
      seen_sep = true;
      continue;
    }
    if (c < '0' || c > '9') {
      return Status::InvalidArgument("not a decimal number: " + quoted);
    }
    if (seen_sep) {
      ++scale;
    } else {
      ++int_digits;
    }
    if (units != 0 || c != '0') ++digits;
    if (digits > 18 || scale > kMaxScale) {
      return Status::InvalidArgument("too many digits in " + quoted);
    }
    units = units * 10 + (c - '0');
  }
  if (int_digits == 0) {
    return Status::InvalidArgument("no digits before the decimal separator in " + quoted);
  }
  if (require_sep && !seen_sep) {
    return Status::InvalidArgument("missing decimal comma in " + quoted);
  }
  if (seen_sep && scale == 0 && !allow_empty_frac) {
    return Status::InvalidArgument("no digits after the decimal separator in " + quoted);
  }
  return Decimal{negative ? -units : units, scale};
}

}  // namespace

Result<Decimal> Decimal::Parse(std::string_view text) {
  return ParseWithSeparator(text, '.', false, false);
}

Result<Decimal> Decimal::ParseSwift(std::string_view text) {
  if (!text.empty() && text[0] == '-') {
    return Status::InvalidArgument("SWIFT amounts cannot be negative: '" +
                                   std::string(text) + "'");
  }
  return ParseWithSeparator(text, ',', true, true);
}

std::ostream& operator<<(std::ostream& os, const Decimal& value) {
  return os << value.ToString();
}

std::string Decimal::ToString() const {
  bool negative = units < 0;
  uint64_t mag = negative ? 0 - static_cast<uint64_t>(units)
                          : static_cast<uint64_t>(units);
  std::string digits = std::to_string(mag);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return negative ? "-" + digits : digits;
}

Result<Decimal> Decimal::Rescale(int32_t new_scale) const {
  if (new_scale < 0 || new_scale > kMaxScale) {
    return Status::InvalidArgument("scale out of range");
  }
  if (new_scale >= scale) {
    int64_t out;
    if (MulOverflows(units, Pow10(new_scale - scale), &out)) {
      return Status::InvalidArgument("number too large: " + ToString());
    }
    return Decimal{out, new_scale};
  }
  int64_t div = Pow10(scale - new_scale);
  if (units % div != 0) {
    return Status::InvalidArgument(ToString() + " has more than " +
                                   std::to_string(new_scale) + " decimals");
  }
  return Decimal{units / div, new_scale};
}

int Compare(const Decimal& a, const Decimal& b) {
  // Compare integer parts first, then the fractions at a common scale; no
  // step can overflow (both fractions are < 10^18 after scaling).
  int64_t pa = Pow10(a.scale), pb = Pow10(b.scale);
  int64_t ia = a.units / pa, ib = b.units / pb;
  if (ia != ib) return ia < ib ? -1 : 1;
  int64_t fa = a.units % pa, fb = b.units % pb;  // same sign as units
  int32_t s = a.scale > b.scale ? a.scale : b.scale;
  fa *= Pow10(s - a.scale);
  fb *= Pow10(s - b.scale);
  return fa < fb ? -1 : (fa > fb ? 1 : 0);
}

Result<Decimal> Multiply(const Decimal& a, const Decimal& b) {
  int64_t out;
  if (MulOverflows(a.units, b.units, &out) || a.scale + b.scale > kMaxScale) {
    return Status::InvalidArgument("product too large: " + a.ToString() +
                                   " * " + b.ToString());
  }
  return Decimal{out, a.scale + b.scale};
}

Result<Decimal> Add(const Decimal& a, const Decimal& b) {
  int32_t s = a.scale > b.scale ? a.scale : b.scale;
  TRADEFIN_ASSIGN_OR_RETURN(Decimal x, a.Rescale(s));
  TRADEFIN_ASSIGN_OR_RETURN(Decimal y, b.Rescale(s));
  int64_t out;
  if (__builtin_add_overflow(x.units, y.units, &out)) {
    return Status::InvalidArgument("sum too large");
  }
  return Decimal{out, s};
}

}  // namespace tradefin
