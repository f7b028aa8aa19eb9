// tradefin submit FILE... [--amends ENTRY] [--json]: validate, verify
// against the registry, and append as one atomic batch. Exit 0 accepted
// (appended or already present), 1 rejected (nothing written), 2 error.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "commands/store/store_cli.h"
#include "progress.h"

namespace tradefin::cli {
namespace {

constexpr uint64_t kSubmitProgressMin = 20;

struct SubmitCli {
  std::string store, amends;
  std::vector<std::string> files;
  bool json = false;
};

std::string_view KindName(SubmitOutcome::Kind k) {
  switch (k) {
    case SubmitOutcome::Kind::kAppended: return "appended";
    case SubmitOutcome::Kind::kAlreadyPresent: return "already-present";
    case SubmitOutcome::Kind::kRejected: return "rejected";
    case SubmitOutcome::Kind::kNotAttempted: return "not-appended";
  }
  return "?";
}

int RunSubmit(const SubmitCli& o) {
  std::vector<SubmitItem> items;
  for (const std::string& f : o.files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) FailWith(Status::IOError("cannot read " + f));
    std::ostringstream ss;
    ss << in.rdbuf();
    items.push_back({f, ss.str()});
  }
  SubmitOptions so;
  if (!o.amends.empty()) so.amends = ParseIndexOrFail(o.amends, "--amends");
  // Only batches big enough to take a while show progress on a terminal.
  so.progress = TerminalProgress("submit", "documents checked", kSubmitProgressMin);
  auto st = OpenStoreOrFail(o.store);
  auto report = st->Submit(items, so);
  if (!report.ok()) FailWith(report.status());
  if (o.json) {
    JsonWriter w;
    w.BeginObject();
    w.Key("accepted");
    w.Bool(report->accepted);
    w.Key("tree_size");
    w.Int(static_cast<int64_t>(report->tree_size));
    w.Key("documents");
    w.BeginArray();
    for (const auto& d : report->outcomes) {
      w.BeginObject();
      w.Key("file");
      w.String(d.source_name);
      w.Key("outcome");
      w.String(KindName(d.kind));
      w.Key("document_type");
      w.String(d.document_type);
      w.Key("natural_key");
      w.String(d.natural_key);
      w.Key("submitter");
      w.String(d.submitter);
      if (d.kind == SubmitOutcome::Kind::kAppended ||
          d.kind == SubmitOutcome::Kind::kAlreadyPresent) {
        w.Key("entry");
        w.Int(static_cast<int64_t>(d.entry.index));
        w.Key("leaf_hash");
        w.String(HashHex(d.entry.leaf_hash));
      }
      if (!d.code.empty()) {
        w.Key("code");
        w.String(d.code);
        w.Key("reason");
        w.String(d.reason);
      }
      w.Key("links");
      w.BeginArray();
      for (const auto& l : d.links) {
        w.BeginObject();
        w.Key("relation");
        w.String(l.relation);
        w.Key("target");
        w.Int(static_cast<int64_t>(l.target_index));
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << w.str() << "\n";
  } else {
    for (const auto& d : report->outcomes) {
      switch (d.kind) {
        case SubmitOutcome::Kind::kAppended: {
          std::cout << d.source_name << ": appended as entry " << d.entry.index << " ("
                    << d.natural_key << ", by " << d.submitter << ")";
          for (const auto& l : d.links) std::cout << " " << l.relation << "->" << l.target_index;
          std::cout << "\n";
          break;
        }
        case SubmitOutcome::Kind::kAlreadyPresent:
          std::cout << d.source_name << ": identical document already stored as entry "
                    << d.entry.index << "\n";
          break;
        case SubmitOutcome::Kind::kRejected:
          std::cout << d.source_name << ": rejected: " << d.code << ": " << d.reason << "\n";
          break;
        case SubmitOutcome::Kind::kNotAttempted:
          std::cout << d.source_name << ": not appended (another document of the batch was rejected)\n";
          break;
      }
    }
    if (!report->accepted)
      std::cout << "batch rejected: nothing was written\n";
  }
  return report->accepted ? kExitOk : kExitNegative;
}

}  // namespace

void SetupSubmit(CLI::App& app) {
  auto o = std::make_shared<SubmitCli>();
  CLI::App* cmd = app.add_subcommand(
      "submit", "Validate, verify against the registry and append documents as one atomic batch");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("files", o->files, "Signed document files")->required();
  cmd->add_option("--amends", o->amends,
                  "Entry index this (single) document amends (same issuer, same natural key)");
  cmd->add_flag("--json", o->json, "Print the result as JSON");
  cmd->callback([o] { Exit(RunSubmit(*o)); });
}

}  // namespace tradefin::cli
