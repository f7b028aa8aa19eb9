// Hostile signatures: each known attack on XML-DSig verifiers, built from a
// genuinely signed document, must be rejected with its reason (the attacks
// are described in docs/design/xmldsig-defences.md).
#include <string>

#include "testing/testing.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {
namespace {

constexpr char kMsg[] =
    "<Msg xmlns=\"urn:m\"><Credit Id=\"lc1\"><Amount>125000.00</Amount>"
    "</Credit><Note xml:id=\"n1\">ok</Note></Msg>";

struct Fixture {
  Fixture() {
    auto k = PrivateKey::Generate(KeyType::kEcdsaP256);
    REQUIRE_OK(k);
    key = std::make_unique<PrivateKey>(*k);
    trust.Add("legit", key->public_key());
    auto signer = NewSoftwareSigner(*key);
    REQUIRE_OK(signer);
    auto out = SignDocument(kMsg, **signer, SignOptions());
    REQUIRE_OK(out);
    signed_xml = *out;
  }
  VerificationReport Verify(const std::string& xml,
                            VerifyPolicy policy = VerifyPolicy()) const {
    auto r = VerifyDocument(xml, policy, trust);
    REQUIRE_OK(r);
    return *r;
  }
  std::string Signature() const {
    size_t b = signed_xml.find("<ds:Signature");
    size_t e = signed_xml.find("</ds:Signature>") + 15;
    return signed_xml.substr(b, e - b);
  }
  std::unique_ptr<PrivateKey> key;
  PinnedKeyTrustStore trust;
  std::string signed_xml;
};

std::string Replace(std::string s, const std::string& from,
                    const std::string& to) {
  size_t at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  s.replace(at, from.size(), to);
  return s;
}

void ExpectRejected(const VerificationReport& r, SignatureVerdict verdict,
                    const std::string& reason_part) {
  CHECK_MESSAGE(r.verdict == verdict, SignatureVerdictName(r.verdict), ": ",
                r.reason);
  CHECK_MESSAGE(r.reason.find(reason_part) != std::string::npos, r.reason);
}

TEST_CASE("hostile: baseline is valid") {
  Fixture f;
  CHECK(f.Verify(f.signed_xml).verdict == SignatureVerdict::kValid);
}

TEST_CASE("hostile: wrapping") {
  Fixture f;
  // Signed original moved under a wrapper of a forged document element.
  std::string wrapped =
      "<Msg xmlns=\"urn:m\"><Credit Id=\"evil\"><Amount>999999.00</Amount>"
      "</Credit><Wrapper>" +
      f.signed_xml + "</Wrapper></Msg>";
  ExpectRejected(f.Verify(wrapped), SignatureVerdict::kPolicyViolation,
                 "last child element of the document element");
  // Same, but the Signature re-attached as the forged root's last child:
  // URI="" covers the forged document, so the digest fails.
  std::string sig = f.Signature();
  std::string original = Replace(f.signed_xml, sig, "");
  std::string forged =
      "<Msg xmlns=\"urn:m\"><Credit Id=\"evil\"><Amount>999999.00</Amount>"
      "</Credit><Wrapper>" +
      original + "</Wrapper>" + sig + "</Msg>";
  ExpectRejected(f.Verify(forged), SignatureVerdict::kDigestMismatch,
                 "does not match DigestValue");
}

TEST_CASE("hostile: signature moved out of last-child position") {
  Fixture f;
  std::string sig = f.Signature();
  std::string moved = Replace(Replace(f.signed_xml, sig, ""),
                              "<Credit", sig + "<Credit");
  ExpectRejected(f.Verify(moved), SignatureVerdict::kPolicyViolation,
                 "last child element");
  std::string nested =
      Replace(Replace(f.signed_xml, sig, ""), "</Credit>", sig + "</Credit>");
  ExpectRejected(f.Verify(nested), SignatureVerdict::kPolicyViolation,
                 "last child element");
}

TEST_CASE("hostile: duplicate IDs") {
  Fixture f;
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, "<Note", "<Credit Id=\"lc1\"/><Note")),
      SignatureVerdict::kPolicyViolation, "duplicate ID value 'lc1'");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, "<Note", "<X id=\"n1\"/><Note")),
      SignatureVerdict::kPolicyViolation, "duplicate ID value 'n1'");
}

