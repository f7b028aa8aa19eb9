// tradefin import mt700 FILE... [--out LC.xml] [--json]
// tradefin import mt707 FILE [MT708 FILE...] --lc LC.xml [--out AMENDED.xml] [--json]
// SWIFT FIN in, LC XML out. The parsing and every rule live in the library
// (tradefin/document/swift.h); this file only reads files and prints.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/swift.h"
#include "tradefin/document/validate.h"

namespace tradefin::cli {
namespace {

struct ImportCliOptions {
  std::vector<std::string> files;
  std::string lc;
  std::string out;
  bool json = false;
};

std::string ReadOrFail(const std::string& path) {
  return ReadInputFileOrFail(path);  // "is a directory" too (issue 13)
}

void WriteOrFail(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) FailWith(Status::IOError("cannot write '" + path + "'"));
}

LetterOfCredit ReadLcOrFail(const std::string& path) {
  auto validator = Validator::Create({});
  if (!validator.ok()) FailWith(validator.status());
  std::string bytes = ReadOrFail(path);
  auto doc = (*validator)->Parse(bytes, path);
  if (!doc.ok()) FailWith(doc.status());
  if (!std::holds_alternative<LetterOfCredit>(doc->model)) {
    FailWith(Status::InvalidArgument("'" + path +
                                     "' is not a letter of credit document"));
  }
  return std::get<LetterOfCredit>(doc->model);
}

void IssuesJson(JsonWriter& w, const std::vector<SwiftIssue>& issues,
                const std::vector<std::string>& files) {
  w.Key("issues");
  w.BeginArray();
  for (const SwiftIssue& i : issues) {
    w.BeginObject();
    w.Key("file");
    w.String(files[static_cast<std::size_t>(i.message_index) < files.size()
                       ? static_cast<std::size_t>(i.message_index)
                       : 0]);
    w.Key("message_index");
    w.Int(i.message_index);
    w.Key("line");
    w.Int(i.line);
    w.Key("column");
    w.Int(i.column);
    w.Key("tag");
    w.String(i.tag);
    w.Key("rule");
    w.String(i.rule);
    w.Key("message");
    w.String(i.message);
    w.Key("expected");
    w.String(i.expected);
    w.EndObject();
  }
  w.EndArray();
}

void PrintIssues(const std::vector<SwiftIssue>& issues,
                 const std::vector<std::string>& files) {
  for (const SwiftIssue& i : issues) {
    std::size_t k = static_cast<std::size_t>(i.message_index);
    std::cout << FormatSwiftIssue(i, k < files.size() ? files[k] : files[0])
              << "\n";
  }
}

// Writes the XML to --out or stdout (text mode), or records it (JSON).
void Emit(const ImportCliOptions& o, const std::string& xml, JsonWriter& w) {
  if (!o.out.empty()) WriteOrFail(o.out, xml);
  if (o.json) {
    w.Key("out");
    if (o.out.empty()) {
      w.Null();
      w.Key("xml");
      w.String(xml);
    } else {
      w.String(o.out);
    }
  } else if (o.out.empty()) {
    std::cout << xml;
  }
}

// A message with issues: the issues (text or JSON) and no output file.
int Rejected(const ImportCliOptions& o, const char* message_type,
             const std::vector<SwiftIssue>& issues, JsonWriter& w) {
  if (o.json) {
    w.EndObject();
    std::cout << w.str() << "\n";
  } else {
    PrintIssues(issues, o.files);
    std::cout << o.files[0] << ": " << message_type << " rejected, "
              << issues.size() << (issues.size() == 1 ? " issue" : " issues")
              << "; no output written\n";
  }
  return kExitNegative;
}

int RunImportMt700(const ImportCliOptions& o) {
  std::vector<std::string> texts;
  for (const std::string& f : o.files) texts.push_back(ReadOrFail(f));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto r = ImportMt700(views, {});
  if (!r.ok()) FailWith(r.status());
  JsonWriter w;
  w.BeginObject();
  IssuesJson(w, r->issues, o.files);
  w.Key("credit_number");
  if (r->lc) {
    w.String(r->lc->credit_number);
  } else {
    w.Null();
  }
  if (!r->ok()) return Rejected(o, "MT700", r->issues, w);
  Emit(o, LetterOfCreditToXml(*r->lc), w);
  if (o.json) {
    w.EndObject();
    std::cout << w.str() << "\n";
  } else if (!o.out.empty()) {
    std::cout << o.files[0] << ": credit " << r->lc->credit_number
              << " imported to " << o.out << "\n";
  }
  return kExitOk;
}

int RunImportMt707(const ImportCliOptions& o) {
  if (o.files.empty() || o.files.size() > 8) {
    FailWith(Status::InvalidArgument(
        "import mt707 takes the MT707 FILE and up to 7 MT708 FILEs"));
  }
  LetterOfCredit original = ReadLcOrFail(o.lc);
  std::vector<std::string> texts;
  for (const std::string& f : o.files) texts.push_back(ReadOrFail(f));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto r = ImportMt707Sequence(views, original, {});
  if (!r.ok()) FailWith(r.status());
  JsonWriter w;
  w.BeginObject();
  IssuesJson(w, r->issues, o.files);
  w.Key("credit_number");
  w.String(original.credit_number);
  w.Key("amendment_number");
  w.Int(r->amendment.amendment_number);
  w.Key("cancellation_requested");
  w.Bool(r->amendment.cancellation_requested);
  if (!r->ok()) return Rejected(o, "MT707", r->issues, w);
  Emit(o, LetterOfCreditToXml(*r->amended), w);
  if (o.json) {
    w.EndObject();
    std::cout << w.str() << "\n";
  } else if (!o.out.empty()) {
    std::cout << o.files[0] << ": amendment " << r->amendment.amendment_number
              << " of credit " << original.credit_number << " applied, "
              << o.out << " written"
              << (r->amendment.cancellation_requested
                      ? " (the amendment requests CANCELLATION of the credit)"
                      : "")
              << "\n";
  }
  return kExitOk;
}

}  // namespace

