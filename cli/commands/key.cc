// tradefin key gen | key show: Ed25519 / ECDSA P-256 key files.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/signing/keys.h"

namespace tradefin::cli {
namespace {

struct KeyGenOptions {
  std::string type = "ed25519";
  std::string out;
  bool json = false;
};

struct KeyShowOptions {
  std::string file;
  bool json = false;
};

int RunKeyGen(const KeyGenOptions& o) {
  KeyType type;
  if (o.type == "ed25519") {
    type = KeyType::kEd25519;
  } else if (o.type == "ecdsa-p256") {
    type = KeyType::kEcdsaP256;
  } else {
    FailWith(Status::InvalidArgument("--type '" + o.type +
                                     "': expected ed25519 or ecdsa-p256"));
  }
  std::string key_path = o.out + ".key";
  std::string pub_path = o.out + ".pub";
  // Check both up front so a refused run leaves nothing half-written.
  for (const std::string& p : {key_path, pub_path}) {
    if (std::filesystem::exists(p)) {
      FailWith(Status::AlreadyExists(p + ": file exists; refusing to "
                                         "overwrite"));
    }
  }
  auto key = PrivateKey::Generate(type);
  if (!key.ok()) FailWith(key.status());
  Status st = key->WriteFile(key_path);
  if (!st.ok()) FailWith(st);
  {
    std::ofstream pub(pub_path, std::ios::binary | std::ios::trunc);
    pub << key->public_key().ToPem();
    if (!pub) FailWith(Status::IOError(pub_path + ": write failed"));
  }
  std::string id = key->public_key().key_id();
  if (o.json) {
    JsonWriter w;
    w.BeginObject();
    w.Key("type");
    w.String(KeyTypeName(type));
    w.Key("key_id");
    w.String(id);
    w.Key("private_key");
    w.String(key_path);
    w.Key("public_key");
    w.String(pub_path);
    w.EndObject();
    std::cout << w.str() << "\n";
  } else {
    std::cout << "type:   " << KeyTypeName(type) << "\nkey id: " << id
              << "\nwrote:  " << key_path << " (0600), " << pub_path << "\n";
  }
  return kExitOk;
}

int RunKeyShow(const KeyShowOptions& o) {
  std::ifstream in(o.file, std::ios::binary);
  if (!in) FailWith(Status::IOError(o.file + ": cannot open"));
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  bool is_private = text.find("-----BEGIN PRIVATE KEY-----") !=
                        std::string::npos ||
                    text.find("PRIVATE KEY-----") != std::string::npos;
  std::unique_ptr<PublicKey> pub;
  if (is_private) {
    auto key = PrivateKey::FromPem(text);
    if (!key.ok()) FailWith(key.status().WithPrefix(o.file));
    pub = std::make_unique<PublicKey>(key->public_key());
  } else {
    auto key = PublicKey::FromFile(o.file);
    if (!key.ok()) FailWith(key.status());
    pub = std::make_unique<PublicKey>(*key);
  }
  if (o.json) {
    JsonWriter w;
    w.BeginObject();
    w.Key("file");
    w.String(o.file);
    w.Key("kind");
    w.String(is_private ? "private" : "public");
    w.Key("type");
    w.String(KeyTypeName(pub->type()));
    w.Key("bits");
    w.Int(pub->bits());
    w.Key("key_id");
    w.String(pub->key_id());
    w.Key("public_key_pem");
    w.String(pub->ToPem());
    w.EndObject();
    std::cout << w.str() << "\n";
  } else {
    std::cout << "file:   " << o.file << (is_private ? " (private key; public "
                                                        "part shown)"
                                                      : "")
              << "\ntype:   " << KeyTypeName(pub->type()) << " ("
              << pub->bits() << " bits)\nkey id: " << pub->key_id() << "\n"
              << pub->ToPem();
  }
  return kExitOk;
}

}  // namespace

void SetupKey(CLI::App& app) {
  CLI::App* key = app.add_subcommand(
      "key", "Generate and inspect signing keys (Ed25519, ECDSA P-256)");
  key->require_subcommand(1);

  auto gen_opts = std::make_shared<KeyGenOptions>();
  CLI::App* gen = key->add_subcommand(
      "gen",
      "Generate a key pair: PREFIX.key (PKCS#8 PEM, mode 0600) and PREFIX.pub "
      "(SubjectPublicKeyInfo PEM). Never overwrites.");
  gen->add_option("--type", gen_opts->type,
                  "ed25519 (default) or ecdsa-p256")
      ->check(CLI::IsMember({"ed25519", "ecdsa-p256"}));
  gen->add_option("--out", gen_opts->out, "Output prefix")->required();
  gen->add_flag("--json", gen_opts->json, "Print the result as JSON");
  gen->callback([gen_opts] { Exit(RunKeyGen(*gen_opts)); });

  auto show_opts = std::make_shared<KeyShowOptions>();
  CLI::App* show = key->add_subcommand(
      "show",
      "Print a key's type and key id (SHA-256 of the SPKI DER). For a "
      "private key only the public part is shown.");
  show->add_option("FILE", show_opts->file,
                   "Key file: PKCS#8 private key, SPKI public key, or X.509 "
                   "certificate (PEM or DER)")
      ->required();
  show->add_flag("--json", show_opts->json, "Print the result as JSON");
  show->callback([show_opts] { Exit(RunKeyShow(*show_opts)); });
}

}  // namespace tradefin::cli
