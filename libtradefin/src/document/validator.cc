// Validator: hardened parse → root namespace → XSD (Xerces, cached
// grammars) → model parse → semantic rules. Every step after the parse
// needs the previous one to have passed: XSD errors stop the run, because
// the parsers and rules assume a schema-valid tree.
#include <ostream>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "document/issues.h"
#include "document/parsers.h"
#include "document/validator_internal.h"
#include "tradefin/document/validate.h"
#include "xml/schema_validator.h"
#include "xml/xml_tree.h"

namespace tradefin {
namespace {

using document_internal::IssueSink;
using document_internal::SourceMap;

// Messages from the xml module are sentence fragments; issues are one
// sentence each.
std::string Sentence(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') {
    s[0] = static_cast<char>(s[0] - 'a' + 'A');
  }
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

// The element a Xerces error most likely concerns: the last element (in
// document order) that starts on or before the error's line. Xerces reports
// positions, not nodes; this gives the reader a path to look at.
xml::Node ElementAtLine(xml::Node root, int line) {
  xml::Node best = root;
  xml::Node cur = root;
  while (cur) {
    if (cur.line() > line) break;
    best = cur;
    xml::Node next = cur.first_child_element();
    if (!next) {
      while (cur && !cur.next_sibling_element()) cur = cur.parent();
      if (!cur) break;
      next = cur.next_sibling_element();
    }
    cur = next;
  }
  return best;
}

// Visits every element in document order (iteratively: depth is bounded
// by the parser, but recursion is not needed).
template <typename Fn>
void ForEachElement(xml::Node root, Fn fn) {
  xml::Node cur = root;
  while (cur) {
    fn(cur);
    xml::Node next = cur.first_child_element();
    if (!next) {
      while (cur && !(cur == root) && !cur.next_sibling_element()) {
        cur = cur.parent();
      }
      if (!cur || cur == root) break;
      next = cur.next_sibling_element();
    }
    cur = next;
  }
}

struct ModelItem {
  std::string name;
  char occurs;  // '1', '?', '*' or '+'
};

// Xerces' content model text "(A,B?,C*,)" for a plain sequence; false for
// anything nested (choices, groups), which we then leave to Xerces' text.
bool ParseSequence(std::string_view model, std::vector<ModelItem>* out) {
  if (model.size() < 2 || model.front() != '(' || model.back() != ')') {
    return false;
  }
  model = model.substr(1, model.size() - 2);
  size_t start = 0;
  while (start < model.size()) {
    size_t comma = model.find(',', start);
    if (comma == std::string_view::npos) comma = model.size();
    std::string_view item = model.substr(start, comma - start);
    start = comma + 1;
    if (item.empty()) continue;
    if (item.find_first_of("()|") != std::string_view::npos) return false;
    char occ = '1';
    if (item.back() == '?' || item.back() == '*' || item.back() == '+') {
      occ = item.back();
      item.remove_suffix(1);
    }
    size_t colon = item.find(':');
    if (colon != std::string_view::npos) item.remove_prefix(colon + 1);
    out->push_back(ModelItem{std::string(item), occ});
  }
  return !out->empty();
}

// Walks `parent`'s children against the sequence. Returns the first child
// that does not fit (null if all fit) and, if the reason is a mandatory
// element missing before it, that element's name in *missing.
xml::Node FirstMisfit(xml::Node parent, const std::vector<ModelItem>& model,
                      std::string* missing) {
  std::vector<xml::Node> kids;
  for (xml::Node k = parent.first_child_element(); k;
       k = k.next_sibling_element()) {
    kids.push_back(k);
  }
  size_t j = 0;
  for (const ModelItem& item : model) {
    size_t n = 0;
    while (j < kids.size() && kids[j].local_name() == item.name) {
      ++j;
      ++n;
      if (item.occurs == '1' || item.occurs == '?') break;
    }
    if (n == 0 && (item.occurs == '1' || item.occurs == '+')) {
      *missing = item.name;
      return j < kids.size() ? kids[j] : xml::Node();
    }
  }
  missing->clear();
  return j < kids.size() ? kids[j] : xml::Node();
}

// Xerces reports "element 'X' is not allowed for content model '(...)'" at
// the parent's end tag, which points the reader at the wrong place. Find
// the X that breaks its parent's sequence and say what is missing.
bool ExplainContentModel(xml::Node root, const std::string& message,
                         std::string* out_message, xml::Node* out_node) {
  static constexpr std::string_view kHead = "lement '";
  static constexpr std::string_view kMid = "' is not allowed for content model '";
  size_t h = message.find(kHead);
  size_t m = message.find(kMid);
  if (h == std::string::npos || m == std::string::npos || m < h) return false;
  std::string name = message.substr(h + kHead.size(), m - h - kHead.size());
  size_t model_start = m + kMid.size();
  size_t model_end = message.rfind('\'');
  if (model_end == std::string::npos || model_end <= model_start) return false;
  std::vector<ModelItem> model;
  if (!ParseSequence(std::string_view(message).substr(
                         model_start, model_end - model_start),
                     &model)) {
    return false;
  }
  bool found = false;
  ForEachElement(root, [&](xml::Node n) {
    if (found || n.local_name() != name || !n.parent()) return;
    std::string missing;
    xml::Node misfit = FirstMisfit(n.parent(), model, &missing);
    if (!(misfit == n)) return;
    found = true;
    *out_node = n;
    *out_message =
        missing.empty()
            ? "Element " + name + " is not allowed here: it is out of order or "
                                  "not part of " +
                  std::string(n.parent().local_name()) + "."
            : "Element " + name + " is not allowed here: the mandatory element " +
                  missing + " is missing before it.";
  });
  return found;
}

class ValidatorImpl final : public Validator {
 public:
  ValidatorImpl(const ValidateOptions& options,
                std::unique_ptr<xml::SchemaValidator> schemas)
      : options_(options), schemas_(std::move(schemas)) {}

