// Concurrency: one writer appending documents, parties and financing events
// while readers prove inclusion and consistency, read history, verify stored
// signatures and examine the credit from the store. Every read must succeed
// and every proof must verify against the checkpoint it was made for; the
// store audits clean afterwards. Run under ThreadSanitizer by
// `make test-tsan` (the "concurrency" decorator becomes the ctest label).
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/validate.h"
#include "tradefin/rules/examine.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/proof.h"
#include "tradefin/store/store.h"
#include "tradefin/workflow/financing.h"
#include "tradefin/workflow/presentation.h"
#include "tradefin/workflow/verify.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::SourceDir;
using testing::TempDir;

constexpr char kIssuingBank[] = "LDZBPLP0XXX";  // issues the credit, finances
constexpr char kCarrier[] = "91510000MA61CRW0XE";
constexpr char kShipper[] = "91510113MA6CT4K21P";
constexpr char kBroker[] = "91510100MA62XJ8N0J";
constexpr char kCredit[] = "DEL25LC0001234";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// A store holding the sample shipment, signed by its issuers.
struct SharedHub {
  Runtime runtime;
  TempDir tmp;
  std::unique_ptr<Store> store;
  std::unique_ptr<Validator> validator;
  std::map<std::string, std::unique_ptr<Signer>> signers;
  PinnedKeyTrustStore trust;  // every registered party's key
  uint64_t waybill = 0;

  SharedHub() {
    CreateStoreOptions c;
    c.dir = (tmp.path() / "s").string();
    c.origin = "example.org/tradefin/concurrency-test";
    auto st = Store::Create(c);
    REQUIRE_OK(st);
    store = std::move(*st);
    auto v = Validator::Create(ValidateOptions());
    REQUIRE_OK(v);
    validator = std::move(*v);
    Register(kIssuingBank, {PartyRole::kIssuingBank, PartyRole::kFinancingBank});
    Register(kCarrier, {PartyRole::kCarrier});
    Register(kShipper, {PartyRole::kShipper});
    Register(kBroker, {PartyRole::kCustomsBroker});
    Submit(Signed("letter-of-credit.xml", kIssuingBank), "letter-of-credit.xml");
    waybill = Submit(Signed("rail-waybill.xml", kCarrier), "rail-waybill.xml");
    Submit(Signed("commercial-invoice.xml", kShipper), "commercial-invoice.xml");
    Submit(Signed("customs-declaration.xml", kBroker), "customs-declaration.xml");
  }
  void Register(const std::string& id, const std::vector<PartyRole>& roles) {
    auto k = PrivateKey::Generate(KeyType::kEcdsaP256);
    REQUIRE_OK(k);
    REQUIRE_OK(store->AddParty(id, "Party " + id, roles, k->public_key().spki_der()));
    auto s = NewSoftwareSigner(*k);
    REQUIRE_OK(s);
    signers[id] = std::move(*s);
    trust.Add(id, k->public_key());
  }
  std::string Signed(const char* sample, const std::string& party,
                     const std::string& from = "", const std::string& to = "") {
    std::string xml = ReadFile(SourceDir() / "samples" / "shipment" / sample);
    if (!from.empty()) xml = Replace(xml, from, to);
    auto s = SignDocument(xml, *signers.at(party), SignOptions());
    REQUIRE_OK(s);
    return *s;
  }
  uint64_t Submit(const std::string& bytes, const std::string& name) {
    auto r = store->Submit({{name, bytes}}, {});
    REQUIRE_OK(r);
    REQUIRE_MESSAGE(r->accepted, r->outcomes[0].reason);
    return r->outcomes[0].entry.index;
  }
};

// The shipper asks the issuing bank to finance `waybill`.
FinancingAct RequestOn(uint64_t waybill) {
  FinancingAct a;
  a.kind = FinancingEventKind::kRequest;
  a.financed = waybill;
  a.actor = kShipper;
  a.amount = Money{"EUR", 100000000};
  a.bank = kIssuingBank;
  a.tenor_days = 90;
  return a;
}

