// tradefin witness init|cosign, and cosign-add (hub side): the witness side
// of c2sp.org/tlog-witness, run as a command. Formats and rules:
// docs/formats/witness.md. Everything is checked in the library
// (tradefin/store/witness.h); this file reads files and prints.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "commands/commands.h"
#include "commands/offline_cli.h"
#include "commands/store/store_cli.h"
#include "output.h"
#include "tradefin/core/clock.h"
#include "tradefin/store/witness.h"

namespace tradefin::cli {
namespace {

void SetupWitnessInit(CLI::App* parent) {
  struct Opts {
    std::string dir, name;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = parent->add_subcommand(
      "init", "Create a witness: Ed25519 key (witness.key, 0600) and state directory; "
              "prints the witness verifier key");
  cmd->add_option("--dir", o->dir, "Witness directory to create")->required();
  cmd->add_option("--name", o->name, "Witness key name, e.g. bank-a.example/witness")
      ->required();
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] {
    WitnessInitOptions init;
    init.dir = o->dir;
    init.name = o->name;
    Status s = Witness::Init(init);
    if (!s.ok()) FailWith(s);
    auto w = Witness::Open({o->dir, nullptr});
    if (!w.ok()) FailWith(w.status());
    if (o->json) {
      PrintJsonLine({{"dir", o->dir}, {"name", (*w)->name()}, {"verifier_key", (*w)->verifier_key()}});
    } else {
      std::cout << (*w)->verifier_key() << "\n";
    }
    Exit(kExitOk);
  });
}

void SetupWitnessCosign(CLI::App* parent) {
  struct Opts {
    std::string dir, checkpoint, hub_key, proof, out;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = parent->add_subcommand(
      "cosign",
      "Cosign a hub checkpoint if it is consistent with the last one this witness "
      "cosigned for its origin (exit 0 cosigned, 1 refused or fork, 2 error)");
  cmd->add_option("--dir", o->dir, "Witness directory (tradefin witness init)")->required();
  cmd->add_option("--checkpoint", o->checkpoint, "The hub-signed checkpoint to cosign")
      ->required();
  cmd->add_option("--hub-key", o->hub_key,
                  "The hub verifier key (tradefin hub-key), or a file holding it")
      ->required();
  cmd->add_option("--proof", o->proof,
                  "Consistency proof from the witness's last size "
                  "(tradefin consistency --from M)");
  cmd->add_option("--out", o->out, "Write the cosigned checkpoint here (default: stdout)");
  cmd->add_flag("--json", o->json, "Print the outcome as JSON");
  cmd->callback([o] {
    CosignRequest req;
    req.checkpoint = ReadFileOrFail(o->checkpoint, "checkpoint");
    req.hub_key = KeyArgOrFail(o->hub_key, "--hub-key");
    if (!o->proof.empty()) req.consistency_proof = ReadFileOrFail(o->proof, "consistency proof");
    auto w = Witness::Open({o->dir, nullptr});
    if (!w.ok()) FailWith(w.status());
    auto r = (*w)->Cosign(req);
    if (!r.ok()) FailWith(r.status());
    bool ok = r->outcome == CosignOutcome::kCosigned;
    if (ok && !o->out.empty()) {
      std::ofstream f(o->out, std::ios::binary | std::ios::trunc);
      f << r->cosigned_checkpoint;
      if (!f) FailWith(Status::IOError("cannot write '" + o->out + "'"));
    }
    if (o->json) {
      nlohmann::json j = {{"outcome", std::string(CosignOutcomeName(r->outcome))},
                          {"reason", r->reason},
                          {"origin", r->origin},
                          {"old_size", r->had_state ? nlohmann::json(r->old_size) : nlohmann::json()},
                          {"new_size", r->new_size}};
      if (ok) {
        j["time"] = r->time;  // Unix seconds, as in the cosignature line
        j["time_iso"] = FormatUtcMillis(static_cast<int64_t>(r->time) * 1000);
        j["cosignature"] = r->cosignature;
        j["cosigned_checkpoint"] = r->cosigned_checkpoint;
      }
      if (r->outcome == CosignOutcome::kFork) {
        j["evidence_kind"] = r->evidence_kind;
        j["evidence_path"] = r->evidence_path;
      }
      PrintJsonLine(j);
    } else if (ok) {
      if (o->out.empty()) std::cout << r->cosigned_checkpoint;
      std::cerr << "cosigned " << r->origin << " at size " << r->new_size
                << (r->had_state ? " (was " + std::to_string(r->old_size) + ")" : " (first checkpoint seen)")
                << "\n";
    } else if (r->outcome == CosignOutcome::kFork) {
      std::cout << "FORK: " << r->origin << ": the hub signed checkpoints that are not "
                << "consistent (" << r->evidence_kind << ", sizes " << r->old_size << " and "
                << r->new_size << "); not cosigned. Evidence: " << r->evidence_path << "\n";
    } else {
      std::cout << "REFUSED: " << r->reason << "\n";
    }
    Exit(ok ? kExitOk : kExitNegative);
  });
}

void SetupCosignAdd(CLI::App& app) {
  struct Opts {
    std::string store, file;
    std::vector<std::string> keys;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand(
      "cosign-add",
      "Keep witness cosignatures of one of this store's checkpoints (so bundles carry them)");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("FILE", o->file, "A cosigned checkpoint (tradefin witness cosign output)")
      ->required();
  cmd->add_option("--witness-key", o->keys,
                  "Witness verifier key (or a file holding it); repeat for each witness")
      ->required();
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] {
    std::string note = ReadFileOrFail(o->file, "cosigned checkpoint");
    std::vector<std::string> keys;
    for (const auto& k : o->keys) keys.push_back(KeyArgOrFail(k, "--witness-key"));
    auto st = OpenStoreOrFail(o->store);
    auto n = st->AddCosignatures(note, keys);
    if (!n.ok()) FailWith(n.status().WithPrefix(o->file));
    if (o->json) {
      PrintJsonLine({{"added", *n}});
    } else {
      std::cout << "kept " << Count(*n, "cosignature", "cosignatures") << "\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace

void SetupWitness(CLI::App& app) {
  CLI::App* w = app.add_subcommand(
      "witness", "Run a witness against split views: init, cosign (c2sp.org/tlog-witness)");
  w->require_subcommand(1);
  SetupWitnessInit(w);
  SetupWitnessCosign(w);
  SetupCosignAdd(app);
}

}  // namespace tradefin::cli
