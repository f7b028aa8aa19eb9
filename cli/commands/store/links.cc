// tradefin links ENTRY [--json]: links from and to an entry.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupLinks(CLI::App& app) {
  struct Opts {
    std::string store, entry;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("links", "Show an entry's links in both directions");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("entry", o->entry, "Entry index")->required();
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] {
    uint64_t idx = ParseIndexOrFail(o->entry, "ENTRY");
    auto st = OpenStoreOrFail(o->store);
    auto v = st->Links(idx);
    if (!v.ok()) FailWith(v.status());
    if (o->json) {
      JsonWriter w;
      w.BeginObject();
      w.Key("entry");
      w.Int(static_cast<int64_t>(idx));
      w.Key("outgoing");
      w.BeginArray();
      for (const auto& l : v->outgoing) WriteLinkJson(w, l);
      w.EndArray();
      w.Key("incoming");
      w.BeginArray();
      for (const auto& l : v->incoming) {
        w.BeginObject();
        w.Key("relation");
        w.String(l.relation);
        w.Key("source");
        w.Int(static_cast<int64_t>(l.source_index));
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
      std::cout << w.str() << "\n";
    } else {
      for (const auto& l : v->outgoing)
        std::cout << idx << " --" << l.relation << "--> " << l.target_index << "\n";
      for (const auto& l : v->incoming)
        std::cout << l.source_index << " --" << l.relation << "--> " << idx << "\n";
      if (v->outgoing.empty() && v->incoming.empty())
        std::cout << "entry " << idx << " has no links\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
