// PLACEHOLDER until issue 2 lands: registers `show` so the CLI builds, and
// says plainly that the verb is not available yet.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/commands.h"
#include "output.h"

namespace tradefin::cli {

void SetupShow(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("show", "(not implemented yet: issue 2)");
  cmd->allow_extras();
  cmd->callback([] {
    std::cerr << "tradefin: 'show' is not implemented yet (issue 2)\n";
    Exit(kExitError);
  });
}

}  // namespace tradefin::cli