TEST_CASE("hostile: ID, XPointer and external references") {
  Fixture f;
  ExpectRejected(f.Verify(Replace(f.signed_xml, "URI=\"\"", "URI=\"#lc1\"")),
                 SignatureVerdict::kPolicyViolation, "ID reference");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, "URI=\"\"", "URI=\"#xpointer(/)\"")),
      SignatureVerdict::kPolicyViolation, "XPointer");
  ExpectRejected(f.Verify(Replace(f.signed_xml, "URI=\"\"",
                                  "URI=\"http://attacker.example/x.xml\"")),
                 SignatureVerdict::kPolicyViolation, "external reference");
  ExpectRejected(f.Verify(Replace(f.signed_xml, "<ds:Reference URI=\"\">",
                                  "<ds:Reference>")),
                 SignatureVerdict::kPolicyViolation, "no URI attribute");
}

TEST_CASE("hostile: document re-signed with an attacker key in KeyInfo") {
  Fixture f;
  std::string forged = Replace(Replace(f.signed_xml, f.Signature(), ""),
                               "125000.00", "999999.00");
  auto attacker = PrivateKey::Generate(KeyType::kEcdsaP256);
  REQUIRE_OK(attacker);
  auto signer = NewSoftwareSigner(*attacker);
  REQUIRE_OK(signer);
  auto resigned = SignDocument(forged, **signer, SignOptions());
  REQUIRE_OK(resigned);
  ExpectRejected(f.Verify(*resigned), SignatureVerdict::kUntrustedKey,
                 "not trusted");
  // Same, claiming the legitimate key's name in KeyName.
  std::string claimed =
      Replace(*resigned, attacker->public_key().key_id(),
              f.key->public_key().key_id());
  ExpectRejected(f.Verify(claimed), SignatureVerdict::kUntrustedKey,
                 "not the trusted key");
  // And with no KeyInfo at all: the pinned key is used and fails.
  SignOptions bare;
  bare.include_key_name = false;
  bare.include_key_value = false;
  auto anonymous = SignDocument(forged, **signer, bare);
  REQUIRE_OK(anonymous);
  ExpectRejected(f.Verify(*anonymous), SignatureVerdict::kBadSignatureValue,
                 "does not verify");
}

TEST_CASE("hostile: comment and PI injection") {
  Fixture f;
  ExpectRejected(f.Verify(Replace(f.signed_xml, "125000.00", "1<!---->25000.00")),
                 SignatureVerdict::kPolicyViolation, "comment");
  ExpectRejected(f.Verify(Replace(f.signed_xml, "</Note>", "<?x y?></Note>")),
                 SignatureVerdict::kPolicyViolation, "processing instruction");
}

TEST_CASE("hostile: extra and forbidden transforms, c14n WithComments") {
  Fixture f;
  const std::string exc_t =
      "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>";
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, exc_t,
                       exc_t + "<ds:Transform Algorithm=\"http://www.w3.org/"
                               "TR/1999/REC-xpath-19991116\"><ds:XPath>"
                               "not(ancestor-or-self::ds:Signature)"
                               "</ds:XPath></ds:Transform>")),
      SignatureVerdict::kPolicyViolation, "XPath transform");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, exc_t,
                       exc_t + "<ds:Transform Algorithm=\"http://www.w3.org/"
                               "TR/1999/REC-xslt-19991116\"/>")),
      SignatureVerdict::kPolicyViolation, "XSLT transform");
  ExpectRejected(f.Verify(Replace(f.signed_xml, exc_t, exc_t + exc_t)),
                 SignatureVerdict::kPolicyViolation, "more than one");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, exc_t,
                       "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/"
                       "xml-exc-c14n#WithComments\"/>")),
      SignatureVerdict::kPolicyViolation, "WithComments");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml,
                       "<ds:CanonicalizationMethod Algorithm=\"http://www.w3."
                       "org/2001/10/xml-exc-c14n#\"/>",
                       "<ds:CanonicalizationMethod Algorithm=\"http://www.w3."
                       "org/2001/10/xml-exc-c14n#WithComments\"/>")),
      SignatureVerdict::kPolicyViolation, "WithComments");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml,
                       "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/"
                       "xmldsig#enveloped-signature\"/>",
                       "")),
      SignatureVerdict::kPolicyViolation, "enveloped-signature");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, "http://www.w3.org/2001/04/xmlenc#sha256",
                       "http://www.w3.org/2000/09/xmldsig#sha1")),
      SignatureVerdict::kPolicyViolation, "sha1");
}

