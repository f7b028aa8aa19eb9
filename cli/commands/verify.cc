// tradefin verify FILE... [--key PUB]... [--trust FILE] [--allow-sha1]
//                 [--explain] [--json]
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/validate.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin::cli {
namespace {

struct VerifyCmdOptions {
  std::vector<std::string> files;
  std::vector<std::string> keys;
  std::vector<std::string> trust_lists;
  bool allow_sha1 = false;
  bool explain = false;
  bool json = false;
  bool no_schema = false;
};

// Schema/semantic validation for tradefin's own document types, run only on
// documents whose signature is valid (the Validator tells which documents
// are tradefin types; others are verified as generic XML).
struct SchemaCheck {
  bool checked = false;
  std::string document_type;
  std::vector<std::string> issues;
};

void WriteReport(JsonWriter& w, const std::string& file,
                 const VerificationReport& r, const SchemaCheck& schema,
                 bool explain) {
  w.BeginObject();
  w.Key("file");
  w.String(file);
  // "valid" is the overall answer (the exit code's): a valid signature on
  // a tradefin document that fails validation is verdict
  // "invalid-document". "signature_verdict" keeps the signature's own.
  const bool document_ok = schema.issues.empty();
  w.Key("verdict");
  w.String(r.valid() && !document_ok ? "invalid-document"
                                     : SignatureVerdictName(r.verdict));
  w.Key("valid");
  w.Bool(r.valid() && document_ok);
  w.Key("signature_verdict");
  w.String(SignatureVerdictName(r.verdict));
  w.Key("reason");
  w.String(r.reason);
  w.Key("document_element");
  w.String(r.document_element);
  w.Key("signature_method");
  w.String(r.signature_method);
  w.Key("canonicalization_method");
  w.String(r.canonicalization_method);
  w.Key("digest_method");
  w.String(r.digest_method);
  w.Key("transforms");
  w.BeginArray();
  for (const std::string& t : r.transforms) w.String(t);
  w.EndArray();
  w.Key("key_name");
  w.String(r.key_name);
  w.Key("key_id");
  w.String(r.key_id);
  w.Key("signer");
  w.String(r.signer);
  w.Key("covered");
  w.String(r.covered);
  w.Key("covered_bytes");
  w.Int(static_cast<int64_t>(r.covered_bytes));
  w.Key("document_type");
  if (schema.document_type.empty()) {
    w.Null();
  } else {
    w.String(schema.document_type);
  }
  w.Key("schema_issues");
  w.BeginArray();
  for (const std::string& i : schema.issues) w.String(i);
  w.EndArray();
  if (explain) {
    w.Key("canonical_signed_info");
    w.String(r.canonical_signed_info);
    w.Key("canonical_reference");
    w.String(r.canonical_reference);
  }
  w.EndObject();
}

int RunVerify(const VerifyCmdOptions& o) {
  PinnedKeyTrustStore trust;
  for (const std::string& k : o.keys) {
    Status st = trust.AddKeyFile(k);
    if (!st.ok()) FailWith(st);
  }
  for (const std::string& t : o.trust_lists) {
    Status st = trust.AddTrustList(t);
    if (!st.ok()) FailWith(st);
  }
  if (trust.size() == 0) {
    FailWith(Status::InvalidArgument(
        "no trusted key: give --key PUB or --trust FILE (a key embedded in "
        "the document is never trusted by itself)"));
  }
  VerifyPolicy policy;
  policy.allow_sha1 = o.allow_sha1;
  policy.keep_canonical_bytes = o.explain;

  // Read everything first: an I/O error is exit 2 before any verdict.
  std::vector<std::string> docs;
  for (const std::string& f : o.files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) FailWith(Status::IOError(f + ": cannot open"));
    std::ostringstream ss;
    ss << in.rdbuf();
    docs.push_back(ss.str());
  }

  std::unique_ptr<Validator> validator;  // built on first use

  bool all_valid = true;
  JsonWriter w;
  if (o.json) w.BeginArray();
  for (size_t i = 0; i < docs.size(); ++i) {
    auto report = VerifyDocument(docs[i], policy, trust);
    if (!report.ok()) FailWith(report.status().WithPrefix(o.files[i]));
    const VerificationReport& r = *report;
    SchemaCheck schema;
    if (!o.no_schema && r.valid()) {
      if (validator == nullptr) {
        auto v = Validator::Create(ValidateOptions());
        if (!v.ok()) FailWith(v.status());
        validator = std::move(*v);
      }
      auto vr = validator->Validate(docs[i], o.files[i]);
      if (!vr.ok()) FailWith(vr.status().WithPrefix(o.files[i]));
      if (vr->type.has_value()) {
        schema.checked = true;
        schema.document_type = std::string(DocumentTypeName(*vr->type));
        for (const ValidationIssue& issue : vr->issues) {
          schema.issues.push_back(FormatIssue(issue));
        }
      }
    }
    bool ok = r.valid() && schema.issues.empty();
    all_valid = all_valid && ok;
    if (o.json) {
      WriteReport(w, o.files[i], r, schema, o.explain);
      continue;
    }
    if (ok) {
      std::cout << o.files[i] << ": OK, signed by '" << r.signer << "' ("
                << r.key_id << ")\n  algorithm: " << r.signature_method
                << "\n  covered:   " << r.covered << "\n";
      if (schema.checked) {
        std::cout << "  document:  " << schema.document_type
                  << ", schema and semantic checks passed\n";
      }
    } else if (r.valid()) {
      std::cout << o.files[i] << ": FAIL (invalid-document): signature valid "
                << "but the " << schema.document_type
                << " does not validate:\n";
      for (const std::string& issue : schema.issues) {
        std::cout << "  " << issue << "\n";
      }
    } else {
      std::cout << o.files[i] << ": FAIL (" << SignatureVerdictName(r.verdict)
                << "): " << r.reason << "\n";
    }
    if (o.explain) {
      std::cout << "--- canonical SignedInfo (" << r.canonical_signed_info.size()
                << " bytes, signed) ---\n"
                << r.canonical_signed_info << "\n--- canonical reference ("
                << r.canonical_reference.size()
                << " bytes, digested) ---\n"
                << r.canonical_reference << "\n--- end ---\n";
    }
  }
  if (o.json) {
    w.EndArray();
    std::cout << w.str() << "\n";
  }
  return all_valid ? kExitOk : kExitNegative;
}

}  // namespace

void SetupVerify(CLI::App& app) {
  auto opts = std::make_shared<VerifyCmdOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Verify the enveloped XML signature of each FILE against pinned keys. "
      "Exit 0: all valid and trusted; 1: any invalid or untrusted; 2: usage "
      "or I/O error.");
  cmd->add_option("FILE", opts->files, "Signed XML documents")->required();
  cmd->add_option("--key", opts->keys,
                  "Trusted public key (SPKI PEM or X.509 certificate); "
                  "repeatable");
  cmd->add_option("--trust", opts->trust_lists,
                  "Trust list: lines '<name-or-key-id> <public key file>'");
  cmd->add_flag("--allow-sha1", opts->allow_sha1,
                "Accept rsa-sha1 / sha1 (legacy documents only)");
  cmd->add_flag("--explain", opts->explain,
                "Print the canonical SignedInfo and referenced bytes");
  cmd->add_flag("--json", opts->json, "Print one JSON report per file");
  cmd->add_flag("--no-schema", opts->no_schema,
                "Do not validate tradefin document types (signature only)");
  cmd->callback([opts] { Exit(RunVerify(*opts)); });
}

}  // namespace tradefin::cli
