// tradefin: command-line entry point. Each verb lives in cli/commands/.
#include <CLI/CLI.hpp>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/core/runtime.h"
#include "tradefin/core/version.h"

int main(int argc, char** argv) {
  tradefin::Runtime runtime;
  CLI::App app{
      "tradefin: verifiable trade-finance documents (letters of credit, rail "
      "waybills, customs declarations, invoices): validate, sign, store, "
      "examine, prove.",
      "tradefin"};
  app.set_version_flag("--version", TRADEFIN_VERSION_STRING);
  app.require_subcommand(1);
  app.fallthrough();

  tradefin::cli::SetupValidate(app);
  tradefin::cli::SetupShow(app);
  tradefin::cli::SetupKey(app);
  tradefin::cli::SetupSign(app);
  tradefin::cli::SetupVerify(app);
  tradefin::cli::SetupStoreCommands(app);
  tradefin::cli::SetupImport(app);
  tradefin::cli::SetupExport(app);
  tradefin::cli::SetupExamine(app);
  tradefin::cli::SetupWitness(app);
  tradefin::cli::SetupVerifyConsistency(app);
  tradefin::cli::SetupBundle(app);
  tradefin::cli::SetupFinance(app);

  return tradefin::cli::RunApp(app, argc, argv);
}