TEST_CASE("hostile: RetrievalMethod, Object, Manifest, two signatures") {
  Fixture f;
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, "<ds:KeyInfo>",
                       "<ds:KeyInfo><ds:RetrievalMethod URI=\"http://"
                       "attacker.example/key\"/>")),
      SignatureVerdict::kPolicyViolation, "RetrievalMethod");
  ExpectRejected(f.Verify(Replace(f.signed_xml, "</ds:Signature>",
                                  "<ds:Object><Credit Id=\"x\"/></ds:Object>"
                                  "</ds:Signature>")),
                 SignatureVerdict::kPolicyViolation, "ds:Object");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, "</ds:Signature>",
                       "</ds:Signature>" + f.Signature())),
      SignatureVerdict::kPolicyViolation, "exactly one is allowed");
  ExpectRejected(f.Verify(f.Signature()), SignatureVerdict::kPolicyViolation,
                 "enveloping");
  ExpectRejected(f.Verify(kMsg), SignatureVerdict::kPolicyViolation,
                 "not signed");
}

std::string SignatureValueOf(const std::string& xml) {
  size_t b = xml.find("<ds:SignatureValue>") + 19;
  return xml.substr(b, xml.find("</ds:SignatureValue>") - b);
}

std::string DerInteger(std::string v) {
  while (v.size() > 1 && v[0] == 0 && !(static_cast<unsigned char>(v[1]) & 0x80))
    v.erase(0, 1);
  if (static_cast<unsigned char>(v[0]) & 0x80) v.insert(0, 1, '\0');
  return std::string("\x02", 1) + static_cast<char>(v.size()) + v;
}

TEST_CASE("hostile: DER, wrong-length and huge signature values") {
  Fixture f;
  std::string b64 = SignatureValueOf(f.signed_xml);
  auto raw = Base64Decode(b64);
  REQUIRE_OK(raw);
  REQUIRE(raw->size() == 64);
  std::string body = DerInteger(raw->substr(0, 32)) + DerInteger(raw->substr(32));
  std::string der = std::string("\x30", 1) + static_cast<char>(body.size()) + body;
  ExpectRejected(f.Verify(Replace(f.signed_xml, b64, Base64Encode(der))),
                 SignatureVerdict::kPolicyViolation, "DER");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, b64, Base64Encode(raw->substr(0, 63)))),
      SignatureVerdict::kPolicyViolation, "63 bytes");
  ExpectRejected(f.Verify(Replace(f.signed_xml, b64,
                                  Base64Encode(std::string(1, '\0') + *raw +
                                               std::string(1, '\0')))),
                 SignatureVerdict::kPolicyViolation, "66 bytes");
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, b64, std::string(400000, 'A'))),
      SignatureVerdict::kPolicyViolation, "limit");
  ExpectRejected(f.Verify(Replace(f.signed_xml, b64, "!!notbase64!!")),
                 SignatureVerdict::kMalformed, "base64");
}

TEST_CASE("hostile: oversized SignedInfo, DOCTYPE") {
  Fixture f;
  ExpectRejected(
      f.Verify(Replace(f.signed_xml, "<ds:Reference URI=\"\">",
                       "<ds:Reference URI=\"\" Type=\"" +
                           std::string(20000, 'x') + "\">")),
      SignatureVerdict::kPolicyViolation, "canonical SignedInfo");
  std::string doctype =
      "<!DOCTYPE Msg [<!ENTITY a \"125000.00\">]>" + f.signed_xml;
  ExpectRejected(f.Verify(doctype), SignatureVerdict::kMalformed, "DOCTYPE");
}

}  // namespace
}  // namespace tradefin
