// tradefin sign FILE --key KEY [--cert CERT] [--out OUT]
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin::cli {
namespace {

struct SignCmdOptions {
  std::string file;
  std::string key;
  std::string cert;
  std::string out;
  bool no_key_value = false;
};

std::string ReadOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FailWith(Status::IOError(path + ": cannot open"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int RunSign(const SignCmdOptions& o) {
  std::string xml = o.file == "-" ? [] {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    return ss.str();
  }()
                                  : ReadOrFail(o.file);
  auto key = PrivateKey::FromFile(o.key);
  if (!key.ok()) FailWith(key.status());
  std::string cert = o.cert.empty() ? std::string() : ReadOrFail(o.cert);
  auto signer = NewSoftwareSigner(*key, cert);
  if (!signer.ok()) FailWith(signer.status().WithPrefix(o.cert));
  SignOptions options;
  options.include_key_value = !o.no_key_value;
  auto signed_xml = SignDocument(xml, **signer, options);
  if (!signed_xml.ok()) FailWith(signed_xml.status().WithPrefix(o.file));
  if (o.out.empty() || o.out == "-") {
    std::cout << *signed_xml;
    std::cout.flush();
  } else {
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    out << *signed_xml;
    out.close();
    if (!out) FailWith(Status::IOError(o.out + ": write failed"));
  }
  return kExitOk;
}

}  // namespace

void SetupSign(CLI::App& app) {
  auto opts = std::make_shared<SignCmdOptions>();
  CLI::App* cmd = app.add_subcommand(
      "sign",
      "Sign an XML document: one enveloped ds:Signature (exc-c14n, SHA-256, "
      "Ed25519 or ECDSA P-256) appended to the document element. "
      "Already-signed documents are refused.");
  cmd->add_option("FILE", opts->file, "XML document ('-' for stdin)")
      ->required();
  cmd->add_option("--key", opts->key, "Private key (PKCS#8 PEM)")->required();
  cmd->add_option("--cert", opts->cert,
                  "X.509 certificate of the key (PEM or DER), emitted in "
                  "KeyInfo/X509Data");
  cmd->add_option("--out,-o", opts->out,
                  "Output file (default: standard output)");
  cmd->add_flag("--no-key-value", opts->no_key_value,
                "Do not emit dsig11:ECKeyValue for ECDSA keys");
  cmd->callback([opts] { Exit(RunSign(*opts)); });
}

}  // namespace tradefin::cli
