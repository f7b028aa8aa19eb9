#include "tradefin/document/identifiers.h"

#include <algorithm>
#include <array>
#include <string>

namespace tradefin {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAlnum(char c) { return IsDigit(c) || IsUpper(c); }
bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), IsDigit);
}

IdCheck Fail(std::string reason) { return IdCheck{false, std::move(reason)}; }

// ISO 3166-1 (officially assigned codes as of 2024), alpha-2 and alpha-3 in
// the same order; XK/XKX (Kosovo) is user-assigned but used by SWIFT, the EU
// and UN/LOCODE, so documents carry it.
struct CountryCodes {
  const char* a2;
  const char* a3;
};
constexpr CountryCodes kCountries[] = {
    {"AD", "AND"}, {"AE", "ARE"}, {"AF", "AFG"}, {"AG", "ATG"}, {"AI", "AIA"},
    {"AL", "ALB"}, {"AM", "ARM"}, {"AO", "AGO"}, {"AQ", "ATA"}, {"AR", "ARG"},
    {"AS", "ASM"}, {"AT", "AUT"}, {"AU", "AUS"}, {"AW", "ABW"}, {"AX", "ALA"},
    {"AZ", "AZE"}, {"BA", "BIH"}, {"BB", "BRB"}, {"BD", "BGD"}, {"BE", "BEL"},
    {"BF", "BFA"}, {"BG", "BGR"}, {"BH", "BHR"}, {"BI", "BDI"}, {"BJ", "BEN"},
    {"BL", "BLM"}, {"BM", "BMU"}, {"BN", "BRN"}, {"BO", "BOL"}, {"BQ", "BES"},
    {"BR", "BRA"}, {"BS", "BHS"}, {"BT", "BTN"}, {"BV", "BVT"}, {"BW", "BWA"},
    {"BY", "BLR"}, {"BZ", "BLZ"}, {"CA", "CAN"}, {"CC", "CCK"}, {"CD", "COD"},
    {"CF", "CAF"}, {"CG", "COG"}, {"CH", "CHE"}, {"CI", "CIV"}, {"CK", "COK"},
    {"CL", "CHL"}, {"CM", "CMR"}, {"CN", "CHN"}, {"CO", "COL"}, {"CR", "CRI"},
    {"CU", "CUB"}, {"CV", "CPV"}, {"CW", "CUW"}, {"CX", "CXR"}, {"CY", "CYP"},
    {"CZ", "CZE"}, {"DE", "DEU"}, {"DJ", "DJI"}, {"DK", "DNK"}, {"DM", "DMA"},
    {"DO", "DOM"}, {"DZ", "DZA"}, {"EC", "ECU"}, {"EE", "EST"}, {"EG", "EGY"},
    {"EH", "ESH"}, {"ER", "ERI"}, {"ES", "ESP"}, {"ET", "ETH"}, {"FI", "FIN"},
    {"FJ", "FJI"}, {"FK", "FLK"}, {"FM", "FSM"}, {"FO", "FRO"}, {"FR", "FRA"},
    {"GA", "GAB"}, {"GB", "GBR"}, {"GD", "GRD"}, {"GE", "GEO"}, {"GF", "GUF"},
    {"GG", "GGY"}, {"GH", "GHA"}, {"GI", "GIB"}, {"GL", "GRL"}, {"GM", "GMB"},
    {"GN", "GIN"}, {"GP", "GLP"}, {"GQ", "GNQ"}, {"GR", "GRC"}, {"GS", "SGS"},
    {"GT", "GTM"}, {"GU", "GUM"}, {"GW", "GNB"}, {"GY", "GUY"}, {"HK", "HKG"},
    {"HM", "HMD"}, {"HN", "HND"}, {"HR", "HRV"}, {"HT", "HTI"}, {"HU", "HUN"},
    {"ID", "IDN"}, {"IE", "IRL"}, {"IL", "ISR"}, {"IM", "IMN"}, {"IN", "IND"},
    {"IO", "IOT"}, {"IQ", "IRQ"}, {"IR", "IRN"}, {"IS", "ISL"}, {"IT", "ITA"},
    {"JE", "JEY"}, {"JM", "JAM"}, {"JO", "JOR"}, {"JP", "JPN"}, {"KE", "KEN"},
    {"KG", "KGZ"}, {"KH", "KHM"}, {"KI", "KIR"}, {"KM", "COM"}, {"KN", "KNA"},
    {"KP", "PRK"}, {"KR", "KOR"}, {"KW", "KWT"}, {"KY", "CYM"}, {"KZ", "KAZ"},
    {"LA", "LAO"}, {"LB", "LBN"}, {"LC", "LCA"}, {"LI", "LIE"}, {"LK", "LKA"},
    {"LR", "LBR"}, {"LS", "LSO"}, {"LT", "LTU"}, {"LU", "LUX"}, {"LV", "LVA"},
    {"LY", "LBY"}, {"MA", "MAR"}, {"MC", "MCO"}, {"MD", "MDA"}, {"ME", "MNE"},
    {"MF", "MAF"}, {"MG", "MDG"}, {"MH", "MHL"}, {"MK", "MKD"}, {"ML", "MLI"},
    {"MM", "MMR"}, {"MN", "MNG"}, {"MO", "MAC"}, {"MP", "MNP"}, {"MQ", "MTQ"},
    {"MR", "MRT"}, {"MS", "MSR"}, {"MT", "MLT"}, {"MU", "MUS"}, {"MV", "MDV"},
    {"MW", "MWI"}, {"MX", "MEX"}, {"MY", "MYS"}, {"MZ", "MOZ"}, {"NA", "NAM"},
    {"NC", "NCL"}, {"NE", "NER"}, {"NF", "NFK"}, {"NG", "NGA"}, {"NI", "NIC"},
    {"NL", "NLD"}, {"NO", "NOR"}, {"NP", "NPL"}, {"NR", "NRU"}, {"NU", "NIU"},
    {"NZ", "NZL"}, {"OM", "OMN"}, {"PA", "PAN"}, {"PE", "PER"}, {"PF", "PYF"},
    {"PG", "PNG"}, {"PH", "PHL"}, {"PK", "PAK"}, {"PL", "POL"}, {"PM", "SPM"},
    {"PN", "PCN"}, {"PR", "PRI"}, {"PS", "PSE"}, {"PT", "PRT"}, {"PW", "PLW"},
    {"PY", "PRY"}, {"QA", "QAT"}, {"RE", "REU"}, {"RO", "ROU"}, {"RS", "SRB"},
    {"RU", "RUS"}, {"RW", "RWA"}, {"SA", "SAU"}, {"SB", "SLB"}, {"SC", "SYC"},
    {"SD", "SDN"}, {"SE", "SWE"}, {"SG", "SGP"}, {"SH", "SHN"}, {"SI", "SVN"},
    {"SJ", "SJM"}, {"SK", "SVK"}, {"SL", "SLE"}, {"SM", "SMR"}, {"SN", "SEN"},
    {"SO", "SOM"}, {"SR", "SUR"}, {"SS", "SSD"}, {"ST", "STP"}, {"SV", "SLV"},
    {"SX", "SXM"}, {"SY", "SYR"}, {"SZ", "SWZ"}, {"TC", "TCA"}, {"TD", "TCD"},
    {"TF", "ATF"}, {"TG", "TGO"}, {"TH", "THA"}, {"TJ", "TJK"}, {"TK", "TKL"},
    {"TL", "TLS"}, {"TM", "TKM"}, {"TN", "TUN"}, {"TO", "TON"}, {"TR", "TUR"},
    {"TT", "TTO"}, {"TV", "TUV"}, {"TW", "TWN"}, {"TZ", "TZA"}, {"UA", "UKR"},
    {"UG", "UGA"}, {"UM", "UMI"}, {"US", "USA"}, {"UY", "URY"}, {"UZ", "UZB"},
    {"VA", "VAT"}, {"VC", "VCT"}, {"VE", "VEN"}, {"VG", "VGB"}, {"VI", "VIR"},
    {"VN", "VNM"}, {"VU", "VUT"}, {"WF", "WLF"}, {"WS", "WSM"}, {"XK", "XKX"},
    {"YE", "YEM"}, {"YT", "MYT"}, {"ZA", "ZAF"}, {"ZM", "ZMB"}, {"ZW", "ZWE"},
};

