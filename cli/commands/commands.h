// Every CLI verb registers itself through one Setup function, defined in its
// own file under cli/commands/. Each callback ends by throwing
// CLI::RuntimeError(exit_code) (see cli/output.h for the exit codes).
#ifndef TRADEFIN_CLI_COMMANDS_COMMANDS_H_
#define TRADEFIN_CLI_COMMANDS_COMMANDS_H_

namespace CLI {
class App;
}

namespace tradefin::cli {

// Documents (issue 2).
void SetupValidate(CLI::App& app);  // validate.cc
void SetupShow(CLI::App& app);      // show.cc
// Keys and signatures (issue 3).
void SetupKey(CLI::App& app);       // key.cc
void SetupSign(CLI::App& app);      // sign.cc
void SetupVerify(CLI::App& app);    // verify.cc
// Store (issue 4): init, hub-key, party, submit, links, history, log, get,
// checkpoint, prove, consistency, verify-proof, audit.
void SetupStoreCommands(CLI::App& app);  // store/register.cc
// SWIFT (issue 5).
void SetupImport(CLI::App& app);    // import.cc
void SetupExport(CLI::App& app);    // export.cc
// UCP 600 examination (issue 5).
void SetupExamine(CLI::App& app);   // examine.cc
// Witnesses, offline consistency check, guarantor bundles (issue 9).
void SetupWitness(CLI::App& app);             // witness.cc (+ cosign-add)
void SetupVerifyConsistency(CLI::App& app);   // verify_consistency.cc
void SetupBundle(CLI::App& app);              // bundle.cc
// Single-document financing (issue 9).
void SetupFinance(CLI::App& app);   // finance.cc

}  // namespace tradefin::cli

#endif  // TRADEFIN_CLI_COMMANDS_COMMANDS_H_
