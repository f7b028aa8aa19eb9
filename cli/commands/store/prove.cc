// tradefin prove ENTRY [--size N] [--out FILE]: a C2SP tlog-proof.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "commands/store/store_cli.h"

namespace tradefin::cli {

void SetupProve(CLI::App& app) {
  struct Opts {
    std::string store, entry, size, out;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "prove", "Write a C2SP tlog-proof of an entry against a signed checkpoint");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("entry", o->entry, "Entry index")->required();
  cmd->add_option("--size", o->size, "Tree size of the checkpoint (default: latest)");
  cmd->add_option("--out", o->out, "Write the proof to FILE instead of stdout");
  cmd->callback([o] {
    uint64_t idx = ParseIndexOrFail(o->entry, "ENTRY");
    std::optional<uint64_t> size;
    if (!o->size.empty()) size = ParseIndexOrFail(o->size, "--size");
    auto st = OpenStoreOrFail(o->store);
    auto proof = st->ProveInclusion(idx, size);
    if (!proof.ok()) FailWith(proof.status());
    if (o->out.empty()) {
      std::cout << *proof;
    } else {
      std::ofstream f(o->out, std::ios::binary | std::ios::trunc);
      f << *proof;
      if (!f) FailWith(Status::IOError("cannot write " + o->out));
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
