// tradefin verify FILE... [--pubkey PUB]... [--trust FILE] [--allow-sha1]
//                 [--explain] [--json] [--no-schema]
// The verdict (signature, then the document under it) is the library's
// VerifySignedDocument; this file only reads files and prints.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/validate.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/workflow/verify.h"

namespace tradefin::cli {
namespace {

struct VerifyCmdOptions {
  std::vector<std::string> files;
  std::vector<std::string> pubkeys;
  std::vector<std::string> trust_lists;
  bool allow_sha1 = false;
  bool explain = false;
  bool json = false;
  bool no_schema = false;
};

Json ReportJson(const std::string& file, const SignedDocumentReport& report,
                bool explain) {
  const VerificationReport& r = report.signature;
  Json j;
  j["file"] = file;
  // "valid" is the overall answer (the exit code's); "signature_verdict"
  // keeps the signature's own.
  j["verdict"] = std::string(report.verdict_name());
  j["valid"] = report.valid();
  j["signature_verdict"] = std::string(SignatureVerdictName(r.verdict));
  j["reason"] = r.reason;
  j["document_element"] = r.document_element;
  j["signature_method"] = r.signature_method;
  j["canonicalization_method"] = r.canonicalization_method;
  j["digest_method"] = r.digest_method;
  j["transforms"] = r.transforms;
  j["key_name"] = r.key_name;
  j["key_id"] = r.key_id;
  j["signer"] = r.signer;
  j["covered"] = r.covered;
  j["covered_bytes"] = r.covered_bytes;
  j["document_type"] =
      report.document_type ? Json(std::string(DocumentTypeName(*report.document_type)))
                           : Json(nullptr);
  Json issues = Json::array();
  for (const ValidationIssue& i : report.document_issues) {
    issues.push_back(FormatIssue(i));
  }
  j["schema_issues"] = std::move(issues);
  if (explain) {
    j["canonical_signed_info"] = r.canonical_signed_info;
    j["canonical_reference"] = r.canonical_reference;
  }
  return j;
}

void PrintReport(const std::string& file, const SignedDocumentReport& report,
                 bool explain) {
  const VerificationReport& r = report.signature;
  if (report.valid()) {
    std::cout << file << ": OK, signed by '" << r.signer << "' (" << r.key_id
              << ")\n  algorithm: " << r.signature_method
              << "\n  covered:   " << r.covered << "\n";
    if (report.document_checked) {
      std::cout << "  document:  " << DocumentTypeName(*report.document_type)
                << ", schema and semantic checks passed\n";
    }
  } else if (r.valid()) {
    std::cout << file << ": FAIL (invalid-document): signature valid but the "
              << DocumentTypeName(*report.document_type)
              << " does not validate:\n";
    for (const ValidationIssue& issue : report.document_issues) {
      std::cout << "  " << FormatIssue(issue) << "\n";
    }
  } else {
    std::cout << file << ": FAIL (" << SignatureVerdictName(r.verdict)
              << "): " << r.reason << "\n";
  }
  if (explain) {
    std::cout << "--- canonical SignedInfo (" << r.canonical_signed_info.size()
              << " bytes, signed) ---\n"
              << r.canonical_signed_info << "\n--- canonical reference ("
              << r.canonical_reference.size() << " bytes, digested) ---\n"
              << r.canonical_reference << "\n--- end ---\n";
  }
}

int RunVerify(const VerifyCmdOptions& o) {
  PinnedKeyTrustStore trust;
  for (const std::string& k : o.pubkeys) {
    Status st = trust.AddKeyFile(k);
    if (!st.ok()) FailWith(st);
  }
  for (const std::string& t : o.trust_lists) {
    Status st = trust.AddTrustList(t);
    if (!st.ok()) FailWith(st);
  }
  if (trust.size() == 0) {
    FailWith(Status::InvalidArgument(
        "no trusted key: give --pubkey PUB or --trust FILE (a key embedded "
        "in the document is never trusted by itself)"));
  }
  SignedDocumentOptions options;
  options.signature.allow_sha1 = o.allow_sha1;
  options.signature.keep_canonical_bytes = o.explain;
  options.check_document = !o.no_schema;

  // Read everything first: an I/O error is exit 2 before any verdict.
  std::vector<std::string> docs;
  for (const std::string& f : o.files) docs.push_back(ReadInputFileOrFail(f));

  // Several files share one Validator, so its schemas are loaded once. For
  // one file the library makes its own only if the signature is valid.
  std::unique_ptr<Validator> validator;
  if (options.check_document && docs.size() > 1) {
    auto v = Validator::Create(ValidateOptions());
    if (!v.ok()) FailWith(v.status());
    validator = std::move(*v);
  }

  bool all_valid = true;
  Json reports = Json::array();
  for (size_t i = 0; i < docs.size(); ++i) {
    auto report = VerifySignedDocument(docs[i], o.files[i], options, trust,
                                       validator.get());
    if (!report.ok()) FailWith(report.status().WithPrefix(o.files[i]));
    all_valid = all_valid && report->valid();
    if (o.json) {
      reports.push_back(ReportJson(o.files[i], *report, o.explain));
    } else {
      PrintReport(o.files[i], *report, o.explain);
    }
  }
  if (o.json) PrintJson(reports);
  return all_valid ? kExitOk : kExitNegative;
}

}  // namespace

void SetupVerify(CLI::App& app) {
  auto opts = std::make_shared<VerifyCmdOptions>();
  CLI::App* cmd = app.add_subcommand(
      "verify",
      "Verify the enveloped XML signature of each FILE against pinned keys, "
      "then validate the document when it is a tradefin type. Exit 0: all "
      "valid and trusted; 1: any invalid or untrusted; 2: usage or I/O "
      "error.");
  cmd->add_option("FILE", opts->files, "Signed XML documents")->required();
  cmd->add_option("--pubkey,--key", opts->pubkeys,
                  "Trusted public key (SPKI PEM or X.509 certificate); "
                  "repeatable. --key is the old spelling, kept for one "
                  "release")
      // One value per use: without this CLI11 lets a repeatable option
      // swallow the following positional FILE as a second key.
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--trust", opts->trust_lists,
                  "Trust list: lines '<name-or-key-id> <public key file>'")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
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
