// tradefin show FILE [--json]: validates, then prints the typed model.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/json.h"
#include "tradefin/document/text.h"
#include "tradefin/document/validate.h"

namespace tradefin::cli {
namespace {

struct ShowOptions {
  std::string file;
  bool json = false;
};

int RunShow(const ShowOptions& o) {
  auto validator = Validator::Create({});
  if (!validator.ok()) FailWith(validator.status());
  // Validate first so every issue is listed, not only the first.
  Result<ValidationReport> report = (*validator)->ValidateFile(o.file);
  if (!report.ok()) FailWith(report.status());
  if (!report->valid()) {
    for (const ValidationIssue& i : report->issues) {
      std::cerr << FormatIssue(i) << "\n";
    }
    std::cerr << "tradefin: " << o.file
              << ": not shown because the document is invalid\n";
    return kExitNegative;
  }
  std::ifstream in(o.file, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  Result<Document> doc = (*validator)->Parse(buf.str(), o.file);
  if (!doc.ok()) FailWith(doc.status());
  if (o.json) {
    std::cout << ToJson(*doc, JsonOptions{false}) << "\n";
  } else {
    std::cout << ToText(*doc);
  }
  return kExitOk;
}

}  // namespace

void SetupShow(CLI::App& app) {
  auto opts = std::make_shared<ShowOptions>();
  CLI::App* cmd = app.add_subcommand(
      "show",
      "Validate a trade document and print its typed model: parties, amounts, "
      "dates, containers, items. Exit 0 shown, 1 invalid (issues on stderr), "
      "2 the file could not be read.");
  cmd->add_option("file", opts->file, "XML document")->required();
  cmd->add_flag("--json", opts->json,
                "Print the model as JSON: {type, natural_key, model} with "
                "snake_case field names");
  cmd->callback([opts] { Exit(RunShow(*opts)); });
}

}  // namespace tradefin::cli
