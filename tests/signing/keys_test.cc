#include "tradefin/signing/keys.h"

#include <sys/stat.h>

#include <cstddef>
#include <type_traits>

#include "testing/testing.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::RunProgram;
using testing::DataDir;
using testing::TempDir;

std::filesystem::path VecKeys() {
  return DataDir() / "xmlsec/keys";
}


// Issue 13: the representation is not public API. A key is made only by
// the factory functions; nothing outside the signing module can build one
// around its own representation or reach into the Crypto++ objects.
static_assert(!std::is_constructible_v<PublicKey, std::nullptr_t>);
static_assert(!std::is_constructible_v<PrivateKey, std::nullptr_t>);
static_assert(std::is_copy_constructible_v<PublicKey>);

TEST_CASE("keys: generate, PEM round trip, key id, raw sign/verify") {
  for (KeyType type : {KeyType::kEd25519, KeyType::kEcdsaP256}) {
    CAPTURE(KeyTypeName(type));
    auto priv = PrivateKey::Generate(type);
    REQUIRE_OK(priv);
    CHECK(priv->type() == type);
    PublicKey pub = priv->public_key();
    CHECK(pub.type() == type);
    CHECK(pub.bits() == 256);
    CHECK(pub.key_id() == HashHex(Sha256(pub.spki_der())));
    CHECK(pub.key_id().size() == 64);

    auto again = PrivateKey::FromPem(priv->ToPem());
    REQUIRE_OK(again);
    CHECK(again->public_key().key_id() == pub.key_id());
    auto pub2 = PublicKey::FromPem(pub.ToPem());
    REQUIRE_OK(pub2);
    CHECK(pub2->key_id() == pub.key_id());

    auto sig = priv->Sign("hello");
    REQUIRE_OK(sig);
    CHECK(sig->size() == 64);
    CHECK(pub.Verify("hello", *sig));
    CHECK_FALSE(pub.Verify("hellp", *sig));
    std::string bad = *sig;
    bad[10] ^= 1;
    CHECK_FALSE(pub.Verify("hello", bad));
    CHECK_FALSE(pub.Verify("hello", sig->substr(0, 63)));
    // Another key of the same type does not verify it.
    auto other = PrivateKey::Generate(type);
    REQUIRE_OK(other);
    CHECK_FALSE(other->public_key().Verify("hello", *sig));
    CHECK(other->public_key().key_id() != pub.key_id());
  }
  CHECK(PrivateKey::Generate(KeyType::kRsa).status().code() ==
        StatusCode::kUnsupported);
}

TEST_CASE("keys: WriteFile is 0600 and refuses to overwrite") {
  TempDir dir;
  auto priv = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(priv);
  std::string path = (dir.path() / "k.key").string();
  REQUIRE_STATUS_OK(priv->WriteFile(path));
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  Status again = priv->WriteFile(path);
  CHECK(again.code() == StatusCode::kAlreadyExists);
  auto loaded = PrivateKey::FromFile(path);
  REQUIRE_OK(loaded);
  CHECK(loaded->public_key().key_id() == priv->public_key().key_id());
}

TEST_CASE("keys: vector public keys and certificates") {
  auto ed = PublicKey::FromFile(
      (VecKeys() / "eddsa/eddsa-ed25519-pubkey.pem").string());
  REQUIRE_OK(ed);
  CHECK(ed->type() == KeyType::kEd25519);
  CHECK(ed->ed25519_raw().size() == 32);
  auto raw = PublicKey::FromEd25519Raw(ed->ed25519_raw());
  REQUIRE_OK(raw);
  CHECK(raw->key_id() == ed->key_id());

  auto ec = PublicKey::FromFile(
      (VecKeys() / "ec/ec-prime256v1-pubkey.pem").string());
  REQUIRE_OK(ec);
  CHECK(ec->type() == KeyType::kEcdsaP256);
  auto ec_cert = PublicKey::FromFile(
      (VecKeys() / "ec/ec-prime256v1-cert.pem").string());
  REQUIRE_OK(ec_cert);
  CHECK(ec_cert->key_id() == ec->key_id());

  auto rsa = PublicKey::FromFile(
      (VecKeys() / "rsa/rsa-4096-pubkey.pem").string());
  REQUIRE_OK(rsa);
  CHECK(rsa->type() == KeyType::kRsa);
  CHECK(rsa->bits() == 4096);
  auto rsa_cert =
      PublicKey::FromFile((VecKeys() / "rsa/rsa-4096-cert.pem").string());
  REQUIRE_OK(rsa_cert);
  CHECK(rsa_cert->key_id() == rsa->key_id());

  auto der_cert = PublicKey::FromFile(
      (DataDir() / "xmlsec/phaos-xmldsig-three/certs/rsa-ca-cert.der")
          .string());
  // The Phaos CA is RSA-1024: readable but below policy.
  CHECK(der_cert.status().code() == StatusCode::kUnsupported);
}

