// Parsing and validating trade documents.
//
// Validation = hardened XML parse + XSD validation against tradefin's
// schemas (compiled in; grammars loaded once per Validator) + semantic
// rules (identifier check digits, totals, currency exponents, date order).
//
//   tradefin::Runtime runtime;
//   auto validator = tradefin::Validator::Create({});
//   if (!validator.ok()) return validator.status();
//   auto report = (*validator)->ValidateFile("samples/shipment/rail-waybill.xml");
//   if (!report.ok()) ...           // could not read the file
//   if (!report->valid()) ...       // the document has errors
//
// When you know which document you expect, parse straight into its model:
//
//   Result<RailWaybill> wb = tradefin::ParseFileAs<RailWaybill>(
//       **validator, "samples/shipment/rail-waybill.xml");
//   if (!wb.ok()) ...  // unreadable, invalid, or not a rail waybill
//
// Thread safety: a Validator may be used from several threads at once.
#ifndef TRADEFIN_DOCUMENT_VALIDATE_H_
#define TRADEFIN_DOCUMENT_VALIDATE_H_

#include <cstddef>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/document/document.h"
#include "tradefin/xml/parse_options.h"

namespace tradefin {

// One problem found in a document.
struct ValidationIssue {
  // Stable code, e.g. "XML-DOCTYPE", "XSD-INVALID", "ID-CONTAINER-CHECK",
  // "SUM-TOTAL". Listed in docs/reference/validation-codes.md.
  std::string code;
  std::string message;  // one plain sentence: what is wrong, what expected
  std::string file;     // source name given by the caller
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string path;     // element path, e.g. "/wb:RailWaybill/wb:Containers/wb:Container[2]/wb:Number"
};

struct ValidationReport {
  std::string file;
  std::optional<DocumentType> type;  // known once the root namespace is read
  std::vector<ValidationIssue> issues;
  bool valid() const { return issues.empty(); }
};

struct ValidateOptions {
  // Limits and parser hardening. Default: see ParseOptions.
  ParseOptions parse;
  // After XSD validation succeeds, check values the schema cannot judge
  // (MONEY-*, DATE-INVALID, VALUE-INVALID) and run the semantic rules
  // (check digits, sums, date order). When false, Validate() stops after
  // the XSD; Parse() still does the value checks (a model cannot hold an
  // amount in an unknown currency) but not the rules. Default: true.
  bool semantic_checks = true;
};

class TRADEFIN_EXPORT Validator {
 public:
  // Loads and compiles the schemas once. Errors: kInternal if a built-in
  // schema fails to load (a packaging bug).
  static Result<std::unique_ptr<Validator>> Create(const ValidateOptions& options);
  virtual ~Validator();

  // Validates `bytes`; `source_name` is used in issue locations.
  // A non-OK Status only for internal failures; bad documents give a report.
  virtual Result<ValidationReport> Validate(std::string_view bytes,
                                            std::string_view source_name) const = 0;
  // Reads and validates a file. kNotFound if it does not exist, kIOError if
  // it cannot be read. A file larger than `parse.max_bytes` is not read: the
  // report then holds one XML-TOO-LARGE issue (line 0).
  virtual Result<ValidationReport> ValidateFile(const std::string& path) const = 0;

  // Validates and, if valid, returns the typed model. If invalid, returns
  // kInvalidArgument whose message is the first issue ("file:line:col:
  // CODE: message"); use Validate() for the full list.
  virtual Result<Document> Parse(std::string_view bytes,
                                 std::string_view source_name) const = 0;
  // Reads a file and parses it as Parse() does. kNotFound if it does not
  // exist, kIOError if it cannot be read (or is a directory),
  // kInvalidArgument if it does not validate (including a file larger than
  // `parse.max_bytes`).
  virtual Result<Document> ParseFile(const std::string& path) const = 0;
};

// OK if `doc` is of type `expected`; otherwise kInvalidArgument
// "<source_name>: is a <type>, expected a <expected type>".
TRADEFIN_EXPORT Status CheckDocumentType(const Document& doc,
                                         DocumentType expected,
                                         std::string_view source_name);

// Validates `bytes` and returns the model of type T (one of LetterOfCredit,
// RailWaybill, CustomsDeclaration, CommercialInvoice). Errors: those of
// Validator::Parse, and kInvalidArgument when the document is valid but of
// another type (the message names both types). Never throws
// std::bad_variant_access.
template <typename T>
Result<T> ParseAs(const Validator& validator, std::string_view bytes,
                  std::string_view source_name) {
  Result<Document> doc = validator.Parse(bytes, source_name);
  if (!doc.ok()) return doc.status();
  Status st = CheckDocumentType(*doc, DocumentTypeOf<T>::value, source_name);
  if (!st.ok()) return st;
  T* model = std::get_if<T>(&doc->model);
  if (model == nullptr) {
    return Status::Internal("document type and model disagree");
  }
  return std::move(*model);
}

// As ParseAs, reading the file at `path` (see Validator::ParseFile).
template <typename T>
Result<T> ParseFileAs(const Validator& validator, const std::string& path) {
  Result<Document> doc = validator.ParseFile(path);
  if (!doc.ok()) return doc.status();
  Status st = CheckDocumentType(*doc, DocumentTypeOf<T>::value, path);
  if (!st.ok()) return st;
  T* model = std::get_if<T>(&doc->model);
  if (model == nullptr) {
    return Status::Internal("document type and model disagree");
  }
  return std::move(*model);
}

// "file:line:col: CODE: message [path]" (the path part only when known),
// the form `tradefin validate` prints.
TRADEFIN_EXPORT std::string FormatIssue(const ValidationIssue& issue);
// Writes FormatIssue(issue).
TRADEFIN_EXPORT std::ostream& operator<<(std::ostream& os, const ValidationIssue& issue);

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_VALIDATE_H_
