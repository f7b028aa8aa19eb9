// JSON rendering of the document models, for `tradefin show --json` and any
// tool that wants the typed data without linking a JSON library.
//
// The output is stable (documented in docs/guide/parsing-and-validation.md):
//  - keys are the snake_case model field names, in declaration order;
//  - Money is {"currency":"EUR","amount":"1250000.00","minor_units":125000000};
//  - Decimal is a string with its exact digits ("21500", "21.5");
//  - Date is an ISO string "2025-05-20" (or null when not a valid date);
//  - enums are the schema's enumeration values ("IRREVOCABLE", "CIM/SMGS");
//  - an absent optional value is null; empty strings and lists are kept;
//  - the output is valid UTF-8: a byte in a model string that is not UTF-8
//    (possible only in a model built by hand; parsed documents are UTF-8)
//    is replaced by U+FFFD.
//
//   std::string json = tradefin::ToJson(document);
//
// Thread safety: pure functions.
#ifndef TRADEFIN_DOCUMENT_JSON_H_
#define TRADEFIN_DOCUMENT_JSON_H_

#include <string>

#include "tradefin/core/export.h"
#include "tradefin/document/document.h"

namespace tradefin {

struct JsonOptions {
  // Indent nested values by two spaces per level and put each member on its
  // own line. Default: false (compact, one line).
  bool pretty = false;
};

// {"type":"rail-waybill","natural_key":"...","model":{...}}
TRADEFIN_EXPORT std::string ToJson(const Document& document,
                                   const JsonOptions& options = {});
// The model alone (the "model" object above).
TRADEFIN_EXPORT std::string ToJson(const DocumentModel& model,
                                   const JsonOptions& options = {});

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_JSON_H_
