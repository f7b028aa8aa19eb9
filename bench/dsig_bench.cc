// XML-DSig sign/verify on a ~10 KB rail-waybill-like document (issue 3).
// Goals: in-process Ed25519 verify >= 4,000 docs/s, ECDSA P-256 verify
// >= 1,200 docs/s, whole-process `tradefin verify` <= 0.25x `xmlsec1
// --verify`. Anchor, measured in the same run on the same document:
// xmlsec1 --sign/--verify --repeat N (its own timer) and whole-process
// xmlsec1 --verify. Also the cost of each verification step.
//
// Usage: dsig_bench [seconds-per-measurement] [process-runs]
//        (defaults 1.0 and 100). Needs openssl and xmlsec1 in PATH for the
//        anchor rows (skipped with a note otherwise) and build/bin/tradefin
//        next to this executable for the whole-process row.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "bench_util.h"
#include "tradefin/signing/xmldsig.h"
#include "xml/xml_tree.h"

extern char** environ;

namespace {

using namespace tradefin;  // NOLINT: bench file

void Row(const std::string& name, double ops_per_sec) {
  std::printf("  %-52s %10.0f docs/s %10.1f us/doc\n", name.c_str(),
              ops_per_sec, 1e6 / ops_per_sec);
}

std::string Document() {
  std::string d =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<wb:RailWaybill xmlns:wb=\"urn:tradefin:waybill:1\" "
      "xmlns:c=\"urn:tradefin:common:1\" Id=\"wb-SMGS-2025-000417\">\n"
      "  <wb:Header>\n    <wb:WaybillNumber>SMGS 2025 000417</wb:WaybillNumber>\n"
      "    <wb:Consignor><c:Name>Example Machinery Export Co., Ltd.</c:Name>"
      "<c:Country>CN</c:Country></wb:Consignor>\n"
      "    <wb:Consignee><c:Name>Example Import GmbH</c:Name>"
      "<c:Country>DE</c:Country></wb:Consignee>\n"
      "    <wb:Route from=\"Chongqing\" to=\"Duisburg\" border=\"Alashankou\"/>\n"
      "  </wb:Header>\n  <wb:Wagons>\n";
  for (int i = 0; i < 52; ++i) {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "    <wb:Wagon seq=\"%d\"><wb:Number>31 80 4%06d-%d</wb:Number>"
                  "<wb:Container>TGHU%07d</wb:Container><wb:Goods hs=\"8429"
                  "%02d\">Excavator parts</wb:Goods><c:Mass unit=\"kg\">%d"
                  "</c:Mass></wb:Wagon>\n",
                  i + 1, 100000 + i * 37, i % 10, 3000000 + i * 11, i % 90,
                  18000 + i * 13);
    d += buf;
  }
  d += "  </wb:Wagons>\n</wb:RailWaybill>\n";
  return d;
}

struct Run {
  int exit_code = -1;
  std::string out;
};

// Runs a program (no shell), stdout+stderr captured through a temp file.
Run Spawn(const std::vector<std::string>& args, bool capture) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::string out_path = "/tmp/dsig_bench_out." + std::to_string(getpid());
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  const char* target = capture ? out_path.c_str() : "/dev/null";
  posix_spawn_file_actions_addopen(&fa, 1, target,
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  pid_t pid = 0;
  Run run;
  if (posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) {
    posix_spawn_file_actions_destroy(&fa);
    return run;
  }
  posix_spawn_file_actions_destroy(&fa);
  int status = 0;
  waitpid(pid, &status, 0);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (capture) {
    std::ifstream in(out_path);
    run.out.assign(std::istreambuf_iterator<char>(in), {});
    std::filesystem::remove(out_path);
  }
  return run;
}

// Median wall time of `runs` whole-process runs, in milliseconds.
double ProcessMs(const std::vector<std::string>& args, int runs) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto s = std::chrono::steady_clock::now();
    Run r = Spawn(args, false);
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - s)
                    .count();
    if (r.exit_code != 0) {
      std::printf("  (%s exited %d)\n", args[0].c_str(), r.exit_code);
      return -1;
    }
    t.push_back(ms);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// xmlsec1 --repeat prints "Executed N tests in X msec".
double XmlsecRepeatUs(const std::vector<std::string>& args, int n) {
  Run r = Spawn(args, true);
  size_t at = r.out.rfind("Executed ");
  if (r.exit_code != 0 || at == std::string::npos) return -1;
  size_t in = r.out.find(" in ", at);
  double ms = std::atof(r.out.c_str() + in + 4);
  return ms * 1000.0 / n;
}

