// A human-readable summary of a document model, for `tradefin show` and
// logs: the key fields (parties, amounts, dates, containers, items), one
// "Label: value" per line, nested items indented by two spaces. Account
// numbers are never printed. Not a stable format: scripts should use
// ToJson (tradefin/document/json.h).
//
// Thread safety: pure function.
#ifndef TRADEFIN_DOCUMENT_TEXT_H_
#define TRADEFIN_DOCUMENT_TEXT_H_

#include <string>

#include "tradefin/core/export.h"
#include "tradefin/document/document.h"

namespace tradefin {

// Multi-line text ending in '\n', starting with the document type and its
// natural key.
TRADEFIN_EXPORT std::string ToText(const Document& document);

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_TEXT_H_