void SetupImport(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Import SWIFT FIN messages (MT700 + MT701, MT707 + MT708) as LC XML");
  cmd->require_subcommand(1);

  auto o700 = std::make_shared<ImportCliOptions>();
  CLI::App* mt700 = cmd->add_subcommand(
      "mt700",
      "Parse an MT700 and its MT701 continuations (in sequence order) into "
      "LC XML. Checks blocks 1-5, CRLF or LF, X/Z character sets, line "
      "limits, field order, codes and the network rules (C90, D06, 58a). "
      "Issues are printed as 'file:line:col: TAG: rule: message'; with any "
      "issue nothing is written and the exit code is 1. Exit 2 when a file "
      "cannot be read.");
  mt700->add_option("files", o700->files, "MT700 file, then MT701 files")
      ->required();
  mt700->add_option("--out", o700->out, "Write the LC XML here (default: stdout)");
  mt700->add_flag("--json", o700->json,
                  "Print {\"issues\":[{file,message_index,line,column,tag,"
                  "rule,message,expected}],\"credit_number\":...,\"out\":...,"
                  "\"xml\":... (only without --out)}");
  mt700->callback([o700] { Exit(RunImportMt700(*o700)); });

  auto o707 = std::make_shared<ImportCliOptions>();
  CLI::App* mt707 = cmd->add_subcommand(
      "mt707",
      "Apply an MT707 amendment (SR2018+, /ADD/ /DELETE/ /REPALL/) and its "
      "MT708 continuations (in sequence order; field 27 n/total in each, "
      "fields 20/21/23/26E/30 repeated) to the credit in --lc and write the "
      "amended LC XML. Field 23 must be the credit number. To record it in a store as an amendment linked to the "
      "original, submit the output with 'tradefin submit --amends'. Exit 1 "
      "with issues (nothing written), 2 when a file cannot be read.");
  mt707->add_option("files", o707->files,
                    "MT707 file, then its MT708 files (at most 7)")
      ->required();
  mt707->add_option("--lc", o707->lc, "The original LC XML")->required();
  mt707->add_option("--out", o707->out,
                    "Write the amended LC XML here (default: stdout)");
  mt707->add_flag("--json", o707->json,
                  "Print {\"issues\":[...],\"credit_number\":...,"
                  "\"amendment_number\":n,\"cancellation_requested\":bool,"
                  "\"out\":...}");
  mt707->callback([o707] { Exit(RunImportMt707(*o707)); });
}

}  // namespace tradefin::cli
