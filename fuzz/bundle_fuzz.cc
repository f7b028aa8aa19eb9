// Guarantor bundles (docs/formats/bundle.md), as `tradefin bundle verify`
// checks them offline: VerifyBundle against the hub key of the seed bundle
// and, for inputs of even length, its witness policy. Property: with a good
// hub key and policy the answer is always a verdict, never a Status
// (bundle.h: "Anything about the bundle itself, including broken JSON, is a
// verdict"); a valid verdict has no failure and reason.
#include "fuzz_common.h"
#include "tradefin/workflow/bundle.h"

namespace {

struct Fixtures {
  std::string hub_key = tradefin::fuzz::FixtureLine("hub.vkey");
  std::string policy = tradefin::fuzz::Fixture("policy.txt");
};

const Fixtures& Get() {
  static const Fixtures* f = [] {
    tradefin::fuzz::GlobalRuntime();
    return new Fixtures();
  }();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  const Fixtures& f = Get();
  BundleVerifyOptions options;
  options.hub_key = f.hub_key;
  if (size % 2 == 0) options.policy = f.policy;
  auto v = VerifyBundle(fuzz::AsView(data, size), options);
  if (!v.ok()) fuzz::Broken("VerifyBundle: Status for a bundle", v.status().ToString());
  (void)BundleFailureName(v->failure);
  if (v->valid != (v->failure == BundleFailure::kNone) || (v->valid && !v->reason.empty())) {
    fuzz::Broken("BundleVerification: valid iff no failure", v->reason);
  }
  return 0;
}
