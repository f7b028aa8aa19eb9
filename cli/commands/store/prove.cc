// tradefin prove ENTRY [--size N] [--out FILE] [--json]: a C2SP tlog-proof.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "commands/store/store_cli.h"
#include "tradefin/store/proof.h"

namespace tradefin::cli {

void SetupProve(CLI::App& app) {
  struct Opts {
    std::string store, entry, size, out;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "prove", "Write a C2SP tlog-proof of an entry against a signed checkpoint");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("entry", o->entry, "Entry index")->required();
  cmd->add_option("--size", o->size, "Tree size of the checkpoint (default: latest)");
  cmd->add_option("--out", o->out, "Write the proof to FILE instead of stdout");
  cmd->add_flag("--json", o->json,
                "Print {entry, size, out, proof} (proof: the tlog-proof text)");
  cmd->callback([o] {
    uint64_t idx = ParseIndexOrFail(o->entry, "ENTRY");
    std::optional<uint64_t> size;
    if (!o->size.empty()) size = ParseIndexOrFail(o->size, "--size");
    auto st = OpenStoreOrFail(o->store);
    auto proof = st->ProveInclusion(idx, size);
    if (!proof.ok()) FailWith(proof.status());
    uint64_t tree_size = size ? *size : 0;
    if (!size) {  // the latest checkpoint's size, as the proof uses it
      auto cp = st->LatestCheckpoint();
      if (!cp.ok()) FailWith(cp.status());
      auto info = ParseCheckpoint(*cp, st->HubVerifierKey());
      if (!info.ok()) FailWith(info.status());
      tree_size = info->size;
    }
    if (!o->out.empty()) {
      std::ofstream f(o->out, std::ios::binary | std::ios::trunc);
      f << *proof;
      f.close();
      if (!f) {
        std::error_code ec;
        std::filesystem::remove(o->out, ec);
        FailWith(Status::IOError("cannot write " + o->out));
      }
    }
    if (o->json) {
      Json j;
      j["entry"] = idx;
      j["size"] = tree_size;
      j["out"] = o->out.empty() ? Json(nullptr) : Json(o->out);
      j["proof"] = *proof;
      PrintJson(j);
    } else if (o->out.empty()) {
      std::cout << *proof;
      std::cerr << "tradefin: proof of entry " << idx << " at tree size "
                << tree_size << " written to standard output\n";
    } else {
      std::cout << "wrote " << o->out << ": proof of entry " << idx
                << " at tree size " << tree_size << "\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
