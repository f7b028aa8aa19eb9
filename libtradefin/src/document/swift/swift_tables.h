// Field tables (tag, options, mandatory) of MT700, MT701 and MT707 in their
// SR2018+ order; the order of the table is the order the network enforces.
#ifndef TRADEFIN_DOCUMENT_SWIFT_SWIFT_TABLES_H_
#define TRADEFIN_DOCUMENT_SWIFT_SWIFT_TABLES_H_

#include <string>
#include <string_view>
#include <vector>

#include "document/swift/swift_internal.h"

namespace tradefin::swift_internal {

struct FieldSpec {
  std::string_view name;     // "32B", or "41a" for a field with options
  std::string_view options;  // option letters for "Na" tags, e.g. "AD"
  bool mandatory = false;
};

struct SpecTable {
  std::vector<FieldSpec> specs;
};

const SpecTable& Mt700Table();
const SpecTable& Mt701Table();
const SpecTable& Mt707Table();
const SpecTable& Mt708Table();

// Index of `tag` in `table` (or -1); sets the canonical name ("42a" for
// "42A") and the option letter (0 for tags without options).
int FindField(const SpecTable& table, std::string_view tag, std::string* canon,
              char* option);

// Adds the issue for a tag that FindField rejected: "obsolete" for tags
// removed in SR2018, "unknown-tag" otherwise.
void ReportUnknownTag(const SpecTable& table, const FinField& f,
                      std::string_view message_name, IssueSink& sink);

}  // namespace tradefin::swift_internal

#endif  // TRADEFIN_DOCUMENT_SWIFT_SWIFT_TABLES_H_
