// tradefin validate FILE... [--json]: XSD + semantic validation, document
// type detected from the root namespace.
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/validate.h"

namespace tradefin::cli {
namespace {

struct ValidateOptionsCli {
  std::vector<std::string> files;
  bool json = false;
};

std::string TypeName(const ValidationReport& r) {
  return r.type ? std::string(DocumentTypeName(*r.type)) : "unknown type";
}

int RunValidate(const ValidateOptionsCli& o) {
  auto validator = Validator::Create({});
  if (!validator.ok()) FailWith(validator.status());
  bool any_invalid = false;
  bool any_error = false;
  JsonWriter w;
  w.BeginObject();
  w.Key("files");
  w.BeginArray();
  for (const std::string& file : o.files) {
    Result<ValidationReport> report = (*validator)->ValidateFile(file);
    if (!report.ok()) {
      any_error = true;
      std::cerr << "tradefin: " << ErrorText(report.status()) << "\n";
      if (o.json) {
        w.BeginObject();
        w.Key("file");
        w.String(file);
        w.Key("error");
        w.String(report.status().ToString());
        w.EndObject();
      }
      continue;
    }
    const ValidationReport& r = *report;
    if (!r.valid()) any_invalid = true;
    if (o.json) {
      w.BeginObject();
      w.Key("file");
      w.String(file);
      w.Key("type");
      if (r.type) {
        w.String(DocumentTypeName(*r.type));
      } else {
        w.Null();
      }
      w.Key("valid");
      w.Bool(r.valid());
      w.Key("issues");
      w.BeginArray();
      for (const ValidationIssue& i : r.issues) {
        w.BeginObject();
        w.Key("code");
        w.String(i.code);
        w.Key("message");
        w.String(i.message);
        w.Key("line");
        w.Int(i.line);
        w.Key("column");
        w.Int(i.column);
        w.Key("path");
        w.String(i.path);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
      continue;
    }
    for (const ValidationIssue& i : r.issues) std::cout << FormatIssue(i) << "\n";
    if (r.valid()) {
      std::cout << file << ": valid (" << TypeName(r) << ")\n";
    } else {
      std::cout << file << ": invalid (" << TypeName(r) << "), "
                << r.issues.size()
                << (r.issues.size() == 1 ? " issue" : " issues") << "\n";
    }
  }
  w.EndArray();
  w.Key("valid");
  w.Bool(!any_invalid && !any_error);
  w.EndObject();
  if (o.json) std::cout << w.str() << "\n";
  if (any_error) return kExitError;
  return any_invalid ? kExitNegative : kExitOk;
}

}  // namespace

void SetupValidate(CLI::App& app) {
  auto opts = std::make_shared<ValidateOptionsCli>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Validate trade documents (letter of credit, rail waybill, customs "
      "declaration, commercial invoice) against their schema and semantic "
      "rules. The type is detected from the root namespace. Prints "
      "'file:line:col: CODE: message [path]' per issue and a summary line per "
      "file. Exit 0 all valid, 1 some invalid, 2 a file could not be read.");
  cmd->add_option("files", opts->files, "XML documents to validate")
      ->required();
  cmd->add_flag("--json", opts->json,
                "Print {\"files\":[{file,type,valid,issues:[{code,message,"
                "line,column,path}]}],\"valid\":bool}");
  cmd->callback([opts] { Exit(RunValidate(*opts)); });
}

}  // namespace tradefin::cli
