// PLACEHOLDER until issue 5 lands: registers `import` so the CLI builds, and
// says plainly that the verb is not available yet.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/commands.h"
#include "output.h"

namespace tradefin::cli {

void SetupImport(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("import", "(not implemented yet: issue 5)");
  cmd->allow_extras();
  cmd->callback([] {
    std::cerr << "tradefin: 'import' is not implemented yet (issue 5)\n";
    Exit(kExitError);
  });
}

}  // namespace tradefin::cli
