// tradefin export mt700 LC.xml [--out FILE]: LC XML -> FIN MT700 (+ MT701s).
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/swift.h"
#include "tradefin/document/validate.h"

namespace tradefin::cli {
namespace {

struct ExportCliOptions {
  std::string lc;
  std::string out;
  std::string user_reference;
  bool urgent = false;
  bool json = false;
};

int RunExportMt700(const ExportCliOptions& o) {
  const std::string bytes = ReadInputFileOrFail(o.lc);
  auto validator = Validator::Create({});
  if (!validator.ok()) FailWith(validator.status());
  auto lc = ParseAs<LetterOfCredit>(**validator, bytes, o.lc);
  if (!lc.ok()) FailWith(lc.status());
  SwiftExportOptions eo;
  eo.user_reference = o.user_reference;
  eo.priority = o.urgent ? 'U' : 'N';
  auto msgs = ExportMt700(*lc, eo);
  if (!msgs.ok()) FailWith(msgs.status());
  Json list = Json::array();
  if (o.out.empty()) {
    if (!o.json) {
      for (const std::string& m : *msgs) std::cout << m << "\r\n";
      return kExitOk;
    }
    for (std::size_t i = 0; i < msgs->size(); ++i) {
      list.push_back({{"type", i == 0 ? "MT700" : "MT701"},
                      {"path", nullptr},
                      {"message", (*msgs)[i] + "\r\n"}});
    }
    PrintJson(Json{{"lc", o.lc}, {"messages", std::move(list)}});
    return kExitOk;
  }
  for (std::size_t i = 0; i < msgs->size(); ++i) {
    std::string path = i == 0 ? o.out : o.out + "." + std::to_string(i + 1);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << (*msgs)[i] << "\r\n";
    out.close();
    if (!out) FailWith(Status::IOError("cannot write '" + path + "'"));
    if (o.json) {
      list.push_back({{"type", i == 0 ? "MT700" : "MT701"}, {"path", path}});
    } else {
      std::cout << path << ": " << (i == 0 ? "MT700" : "MT701") << " "
                << (i + 1) << "/" << msgs->size() << "\n";
    }
  }
  if (o.json) PrintJson(Json{{"lc", o.lc}, {"messages", std::move(list)}});
  return kExitOk;
}

}  // namespace

void SetupExport(CLI::App& app) {
  CLI::App* cmd =
      app.add_subcommand("export", "Export documents as SWIFT FIN messages");
  cmd->require_subcommand(1);
  auto o = std::make_shared<ExportCliOptions>();
  CLI::App* mt700 = cmd->add_subcommand(
      "mt700",
      "Write the credit in LC.xml as an MT700 (CRLF line breaks), plus MT701 "
      "continuations when 45A/46A/47A/49G/49H exceed the 10,000-character "
      "block. Without --out all messages go to stdout; with --out the MT700 "
      "goes to FILE and MT701 number n to FILE.n. Exit 2 when the credit "
      "cannot be written in FIN (the message names the field).");
  mt700->add_option("lc", o->lc, "LC XML file")->required();
  mt700->add_option("--out", o->out, "Output file for the MT700");
  mt700->add_option("--user-reference", o->user_reference,
                    "Block 3 field 108 (up to 16 characters)");
  mt700->add_flag("--urgent", o->urgent, "Priority U instead of N");
  mt700->add_flag("--json", o->json,
                  "Print {lc, messages:[{type, path}]} (with --out) or "
                  "{lc, messages:[{type, path:null, message}]}");
  mt700->callback([o] { Exit(RunExportMt700(*o)); });
}

}  // namespace tradefin::cli