// ISO 6346 letter values: A=10 upward, skipping multiples of 11 (11, 22, 33).
int ContainerLetterValue(char c) {
  int v = 10;
  for (char x = 'A'; x < c; ++x) {
    ++v;
    if (v % 11 == 0) ++v;
  }
  return v;
}

// Luhn with weights 2,1,2,... from the left (UIC leaflet 920-1 and the
// 1520 mm 8-digit scheme both weight the first digit by 2).
int LuhnCheckFromLeft(std::string_view digits) {
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int p = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += p / 10 + p % 10;
  }
  return (10 - sum % 10) % 10;
}

constexpr std::string_view kUsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};

IdCheck CheckTariffChapter(std::string_view code) {
  int chapter = (code[0] - '0') * 10 + (code[1] - '0');
  if (chapter < 1 || chapter > 97 || chapter == 77) {
    return Fail("chapter " + std::string(code.substr(0, 2)) +
                " does not exist (expected 01-97, not 77)");
  }
  return {};
}

}  // namespace

int ContainerCheckDigit(std::string_view first10) {
  if (first10.size() != 10) return -1;
  int64_t sum = 0;
  for (size_t i = 0; i < 10; ++i) {
    char c = first10[i];
    int v;
    if (i < 4) {
      if (!IsUpper(c)) return -1;
      v = ContainerLetterValue(c);
    } else {
      if (!IsDigit(c)) return -1;
      v = c - '0';
    }
    sum += static_cast<int64_t>(v) << i;
  }
  return static_cast<int>(sum % 11 % 10);
}

