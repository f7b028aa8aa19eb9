// Signature verification of a signed document, as `tradefin verify` and the
// store's submit run it: VerifyDocument over untrusted XML, against a trust
// store pinning the keys of the seed documents (fuzz/fixtures/*.pub: the
// ECDSA P-256 issuer keys that signed the seeds, and the xmlsec interop
// keys), so mutations reach digest and signature checks, not only "untrusted
// key". Property: a kValid verdict names the key id that verified.
#include "fuzz_common.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/signing/xmldsig.h"

namespace {

const tradefin::TrustStore& Trust() {
  static const tradefin::PinnedKeyTrustStore* trust = [] {
    tradefin::fuzz::GlobalRuntime();
    auto* t = new tradefin::PinnedKeyTrustStore();
    for (const char* name : {"bank.pub", "carrier.pub", "shipper.pub", "broker.pub",
                             "guarantor.pub", "xmlsec-ec-prime256v1-pubkey.pem",
                             "xmlsec-rsa-4096-pubkey.pem", "xmlsec-p256-pubkey.pem"}) {
      auto key = tradefin::PublicKey::FromPem(tradefin::fuzz::Fixture(name));
      if (!key.ok()) tradefin::fuzz::Broken("fixture key", name + key.status().ToString());
      t->Add(name, *key);
    }
    return t;
  }();
  return *trust;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  const TrustStore& trust = Trust();
  VerifyPolicy policy;
  policy.keep_canonical_bytes = (size % 2) == 0;  // both report paths
  auto report = VerifyDocument(fuzz::AsView(data, size), policy, trust);
  if (!report.ok()) return 0;
  (void)SignatureVerdictName(report->verdict);
  if (report->valid() && report->key_id.empty()) {
    fuzz::Broken("kValid verdict without a key id", report->reason);
  }
  return 0;
}
