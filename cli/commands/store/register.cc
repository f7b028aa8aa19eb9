// PLACEHOLDER until issue 4 lands: registers `init` so the CLI builds, and
// says plainly that the verb is not available yet.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/commands.h"
#include "output.h"

namespace tradefin::cli {

void SetupStoreCommands(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("init", "(not implemented yet: issue 4)");
  cmd->allow_extras();
  cmd->callback([] {
    std::cerr << "tradefin: 'init' is not implemented yet (issue 4)\n";
    Exit(kExitError);
  });
}

}  // namespace tradefin::cli
