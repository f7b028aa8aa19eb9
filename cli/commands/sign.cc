// tradefin sign FILE --key KEY [--cert CERT] [--out OUT] [--json]
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/validate.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin::cli {
namespace {

struct SignCmdOptions {
  std::string file;
  std::string key;
  std::string cert;
  std::string out;
  bool no_key_value = false;
  bool json = false;
};

// Signing does not require a valid document (any XML can be signed), but a
// tradefin document that fails its checks is almost always a mistake the
// signer wants to hear about before the signature makes it official.
std::vector<ValidationIssue> DocumentIssues(const std::string& xml,
                                            const std::string& name,
                                            std::optional<DocumentType>* type) {
  auto validator = Validator::Create({});
  if (!validator.ok()) FailWith(validator.status());
  auto report = (*validator)->Validate(xml, name);
  if (!report.ok()) FailWith(report.status().WithPrefix(name));
  *type = report->type;
  if (!report->type.has_value()) return {};  // generic XML: nothing to check
  return report->issues;
}

int RunSign(const SignCmdOptions& o) {
  const bool to_stdout = o.out.empty() || o.out == "-";
  if (o.json && to_stdout) {
    FailWith(Status::InvalidArgument(
        "--json needs --out FILE (without it the signed document is written "
        "to standard output)"));
  }
  // Like `key gen`: never overwrite, and refuse before doing any work.
  std::error_code ec;
  if (!to_stdout && std::filesystem::exists(o.out, ec)) {
    FailWith(Status::AlreadyExists(o.out + ": file exists; refusing to "
                                           "overwrite"));
  }
  const std::string xml = ReadInputFileOrFail(o.file);
  auto key = PrivateKey::FromFile(o.key);
  if (!key.ok()) FailWith(key.status());
  std::string cert = o.cert.empty() ? std::string() : ReadInputFileOrFail(o.cert);
  auto signer = NewSoftwareSigner(*key, cert);
  if (!signer.ok()) FailWith(signer.status().WithPrefix(o.cert));
  SignOptions options;
  options.include_key_value = !o.no_key_value;
  auto signed_xml = SignDocument(xml, **signer, options);
  if (!signed_xml.ok()) FailWith(signed_xml.status().WithPrefix(o.file));

  const std::string name = o.file == "-" ? "<stdin>" : o.file;
  std::optional<DocumentType> type;
  std::vector<ValidationIssue> issues = DocumentIssues(xml, name, &type);
  for (const ValidationIssue& i : issues) {
    std::cerr << "tradefin: warning: " << FormatIssue(i) << "\n";
  }
  if (!issues.empty()) {
    std::cerr << "tradefin: warning: signed although the "
              << DocumentTypeName(*type) << " does not validate ("
              << issues.size() << (issues.size() == 1 ? " issue" : " issues")
              << "); `tradefin verify` will report it as invalid-document\n";
  }

  if (to_stdout) {
    std::cout << *signed_xml;
    std::cout.flush();
  } else {
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    out << *signed_xml;
    out.close();
    if (!out) {
      std::filesystem::remove(o.out, ec);  // no partial output
      FailWith(Status::IOError(o.out + ": write failed"));
    }
  }
  const std::string key_id = key->public_key().key_id();
  if (o.json) {
    Json j;
    j["file"] = o.file;
    j["out"] = o.out;
    j["key_type"] = std::string(KeyTypeName(key->type()));
    j["key_id"] = key_id;
    j["document_type"] =
        type ? Json(std::string(DocumentTypeName(*type))) : Json(nullptr);
    j["document_valid"] = issues.empty();
    Json list = Json::array();
    for (const ValidationIssue& i : issues) list.push_back(FormatIssue(i));
    j["issues"] = std::move(list);
    PrintJson(j);
  } else {
    // On stderr, so that stdout stays the signed document when piped.
    std::cerr << "tradefin: signed " << name << " with "
              << KeyTypeName(key->type()) << " key " << key_id;
    if (!to_stdout) std::cerr << "; wrote " << o.out;
    std::cerr << "\n";
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
      "Already-signed documents are refused; --out never overwrites; a "
      "tradefin document that does not validate is signed with a warning.");
  cmd->add_option("FILE", opts->file, "XML document ('-' for stdin)")
      ->required();
  cmd->add_option("--key", opts->key, "Private key (PKCS#8 PEM)")->required();
  cmd->add_option("--cert", opts->cert,
                  "X.509 certificate of the key (PEM or DER), emitted in "
                  "KeyInfo/X509Data");
  cmd->add_option("--out,-o", opts->out,
                  "Output file, must not exist (default: standard output)");
  cmd->add_flag("--no-key-value", opts->no_key_value,
                "Do not emit dsig11:ECKeyValue for ECDSA keys");
  cmd->add_flag("--json", opts->json,
                "With --out: print {file,out,key_type,key_id,document_type,"
                "document_valid,issues} instead of the stderr summary");
  cmd->callback([opts] { Exit(RunSign(*opts)); });
}

}  // namespace tradefin::cli
