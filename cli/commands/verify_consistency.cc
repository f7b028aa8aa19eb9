// tradefin verify-consistency PROOF --old CHECKPOINT --hub-key VKEY [--json]
//
// Checks offline, with no store, that the checkpoint at the end of PROOF
// (`tradefin consistency` output) extends the older signed checkpoint the
// caller kept: both hub signatures, same origin, then RFC 9162 §2.1.4.2.
// The check is VerifyConsistencyProofText (tradefin/store/proof.h).
// Exit: 0 consistent, 1 not, 2 I/O or usage error.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/commands.h"
#include "commands/offline_cli.h"
#include "output.h"
#include "tradefin/store/proof.h"

namespace tradefin::cli {

void SetupVerifyConsistency(CLI::App& app) {
  struct Opts {
    std::string proof, old_cp, hub_key;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "verify-consistency",
      "Check offline that a newer checkpoint extends an older one (exit 0 consistent, "
      "1 not, 2 error)");
  cmd->add_option("PROOF", o->proof,
                  "Consistency proof text (tradefin consistency --from M): 'old M', "
                  "hashes, blank line, the new signed checkpoint")
      ->required();
  cmd->add_option("--old", o->old_cp, "The older signed checkpoint you kept (size M)")
      ->required();
  cmd->add_option("--hub-key", o->hub_key,
                  "The hub verifier key (tradefin hub-key), or a file holding it")
      ->required();
  cmd->add_flag("--json", o->json, "Print the result as JSON");
  cmd->callback([o] {
    std::string proof = ReadFileOrFail(o->proof, "consistency proof");
    std::string old_cp = ReadFileOrFail(o->old_cp, "old checkpoint");
    std::string vkey = KeyArgOrFail(o->hub_key, "--hub-key");
    auto v = VerifyConsistencyProofText(proof, old_cp, vkey);
    if (!v.ok()) FailWith(v.status().WithPrefix("--hub-key"));
    if (o->json) {
      auto cp = [](const CheckpointInfo& c) {
        return nlohmann::json{{"origin", c.origin}, {"size", c.size}, {"root", c.root_hex}};
      };
      PrintJsonLine({{"valid", v->valid},
                     {"failure", std::string(ProofFailureName(v->failure))},
                     {"reason", v->reason},
                     {"old", cp(v->old_checkpoint)},
                     {"new", cp(v->new_checkpoint)}});
    } else if (v->valid) {
      std::cout << "consistent: " << v->new_checkpoint.origin << " size "
                << v->new_checkpoint.size << " (root " << v->new_checkpoint.root_hex
                << ") extends size " << v->old_checkpoint.size << " (root "
                << v->old_checkpoint.root_hex << ")\n";
    } else {
      std::cout << "NOT CONSISTENT (" << ProofFailureName(v->failure) << "): " << v->reason
                << "\n";
    }
    Exit(v->valid ? kExitOk : kExitNegative);
  });
}

}  // namespace tradefin::cli
