// tradefin audit [--threads N] [--json]: recompute and check everything.
// Exit 0 clean, 1 corruption found (including a store too damaged to open),
// 2 could not run.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"
#include "progress.h"

namespace tradefin::cli {
namespace {

void PrintVerdict(bool json, bool clean, const AuditReport& r) {
  if (json) {
    JsonWriter w;
    w.BeginObject();
    w.Key("clean");
    w.Bool(clean);
    w.Key("entries");
    w.Int(static_cast<int64_t>(r.entries_checked));
    w.Key("documents");
    w.Int(static_cast<int64_t>(r.documents_checked));
    w.Key("checkpoints");
    w.Int(static_cast<int64_t>(r.checkpoints_checked));
    w.Key("bad_entry");
    if (r.bad_entry) w.Int(static_cast<int64_t>(*r.bad_entry));
    else w.Null();
    w.Key("problem");
    w.String(r.problem);
    w.EndObject();
    std::cout << w.str() << "\n";
  } else if (clean) {
    std::cout << "audit clean: " << Count(r.entries_checked, "entry", "entries") << ", "
              << Count(r.documents_checked, "document", "documents") << ", "
              << Count(r.checkpoints_checked, "checkpoint", "checkpoints") << "\n";
  } else {
    std::cout << "audit FAILED: ";
    if (r.bad_entry) std::cout << "entry " << *r.bad_entry << ": ";
    std::cout << r.problem << "\n";
  }
}

}  // namespace

void SetupAudit(CLI::App& app) {
  struct Opts {
    std::string store;
    int threads = 2;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "audit", "Recompute every hash, node, checkpoint and signature; name the first bad entry");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--threads", o->threads, "Worker threads for document checks (default 2)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--json", o->json, "Print the verdict as JSON");
  cmd->callback([o] {
    OpenStoreOptions oo;
    oo.dir = ResolveStoreDir(o->store);
    auto st = Store::Open(oo);
    if (!st.ok()) {
      // A store too damaged to open is an audit finding, not a usage error.
      if (st.status().code() == StatusCode::kCorruption) {
        AuditReport r;
        r.problem = std::string(st.status().message());
        PrintVerdict(o->json, false, r);
        Exit(kExitNegative);
      }
      FailWith(st.status());
    }
    AuditOptions ao;
    ao.threads = o->threads;
    ao.progress = TerminalProgress("audit", "entries");
    auto r = (*st)->Audit(ao);
    if (!r.ok()) {
      if (r.status().code() == StatusCode::kCorruption) {
        AuditReport rep;
        rep.problem = std::string(r.status().message());
        PrintVerdict(o->json, false, rep);
        Exit(kExitNegative);
      }
      FailWith(r.status());
    }
    PrintVerdict(o->json, r->clean, *r);
    Exit(r->clean ? kExitOk : kExitNegative);
  });
}

}  // namespace tradefin::cli
