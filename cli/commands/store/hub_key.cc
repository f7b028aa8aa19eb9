// tradefin hub-key: print the hub's checkpoint verifier key (C2SP form).
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupHubKey(CLI::App& app) {
  auto store = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "hub-key", "Print the hub's checkpoint verifier key (<origin>+<keyid>+<base64>)");
  AddStoreOption(cmd, store.get());
  cmd->callback([store] {
    auto st = OpenStoreOrFail(*store);
    std::cout << st->HubVerifierKey() << "\n";
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
