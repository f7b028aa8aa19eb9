// Every document type (letter of credit, rail waybill, customs declaration,
// commercial invoice) through the Validator, as `tradefin validate` and
// `tradefin submit` take them: hardened parse, XSD, value checks, semantic
// rules. Properties: Validate() and Parse() agree on validity (Parse is
// documented as "validates and, if valid, returns the model"), and a parsed
// model converts to JSON (`tradefin show --json`).
#include <memory>

#include "fuzz_common.h"
#include "tradefin/document/json.h"
#include "tradefin/document/validate.h"

namespace {

const tradefin::Validator& GetValidator() {
  static const tradefin::Validator* validator = [] {
    tradefin::fuzz::GlobalRuntime();
    auto v = tradefin::Validator::Create({});
    if (!v.ok()) tradefin::fuzz::Broken("Validator::Create", v.status().ToString());
    return v->release();
  }();
  return *validator;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  const Validator& validator = GetValidator();
  std::string_view in = fuzz::AsView(data, size);
  auto report = validator.Validate(in, "fuzz.xml");
  auto doc = validator.Parse(in, "fuzz.xml");
  if (!report.ok()) return 0;  // internal failure: reported, not a verdict
  for (const auto& issue : report->issues) (void)FormatIssue(issue);
  if (doc.ok() != report->valid()) {
    fuzz::Broken("Validate and Parse disagree",
                 report->valid() ? doc.status().ToString()
                                 : FormatIssue(report->issues.front()));
  }
  if (doc.ok()) {
    std::string json = ToJson(*doc, {});
    if (json.empty()) fuzz::Broken("ToJson returned nothing");
  }
  return 0;
}
