// Registers every store verb (issue 4). Each verb lives in its own file in
// this directory; verify-proof belongs to the proof module (verify_proof.cc).
#include <CLI/CLI.hpp>

#include "commands/commands.h"

namespace tradefin::cli {

void SetupInit(CLI::App& app);         // init.cc
void SetupHubKey(CLI::App& app);       // hub_key.cc
void SetupParty(CLI::App& app);        // party.cc
void SetupSubmit(CLI::App& app);       // submit.cc
void SetupLinks(CLI::App& app);        // links.cc
void SetupHistory(CLI::App& app);      // history.cc
void SetupLog(CLI::App& app);          // log.cc
void SetupGet(CLI::App& app);          // get.cc
void SetupCheckpoint(CLI::App& app);   // checkpoint.cc
void SetupProve(CLI::App& app);        // prove.cc
void SetupConsistency(CLI::App& app);  // consistency.cc
void SetupAudit(CLI::App& app);        // audit.cc
void SetupVerifyProof(CLI::App& app);  // verify_proof.cc

void SetupStoreCommands(CLI::App& app) {
  SetupInit(app);
  SetupHubKey(app);
  SetupParty(app);
  SetupSubmit(app);
  SetupLinks(app);
  SetupHistory(app);
  SetupLog(app);
  SetupGet(app);
  SetupCheckpoint(app);
  SetupProve(app);
  SetupConsistency(app);
  SetupAudit(app);
  SetupVerifyProof(app);
}

}  // namespace tradefin::cli
