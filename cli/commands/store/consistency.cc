// tradefin consistency --from N [--to M] [--json]: RFC 9162 consistency
// proof, in the c2sp.org/tlog-witness text form.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"
#include "tradefin/signing/keys.h"

namespace tradefin::cli {

void SetupConsistency(CLI::App& app) {
  struct Opts {
    std::string store, from, to;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "consistency", "Print a consistency proof between two tree sizes");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("--from", o->from, "Old tree size")->required();
  cmd->add_option("--to", o->to, "New tree size (default: current)");
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] {
    uint64_t from = ParseIndexOrFail(o->from, "--from");
    auto st = OpenStoreOrFail(o->store);
    uint64_t to = o->to.empty() ? st->size() : ParseIndexOrFail(o->to, "--to");
    auto p = st->ProveConsistency(from, to);
    if (!p.ok()) FailWith(p.status());
    if (o->json) {
      JsonWriter w;
      w.BeginObject();
      w.Key("from");
      w.Int(static_cast<int64_t>(p->from));
      w.Key("to");
      w.Int(static_cast<int64_t>(p->to));
      w.Key("root_from");
      w.String(HashHex(p->root_from));
      w.Key("root_to");
      w.String(HashHex(p->root_to));
      w.Key("proof");
      w.BeginArray();
      for (const auto& h : p->hashes) w.String(HashHex(h));
      w.EndArray();
      w.Key("checkpoint");
      w.String(p->checkpoint);
      w.EndObject();
      std::cout << w.str() << "\n";
    } else if (!p->text.empty()) {
      std::cout << p->text;
    } else {
      // No checkpoint was signed at `to`: print the bare proof lines.
      std::cout << "old " << p->from << "\n";
      for (const auto& h : p->hashes)
        std::cout << Base64Encode(std::string_view(reinterpret_cast<const char*>(h.data()), 32))
                  << "\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
