// tradefin hub-key [--json]: print the hub's checkpoint verifier key (C2SP
// form).
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupHubKey(CLI::App& app) {
  struct Opts {
    std::string store;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "hub-key", "Print the hub's checkpoint verifier key (<origin>+<keyid>+<base64>)");
  AddStoreOption(cmd, &o->store);
  cmd->add_flag("--json", o->json, "Print {origin, verifier_key}");
  cmd->callback([o] {
    auto st = OpenStoreOrFail(o->store);
    if (o->json) {
      Json j;
      j["origin"] = st->origin();
      j["verifier_key"] = st->HubVerifierKey();
      PrintJson(j);
    } else {
      std::cout << st->HubVerifierKey() << "\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