  Result<ValidationReport> Validate(std::string_view bytes,
                                    std::string_view source_name) const override {
    return Run(bytes, source_name, nullptr, nullptr);
  }

  Result<ValidationReport> ValidateFile(const std::string& path) const override {
    ValidationReport too_large;
    TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, &too_large));
    if (!too_large.valid()) return too_large;
    return Run(bytes, path, nullptr, nullptr);
  }

  Result<Document> Parse(std::string_view bytes,
                         std::string_view source_name) const override {
    Document doc;
    TRADEFIN_ASSIGN_OR_RETURN(ValidationReport report,
                              Run(bytes, source_name, &doc, nullptr));
    if (!report.valid()) {
      return Status::InvalidArgument(FormatIssue(report.issues.front()));
    }
    return doc;
  }

  // Parse(), keeping the tree (document_internal::ParseKeepingTree).
  Result<document_internal::ParsedDocument> ParseKeepingTree(
      std::string_view bytes, std::string_view source_name) const {
    document_internal::ParsedDocument parsed;
    TRADEFIN_ASSIGN_OR_RETURN(
        ValidationReport report,
        Run(bytes, source_name, &parsed.model, &parsed.tree));
    if (!report.valid()) {
      return Status::InvalidArgument(FormatIssue(report.issues.front()));
    }
    return parsed;
  }

