// Witness side of c2sp.org/tlog-witness (docs/formats/witness.md): state per
// origin, cosigning rules, fork evidence, cosignature verification, policy
// quorum, and cosignatures kept by the store.
#include "tradefin/store/witness.h"

#include <sys/stat.h>

#include <filesystem>

#include "testing/testing.h"
#include "tradefin/core/clock.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/store/proof.h"
#include "tradefin/store/store.h"

namespace tradefin {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

constexpr const char* kOrigin = "example.org/tradefin/witness-test";
const char* const kIds[] = {"LDZBPLP0XXX", "91510000MA61CRW0XE", "2594007XQ2TF8A1CB037",
                            "DEUTDEFFXXX", "BNPAFRPPXXX", "CHASUS33XXX"};

std::unique_ptr<Store> OpenStore(const fs::path& dir, const Clock* clock) {
  auto s = Store::Open({dir.string(), clock});
  REQUIRE_OK(s);
  return std::move(*s);
}

// Appends one party registration (one entry) to `store`.
void Grow(Store& store, int which) {
  auto k = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(k);
  auto r = store.AddParty(kIds[which], "Party", {PartyRole::kCarrier}, k->public_key().spki_der());
  REQUIRE_OK(r);
}

struct Fixture {
  Runtime runtime;
  TempDir tmp;
  FixedClock clock{1764600000000};
  fs::path store_dir = tmp.path() / "store";
  fs::path wdir = tmp.path() / "witness";
  std::unique_ptr<Store> store;
  std::unique_ptr<Witness> witness;

