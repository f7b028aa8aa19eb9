// Building blocks shared by every trade document: parties, addresses,
// locations and free text. Plain data.
//
// Thread safety: plain value types.
#ifndef TRADEFIN_DOCUMENT_COMMON_H_
#define TRADEFIN_DOCUMENT_COMMON_H_

#include <optional>
#include <string>
#include <vector>

namespace tradefin {

struct Address {
  std::vector<std::string> lines;  // street, district...; may be empty
  std::string city;                // may be empty
  std::string postal_code;         // may be empty
  std::string country;             // ISO 3166-1 alpha-2, e.g. "CN"; may be
                                   // empty when only free text is known
};

// Identifiers a party may carry. Each is validated when present.
struct PartyIds {
  std::string bic;        // ISO 9362, 8 or 11 characters
  std::string lei;        // ISO 17442, 20 characters, mod-97 check
  std::string uscc;       // China unified social credit code, 18 chars
  std::string customs_code;  // China customs registration code, 10 chars
  std::string account;    // account number (MT700 59 "/34x"); never logged
};

struct Party {
  std::string name;
  Address address;
  PartyIds ids;
};

// A bank as SWIFT identifies it: option A (BIC) and/or option D (name and
// address lines), or option B (location only, field 57B).
struct Bank {
  std::string bic;                       // option A
  std::string party_identifier;          // optional "/1!a/34x" line
  std::vector<std::string> name_address; // option D, up to 4 lines of 35
  std::string location;                  // option B
};

// A railway station: name plus codes as printed on CIM/SMGS notes.
struct Station {
  std::string name;
  std::string code;     // ESR 6-digit station code (or TAF/TSI location)
  std::string railway;  // railway administration code, e.g. "33" (China)
  std::string country;  // ISO 3166-1 alpha-2
};

// Free text that keeps its line structure exactly (SWIFT narratives,
// goods descriptions). Lines never contain '\n'.
using TextLines = std::vector<std::string>;

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_COMMON_H_
