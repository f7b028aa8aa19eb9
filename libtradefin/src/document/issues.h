// Internal to the document module: where model fields came from in the XML
// (a SourceMap keyed by model field path) and a sink that turns rule
// violations into located ValidationIssues.
//
// Field keys are the snake_case model paths with 0-based indices, e.g.
// "amount", "items[0].amount", "containers[1].number",
// "consignor.ids.uscc". Rules name the field they complain about by key; the
// sink looks up the line and element path. A model built in code (tests)
// has an empty map: issues then carry line 0 and the key as the path.
//
// Thread safety: not shared; one per validation.
#ifndef TRADEFIN_DOCUMENT_ISSUES_H_
#define TRADEFIN_DOCUMENT_ISSUES_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tradefin/document/validate.h"
#include "xml/xml_tree.h"

namespace tradefin::document_internal {

struct Location {
  int line = 0;
  int column = 0;
  std::string path;
};

// Holds borrowed xml::Nodes: it must not outlive the xml::Document they
// belong to. Line and path are computed only when an issue needs them
// (Node::path() walks siblings, too slow to do for every field).
class SourceMap {
 public:
  void Set(const std::string& key, xml::Node node) { map_[key] = node; }
  bool Find(const std::string& key, Location* loc) const {
    auto it = map_.find(key);
    if (it == map_.end()) return false;
    loc->line = it->second.line();
    loc->column = 0;
    loc->path = it->second.path();
    return true;
  }
  // A field whose text could not be converted (bad currency, too many
  // decimals): rules that would compute with it skip it, so one mistake
  // gives one issue.
  void MarkBad(const std::string& key) { bad_.insert(key); }
  bool IsBad(const std::string& key) const { return bad_.count(key) != 0; }

 private:
  std::unordered_map<std::string, xml::Node> map_;
  std::unordered_set<std::string> bad_;
};

class IssueSink {
 public:
  // `map` may be null (model built in code). `out` must outlive the sink.
  IssueSink(std::string file, const SourceMap* map,
            std::vector<ValidationIssue>* out)
      : file_(std::move(file)), map_(map), out_(out) {}

  // Records `code` against the field `key` with a one-sentence `message`.
  void Add(std::string_view code, const std::string& key, std::string message);
  bool IsBad(const std::string& key) const {
    return map_ != nullptr && map_->IsBad(key);
  }
  size_t count() const { return out_->size(); }

 private:
  std::string file_;
  const SourceMap* map_;
  std::vector<ValidationIssue>* out_;
};

}  // namespace tradefin::document_internal

#endif  // TRADEFIN_DOCUMENT_ISSUES_H_
