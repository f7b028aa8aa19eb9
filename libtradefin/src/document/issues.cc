#include "document/issues.h"

namespace tradefin::document_internal {

void IssueSink::Add(std::string_view code, const std::string& key,
                    std::string message) {
  ValidationIssue issue;
  issue.code = std::string(code);
  issue.message = std::move(message);
  issue.file = file_;
  Location loc;
  if (map_ != nullptr && map_->Find(key, &loc)) {
    issue.line = loc.line;
    issue.column = loc.column;
    issue.path = std::move(loc.path);
  } else {
    issue.path = key;
  }
  out_->push_back(std::move(issue));
}

}  // namespace tradefin::document_internal