TEST_CASE("keys: interop with openssl (key id, PKCS#8, RSA < 2048)") {
  testing::RequireProgram("openssl", "openssl");
  TempDir dir;
  auto p = [&](const char* n) { return (dir.path() / n).string(); };
  // Our keys are readable by openssl, and the key id is sha256(SPKI DER)
  // computed by openssl too.
  for (KeyType type : {KeyType::kEd25519, KeyType::kEcdsaP256}) {
    auto priv = PrivateKey::Generate(type);
    REQUIRE_OK(priv);
    std::string key = p(type == KeyType::kEd25519 ? "ed.key" : "ec.key");
    REQUIRE_STATUS_OK(priv->WriteFile(key));
    auto r = RunProgram({"openssl", "pkey", "-in", key, "-pubout", "-outform",
                         "DER", "-out", key + ".spki"});
    REQUIRE(r.exit_code == 0);
    CHECK(HashHex(Sha256(ReadFile(key + ".spki"))) ==
          priv->public_key().key_id());
  }
  // openssl-generated keys load.
  REQUIRE(RunProgram({"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt",
                      "ec_paramgen_curve:P-256", "-out", p("o-ec.key")})
              .exit_code == 0);
  auto oec = PrivateKey::FromFile(p("o-ec.key"));
  REQUIRE_OK(oec);
  CHECK(oec->type() == KeyType::kEcdsaP256);
  REQUIRE(RunProgram({"openssl", "genpkey", "-algorithm", "ED25519", "-out",
                      p("o-ed.key")})
              .exit_code == 0);
  auto oed = PrivateKey::FromFile(p("o-ed.key"));
  REQUIRE_OK(oed);
  REQUIRE(RunProgram({"openssl", "pkey", "-in", p("o-ed.key"), "-pubout",
                      "-out", p("o-ed.pub")})
              .exit_code == 0);
  auto oedpub = PublicKey::FromFile(p("o-ed.pub"));
  REQUIRE_OK(oedpub);
  CHECK(oedpub->key_id() == oed->public_key().key_id());
  // An openssl Ed25519 signature verifies with ours (PureEdDSA).
  testing::WriteFile(dir.path() / "msg", "trade finance");
  REQUIRE(RunProgram({"openssl", "pkeyutl", "-sign", "-rawin", "-inkey",
                      p("o-ed.key"), "-in", p("msg"), "-out", p("msg.sig")})
              .exit_code == 0);
  CHECK(oedpub->Verify("trade finance", ReadFile(dir.path() / "msg.sig")));

  REQUIRE(RunProgram({"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt",
                      "rsa_keygen_bits:1024", "-out", p("rsa1024.key")})
              .exit_code == 0);
  REQUIRE(RunProgram({"openssl", "pkey", "-in", p("rsa1024.key"), "-pubout",
                      "-out", p("rsa1024.pub")})
              .exit_code == 0);
  auto small = PublicKey::FromFile(p("rsa1024.pub"));
  CHECK(small.status().code() == StatusCode::kUnsupported);
  auto rsa_priv = PrivateKey::FromFile(p("rsa1024.key"));
  CHECK(rsa_priv.status().code() == StatusCode::kUnsupported);
}

TEST_CASE("keys: malformed input is a Status, not an exception") {
  CHECK(PublicKey::FromPem("nothing here").status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(PublicKey::FromDer(std::string("\x30\x03\x02\x01", 4)).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(PublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nMAA=\n"
                           "-----END PUBLIC KEY-----\n")
            .status()
            .code() == StatusCode::kInvalidArgument);
  CHECK_FALSE(PrivateKey::FromPem("-----BEGIN PRIVATE KEY-----\n!!!!\n"
                                  "-----END PRIVATE KEY-----\n")
                  .ok());
  CHECK(PublicKey::FromFile("/nonexistent/x.pem").status().code() ==
        StatusCode::kIOError);
}

TEST_CASE("encodings: hex, strict base64") {
  CHECK(HexEncode("\x01\xab") == "01ab");
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foo") == "Zm9v");
  // Whitespace only where the caller's format allows it (XML, PEM).
  CHECK_FALSE(Base64Decode("Zm9v\n YmE=").ok());
  auto d = Base64Decode("Zm9v\n YmE=", {.allow_whitespace = true});
  REQUIRE_OK(d);
  CHECK(*d == "fooba");
  CHECK_FALSE(Base64Decode("QR==", {.allow_whitespace = true}).ok());
  CHECK_FALSE(Base64Decode("Zm9").ok());
  CHECK_FALSE(Base64Decode("Zm=v").ok());
  CHECK_FALSE(Base64Decode("Zm9*").ok());
  CHECK(HashHex(Sha256("abc")) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace tradefin
