// Public key and certificate loading, as `tradefin key show`, trust lists,
// party registration and KeyInfo take them: SPKI PEM, certificate PEM, DER,
// raw Ed25519, and PKCS#8 private keys (`tradefin sign --key`). The first
// byte picks the loader. Properties: a loaded key's SPKI DER loads again to
// the same key id and type; its PEM too; Verify never throws.
#include "fuzz_common.h"
#include "tradefin/signing/keys.h"

namespace {

void CheckRoundTrip(const tradefin::PublicKey& key) {
  using namespace tradefin;
  std::string der = key.spki_der();
  auto again = PublicKey::FromDer(der);
  if (!again.ok()) fuzz::Broken("spki_der of a loaded key does not load", again.status().ToString());
  if (again->key_id() != key.key_id() || again->type() != key.type()) {
    fuzz::Broken("spki_der round trip changed the key");
  }
  auto pem = PublicKey::FromPem(key.ToPem());
  if (!pem.ok() || pem->key_id() != key.key_id()) fuzz::Broken("ToPem round trip changed the key");
  (void)key.bits();
  (void)key.ed25519_raw();
  (void)KeyTypeName(key.type());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  if (size < 1) return 0;
  std::string_view in = fuzz::AsView(data + 1, size - 1);
  switch (data[0] % 4) {
    case 0: {
      auto key = PublicKey::FromPem(in);
      if (key.ok()) {
        CheckRoundTrip(*key);
        (void)key->Verify(in, in.substr(0, 64));
      }
      break;
    }
    case 1: {
      auto key = PublicKey::FromDer(in);
      if (key.ok()) {
        CheckRoundTrip(*key);
        (void)key->Verify(in, in.substr(0, 64));
      }
      break;
    }
    case 2: {
      // 32 bytes of key, the rest a signature over a fixed message.
      auto key = PublicKey::FromEd25519Raw(in.substr(0, 32));
      if (key.ok()) {
        CheckRoundTrip(*key);
        (void)key->Verify("message", in.size() > 32 ? in.substr(32) : std::string_view());
      }
      break;
    }
    case 3: {
      auto key = PrivateKey::FromPem(in);
      if (key.ok()) CheckRoundTrip(key->public_key());
      break;
    }
  }
  return 0;
}