// Collects the first failure of any thread (doctest's CHECK is not
// thread-safe, so threads report here and the test checks once joined).
class Failures {
 public:
  void Add(const std::string& what) {
    std::lock_guard<std::mutex> l(mu_);
    if (list_.size() < 20) list_.push_back(what);
  }
  std::vector<std::string> Take() {
    std::lock_guard<std::mutex> l(mu_);
    return list_;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> list_;
};

// The "concurrency" label comes from the decorator. No comma in these
// names: doctest_discover_tests looks up each test's suites with
// --test-case=<name>, and doctest splits that filter at commas, so a name
// with a comma silently loses its label (and its TSan run).
TEST_CASE("one writer against readers that prove and read history and verify and examine"
          * doctest::test_suite("concurrency")) {
  SharedHub hub;
  auto fin = Financing::Create(*hub.store, FinancingOptions());
  REQUIRE_OK(fin);

  // Signed before the threads start, so the writer only appends.
  constexpr int kCredits = 12;
  std::vector<std::string> credits, credit_docs;
  for (int i = 0; i < kCredits; ++i) {
    char num[8];
    std::snprintf(num, sizeof num, "%02d", i);
    credits.push_back(std::string("DEL25LC00077") + num);
    credit_docs.push_back(hub.Signed("letter-of-credit.xml", kIssuingBank, kCredit,
                                     credits.back()));
  }
  const std::string verifier = hub.store->HubVerifierKey();
  const std::string waybill_xml = *hub.store->GetDocument(hub.waybill);

  std::atomic<bool> writing{true};
  std::atomic<int> proofs{0}, verifications{0}, examinations{0}, histories{0};
  Failures failures;

  std::thread writer([&] {
    for (int i = 0; i < kCredits; ++i) {
      auto r = hub.store->Submit({{"lc" + credits[i] + ".xml", credit_docs[i]}}, {});
      if (!r.ok() || !r->accepted)
        failures.Add("submit " + credits[i] + ": " +
                     (r.ok() ? r->outcomes[0].reason : r.status().ToString()));
      if (i == kCredits / 3) {
        auto s = (*fin)->Act(RequestOn(hub.waybill), *hub.signers.at(kShipper));
        if (!s.ok() || !s->accepted)
          failures.Add("request: " + (s.ok() ? s->reason : s.status().ToString()));
      }
      if (i == 2 * kCredits / 3) {
        FinancingAct a;
        a.kind = FinancingEventKind::kApprove;
        a.financed = hub.waybill;
        a.actor = kIssuingBank;
        a.amount = Money{"EUR", 80000000};
        a.advance_rate_bp = 8000;
        auto s = (*fin)->Act(a, *hub.signers.at(kIssuingBank));
        if (!s.ok() || !s->accepted)
          failures.Add("approve: " + (s.ok() ? s->reason : s.status().ToString()));
      }
    }
    writing = false;
  });

  // Inclusion and consistency proofs against the checkpoint of the moment.
  std::thread prover([&] {
    uint64_t last_size = 0;
    std::string last_root;
    do {
      auto cp = hub.store->LatestCheckpoint();
      if (!cp.ok()) { failures.Add("checkpoint: " + cp.status().ToString()); return; }
      auto info = ParseCheckpoint(*cp, verifier);
      if (!info.ok() || !info->valid) { failures.Add("checkpoint does not verify"); return; }
      const uint64_t size = info->size;
      if (size < last_size) failures.Add("tree size went backwards");
      for (uint64_t i = size > 3 ? size - 3 : 0; i < size; ++i) {
        auto proof = hub.store->ProveInclusion(i, size);
        auto bytes = hub.store->GetEntryBytes(i);
        if (!proof.ok() || !bytes.ok()) {
          failures.Add("prove " + std::to_string(i) + ": " +
                       (proof.ok() ? bytes.status() : proof.status()).ToString());
          continue;
        }
        auto v = VerifyTlogProofForEntry(*proof, *bytes, verifier);
        if (!v.ok() || !v->valid)
          failures.Add("inclusion proof of " + std::to_string(i) + " at " +
                       std::to_string(size) + " does not verify");
        ++proofs;
      }
      if (last_size > 0 && size > last_size) {
        auto c = hub.store->ProveConsistency(last_size, size);
        if (!c.ok()) {
          failures.Add("consistency: " + c.status().ToString());
        } else {
          std::vector<std::string> path;
          for (const auto& h : c->hashes) path.push_back(HashHex(h));
          if (HashHex(c->root_from) != last_root ||
              !VerifyConsistencyHex(last_size, size, last_root, info->root_hex, path))
            failures.Add("consistency " + std::to_string(last_size) + " -> " +
                         std::to_string(size) + " does not verify");
        }
      }
      last_size = size;
      last_root = info->root_hex;
    } while (writing);
  });

  // History of the credits the writer adds: once seen, never unseen.
  std::thread historian([&] {
    std::vector<size_t> seen(kCredits, 0);
    do {
      for (int i = 0; i < kCredits; ++i) {
        auto h = hub.store->History("credit:" + credits[i]);
        if (!h.ok()) { failures.Add("history: " + h.status().ToString()); return; }
        if (h->size() < seen[i]) failures.Add("history of " + credits[i] + " shrank");
        seen[i] = h->size();
        ++histories;
      }
    } while (writing);
  });

  // Signature + document verification of a stored waybill, and examination
  // of the credit from the store with its financing facts.
  std::thread examiner([&] {
    do {
      auto v = VerifySignedDocument(waybill_xml, "rail-waybill.xml", SignedDocumentOptions(),
                                    hub.trust, hub.validator.get());
      if (!v.ok() || !v->valid()) failures.Add("stored waybill does not verify");
      ++verifications;
      auto p = AssemblePresentation(*hub.store, *hub.validator, kCredit);
      if (!p.ok()) { failures.Add("assemble: " + p.status().ToString()); return; }
      auto facts = FinancingFacts(**fin, p->presentation);
      if (!facts.ok()) { failures.Add("facts: " + facts.status().ToString()); return; }
      p->presentation.encumbrances = *facts;
      ExamineOptions eo;
      eo.presentation_date = Date{2025, 5, 28};
      auto report = Examine(p->credit, p->presentation, eo);
      if (!report.ok()) failures.Add("examine: " + report.status().ToString());
      ++examinations;
    } while (writing);
  });

  writer.join();
  prover.join();
  historian.join();
  examiner.join();
  for (const std::string& f : failures.Take()) FAIL_CHECK(f);
  MESSAGE("proofs " << proofs.load() << ", histories " << histories.load()
                    << ", verifications " << verifications.load() << ", examinations "
                    << examinations.load());
  CHECK(proofs.load() > 0);
  CHECK(verifications.load() > 0);
  CHECK(examinations.load() > 0);
  for (const std::string& c : credits) {
    auto h = hub.store->History("credit:" + c);
    REQUIRE_OK(h);
    CHECK(h->size() == 1);
  }
  auto status = (*fin)->Status(hub.waybill);
  REQUIRE_OK(status);
  CHECK(status->state == FinancingState::kPledged);
  auto audit = hub.store->Audit(AuditOptions());
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
}

TEST_CASE("two writers race on one financing chain: one wins and the other is refused"
          * doctest::test_suite("concurrency")) {
  SharedHub hub;
  auto fin = Financing::Create(*hub.store, FinancingOptions());
  REQUIRE_OK(fin);
  // Two requests drafted against the same chain head, submitted at once.
  const FinancingAct a = RequestOn(hub.waybill);
  std::vector<std::string> signed_events;
  for (int i = 0; i < 2; ++i) {
    auto draft = (*fin)->Draft(a);
    REQUIRE_OK(draft);
    auto s = SignDocument(*draft, *hub.signers.at(kShipper), SignOptions());
    REQUIRE_OK(s);
    signed_events.push_back(*s);
  }
  std::vector<Result<StepReport>> results(2, Status(StatusCode::kInternal, "not run"));
  std::thread t0([&] { results[0] = (*fin)->Submit(signed_events[0]); });
  std::thread t1([&] { results[1] = (*fin)->Submit(signed_events[1]); });
  t0.join();
  t1.join();
  REQUIRE_OK(results[0]);
  REQUIRE_OK(results[1]);
  CHECK(results[0]->accepted != results[1]->accepted);
  const StepReport& loser = results[0]->accepted ? *results[1] : *results[0];
  // Refused by the store (STALE-CHAIN: it raced the winner to the write
  // lock) or, when the winner had already landed, by the state machine (a
  // second request while one is open).
  CHECK_MESSAGE((loser.code == "STALE-CHAIN" || loser.code == "OUT-OF-STATE"), loser.code);
  auto status = (*fin)->Status(hub.waybill);
  REQUIRE_OK(status);
  CHECK(status->events.size() == 1);
  auto audit = hub.store->Audit(AuditOptions());
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
}

}  // namespace
}  // namespace tradefin
