// Consistency proofs (`tradefin consistency` text: "old <m>", hashes, a
// blank line, the new signed checkpoint), as `tradefin verify-consistency`
// and a witness check them, against the older checkpoint of the seeds.
// Properties: always a verdict with a good hub key (proof.h); a valid proof
// re-verifies with VerifyConsistencyHex between the two roots.
#include "fuzz_common.h"
#include "store/note.h"
#include "tradefin/store/proof.h"

namespace {

struct Fixtures {
  std::string hub_key = tradefin::fuzz::FixtureLine("hub.vkey");
  std::string old_checkpoint = tradefin::fuzz::Fixture("checkpoint-old.txt");
};

const Fixtures& Get() {
  static const Fixtures* f = new Fixtures();
  return *f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  const Fixtures& f = Get();
  std::string_view in = fuzz::AsView(data, size);
  auto v = VerifyConsistencyProofText(in, f.old_checkpoint, f.hub_key);
  if (!v.ok()) fuzz::Broken("VerifyConsistencyProofText: Status for a proof", v.status().ToString());
  (void)ProofFailureName(v->failure);
  if (v->valid) {
    auto parsed = note::ParseConsistencyProof(in);
    if (!parsed.ok()) fuzz::Broken("valid consistency proof that does not parse");
    std::vector<std::string> hex;
    for (const auto& h : parsed->proof) hex.push_back(merkle::ToHex(h));
    if (!VerifyConsistencyHex(v->old_checkpoint.size, v->new_checkpoint.size,
                              v->old_checkpoint.root_hex, v->new_checkpoint.root_hex, hex)) {
      fuzz::Broken("valid consistency proof that does not re-verify");
    }
  }
  return 0;
}
