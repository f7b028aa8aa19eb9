// Validator: hardened parse → root namespace → XSD (Xerces, cached
// grammars) → model parse → semantic rules. Every step after the parse
// needs the previous one to have passed: XSD errors stop the run, because
// the parsers and rules assume a schema-valid tree.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "document/issues.h"
#include "document/parsers.h"
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

class ValidatorImpl final : public Validator {
 public:
  ValidatorImpl(const ValidateOptions& options,
                std::unique_ptr<xml::SchemaValidator> schemas)
      : options_(options), schemas_(std::move(schemas)) {}

  Result<ValidationReport> Validate(std::string_view bytes,
                                    std::string_view source_name) const override {
    return Run(bytes, source_name, nullptr);
  }

  Result<ValidationReport> ValidateFile(const std::string& path) const override {
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
      ValidationReport report;
      report.file = path;
      report.issues.push_back(ValidationIssue{
          "XML-TOO-LARGE",
          "The file is " + std::to_string(size) + " bytes; the limit is " +
              std::to_string(options_.parse.max_bytes) + " bytes.",
          path, 0, 0, ""});
      return report;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IOError("cannot open '" + path + "'");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) return Status::IOError("cannot read '" + path + "'");
    return Run(buf.str(), path, nullptr);
  }

  Result<Document> Parse(std::string_view bytes,
                         std::string_view source_name) const override {
    Document doc;
    TRADEFIN_ASSIGN_OR_RETURN(ValidationReport report,
                              Run(bytes, source_name, &doc));
    if (!report.valid()) {
      return Status::InvalidArgument(FormatIssue(report.issues.front()));
    }
    return doc;
  }

 private:
  Result<ValidationReport> Run(std::string_view bytes,
                               std::string_view source_name,
                               Document* out) const {
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
    DocumentType type;
    if (!root || !DocumentTypeFromNamespace(root.ns_uri(), &type)) {
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
    report.type = type;

    std::vector<xml::SchemaError> errors;
    TRADEFIN_RETURN_IF_ERROR(schemas_->Validate(bytes, &errors));
    if (!errors.empty()) {
      for (const xml::SchemaError& e : errors) {
        add("XSD-INVALID", Sentence(e.message), e.line, e.column,
            ElementAtLine(root, e.line).path());
      }
      return report;
    }

    SourceMap map;
    IssueSink sink(report.file, &map, &report.issues);
    Document doc = document_internal::ParseDocumentXml(type, root, &map, &sink);
    if (options_.semantic_checks) document_internal::CheckDocument(doc, &sink);
    if (out != nullptr) *out = std::move(doc);
    return report;
  }

  const ValidateOptions options_;
  const std::unique_ptr<xml::SchemaValidator> schemas_;
};

}  // namespace

Validator::~Validator() = default;

Result<std::unique_ptr<Validator>> Validator::Create(
    const ValidateOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(std::unique_ptr<xml::SchemaValidator> schemas,
                            xml::SchemaValidator::Create());
  return std::unique_ptr<Validator>(
      std::make_unique<ValidatorImpl>(options, std::move(schemas)));
}

std::string FormatIssue(const ValidationIssue& issue) {
  std::string out = issue.file + ":" + std::to_string(issue.line) + ":" +
                    std::to_string(issue.column) + ": " + issue.code + ": " +
                    issue.message;
  if (!issue.path.empty()) out += " [" + issue.path + "]";
  return out;
}

}  // namespace tradefin
