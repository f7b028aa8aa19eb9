// tradefin init [--store DIR] --origin NAME: create a store and its hub key.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupInit(CLI::App& app) {
  struct Opts {
    std::string store, origin;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Create a store with a new hub Ed25519 checkpoint key (hub.key, mode 0600)");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--origin", o->origin,
                  "Log origin, e.g. example.org/tradefin/hub-1 (no spaces or '+')")
      ->required();
  cmd->add_flag("--json", o->json, "Print the result as JSON");
  cmd->callback([o] {
    CreateStoreOptions c;
    c.dir = ResolveStoreDir(o->store);
    c.origin = o->origin;
    auto st = Store::Create(c);
    if (!st.ok()) FailWith(st.status());
    if (o->json) {
      JsonWriter w;
      w.BeginObject();
      w.Key("store");
      w.String(c.dir);
      w.Key("origin");
      w.String(c.origin);
      w.Key("hub_key");
      w.String((*st)->HubVerifierKey());
      w.EndObject();
      std::cout << w.str() << "\n";
    } else {
      std::cout << "created store " << c.dir << " (origin " << c.origin << ")\n"
                << "hub verifier key: " << (*st)->HubVerifierKey() << "\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
