// PLACEHOLDER until issue 2 lands: registers `validate` so the CLI builds, and
// says plainly that the verb is not available yet.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/commands.h"
#include "output.h"

namespace tradefin::cli {

void SetupValidate(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("validate", "(not implemented yet: issue 2)");
  cmd->allow_extras();
  cmd->callback([] {
    std::cerr << "tradefin: 'validate' is not implemented yet (issue 2)\n";
    Exit(kExitError);
  });
}

}  // namespace tradefin::cli