  Result<Document> ParseFile(const std::string& path) const override {
    ValidationReport too_large;
    TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path, &too_large));
    if (!too_large.valid()) {
      return Status::InvalidArgument(FormatIssue(too_large.issues.front()));
    }
    return Parse(bytes, path);
  }

 private:
  // The file's bytes. A file over parse.max_bytes is not read: `too_large`
  // then gets one XML-TOO-LARGE issue and the bytes are empty.
  Result<std::string> ReadFile(const std::string& path,
                               ValidationReport* too_large) const {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return Status::NotFound("cannot read '" + path + "': no such file");
    }
    if (std::filesystem::is_directory(path, ec)) {
      return Status::IOError("cannot read '" + path + "': it is a directory");
    }
    uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > options_.parse.max_bytes) {
      // Reason: refuse before reading a huge file into memory; reported as
      // an issue like any other limit, so callers see one kind of verdict.
      too_large->file = path;
      too_large->issues.push_back(ValidationIssue{
          "XML-TOO-LARGE",
          "The file is " + std::to_string(size) + " bytes; the limit is " +
              std::to_string(options_.parse.max_bytes) + " bytes.",
          path, 0, 0, ""});
      return std::string();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IOError("cannot open '" + path + "'");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) return Status::IOError("cannot read '" + path + "'");
    return buf.str();
  }

  // `tree_out`, when not null, receives the parsed tree (only when `out` is
  // not null and the document is valid).
  Result<ValidationReport> Run(std::string_view bytes,
                               std::string_view source_name, Document* out,
                               std::unique_ptr<xml::Document>* tree_out) const {
    ValidationReport report;
    report.file = std::string(source_name);
    auto add = [&](std::string code, std::string message, int line, int column,
                   std::string path) {
      report.issues.push_back(ValidationIssue{std::move(code), std::move(message),
                                              report.file, line, column,
                                              std::move(path)});
    };

    xml::ParseError perr;
    std::unique_ptr<xml::Document> tree =
        xml::Document::Parse(bytes, options_.parse, &perr);
    if (!tree) {
      add(perr.code.empty() ? "XML-MALFORMED" : perr.code,
          Sentence(perr.message), perr.line, perr.column, "");
      return report;
    }
    xml::Node root = tree->root();
    Result<DocumentType> root_type =
        root ? DocumentTypeFromNamespace(root.ns_uri())
             : Result<DocumentType>(Status::InvalidArgument("no root element"));
    if (!root_type.ok()) {
      std::string name = root ? std::string(root.local_name()) : "";
      std::string ns = root ? std::string(root.ns_uri()) : "";
      add("DOC-UNKNOWN-TYPE",
          "The root element " + name + " in namespace '" + ns +
              "' is not a tradefin document; expected urn:tradefin:lc:1, "
              "urn:tradefin:waybill:1, urn:tradefin:customs:1 or "
              "urn:tradefin:invoice:1.",
          root ? root.line() : 0, 0, root ? root.path() : "");
      return report;
    }
    const DocumentType type = *root_type;
    report.type = type;

    std::vector<xml::SchemaError> errors;
    TRADEFIN_RETURN_IF_ERROR(schemas_->Validate(bytes, &errors));
    if (!errors.empty()) {
      for (const xml::SchemaError& e : errors) {
        std::string message;
        xml::Node node;
        if (ExplainContentModel(root, e.message, &message, &node)) {
          add("XSD-INVALID", message, node.line(), 0, node.path());
        } else {
          add("XSD-INVALID", Sentence(e.message), e.line, e.column,
              ElementAtLine(root, e.line).path());
        }
      }
      return report;
    }

    // Validate() with semantic checks off ends at the XSD; Parse() always
    // builds the model, and its value checks (currency, decimals) still
    // apply because the model cannot hold a wrong amount.
    if (!options_.semantic_checks && out == nullptr) return report;
    SourceMap map;
    IssueSink sink(report.file, &map, &report.issues);
    Document doc = document_internal::ParseDocumentXml(type, root, &map, &sink);
    if (options_.semantic_checks) document_internal::CheckDocument(doc, &sink);
    if (out != nullptr) *out = std::move(doc);
    if (tree_out != nullptr && report.valid()) *tree_out = std::move(tree);
    return report;
  }

  const ValidateOptions options_;
  const std::unique_ptr<xml::SchemaValidator> schemas_;
};

}  // namespace

Result<document_internal::ParsedDocument> document_internal::ParseKeepingTree(
    const Validator& validator, std::string_view bytes,
    std::string_view source_name) {
  if (const auto* impl = dynamic_cast<const ValidatorImpl*>(&validator)) {
    return impl->ParseKeepingTree(bytes, source_name);
  }
  ParsedDocument parsed;
  TRADEFIN_ASSIGN_OR_RETURN(parsed.model, validator.Parse(bytes, source_name));
  xml::ParseError perr;
  parsed.tree = xml::Document::Parse(bytes, ParseOptions(), &perr);
  if (!parsed.tree) return Status::InvalidArgument(perr.ToString());
  return parsed;
}

Validator::~Validator() = default;

Result<std::unique_ptr<Validator>> Validator::Create(
    const ValidateOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(std::unique_ptr<xml::SchemaValidator> schemas,
                            xml::SchemaValidator::Create());
  return std::unique_ptr<Validator>(
      std::make_unique<ValidatorImpl>(options, std::move(schemas)));
}

Status CheckDocumentType(const Document& doc, DocumentType expected,
                         std::string_view source_name) {
  if (doc.type == expected) return Status();
  return Status::InvalidArgument(
      std::string(source_name) + ": is a " + std::string(DocumentTypeName(doc.type)) +
      ", expected a " + std::string(DocumentTypeName(expected)));
}

std::ostream& operator<<(std::ostream& os, const ValidationIssue& issue) {
  return os << FormatIssue(issue);
}

std::string FormatIssue(const ValidationIssue& issue) {
  std::string out = issue.file + ":" + std::to_string(issue.line) + ":" +
                    std::to_string(issue.column) + ": " + issue.code + ": " +
                    issue.message;
  if (!issue.path.empty()) out += " [" + issue.path + "]";
  return out;
}

}  // namespace tradefin
