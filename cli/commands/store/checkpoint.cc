// tradefin checkpoint [--size N]: the latest (or a given) signed checkpoint.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupCheckpoint(CLI::App& app) {
  struct Opts {
    std::string store, size;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "checkpoint", "Print the latest signed checkpoint (C2SP tlog-checkpoint)");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--size", o->size, "The checkpoint signed at this tree size");
  cmd->callback([o] {
    auto st = OpenStoreOrFail(o->store);
    auto cp = o->size.empty() ? st->LatestCheckpoint()
                              : st->CheckpointAt(ParseIndexOrFail(o->size, "--size"));
    if (!cp.ok()) FailWith(cp.status());
    std::cout << *cp;
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
