// tradefin verify-proof PROOF --entry FILE --hub-key VKEY [--json]
//
// Checks a C2SP tlog-proof (from `tradefin prove`) offline, with no store:
// the checkpoint's origin and hub signature, then inclusion of the entry.
// All checking lives in the library (tradefin/store/proof.h); this file
// reads files and prints. Exit: 0 valid, 1 invalid, 2 I/O or usage error.
#include "commands/store/verify_proof.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "output.h"
#include "tradefin/store/proof.h"

namespace tradefin::cli {
namespace {

struct VerifyProofCliOptions {
  std::string proof;
  std::string entry;
  std::string hub_key;
  bool json = false;
};

// A directory is an error here too (issue 13), not an empty proof or entry.
std::string ReadOrFail(const std::string& path, std::string_view what) {
  Result<std::string> r = ReadInputFile(path);
  if (!r.ok()) FailWith(r.status().WithPrefix(what));
  return std::move(*r);
}

// --hub-key takes the key string itself or a file holding it (the output of
// `tradefin hub-key > hub.vkey`). A key string always contains '+'; a path
// that exists wins so that "./a+b" files still work.
std::string HubKeyOrFail(const std::string& arg) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(arg, ec)) {
    return ReadOrFail(arg, "hub key file");
  }
  if (arg.find('+') == std::string::npos) {
    FailWith(Status::InvalidArgument(
        "--hub-key '" + arg +
        "' is neither a readable file nor a verifier key "
        "(<origin>+<key id>+<base64 key>, as printed by `tradefin hub-key`)"));
  }
  return arg;
}

void PrintResultJson(const ProofVerification& v) {
  JsonWriter w;
  w.BeginObject();
  w.Key("valid");
  w.Bool(v.valid);
  w.Key("failure");
  w.String(ProofFailureName(v.failure));
  w.Key("reason");
  w.String(v.reason);
  w.Key("index");
  w.Int(static_cast<int64_t>(v.index));
  w.Key("leaf_hash");
  w.String(v.leaf_hash_hex);
  w.Key("checkpoint");
  w.BeginObject();
  w.Key("origin");
  w.String(v.checkpoint.origin);
  w.Key("size");
  w.Int(static_cast<int64_t>(v.checkpoint.size));
  w.Key("root");
  w.String(v.checkpoint.root_hex);
  w.EndObject();
  w.EndObject();
  std::cout << w.str() << "\n";
}

[[noreturn]] void Run(const VerifyProofCliOptions& o) {
  std::string proof = ReadOrFail(o.proof, "proof");
  std::string entry = ReadOrFail(o.entry, "entry");
  std::string vkey = HubKeyOrFail(o.hub_key);
  auto v = VerifyTlogProofForEntry(proof, entry, vkey);
  if (!v.ok()) FailWith(v.status().WithPrefix("--hub-key"));
  if (o.json) {
    PrintResultJson(*v);
  } else if (v->valid) {
    std::cout << "valid: entry " << v->index << " is in log "
              << v->checkpoint.origin << " at tree size " << v->checkpoint.size
              << " (root " << v->checkpoint.root_hex << ")\n";
  } else {
    std::cout << "INVALID (" << ProofFailureName(v->failure) << "): "
              << v->reason << "\n";
  }
  Exit(v->valid ? kExitOk : kExitNegative);
}

}  // namespace

void SetupVerifyProof(CLI::App& app) {
  auto opts = std::make_shared<VerifyProofCliOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify-proof",
      "Check a tlog-proof offline: hub signature, origin and inclusion of "
      "the entry (exit 0 valid, 1 invalid, 2 error)");
  cmd->add_option("PROOF", opts->proof, "the .tlog-proof file (tradefin prove)")
      ->required();
  cmd->add_option("--entry", opts->entry,
                  "the raw entry bytes (tradefin get ENTRY --raw)")
      ->required();
  cmd->add_option("--hub-key", opts->hub_key,
                  "the hub's verifier key (tradefin hub-key), or a file "
                  "holding it")
      ->required();
  cmd->add_flag("--json", opts->json, "print the result as JSON");
  cmd->callback([opts] { Run(*opts); });
}

}  // namespace tradefin::cli
