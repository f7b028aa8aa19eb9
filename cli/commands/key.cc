// PLACEHOLDER until issue 3 lands: registers `key` so the CLI builds, and
// says plainly that the verb is not available yet.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/commands.h"
#include "output.h"

namespace tradefin::cli {

void SetupKey(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("key", "(not implemented yet: issue 3)");
  cmd->allow_extras();
  cmd->callback([] {
    std::cerr << "tradefin: 'key' is not implemented yet (issue 3)\n";
    Exit(kExitError);
  });
}

}  // namespace tradefin::cli
