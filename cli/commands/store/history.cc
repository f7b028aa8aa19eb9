// tradefin history KEY [--json]: every entry carrying a natural key.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupHistory(CLI::App& app) {
  struct Opts {
    std::string store, key;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "history",
      "Every entry carrying a natural key (\"kind:value\", e.g. credit:DEL25LC0001234, "
      "or a bare value matched against every kind)");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("key", o->key, "Natural key")->required();
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] {
    auto st = OpenStoreOrFail(o->store);
    auto h = st->History(o->key);
    if (!h.ok()) FailWith(h.status());
    JsonWriter w;
    if (o->json) w.BeginArray();
    for (uint64_t idx : *h) {
      auto e = st->GetEntry(idx);
      if (!e.ok()) FailWith(e.status());
      const std::optional<uint64_t> by = SupersededByOrFail(*st, *e);
      if (o->json) WriteEntryJson(w, *e, nullptr, by);
      else std::cout << EntrySummary(*e, by) << "\n";
    }
    if (o->json) {
      w.EndArray();
      std::cout << w.str() << "\n";
    } else if (h->empty()) {
      std::cout << "no entry carries " << o->key << "\n";
    }
    Exit(h->empty() ? kExitNegative : kExitOk);
  });
}

}  // namespace tradefin::cli