IdCheck CheckContainerNumber(std::string_view n) {
  if (n.size() != 11) {
    return Fail("has " + std::to_string(n.size()) +
                " characters, expected 11 (4 letters, 7 digits)");
  }
  for (size_t i = 0; i < 4; ++i) {
    if (!IsUpper(n[i])) return Fail("expected 4 capital letters first");
  }
  if (n[3] != 'U' && n[3] != 'J' && n[3] != 'Z') {
    return Fail("category letter is '" + std::string(1, n[3]) +
                "', expected U, J or Z");
  }
  if (!AllDigits(n.substr(4))) return Fail("expected 7 digits after the letters");
  int check = ContainerCheckDigit(n.substr(0, 10));
  if (check != n[10] - '0') {
    return Fail("check digit is " + std::string(1, n[10]) + ", expected " +
                std::to_string(check));
  }
  return {};
}

IdCheck CheckDeclarationNumber(std::string_view n, bool expect_export) {
  if (n.size() != 18 || !AllDigits(n)) {
    return Fail("expected 18 digits, got '" + std::string(n) + "'");
  }
  int year = std::stoi(std::string(n.substr(4, 4)));
  if (year < 1990 || year > 2100) {
    return Fail("digits 5-8 give year " + std::to_string(year) +
                ", expected a year between 1990 and 2100");
  }
  if (n[8] != '0' && n[8] != '1') {
    return Fail("digit 9 is " + std::string(1, n[8]) +
                ", expected 0 (export) or 1 (import)");
  }
  if (expect_export && n[8] != '0') {
    return Fail("digit 9 is 1 (import), expected 0 for an export declaration");
  }
  return {};
}

char UsccCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    size_t v = kUsccCharset.find(first17[i]);
    if (v == std::string_view::npos) return '\0';
    sum += static_cast<int>(v) * kUsccWeights[i];
  }
  return kUsccCharset[static_cast<size_t>((31 - sum % 31) % 31)];
}

IdCheck CheckUscc(std::string_view code) {
  if (code.size() != 18) {
    return Fail("has " + std::to_string(code.size()) +
                " characters, expected 18");
  }
  for (char c : code) {
    if (kUsccCharset.find(c) == std::string_view::npos) {
      return Fail("character '" + std::string(1, c) +
                  "' is not allowed (I, O, S, V, Z and lower case never occur)");
    }
  }
  char check = UsccCheckCharacter(code.substr(0, 17));
  if (check != code[17]) {
    return Fail("check character is " + std::string(1, code[17]) +
                ", expected " + std::string(1, check));
  }
  return {};
}

IdCheck CheckBic(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) {
    return Fail("has " + std::to_string(bic.size()) +
                " characters, expected 8 or 11");
  }
  // ISO 9362:2014 allows digits in the institution code, but every BIC in
  // use has letters there; SWIFT validates 4!a for MT fields.
  for (size_t i = 0; i < 4; ++i) {
    if (!IsUpper(bic[i])) return Fail("institution code must be 4 letters");
  }
  std::string_view country = bic.substr(4, 2);
  if (!IsCountryAlpha2(country)) {
    return Fail("country code " + std::string(country) +
                " is not an ISO 3166 country");
  }
  for (size_t i = 6; i < bic.size(); ++i) {
    if (!IsAlnum(bic[i])) {
      return Fail("location and branch must be capital letters or digits");
    }
  }
  return {};
}

IdCheck CheckLei(std::string_view lei) {
  if (lei.size() != 20) {
    return Fail("has " + std::to_string(lei.size()) +
                " characters, expected 20");
  }
  int rem = 0;
  for (char c : lei) {
    if (IsDigit(c)) {
      rem = (rem * 10 + (c - '0')) % 97;
    } else if (IsUpper(c)) {
      int v = c - 'A' + 10;
      rem = (rem * 100 + v) % 97;
    } else {
      return Fail("expected capital letters and digits only");
    }
  }
  if (!IsDigit(lei[18]) || !IsDigit(lei[19])) {
    return Fail("the last two characters must be check digits");
  }
  if (rem != 1) return Fail("mod 97-10 check fails (remainder " +
                            std::to_string(rem) + ", expected 1)");
  return {};
}

IdCheck CheckHsCode(std::string_view code) {
  if ((code.size() != 6 && code.size() != 8 && code.size() != 10) ||
      !AllDigits(code)) {
    return Fail("'" + std::string(code) + "' is not 6, 8 or 10 digits");
  }
  return CheckTariffChapter(code);
}

IdCheck CheckGngCode(std::string_view code) {
  if (code.size() != 8 || !AllDigits(code)) {
    return Fail("'" + std::string(code) + "' is not 8 digits");
  }
  return CheckTariffChapter(code);
}

IdCheck CheckWagonNumber(std::string_view n) {
  if ((n.size() != 12 && n.size() != 8) || !AllDigits(n)) {
    return Fail("expected 12 digits (UIC) or 8 digits (1520 mm)");
  }
  int check = LuhnCheckFromLeft(n.substr(0, n.size() - 1));
  if (check != n.back() - '0') {
    return Fail("check digit is " + std::string(1, n.back()) + ", expected " +
                std::to_string(check));
  }
  return {};
}

bool IsCountryAlpha2(std::string_view code) {
  return std::any_of(std::begin(kCountries), std::end(kCountries),
                     [&](const CountryCodes& c) { return code == c.a2; });
}

bool IsCountryAlpha3(std::string_view code) {
  return std::any_of(std::begin(kCountries), std::end(kCountries),
                     [&](const CountryCodes& c) { return code == c.a3; });
}

}  // namespace tradefin
