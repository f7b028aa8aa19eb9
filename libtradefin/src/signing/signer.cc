#include "tradefin/signing/signer.h"

#include "signing/keys_internal.h"

namespace tradefin {

Signer::~Signer() = default;
std::string Signer::certificate_der() const { return {}; }

namespace {

class SoftwareSigner final : public Signer {
 public:
  SoftwareSigner(PrivateKey key, std::string cert)
      : key_(std::move(key)),
        public_key_(key_.public_key()),
        cert_(std::move(cert)) {}

  KeyType type() const override { return key_.type(); }
  std::string key_id() const override { return public_key_.key_id(); }
  PublicKey public_key() const override { return public_key_; }
  Result<std::string> SignRaw(std::string_view message) const override {
    return key_.Sign(message);
  }
  std::string certificate_der() const override { return cert_; }

 private:
  PrivateKey key_;
  PublicKey public_key_;
  std::string cert_;
};

}  // namespace

Result<std::unique_ptr<Signer>> NewSoftwareSigner(
    const PrivateKey& key, std::string_view certificate) {
  if (key.type() == KeyType::kRsa) {
    return Status::Unsupported("tradefin does not sign with RSA keys");
  }
  std::string der;
  if (!certificate.empty()) {
    if (certificate.find("-----BEGIN") != std::string_view::npos) {
      TRADEFIN_ASSIGN_OR_RETURN(auto block,
                                signing_internal::ParsePem(certificate));
      if (block.label != "CERTIFICATE") {
        return Status::InvalidArgument("certificate: PEM block '" +
                                       block.label +
                                       "' is not a CERTIFICATE");
      }
      der = std::move(block.der);
    } else {
      der = std::string(certificate);
    }
    auto cert_key = PublicKey::FromDer(der);
    if (!cert_key.ok()) return cert_key.status().WithPrefix("certificate");
    if (cert_key->key_id() != key.public_key().key_id()) {
      return Status::InvalidArgument(
          "certificate is for key " + cert_key->key_id() +
          ", not for the signing key " + key.public_key().key_id());
    }
  }
  return std::unique_ptr<Signer>(new SoftwareSigner(key, std::move(der)));
}

}  // namespace tradefin
