// c2sp.org/tlog-proof@v1 files, as `tradefin verify-proof` and a guarantor
// check them: VerifyTlogProofForEntry against the hub key of the seeds and
// the raw bytes of the entry the seed proofs are for (fuzz/fixtures/).
// Properties: with a good hub key the answer is always a verdict, never a
// Status (proof.h); a valid proof carries a valid checkpoint and its
// inclusion path re-verifies with VerifyInclusionHex.
#include "fuzz_common.h"
#include "tradefin/store/proof.h"

namespace {

struct Fixtures {
  std::string hub_key = tradefin::fuzz::FixtureLine("hub.vkey");
  std::string entry = tradefin::fuzz::Fixture("proof-entry.bin");
};

const Fixtures& Get() {
  static const Fixtures* f = new Fixtures();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  const Fixtures& f = Get();
  auto v = VerifyTlogProofForEntry(fuzz::AsView(data, size), f.entry, f.hub_key);
  if (!v.ok()) fuzz::Broken("VerifyTlogProofForEntry: Status for a proof", v.status().ToString());
  (void)ProofFailureName(v->failure);
  if (v->valid) {
    if (!v->checkpoint.valid) fuzz::Broken("valid proof with an invalid checkpoint");
    if (!VerifyInclusionHex(v->index, v->checkpoint.size, v->leaf_hash_hex, v->path_hex,
                            v->checkpoint.root_hex)) {
      fuzz::Broken("valid proof whose path does not verify");
    }
  }
  return 0;
}
