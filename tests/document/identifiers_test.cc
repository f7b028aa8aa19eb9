#include "tradefin/document/identifiers.h"

#include "testing/testing.h"

namespace tradefin {
namespace {

TEST_CASE("ISO 6346 container numbers") {
  // The standard's own example (ISO 6346 Annex A): CSQU 305438 3.
  CHECK(CheckContainerNumber("CSQU3054383").ok);
  CHECK(ContainerCheckDigit("CSQU305438") == 3);
  // Sample shipment containers, computed with scripts/check-digits.py.
  CHECK(CheckContainerNumber("TFRU2500119").ok);
  CHECK(CheckContainerNumber("TFRU2500124").ok);
  CHECK(CheckContainerNumber("TFRU2500130").ok);
  // Remainder 10 counts as 0: MSKU0000000 style edge is covered by digits.
  IdCheck bad = CheckContainerNumber("TFRU2500125");
  CHECK_FALSE(bad.ok);
  CHECK(bad.reason == "check digit is 5, expected 4");
  CHECK_FALSE(CheckContainerNumber("CSQU3054384").ok);
  CHECK_FALSE(CheckContainerNumber("CSQX3054383").ok);  // category X
  CHECK_FALSE(CheckContainerNumber("CSQU305438").ok);   // too short
  CHECK_FALSE(CheckContainerNumber("csqu3054383").ok);  // lower case
  CHECK(ContainerCheckDigit("CSQ1305438") == -1);
}

TEST_CASE("China customs declaration numbers") {
  CHECK(CheckDeclarationNumber("790120250000123456", true).ok);
  CHECK(CheckDeclarationNumber("790120251000123456", false).ok);  // import
  IdCheck imp = CheckDeclarationNumber("790120251000123456", true);
  CHECK_FALSE(imp.ok);
  CHECK(imp.reason.find("digit 9 is 1") != std::string::npos);
  CHECK_FALSE(CheckDeclarationNumber("790120252000123456", false).ok);
  CHECK_FALSE(CheckDeclarationNumber("790118800000123456", true).ok);  // year
  CHECK_FALSE(CheckDeclarationNumber("79012025000012345", true).ok);   // 17
  CHECK_FALSE(CheckDeclarationNumber("7901202500001234A6", true).ok);
}

TEST_CASE("GB 32100-2015 unified social credit code") {
  // Published example (Wikipedia, GB 32100-2015): 91350100M000100Y43.
  CHECK(CheckUscc("91350100M000100Y43").ok);
  CHECK(UsccCheckCharacter("91350100M000100Y4") == '3');
  CHECK(CheckUscc("91510113MA6CT4K21P").ok);
  CHECK(CheckUscc("91510100MA62XJ8N0J").ok);
  IdCheck bad = CheckUscc("91510113MA6CT4K21Q");
  CHECK_FALSE(bad.ok);
  CHECK(bad.reason == "check character is Q, expected P");
  CHECK_FALSE(CheckUscc("91350100M000100I43").ok);  // I not in charset
  CHECK_FALSE(CheckUscc("91350100M000100Y4").ok);   // 17 chars
}

TEST_CASE("ISO 9362 BIC") {
  CHECK(CheckBic("DEUTDEFF").ok);
  CHECK(CheckBic("DEUTDEFF500").ok);
  CHECK(CheckBic("LDZBPLP0XXX").ok);
  CHECK(CheckBic("BKCHCNBJ").ok);
  CHECK(CheckBic("RZBAXKPR").ok);  // Kosovo, used by SWIFT
  IdCheck zz = CheckBic("LDZBZZP0XXX");
  CHECK_FALSE(zz.ok);
  CHECK(zz.reason == "country code ZZ is not an ISO 3166 country");
  CHECK_FALSE(CheckBic("DEUTDEFF50").ok);   // 10 chars
  CHECK_FALSE(CheckBic("DEU1DEFF").ok);     // digit in bank code
  CHECK_FALSE(CheckBic("DEUTDEFf").ok);     // lower case location
}

TEST_CASE("ISO 17442 LEI") {
  // GLEIF's published example / Wikipedia: 5493001KJTIIGC8Y1R12.
  CHECK(CheckLei("5493001KJTIIGC8Y1R12").ok);
  CHECK(CheckLei("2594007XQ2TF8A1CB037").ok);
  CHECK_FALSE(CheckLei("5493001KJTIIGC8Y1R13").ok);
  CHECK_FALSE(CheckLei("2594007XQ2TF8A1CB038").ok);
  CHECK_FALSE(CheckLei("5493001KJTIIGC8Y1R1").ok);
  CHECK_FALSE(CheckLei("5493001kjtiigc8y1r12").ok);
}

TEST_CASE("HS and GNG codes") {
  CHECK(CheckHsCode("850151").ok);
  CHECK(CheckHsCode("85015100").ok);
  CHECK(CheckHsCode("8501510000").ok);
  CHECK(CheckHsCode("010121").ok);
  CHECK(CheckHsCode("970110").ok);
  IdCheck c00 = CheckHsCode("000151");
  CHECK_FALSE(c00.ok);
  CHECK(c00.reason == "chapter 00 does not exist (expected 01-97, not 77)");
  CHECK_FALSE(CheckHsCode("770100").ok);
  CHECK_FALSE(CheckHsCode("980100").ok);
  CHECK_FALSE(CheckHsCode("8501511").ok);  // 7 digits
  CHECK_FALSE(CheckHsCode("85015A").ok);
  CHECK(CheckGngCode("85015100").ok);
  CHECK_FALSE(CheckGngCode("850151").ok);
  CHECK_FALSE(CheckGngCode("00015100").ok);
}

TEST_CASE("UIC wagon numbers") {
  // UIC leaflet 920-1 / Wikipedia example: 21 81 2471 217-3.
  CHECK(CheckWagonNumber("218124712173").ok);
  CHECK(CheckWagonNumber("335278912340").ok);
  IdCheck bad = CheckWagonNumber("335278912341");
  CHECK_FALSE(bad.ok);
  CHECK(bad.reason == "check digit is 1, expected 0");
  // 8-digit 1520 mm numbers: same weights 2,1,2,... over 7 digits.
  CHECK(CheckWagonNumber("52647310").ok);  // computed, not a real wagon
  CHECK_FALSE(CheckWagonNumber("52647312").ok);
  CHECK_FALSE(CheckWagonNumber("2181247121").ok);  // 10 digits
}

TEST_CASE("ISO 3166 country codes") {
  for (const char* c : {"CN", "PL", "KZ", "BY", "RU", "DE", "MN", "XK", "US"}) {
    CHECK_MESSAGE(IsCountryAlpha2(c), c);
  }
  for (const char* c : {"CHN", "POL", "KAZ", "BLR", "RUS", "DEU", "MNG"}) {
    CHECK_MESSAGE(IsCountryAlpha3(c), c);
  }
  CHECK_FALSE(IsCountryAlpha2("ZZ"));
  CHECK_FALSE(IsCountryAlpha2("UK"));  // GB is the code
  CHECK_FALSE(IsCountryAlpha2("EU"));
  CHECK_FALSE(IsCountryAlpha2("cn"));
  CHECK_FALSE(IsCountryAlpha3("EUR"));
  CHECK_FALSE(IsCountryAlpha3("CN"));
  // Every assigned alpha-2 has its alpha-3 (249 ISO + XK).
  int n2 = 0;
  for (char a = 'A'; a <= 'Z'; ++a) {
    for (char b = 'A'; b <= 'Z'; ++b) {
      n2 += IsCountryAlpha2(std::string{a, b}) ? 1 : 0;
    }
  }
  CHECK(n2 == 250);
}

}  // namespace
}  // namespace tradefin
