// Witness cosignatures and policies (docs/formats/witness.md), as a
// guarantor checks a cosigned checkpoint and a witness takes a hub's
// checkpoint. The first byte picks:
//   0: ParseWitnessPolicy on the rest; a parsed policy is checked against
//      the cosigned checkpoint of the seeds;
//   1: VerifyCosignatures and CheckWitnessPolicy (policy of the seeds) on
//      the rest as a cosigned checkpoint;
//   2: Witness::Cosign of the rest split at fuzz::kSeparator into checkpoint
//      and consistency proof, on a witness in a fresh temporary directory.
// Properties: a satisfied policy counts only witnesses whose line verified;
// Cosign returns a Status only for a malformed hub key or I/O (witness.h),
// and a cosigned result carries its line.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "fuzz_common.h"
#include "tradefin/store/witness.h"

namespace {

struct Fixtures {
  std::string hub_key = tradefin::fuzz::FixtureLine("hub.vkey");
  std::string policy_text = tradefin::fuzz::Fixture("policy.txt");
  std::string cosigned = tradefin::fuzz::Fixture("checkpoint-cosigned.txt");
  std::vector<std::string> witness_keys = {tradefin::fuzz::FixtureLine("witness-port.vkey"),
                                           tradefin::fuzz::FixtureLine("witness-fund.vkey")};
  tradefin::WitnessPolicy policy;
  std::string dir;
  std::unique_ptr<tradefin::Witness> witness;
};

void RemoveWitnessDir();

Fixtures& Get() {
  static Fixtures* f = [] {
    using namespace tradefin;
    fuzz::GlobalRuntime();
    auto* fx = new Fixtures();
    auto policy = ParseWitnessPolicy(fx->policy_text);
    if (!policy.ok()) fuzz::Broken("fixture policy", policy.status().ToString());
    fx->policy = *policy;
    char tmpl[] = "/tmp/tradefin-witness-fuzz-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) fuzz::Broken("mkdtemp");
    fx->dir = tmpl;
    std::atexit(RemoveWitnessDir);
    std::string wdir = fx->dir + "/w";
    Status st = Witness::Init({wdir, "fuzz.example/witness"});
    if (!st.ok()) fuzz::Broken("Witness::Init", st.ToString());
    auto w = Witness::Open({wdir, nullptr});
    if (!w.ok()) fuzz::Broken("Witness::Open", w.status().ToString());
    fx->witness = std::move(*w);
    return fx;
  }();
  return *f;
}

void RemoveWitnessDir() {
  std::error_code ec;
  std::filesystem::remove_all(Get().dir, ec);
}

void CheckPolicy(std::string_view note, const tradefin::WitnessPolicy& policy) {
  using namespace tradefin;
  auto check = CheckWitnessPolicy(note, policy);
  if (!check.ok()) return;  // malformed note: documented error
  if (check->satisfied && !check->reason.empty()) fuzz::Broken("satisfied policy with a reason");
  for (const std::string& label : check->counted) {
    bool found = false;
    for (size_t i = 0; i < policy.witnesses.size(); ++i) {
      if (policy.witnesses[i].label != label) continue;
      for (const auto& c : check->cosignatures) {
        if (c.key_text == policy.witnesses[i].key && c.valid) found = true;
      }
    }
    if (!found) fuzz::Broken("policy counted a witness without a valid line", label);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  Fixtures& f = Get();
  if (size < 1) return 0;
  std::string_view in = fuzz::AsView(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto policy = ParseWitnessPolicy(in);
      if (policy.ok()) CheckPolicy(f.cosigned, *policy);
      break;
    }
    case 1: {
      auto checks = VerifyCosignatures(in, f.witness_keys);
      if (checks.ok() && checks->size() > f.witness_keys.size()) {
        fuzz::Broken("more cosignature checks than keys");
      }
      CheckPolicy(in, f.policy);
      break;
    }
    case 2: {
      auto parts = fuzz::Split(in);
      CosignRequest req;
      req.checkpoint = std::string(parts[0]);
      req.hub_key = f.hub_key;
      if (parts.size() > 1) req.consistency_proof = std::string(parts[1]);
      auto r = f.witness->Cosign(req);
      if (!r.ok()) fuzz::Broken("Cosign: Status for a checkpoint", r.status().ToString());
      (void)CosignOutcomeName(r->outcome);
      if (r->outcome == CosignOutcome::kCosigned && r->cosignature.empty()) {
        fuzz::Broken("cosigned without a cosignature line");
      }
      break;
    }
  }
  return 0;
}
