// Interop with the real peers: xmlsec1 (OpenSSL) and Santuario C++
// (xsec-checksig / xsec-templatesign), plus openssl for key material.
// A missing peer fails the test with what to install; it is never skipped.
#include <string>

#include "testing/testing.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::RunProgram;
using testing::TempDir;
using testing::WriteFile;

void RequirePeers() {
  testing::RequireProgram("xmlsec1", "xmlsec1");
  testing::RequireProgram("xsec-checksig", "xml-security-c-utils");
  testing::RequireProgram("xsec-templatesign", "xml-security-c-utils");
  testing::RequireProgram("openssl", "openssl");
}

constexpr char kDocument[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<lc:Credit xmlns:lc=\"urn:tradefin:lc:1\" Id=\"lc1\">\n"
    "  <lc:Amount currency=\"EUR\">125000.00</lc:Amount>\n"
    "  <lc:Beneficiary>Example Rail Exports</lc:Beneficiary>\n"
    "</lc:Credit>\n";

std::string Tamper(std::string xml) {
  size_t at = xml.find(">125000.00<");
  REQUIRE(at != std::string::npos);
  xml[at + 1] = '7';
  return xml;
}

std::string Template(const std::string& c14n, const std::string& method,
                     const std::string& key_data, const std::string& filler) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<lc:Credit xmlns:lc=\"urn:tradefin:lc:1\" Id=\"lc1\">\n"
         "  <lc:Amount currency=\"EUR\">125000.00</lc:Amount>\n"
         "  <lc:Beneficiary>Example Rail Exports</lc:Beneficiary>\n"
         "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
         "<ds:SignedInfo>\n"
         "<ds:CanonicalizationMethod Algorithm=\"" + c14n + "\"/>\n"
         "<ds:SignatureMethod Algorithm=\"" + method + "\"/>\n"
         "<ds:Reference URI=\"\">\n<ds:Transforms>\n"
         "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/"
         "xmldsig#enveloped-signature\"/>\n"
         "<ds:Transform Algorithm=\"" + c14n + "\"/>\n"
         "</ds:Transforms>\n"
         "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/"
         "xmlenc#sha256\"/>\n"
         "<ds:DigestValue>" + filler + "</ds:DigestValue>\n"
         "</ds:Reference>\n</ds:SignedInfo>\n"
         "<ds:SignatureValue>" + filler + "</ds:SignatureValue>\n"
         "<ds:KeyInfo><ds:KeyName>peer</ds:KeyName>" + key_data +
         "</ds:KeyInfo>\n"
         "</ds:Signature>\n</lc:Credit>\n";
}

SignatureVerdict VerifyWithKeyFile(const std::string& xml,
                                   const std::string& pub) {
  PinnedKeyTrustStore trust;
  REQUIRE_STATUS_OK(trust.AddKeyFile(pub));
  auto r = VerifyDocument(xml, VerifyPolicy(), trust);
  REQUIRE_OK(r);
  if (r->verdict != SignatureVerdict::kValid) MESSAGE(r->reason);
  return r->verdict;
}

void OpenSsl(const std::vector<std::string>& args) {
  std::vector<std::string> a = {"openssl"};
  a.insert(a.end(), args.begin(), args.end());
  auto r = RunProgram(a);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
}

struct PeerKeys {
  std::string ec_key, ec_pub, ec_crt, rsa_key, rsa_pub, other_ec_pub,
      other_rsa_pub;
};

PeerKeys MakeKeys(const TempDir& dir) {
  auto p = [&](const char* n) { return (dir.path() / n).string(); };
  PeerKeys k{p("ec.key"), p("ec.pub"), p("ec.crt"), p("rsa.key"),
             p("rsa.pub"), p("ec2.pub"), p("rsa2.pub")};
  OpenSsl({"genpkey", "-algorithm", "EC", "-pkeyopt",
           "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:named_curve",
           "-out", k.ec_key});
  OpenSsl({"pkey", "-in", k.ec_key, "-pubout", "-out", k.ec_pub});
  OpenSsl({"req", "-new", "-x509", "-key", k.ec_key, "-sha256", "-days", "30",
           "-subj", "/O=Example Trade Finance/CN=LC signer EC", "-out",
           k.ec_crt});
  OpenSsl({"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
           "-out", k.rsa_key});
  OpenSsl({"pkey", "-in", k.rsa_key, "-pubout", "-out", k.rsa_pub});
  OpenSsl({"genpkey", "-algorithm", "EC", "-pkeyopt",
           "ec_paramgen_curve:P-256", "-out", p("ec2.key")});
  OpenSsl({"pkey", "-in", p("ec2.key"), "-pubout", "-out", k.other_ec_pub});
  OpenSsl({"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
           "-out", p("rsa2.key")});
  OpenSsl({"pkey", "-in", p("rsa2.key"), "-pubout", "-out", k.other_rsa_pub});
  return k;
}