  Fixture() {
    CreateStoreOptions c;
    c.dir = store_dir.string();
    c.origin = kOrigin;
    c.clock = &clock;
    auto s = Store::Create(c);
    REQUIRE_OK(s);
    store = std::move(*s);
    REQUIRE_STATUS_OK(Witness::Init({wdir.string(), "bank-a.example/witness"}));
    auto w = Witness::Open({wdir.string(), &clock});
    REQUIRE_OK(w);
    witness = std::move(*w);
  }
  CosignRequest Req(const std::string& proof = "") {
    CosignRequest r;
    r.checkpoint = *store->LatestCheckpoint();
    r.hub_key = store->HubVerifierKey();
    r.consistency_proof = proof;
    return r;
  }
};

TEST_CASE("witness: init writes a 0600 key and a type-0x04 verifier key; one process at a time") {
  Fixture f;
  struct stat st{};
  REQUIRE(::stat((f.wdir / "witness.key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto k = ParseWitnessKey(f.witness->verifier_key());
  REQUIRE_OK(k);
  CHECK(k->name == "bank-a.example/witness");
  CHECK(ReadFile(f.wdir / "witness.vkey") == f.witness->verifier_key() + "\n");
  CHECK(Witness::Init({f.wdir.string(), "x"}).code() == StatusCode::kAlreadyExists);
  auto second = Witness::Open({f.wdir.string(), nullptr});
  CHECK(second.status().code() == StatusCode::kFailedPrecondition);
  // A hub (type 0x01) key is not a witness key.
  CHECK(!ParseWitnessKey(f.store->HubVerifierKey()).ok());
}

TEST_CASE("witness: cosigns the first checkpoint, then only consistent successors") {
  Fixture f;
  Grow(*f.store, 0);
  auto first = f.witness->Cosign(f.Req());
  REQUIRE_OK(first);
  CHECK(first->outcome == CosignOutcome::kCosigned);
  CHECK_FALSE(first->had_state);
  CHECK(first->time == 1764600000);
  // The cosigned checkpoint still verifies under the hub key, and the line
  // verifies under the witness key.
  auto cp = ParseCheckpoint(first->cosigned_checkpoint, f.store->HubVerifierKey());
  REQUIRE_OK(cp);
  CHECK(cp->valid);
  auto checks = VerifyCosignatures(first->cosigned_checkpoint, {f.witness->verifier_key()});
  REQUIRE_OK(checks);
  REQUIRE(checks->size() == 1);
  CHECK((*checks)[0].valid);
  CHECK((*checks)[0].time == 1764600000);

  Grow(*f.store, 1);
  Grow(*f.store, 2);
  // Size 3 without a proof from 1: refused, state unchanged.
  auto noproof = f.witness->Cosign(f.Req());
  REQUIRE_OK(noproof);
  CHECK(noproof->outcome == CosignOutcome::kRefused);
  CHECK(noproof->reason.find("consistency proof from size 1") != std::string::npos);
  // A proof from the wrong size: refused.
  auto wrong = f.witness->Cosign(f.Req(f.store->ProveConsistency(2, 3)->text));
  REQUIRE_OK(wrong);
  CHECK(wrong->outcome == CosignOutcome::kRefused);
  // The right proof: cosigned, and the witness moves to size 3.
  f.clock.Set(1764600060000);
  auto ok = f.witness->Cosign(f.Req(f.store->ProveConsistency(1, 3)->text));
  REQUIRE_OK(ok);
  CHECK_MESSAGE(ok->outcome == CosignOutcome::kCosigned, ok->reason);
  CHECK(ok->old_size == 1);
  CHECK(ok->new_size == 3);
  // Same checkpoint again: cosigned again with a fresh time.
  f.clock.Set(1764600120000);
  auto again = f.witness->Cosign(f.Req());
  REQUIRE_OK(again);
  CHECK(again->outcome == CosignOutcome::kCosigned);
  CHECK(again->time == 1764600120);
  // An older checkpoint: refused (the tlog-witness 409 case).
  CosignRequest old = f.Req();
  old.checkpoint = *f.store->CheckpointAt(1);
  auto older = f.witness->Cosign(old);
  REQUIRE_OK(older);
  CHECK(older->outcome == CosignOutcome::kRefused);
  CHECK(older->reason.find("older than the last cosigned size 3") != std::string::npos);
  // A checkpoint with a broken hub signature: refused.
  CosignRequest bad = f.Req();
  bad.checkpoint[bad.checkpoint.size() - 5] ^= 1;
  auto badsig = f.witness->Cosign(bad);
  REQUIRE_OK(badsig);
  CHECK(badsig->outcome == CosignOutcome::kRefused);
  // A malformed hub key is an error, not a verdict.
  CosignRequest badkey = f.Req();
  badkey.hub_key = "nonsense";
  CHECK(!f.witness->Cosign(badkey).ok());
}

TEST_CASE("witness: a split view is refused as a fork, with both checkpoints as evidence") {
  Fixture f;
  Grow(*f.store, 0);
  // Fork the hub: copy the store (same origin, same hub key) after size 1.
  f.store.reset();
  fs::path twin = f.tmp.path() / "twin";
  fs::copy(f.store_dir, twin, fs::copy_options::recursive);
  f.store = OpenStore(f.store_dir, &f.clock);
  auto other = OpenStore(twin, &f.clock);
  Grow(*f.store, 1);
  Grow(*other, 2);  // same size 2, another root
  REQUIRE(f.store->size() == other->size());

  auto a = f.witness->Cosign(f.Req(f.store->ProveConsistency(1, 2)->text));
  REQUIRE_OK(a);
  REQUIRE(a->outcome == CosignOutcome::kCosigned);

  CosignRequest b;
  b.checkpoint = *other->LatestCheckpoint();
  b.hub_key = other->HubVerifierKey();
  REQUIRE(b.hub_key == f.store->HubVerifierKey());
  auto fork = f.witness->Cosign(b);
  REQUIRE_OK(fork);
  CHECK(fork->outcome == CosignOutcome::kFork);
  CHECK(fork->evidence_kind == "same-size-different-root");
  REQUIRE(fs::exists(fork->evidence_path));
  std::string ev = ReadFile(fork->evidence_path);
  CHECK(ev.rfind("tradefin-fork-evidence/v1\n", 0) == 0);
  CHECK(ev.find(*f.store->LatestCheckpoint()) != std::string::npos);
  CHECK(ev.find(b.checkpoint) != std::string::npos);

  // The twin grows; its proof from 2 to 3 cannot match the root the witness
  // cosigned at 2: an inconsistent-proof fork, and the state stays at 2.
  Grow(*other, 3);
  CosignRequest c;
  c.checkpoint = *other->LatestCheckpoint();
  c.hub_key = other->HubVerifierKey();
  c.consistency_proof = other->ProveConsistency(2, 3)->text;
  auto fork2 = f.witness->Cosign(c);
  REQUIRE_OK(fork2);
  CHECK(fork2->outcome == CosignOutcome::kFork);
  CHECK(fork2->evidence_kind == "inconsistent-proof");
  // The honest history still advances.
  Grow(*f.store, 4);
  auto honest = f.witness->Cosign(f.Req(f.store->ProveConsistency(2, 3)->text));
  REQUIRE_OK(honest);
  CHECK_MESSAGE(honest->outcome == CosignOutcome::kCosigned, honest->reason);
}

TEST_CASE("witness: a hub key is pinned per origin on first use") {
  Fixture f;
  Grow(*f.store, 0);
  REQUIRE(f.witness->Cosign(f.Req())->outcome == CosignOutcome::kCosigned);
  // Another store with the same origin but another hub key.
  TempDir t2;
  CreateStoreOptions c;
  c.dir = (t2.path() / "s").string();
  c.origin = kOrigin;
  c.clock = &f.clock;
  auto s2 = Store::Create(c);
  REQUIRE_OK(s2);
  CosignRequest r;
  r.checkpoint = *(*s2)->LatestCheckpoint();
  r.hub_key = (*s2)->HubVerifierKey();
  auto res = f.witness->Cosign(r);
  REQUIRE_OK(res);
  CHECK(res->outcome == CosignOutcome::kRefused);
  CHECK(res->reason.find("pinned") != std::string::npos);
}

TEST_CASE("witness policy: grammar, quorum of groups, a failing listed cosignature") {
  Runtime runtime;
  auto k1 = PrivateKey::Generate(KeyType::kEd25519);
  auto k2 = PrivateKey::Generate(KeyType::kEd25519);
  auto k3 = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(k1);
  REQUIRE_OK(k2);
  REQUIRE_OK(k3);
  std::string v1 = *FormatWitnessKey("port.example/w", k1->public_key());
  std::string v2 = *FormatWitnessKey("bank-a.example/w", k2->public_key());
  std::string v3 = *FormatWitnessKey("bank-b.example/w", k3->public_key());
  std::string policy_text = "# consortium\nwitness port " + v1 + "\nwitness a " + v2 +
                            "\nwitness b " + v3 +
                            "\ngroup banks any a b\ngroup all-of-it all port banks\n"
                            "quorum all-of-it\n";
  auto policy = ParseWitnessPolicy(policy_text);
  REQUIRE_OK(policy);
  CHECK(policy->groups.size() == 2);

  // A checkpoint signed by some hub key.
  auto hub = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(hub);
  std::string text = "example.org/h\n5\n" + Base64Encode(std::string(32, 'x')) + "\n";
  std::string note = text + "\n— example.org/h " + Base64Encode("abcd" + *hub->Sign(text)) + "\n";
  std::string c_port = *MakeCosignature(text, "port.example/w", *k1, 100);
  std::string c_a = *MakeCosignature(text, "bank-a.example/w", *k2, 101);

  auto none = CheckWitnessPolicy(note, *policy);
  REQUIRE_OK(none);
  CHECK_FALSE(none->satisfied);
  auto only_port = CheckWitnessPolicy(note + c_port, *policy);
  REQUIRE_OK(only_port);
  CHECK_FALSE(only_port->satisfied);
  auto both = CheckWitnessPolicy(note + c_port + c_a, *policy);
  REQUIRE_OK(both);
  CHECK_MESSAGE(both->satisfied, both->reason);
  CHECK(both->counted == std::vector<std::string>{"a", "port"});
  // A cosignature over another checkpoint text does not verify and fails
  // the check even though the quorum would otherwise be met.
  std::string other_text = "example.org/h\n6\n" + Base64Encode(std::string(32, 'y')) + "\n";
  std::string c_b_wrong = *MakeCosignature(other_text, "bank-b.example/w", *k3, 102);
  auto failing = CheckWitnessPolicy(note + c_port + c_a + c_b_wrong, *policy);
  REQUIRE_OK(failing);
  CHECK_FALSE(failing->satisfied);
  CHECK(failing->reason.find("does not verify") != std::string::npos);

  CHECK(ParseWitnessPolicy("quorum none\n")->quorum.empty());
  CHECK(!ParseWitnessPolicy("witness a " + v1 + "\n").ok());  // no quorum
  CHECK(!ParseWitnessPolicy("group g 1 nobody\nquorum g\n").ok());
  CHECK(!ParseWitnessPolicy("witness a " + v1 + "\ngroup g 2 a\nquorum g\n").ok());
  CHECK(!ParseWitnessPolicy("witness a " + v1 + "\nwitness a " + v2 + "\nquorum a\n").ok());
  CHECK(!ParseWitnessPolicy("frobnicate\nquorum none\n").ok());
}

TEST_CASE("store: keeps verified cosignatures per checkpoint, refuses anything else") {
  Fixture f;
  Grow(*f.store, 0);
  auto r = f.witness->Cosign(f.Req());
  REQUIRE_OK(r);
  REQUIRE(f.store->CosignedSizes()->empty());

  // Unknown witness key: refused, nothing written.
  auto other = PrivateKey::Generate(KeyType::kEd25519);
  std::string other_vkey = *FormatWitnessKey("other.example/w", other->public_key());
  CHECK(!f.store->AddCosignatures(r->cosigned_checkpoint, {other_vkey}).ok());
  CHECK(f.store->CosignedSizes()->empty());
  // A changed cosignature byte: refused.
  std::string tampered = r->cosigned_checkpoint;
  tampered[tampered.size() - 6] ^= 1;
  CHECK(!f.store->AddCosignatures(tampered, {f.witness->verifier_key()}).ok());
  CHECK(f.store->CosignedSizes()->empty());

  auto n = f.store->AddCosignatures(r->cosigned_checkpoint, {f.witness->verifier_key()});
  REQUIRE_OK(n);
  CHECK(*n == 1);
  CHECK(*f.store->CosignedSizes() == std::vector<uint64_t>{1});
  auto cosigned = f.store->CosignedCheckpointAt(1);
  REQUIRE_OK(cosigned);
  CHECK(*cosigned == r->cosigned_checkpoint);
  // The plain checkpoint is unchanged.
  CHECK(*f.store->CheckpointAt(1) + r->cosignature == *cosigned);
  // Another size's checkpoint text with this line: refused.
  Grow(*f.store, 1);
  std::string wrong = *f.store->CheckpointAt(2) + r->cosignature;
  CHECK(!f.store->AddCosignatures(wrong, {f.witness->verifier_key()}).ok());
}

}  // namespace
}  // namespace tradefin
