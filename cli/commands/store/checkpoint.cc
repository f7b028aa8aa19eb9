// tradefin checkpoint [--size N] [--json]: the latest (or a given) signed
// checkpoint.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"
#include "tradefin/store/proof.h"

namespace tradefin::cli {

void SetupCheckpoint(CLI::App& app) {
  struct Opts {
    std::string store, size;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "checkpoint", "Print the latest signed checkpoint (C2SP tlog-checkpoint)");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--size", o->size, "The checkpoint signed at this tree size");
  cmd->add_flag("--json", o->json,
                "Print {origin, size, root, checkpoint} (checkpoint: the "
                "signed note text)");
  cmd->callback([o] {
    auto st = OpenStoreOrFail(o->store);
    auto cp = o->size.empty() ? st->LatestCheckpoint()
                              : st->CheckpointAt(ParseIndexOrFail(o->size, "--size"));
    if (!cp.ok()) FailWith(cp.status());
    if (!o->json) {
      std::cout << *cp;
      Exit(kExitOk);
    }
    // Parsed with the hub's own key, so the fields shown are the ones its
    // signature covers.
    auto info = ParseCheckpoint(*cp, st->HubVerifierKey());
    if (!info.ok()) FailWith(info.status());
    if (!info->valid) {
      FailWith(Status::Corruption("stored checkpoint does not verify: " +
                                  info->reason));
    }
    Json j;
    j["origin"] = info->origin;
    j["size"] = info->size;
    j["root"] = info->root_hex;
    j["checkpoint"] = *cp;
    PrintJson(j);
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