void Write(const std::string& path, const std::string& s) {
  std::ofstream(path, std::ios::binary) << s;
}

}  // namespace

int main(int argc, char** argv) {
  double secs = argc > 1 ? std::atof(argv[1]) : 1.0;
  int runs = argc > 2 ? std::atoi(argv[2]) : 100;
  std::string doc = Document();
  std::printf("dsig_bench: %s\n", tradefin::bench::MachineDescription().c_str());
  std::printf("document: %zu bytes unsigned, 52 wagon lines, 2 namespaces\n\n",
              doc.size());

  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("dsig_bench." + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string ec_signed_path;
  std::string ec_pub_path;
  std::string ec_key_id;

  for (KeyType type : {KeyType::kEd25519, KeyType::kEcdsaP256}) {
    std::string name(KeyTypeName(type));
    auto key = PrivateKey::Generate(type);
    auto signer = NewSoftwareSigner(*key);
    SignOptions sign_opts;
    auto signed_xml = SignDocument(doc, **signer, sign_opts);
    if (!signed_xml.ok()) {
      std::printf("sign failed: %s\n", signed_xml.status().ToString().c_str());
      return 1;
    }
    PinnedKeyTrustStore trust;
    trust.Add("bench", key->public_key());
    VerifyPolicy policy;
    auto check = VerifyDocument(*signed_xml, policy, trust);
    if (!check.ok() || !check->valid()) {
      std::printf("verify failed\n");
      return 1;
    }
    std::printf("%s (signed document %zu bytes)\n", name.c_str(),
                signed_xml->size());
    Row("tradefin sign (incl. self-verify)", tradefin::bench::MeasureOpsPerSec(
        [&] { (void)SignDocument(doc, **signer, sign_opts); }, secs));
    SignOptions fast = sign_opts;
    fast.verify_after_signing = false;
    Row("tradefin sign (verify_after_signing=false)",
        tradefin::bench::MeasureOpsPerSec(
            [&] { (void)SignDocument(doc, **signer, fast); }, secs));
    Row("tradefin verify", tradefin::bench::MeasureOpsPerSec(
        [&] { (void)VerifyDocument(*signed_xml, policy, trust); }, secs));

    // Steps of one verification.
    xml::ParseError err;
    auto parsed = xml::Document::Parse(*signed_xml, ParseOptions(), &err);
    xml::Node sig = parsed->root().child(kDsigNamespace, "Signature");
    xml::Node si = sig.child(kDsigNamespace, "SignedInfo");
    std::string c14n_si =
        *parsed->CanonicalizeSubtree(si, xml::C14nMethod::kExclusive10, false);
    std::string covered =
        *parsed->Canonicalize(xml::C14nMethod::kExclusive10, false, sig);
    std::string value =
        *Base64Decode(sig.child(kDsigNamespace, "SignatureValue").text());
    PublicKey pub = key->public_key();
    Row("  step: parse", tradefin::bench::MeasureOpsPerSec([&] {
          xml::ParseError e;
          (void)xml::Document::Parse(*signed_xml, ParseOptions(), &e);
        }, secs));
    Row("  step: c14n SignedInfo", tradefin::bench::MeasureOpsPerSec([&] {
          (void)parsed->CanonicalizeSubtree(si, xml::C14nMethod::kExclusive10,
                                            false);
        }, secs));
    Row("  step: c14n document minus Signature",
        tradefin::bench::MeasureOpsPerSec([&] {
          (void)parsed->Canonicalize(xml::C14nMethod::kExclusive10, false, sig);
        }, secs));
    Row("  step: sha256 of canonical document",
        tradefin::bench::MeasureOpsPerSec([&] { (void)Sha256(covered); },
                                          secs));
    Row("  step: signature verify over SignedInfo",
        tradefin::bench::MeasureOpsPerSec(
            [&] { (void)pub.Verify(c14n_si, value); }, secs));
    Row("  step: raw sign over SignedInfo", tradefin::bench::MeasureOpsPerSec(
        [&] { (void)key->Sign(c14n_si); }, secs));
    Row("  step: load public key (PEM parse, validate, precompute)",
        tradefin::bench::MeasureOpsPerSec(
            [&] { (void)PublicKey::FromPem(pub.ToPem()); }, secs));
    std::printf("\n");

    if (type == KeyType::kEcdsaP256) {
      ec_signed_path = (dir / "ec.signed.xml").string();
      ec_pub_path = (dir / "ec.pub").string();
      ec_key_id = pub.key_id();
      Write(ec_signed_path, *signed_xml);
      Write(ec_pub_path, pub.ToPem());
    }
  }

  // Anchor: xmlsec1 on the same document with an openssl P-256 key.
  bool have_xmlsec = Spawn({"xmlsec1", "--version"}, false).exit_code == 0 &&
                     Spawn({"openssl", "version"}, false).exit_code == 0;
  double xmlsec_verify_ms = -1;
  if (have_xmlsec) {
    std::string key = (dir / "x.key").string();
    std::string pub = (dir / "x.pub").string();
    Spawn({"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
           "ec_paramgen_curve:P-256", "-out", key}, false);
    Spawn({"openssl", "pkey", "-in", key, "-pubout", "-out", pub}, false);
    std::string sig_tmpl =
        "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
        "<ds:SignedInfo><ds:CanonicalizationMethod Algorithm=\"http://www.w3."
        "org/2001/10/xml-exc-c14n#\"/><ds:SignatureMethod Algorithm=\"http://"
        "www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"/><ds:Reference URI=\"\">"
        "<ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/"
        "xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"http://www."
        "w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms><ds:DigestMethod "
        "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/><ds:DigestValue>"
        "</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>"
        "</ds:SignatureValue><ds:KeyInfo><ds:KeyName>k</ds:KeyName></ds:KeyInfo>"
        "</ds:Signature>";
    std::string tmpl = doc;
    tmpl.insert(tmpl.rfind("</wb:RailWaybill>"), sig_tmpl);
    std::string tmpl_path = (dir / "x.tmpl.xml").string();
    std::string signed_path = (dir / "x.signed.xml").string();
    Write(tmpl_path, tmpl);
    const int n = 2000;
    double sign_us = XmlsecRepeatUs(
        {"xmlsec1", "--sign", "--repeat", std::to_string(n), "--privkey-pem:k",
         key, "--output", signed_path, tmpl_path}, n);
    double verify_us = XmlsecRepeatUs(
        {"xmlsec1", "--verify", "--repeat", std::to_string(n), "--pubkey-pem:k",
         pub, "--enabled-key-data", "key-name", signed_path}, n);
    std::printf("anchor: xmlsec1 --repeat %d, ECDSA P-256, same document "
                "(xmlsec's own timer: dsig step only, no parse)\n", n);
    if (sign_us > 0) Row("xmlsec1 sign", 1e6 / sign_us);
    if (verify_us > 0) Row("xmlsec1 verify", 1e6 / verify_us);
    xmlsec_verify_ms = ProcessMs({"xmlsec1", "--verify", "--pubkey-pem:k", pub,
                                  "--enabled-key-data", "key-name",
                                  signed_path}, runs);
    std::printf("\nwhole process, median of %d runs:\n", runs);
    std::printf("  %-52s %10.2f ms\n", "xmlsec1 --verify (ECDSA, 10 KB)",
                xmlsec_verify_ms);
  } else {
    std::printf("xmlsec1/openssl not found: anchor rows skipped\n");
  }

  std::filesystem::path cli =
      std::filesystem::read_symlink("/proc/self/exe").parent_path() / "tradefin";
  if (std::filesystem::exists(cli) && !ec_signed_path.empty()) {
    // --no-schema: the synthetic waybill is not schema-valid, and xmlsec1
    // checks the signature only.
    double ms = ProcessMs({cli.string(), "verify", ec_signed_path, "--key",
                           ec_pub_path, "--no-schema"}, runs);
    std::printf("  %-52s %10.2f ms\n",
                "tradefin verify --no-schema (ECDSA, 10 KB)", ms);
    double v = ProcessMs({cli.string(), "--version"}, runs);
    std::printf("  %-52s %10.2f ms\n", "tradefin --version (process start)", v);
    if (xmlsec_verify_ms > 0 && ms > 0) {
      std::printf("  ratio tradefin/xmlsec1: %.3f (goal <= 0.25)\n",
                  ms / xmlsec_verify_ms);
    }
  } else {
    std::printf("  %s not built: whole-process tradefin row skipped\n",
                cli.string().c_str());
  }
  std::filesystem::remove_all(dir);
  return 0;
}
