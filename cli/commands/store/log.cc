// tradefin log [--from N] [--limit N] [--json]: the entries in log order.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupLog(CLI::App& app) {
  struct Opts {
    std::string store;
    uint64_t from = 0;
    uint64_t limit = UINT64_MAX;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("log", "List log entries in order");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--from", o->from, "First entry index (default 0)");
  cmd->add_option("--limit", o->limit, "At most this many entries");
  cmd->add_flag("--json", o->json, "Print as JSON (one array)");
  cmd->callback([o] {
    auto st = OpenStoreOrFail(o->store);
    JsonWriter w;
    if (o->json) w.BeginArray();
    Status s = st->ForEachEntry(o->from, o->limit, [&](const Entry& e) {
      const std::optional<uint64_t> by = SupersededByOrFail(*st, e);
      if (o->json) WriteEntryJson(w, e, nullptr, by);
      else std::cout << EntrySummary(e, by) << "\n";
      return true;
    });
    if (!s.ok()) FailWith(s);
    if (o->json) {
      w.EndArray();
      std::cout << w.str() << "\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
