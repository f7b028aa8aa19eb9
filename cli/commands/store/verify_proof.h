// tradefin verify-proof: offline check of a C2SP tlog-proof (see
// verify_proof.cc). Registered by store/register.cc.
#ifndef TRADEFIN_CLI_COMMANDS_STORE_VERIFY_PROOF_H_
#define TRADEFIN_CLI_COMMANDS_STORE_VERIFY_PROOF_H_

namespace CLI {
class App;
}

namespace tradefin::cli {

// tradefin verify-proof PROOF --entry FILE --hub-key VKEY [--json]
void SetupVerifyProof(CLI::App& app);

}  // namespace tradefin::cli

#endif  // TRADEFIN_CLI_COMMANDS_STORE_VERIFY_PROOF_H_