TEST_CASE("interop: tradefin ECDSA signature verifies in xmlsec1 and "
          "Santuario; one changed character fails in all three") {
  RequirePeers();
  TempDir dir;
  auto key = PrivateKey::Generate(KeyType::kEcdsaP256);
  REQUIRE_OK(key);
  std::string pub = (dir.path() / "signer.pub").string();
  WriteFile(pub, key->public_key().ToPem());
  auto signer = NewSoftwareSigner(*key);
  REQUIRE_OK(signer);
  auto signed_xml = SignDocument(kDocument, **signer, SignOptions());
  REQUIRE_OK(signed_xml);
  std::string good = (dir.path() / "good.xml").string();
  std::string bad = (dir.path() / "bad.xml").string();
  WriteFile(good, *signed_xml);
  WriteFile(bad, Tamper(*signed_xml));
  std::string id = key->public_key().key_id();

  auto xmlsec = [&](const std::string& f) {
    return RunProgram({"xmlsec1", "--verify", "--pubkey-pem:" + id, pub,
                       "--enabled-key-data", "key-name", f});
  };
  auto r = xmlsec(good);
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
  r = xmlsec(bad);
  CHECK(r.exit_code != 0);

  r = RunProgram({"xsec-checksig", good});
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
  r = RunProgram({"xsec-checksig", bad});
  CHECK(r.exit_code != 0);

  CHECK(VerifyWithKeyFile(ReadFile(good), pub) == SignatureVerdict::kValid);
  CHECK(VerifyWithKeyFile(ReadFile(bad), pub) ==
        SignatureVerdict::kDigestMismatch);
}

TEST_CASE("interop: documents signed by xmlsec1 verify with tradefin") {
  RequirePeers();
  TempDir dir;
  PeerKeys k = MakeKeys(dir);
  const std::string exc = "http://www.w3.org/2001/10/xml-exc-c14n#";
  const std::string inc = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
  const std::string ecdsa = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
  const std::string rsa = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
  struct Case {
    std::string name, c14n, method, key_data, privkey, pub, other;
  };
  std::vector<Case> cases = {
      {"ecdsa-exc", exc, ecdsa,
       "<ds:X509Data><ds:X509Certificate/></ds:X509Data>",
       k.ec_key + "," + k.ec_crt, k.ec_pub, k.other_ec_pub},
      {"ecdsa-inclusive", inc, ecdsa,
       "<ds:X509Data><ds:X509Certificate/></ds:X509Data>",
       k.ec_key + "," + k.ec_crt, k.ec_pub, k.other_ec_pub},
      {"rsa-exc", exc, rsa, "<ds:KeyValue/>", k.rsa_key, k.rsa_pub,
       k.other_rsa_pub},
      {"rsa-inclusive", inc, rsa, "<ds:KeyValue/>", k.rsa_key, k.rsa_pub,
       k.other_rsa_pub},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    std::string tmpl = (dir.path() / (c.name + ".tmpl.xml")).string();
    std::string out = (dir.path() / (c.name + ".signed.xml")).string();
    WriteFile(tmpl, Template(c.c14n, c.method, c.key_data, ""));
    auto r = RunProgram({"xmlsec1", "--sign", "--privkey-pem:peer", c.privkey,
                         "--output", out, tmpl});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    std::string xml = ReadFile(out);
    CHECK(VerifyWithKeyFile(xml, c.pub) == SignatureVerdict::kValid);
    // Wrong key: the document's KeyInfo names its real key, which is not
    // the pinned one.
    CHECK(VerifyWithKeyFile(xml, c.other) == SignatureVerdict::kUntrustedKey);
    CHECK(VerifyWithKeyFile(Tamper(xml), c.pub) ==
          SignatureVerdict::kDigestMismatch);
  }
  // Without any KeyInfo key (KeyName only), a wrong pinned key is a bad
  // signature rather than an untrusted key.
  std::string tmpl = (dir.path() / "keyname.tmpl.xml").string();
  std::string out = (dir.path() / "keyname.signed.xml").string();
  WriteFile(tmpl, Template(exc, ecdsa, "", ""));
  auto r = RunProgram({"xmlsec1", "--sign", "--privkey-pem:peer", k.ec_key,
                       "--output", out, tmpl});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(VerifyWithKeyFile(ReadFile(out), k.ec_pub) == SignatureVerdict::kValid);
  CHECK(VerifyWithKeyFile(ReadFile(out), k.other_ec_pub) ==
        SignatureVerdict::kBadSignatureValue);
}

TEST_CASE("interop: a document signed by Santuario verifies with tradefin") {
  RequirePeers();
  TempDir dir;
  PeerKeys k = MakeKeys(dir);
  std::string tmpl = (dir.path() / "santuario.tmpl.xml").string();
  WriteFile(tmpl, Template("http://www.w3.org/2001/10/xml-exc-c14n#",
                           "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
                           "", "AA=="));
  auto r = RunProgram({"xsec-templatesign", "--eckey", k.ec_key, "",
                       "--clearkeys", "--x509cert", k.ec_crt, tmpl});
  REQUIRE_MESSAGE(r.exit_code == 0, (r.out + r.err));
  std::string xml = r.out;
  REQUIRE(xml.find("SignatureValue") != std::string::npos);
  CHECK(VerifyWithKeyFile(xml, k.ec_pub) == SignatureVerdict::kValid);
  CHECK(VerifyWithKeyFile(xml, k.other_ec_pub) ==
        SignatureVerdict::kUntrustedKey);
  CHECK(VerifyWithKeyFile(Tamper(xml), k.ec_pub) ==
        SignatureVerdict::kDigestMismatch);
}

}  // namespace
}  // namespace tradefin
