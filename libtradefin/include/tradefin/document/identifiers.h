// Identifier checks for trade documents: check digits and formats of
// container numbers, China customs declaration numbers, unified social
// credit codes, BICs, LEIs, HS/GNG codes, wagon numbers and country codes.
//
// Each check verifies the identifier, not just its shape: where the scheme
// has a check character it is recomputed. Every function returns an
// IdCheck whose `reason` says, in one plain sentence fragment, what is
// wrong ("check digit is 7, expected 3").
//
//   tradefin::IdCheck c = tradefin::CheckContainerNumber("CSQU3054383");
//   if (!c) std::cerr << c.reason;
//
// Thread safety: pure functions over immutable tables.
#ifndef TRADEFIN_DOCUMENT_IDENTIFIERS_H_
#define TRADEFIN_DOCUMENT_IDENTIFIERS_H_

#include <string>
#include <string_view>

#include "tradefin/core/export.h"

namespace tradefin {

// Outcome of one identifier check.
struct IdCheck {
  bool ok = true;
  std::string reason;  // empty when ok; otherwise what is wrong
  explicit operator bool() const { return ok; }
};

// ISO 6346 freight container number: 3-letter owner code, category U/J/Z,
// 6-digit serial, mod-11 check digit (remainder 10 counts as 0).
// Example: "CSQU3054383".
TRADEFIN_EXPORT IdCheck CheckContainerNumber(std::string_view number);
// The check digit ISO 6346 gives the first 10 characters, or -1 if they are
// not 4 letters and 6 digits.
TRADEFIN_EXPORT int ContainerCheckDigit(std::string_view first10);

// China customs declaration number (海关编号), 18 digits: 1-4 customs
// office, 5-8 year (1990..2100), 9 = 0 export or 1 import, 10-18 sequence.
// `expect_export`: when true, digit 9 must be 0.
TRADEFIN_EXPORT IdCheck CheckDeclarationNumber(std::string_view number,
                                               bool expect_export);

// China unified social credit code (GB 32100-2015): 18 characters from
// "0123456789ABCDEFGHJKLMNPQRTUWXY", last one a mod-31 check character.
TRADEFIN_EXPORT IdCheck CheckUscc(std::string_view code);
// The check character for the first 17 characters, or '\0' if one of them
// is outside the charset.
TRADEFIN_EXPORT char UsccCheckCharacter(std::string_view first17);

// ISO 9362 BIC: 4 letters (institution), 2 letters (an ISO 3166 alpha-2
// country, or XK), 2 alphanumerics (location), optional 3 alphanumerics
// (branch). 8 or 11 characters.
TRADEFIN_EXPORT IdCheck CheckBic(std::string_view bic);

// ISO 17442 LEI: 18 alphanumerics + 2 check digits, ISO 7064 mod 97-10
// (the whole 20 characters, letters A=10..Z=35, mod 97 == 1).
TRADEFIN_EXPORT IdCheck CheckLei(std::string_view lei);

// HS / tariff code: 6, 8 or 10 digits whose chapter (first two) is 01..97
// and not 77 (reserved).
TRADEFIN_EXPORT IdCheck CheckHsCode(std::string_view code);
// ГНГ/GNG code: exactly 8 digits, HS-based (same chapter rule).
TRADEFIN_EXPORT IdCheck CheckGngCode(std::string_view code);

// Rail wagon number: UIC 12 digits with a Luhn check digit (weights
// 2,1,2,... from the left over the first 11), or an 8-digit 1520 mm gauge
// number (its check digit is the 8th, same Luhn scheme over 7 digits).
TRADEFIN_EXPORT IdCheck CheckWagonNumber(std::string_view number);

// ISO 3166-1 country codes (officially assigned, plus XK for Kosovo, which
// SWIFT and the EU use).
TRADEFIN_EXPORT bool IsCountryAlpha2(std::string_view code);
TRADEFIN_EXPORT bool IsCountryAlpha3(std::string_view code);

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_IDENTIFIERS_H_
