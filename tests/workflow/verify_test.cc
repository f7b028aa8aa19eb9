// VerifySignedDocument: the signature-plus-document verdict that
// `tradefin verify` prints, now in the library (issue 13).
#include "tradefin/workflow/verify.h"

#include "testing/testing.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::SourceDir;

struct Fixture {
  PrivateKey key = *PrivateKey::Generate(KeyType::kEd25519);
  PinnedKeyTrustStore trust;
  Fixture() { trust.Add("Issuing-Bank", key.public_key()); }

  std::string Sign(const std::string& xml) {
    auto signer = NewSoftwareSigner(key);
    REQUIRE_OK(signer);
    auto s = SignDocument(xml, **signer, SignOptions());
    REQUIRE_OK(s);
    return *s;
  }
};

TEST_CASE("VerifySignedDocument: valid signature on a valid letter of credit") {
  Fixture f;
  std::string xml =
      f.Sign(ReadFile(SourceDir() / "samples/shipment/letter-of-credit.xml"));
  auto r = VerifySignedDocument(xml, "lc.xml", {}, f.trust);
  REQUIRE_OK(r);
  CHECK(r->valid());
  CHECK(r->verdict_name() == "valid");
  CHECK(r->document_checked);
  REQUIRE(r->document_type.has_value());
  CHECK(*r->document_type == DocumentType::kLetterOfCredit);
  CHECK(r->signature.signer == "Issuing-Bank");
}

TEST_CASE("VerifySignedDocument: a valid signature over an invalid document") {
  Fixture f;
  std::string xml =
      f.Sign(ReadFile(SourceDir() / "samples/invalid/lc-bad-bic.xml"));
  // A shared Validator gives the same answer as one made per call.
  auto v = Validator::Create({});
  REQUIRE_OK(v);
  for (const Validator* validator : {static_cast<const Validator*>(nullptr),
                                     static_cast<const Validator*>(v->get())}) {
    auto r = VerifySignedDocument(xml, "bad-bic.xml", {}, f.trust, validator);
    REQUIRE_OK(r);
    CHECK_FALSE(r->valid());
    CHECK(r->signature.valid());
    CHECK(r->verdict_name() == "invalid-document");
    REQUIRE_FALSE(r->document_issues.empty());
    CHECK(r->document_issues[0].file == "bad-bic.xml");
  }
  SignedDocumentOptions signature_only;
  signature_only.check_document = false;
  auto r = VerifySignedDocument(xml, "bad-bic.xml", signature_only, f.trust);
  REQUIRE_OK(r);
  CHECK(r->valid());
  CHECK_FALSE(r->document_checked);
}

TEST_CASE("VerifySignedDocument: generic XML is judged by its signature alone") {
  Fixture f;
  std::string xml = f.Sign("<note xmlns=\"urn:example:note\">hi</note>");
  auto r = VerifySignedDocument(xml, "note.xml", {}, f.trust);
  REQUIRE_OK(r);
  CHECK(r->valid());
  CHECK_FALSE(r->document_checked);
  CHECK_FALSE(r->document_type.has_value());
}

TEST_CASE("VerifySignedDocument: a bad signature is the verdict; the document is not judged") {
  Fixture f;
  std::string xml =
      f.Sign(ReadFile(SourceDir() / "samples/invalid/lc-bad-bic.xml"));
  PinnedKeyTrustStore other;
  other.Add("", PrivateKey::Generate(KeyType::kEd25519)->public_key());
  auto r = VerifySignedDocument(xml, "x.xml", {}, other);
  REQUIRE_OK(r);
  CHECK_FALSE(r->valid());
  CHECK(r->verdict_name() == "untrusted-key");
  CHECK_FALSE(r->document_checked);
  CHECK(r->document_issues.empty());
}

}  // namespace
}  // namespace tradefin
