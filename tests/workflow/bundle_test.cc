// Guarantor bundles (docs/formats/bundle.md): export from a store with the
// sample shipment, verify offline, and reject every changed byte.
#include "tradefin/workflow/bundle.h"
#include "tradefin/workflow/financing.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>

#include "testing/testing.h"
#include "tradefin/core/clock.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/entry.h"
#include "tradefin/store/store.h"
#include "tradefin/store/witness.h"

namespace tradefin {
namespace {

using json = nlohmann::json;
using testing::ReadFile;
using testing::SourceDir;
using testing::TempDir;

struct Shipment {
  Runtime runtime;
  TempDir tmp;
  FixedClock clock{1764600000000};
  std::unique_ptr<Store> store;
  std::map<std::string, PrivateKey> keys;
  std::map<std::string, uint64_t> index;  // document type -> entry
  std::unique_ptr<Witness> w1, w2;
  std::string policy;

  Shipment() {
    CreateStoreOptions c;
    c.dir = (tmp.path() / "store").string();
    c.origin = "example.org/tradefin/bundle-test";
    c.clock = &clock;
    auto s = Store::Create(c);
    REQUIRE_OK(s);
    store = std::move(*s);
    Party("LDZBPLP0XXX", PartyRole::kIssuingBank, "issuing-bank");
    Party("91510000MA61CRW0XE", PartyRole::kCarrier, "carrier");
    Party("91510113MA6CT4K21P", PartyRole::kShipper, "shipper");
    Party("91510100MA62XJ8N0J", PartyRole::kCustomsBroker, "customs-broker");
    std::vector<SubmitItem> items{Signed("letter-of-credit.xml", "issuing-bank"),
                                  Signed("rail-waybill.xml", "carrier"),
                                  Signed("customs-declaration.xml", "customs-broker"),
                                  Signed("commercial-invoice.xml", "shipper")};
    auto r = store->Submit(items, {});
    REQUIRE_OK(r);
    REQUIRE_MESSAGE(r->accepted, r->outcomes[0].reason);
    for (const auto& o : r->outcomes) index[o.document_type] = o.entry.index;
    // Two witnesses cosign the latest checkpoint; the store keeps it.
    std::string cp = *store->LatestCheckpoint();
    std::vector<std::string> vkeys;
    std::string cosigned = cp;
    for (auto [w, name] : {std::pair{&w1, "port.example/w"}, std::pair{&w2, "bank.example/w"}}) {
      std::string dir = (tmp.path() / name).string();
      REQUIRE_STATUS_OK(Witness::Init({dir, name}));
      auto opened = Witness::Open({dir, &clock});
      REQUIRE_OK(opened);
      *w = std::move(*opened);
      auto res = (*w)->Cosign({cp, store->HubVerifierKey(), ""});
      REQUIRE_OK(res);
      REQUIRE(res->outcome == CosignOutcome::kCosigned);
      cosigned += res->cosignature;
      vkeys.push_back((*w)->verifier_key());
    }
    REQUIRE_OK(store->AddCosignatures(cosigned, vkeys));
    policy = "log " + store->HubVerifierKey() + "\nwitness port " + vkeys[0] +
             "\nwitness bank " + vkeys[1] + "\ngroup both all port bank\nquorum both\n";
  }
  void Party(const std::string& id, PartyRole role, const std::string& name) {
    auto k = PrivateKey::Generate(KeyType::kEd25519);
    REQUIRE_OK(k);
    keys.emplace(name, *k);
    REQUIRE_OK(store->AddParty(id, "Party " + id, {role}, k->public_key().spki_der()));
  }
  SubmitItem Signed(const std::string& sample, const std::string& role) {
    std::string xml = ReadFile(SourceDir() / "samples" / "shipment" / sample);
    auto signer = NewSoftwareSigner(keys.at(role));
    REQUIRE_OK(signer);
    auto s = SignDocument(xml, **signer, SignOptions());
    REQUIRE_OK(s);
    return {sample, *s};
  }
  BundleVerifyOptions Opts(bool with_policy = true) const {
    BundleVerifyOptions o;
    o.hub_key = store->HubVerifierKey();
    if (with_policy) o.policy = policy;
    return o;
  }
};

std::string Flip(std::string s, size_t at) {
  s[at] = static_cast<char>(s[at] ^ 0x01);
  return s;
}

// Re-encodes the bundle after `edit` changed one decoded binary field.
std::string Edit(const std::string& bundle, const std::function<void(json&)>& edit) {
  json j = json::parse(bundle);
  edit(j);
  return j.dump() + "\n";
}

std::string FlipB64(const std::string& b64, size_t at) {
  std::string raw = *Base64Decode(b64);
  raw[at % raw.size()] = static_cast<char>(raw[at % raw.size()] ^ 0x01);
  return Base64Encode(raw);
}

TEST_CASE("bundle: export of the financed waybill verifies offline and reads as a story") {
  Shipment s;
  uint64_t wb = s.index.at("rail-waybill");
  auto b = ExportBundle(*s.store, wb, {});
  REQUIRE_OK(b);
  CHECK(b->documents == 4);
  CHECK(b->party_entries == 4);
  CHECK(b->cosignatures == 2);
  CHECK(b->checkpoint_size == s.store->size());

  auto v = VerifyBundle(b->bytes, s.Opts());
  REQUIRE_OK(v);
  CHECK_MESSAGE(v->valid, v->reason);
  CHECK(v->subject == wb);
  CHECK(v->documents.size() == 4);
  CHECK(v->quorum_witnesses == std::vector<std::string>{"bank", "port"});
  CHECK_FALSE(v->goods.consignment.empty());
  CHECK_FALSE(v->goods.invoice_total.empty());
  CHECK_FALSE(v->goods.declared_value.empty());
  for (const auto& d : v->documents) {
    CHECK_FALSE(d.issuer_name.empty());
    if (d.type == "rail-waybill") CHECK(d.issuer_id == "91510000MA61CRW0XE");
  }
  CHECK(v->financing.note == "no financing events in the bundle");
  // Without a policy the cosignatures are carried but not counted.
  auto nopol = VerifyBundle(b->bytes, s.Opts(false));
  REQUIRE_OK(nopol);
  CHECK(nopol->valid);
  CHECK(nopol->unverified_cosignature_lines == 2);
}

TEST_CASE("bundle: every class of changed byte is rejected with the reason") {
  Shipment s;
  auto b = ExportBundle(*s.store, s.index.at("commercial-invoice"), {});
  REQUIRE_OK(b);
  const std::string& bundle = b->bytes;
  auto verdict = [&s](const std::string& text) {
    auto v = VerifyBundle(text, s.Opts());
    REQUIRE_OK(v);
    return *v;
  };
  REQUIRE(verdict(bundle).valid);
  json j = json::parse(bundle);
  // doc_pos: the first document (not the subject, whose leaf hash the
  // bundle also carries); party_pos: a registration.
  size_t doc_pos = 0, party_pos = 0;
  bool have_doc = false;
  for (size_t i = 0; i < j["entries"].size(); ++i) {
    auto e = DecodeEntry(*Base64Decode(j["entries"][i]["entry"].get<std::string>()));
    REQUIRE_OK(e);
    if (e->type == EntryType::kDocument && !have_doc) {
      doc_pos = i;
      have_doc = true;
    }
    if (e->type == EntryType::kPartyRegistration) party_pos = i;
  }

  SUBCASE("entry bytes") {
    auto v = verdict(Edit(bundle, [&](json& x) {
      x["entries"][doc_pos]["entry"] = FlipB64(x["entries"][doc_pos]["entry"], 40);
    }));
    CHECK(v.failure == BundleFailure::kInclusion);
    CHECK(v.bad_entry.has_value());
  }
  SUBCASE("document bytes") {
    auto v = verdict(Edit(bundle, [&](json& x) {
      x["entries"][doc_pos]["blob"] = FlipB64(x["entries"][doc_pos]["blob"], 300);
    }));
    CHECK(v.failure == BundleFailure::kDocumentHash);
  }
  SUBCASE("inclusion proof") {
    auto v = verdict(Edit(bundle, [&](json& x) {
      x["entries"][doc_pos]["inclusion"][0] = FlipB64(x["entries"][doc_pos]["inclusion"][0], 5);
    }));
    CHECK(v.failure == BundleFailure::kInclusion);
  }
  SUBCASE("checkpoint root") {
    auto v = verdict(Edit(bundle, [&](json& x) {
      std::string cp = x["checkpoint"];
      size_t root = cp.find('\n', cp.find('\n') + 1) + 3;
      cp[root] = cp[root] == 'A' ? 'B' : 'A';
      x["checkpoint"] = cp;
    }));
    CHECK(v.failure == BundleFailure::kCheckpoint);
  }
  SUBCASE("cosignature") {
    auto v = verdict(Edit(bundle, [&](json& x) {
      std::string cp = x["checkpoint"];
      size_t last = cp.rfind(' ') + 1;
      std::string line = cp.substr(last, cp.size() - last - 1);
      cp = cp.substr(0, last) + FlipB64(line, 20) + "\n";
      x["checkpoint"] = cp;
    }));
    CHECK(v.failure == BundleFailure::kWitnessQuorum);
  }
  SUBCASE("registration entry") {
    auto v = verdict(Edit(bundle, [&](json& x) {
      x["entries"][party_pos]["entry"] = FlipB64(x["entries"][party_pos]["entry"], 60);
    }));
    CHECK(v.failure == BundleFailure::kInclusion);
    // Dropping a signer's registration leaves links or the signer unproven.
    auto dropped = verdict(Edit(bundle, [&](json& x) { x["entries"].erase(party_pos); }));
    CHECK_FALSE(dropped.valid);
  }
  SUBCASE("subject") {
    uint64_t other = s.index.at("rail-waybill");
    auto v = verdict(Edit(bundle, [&](json& x) { x["subject"] = other; }));
    CHECK(v.failure == BundleFailure::kMalformed);
    CHECK(v.reason.find("subject_leaf_hash") != std::string::npos);
  }
  SUBCASE("every 7th byte of the file, flipped") {
    size_t rejected = 0, tried = 0;
    for (size_t at = 0; at + 1 < bundle.size(); at += 7) {
      ++tried;
      auto v = VerifyBundle(Flip(bundle, at), s.Opts());
      REQUIRE_OK(v);
      if (!v->valid) {
        ++rejected;
        CHECK(!v->reason.empty());
      } else {
        FAIL_CHECK("flipping byte " << at << " ('" << bundle[at] << "') was not noticed");
      }
    }
    CHECK(rejected == tried);
  }
  SUBCASE("hub key of another log") {
    TempDir t;
    CreateStoreOptions c;
    c.dir = (t.path() / "s").string();
    c.origin = "example.org/tradefin/bundle-test";
    auto other = Store::Create(c);
    REQUIRE_OK(other);
    BundleVerifyOptions o;
    o.hub_key = (*other)->HubVerifierKey();
    auto v = VerifyBundle(bundle, o);
    REQUIRE_OK(v);
    CHECK(v->failure == BundleFailure::kCheckpoint);
    o.hub_key = "not a key";
    CHECK(!VerifyBundle(bundle, o).ok());
  }
}

TEST_CASE("bundle: export refuses a non-document subject and a checkpoint too small") {
  Shipment s;
  CHECK(ExportBundle(*s.store, 0, {}).status().code() == StatusCode::kInvalidArgument);
  BundleExportOptions o;
  o.checkpoint_size = 2;
  CHECK(ExportBundle(*s.store, s.index.at("rail-waybill"), o).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(ExportBundle(*s.store, 999, {}).status().code() == StatusCode::kNotFound);
}

TEST_CASE("bundle: financing events are carried and replayed; a changed event byte is refused") {
  Shipment s;
  s.Party("DEUTDEFFXXX", PartyRole::kFinancingBank, "financing-bank");
  uint64_t wb = s.index.at("rail-waybill");
  auto fin = Financing::Create(*s.store, {&s.clock});
  REQUIRE_OK(fin);
  auto act = [&](FinancingAct a, const std::string& role) {
    auto signer = NewSoftwareSigner(s.keys.at(role));
    REQUIRE_OK(signer);
    auto r = (*fin)->Act(a, **signer);
    REQUIRE_OK(r);
    REQUIRE_MESSAGE(r->accepted, r->code << ": " << r->reason);
  };
  FinancingAct req;
  req.kind = FinancingEventKind::kRequest;
  req.financed = wb;
  req.actor = "91510113MA6CT4K21P";
  req.amount = *Money::Parse("EUR", "500000.00");
  req.bank = "DEUTDEFFXXX";
  req.tenor_days = 90;
  act(req, "shipper");
  FinancingAct approve;
  approve.kind = FinancingEventKind::kApprove;
  approve.financed = wb;
  approve.actor = "DEUTDEFFXXX";
  approve.amount = *Money::Parse("EUR", "400000.00");
  approve.advance_rate_bp = 8000;
  act(approve, "financing-bank");

  auto b = ExportBundle(*s.store, wb, {});
  REQUIRE_OK(b);
  CHECK(b->events >= 2);
  auto v = VerifyBundle(b->bytes, s.Opts(false));
  REQUIRE_OK(v);
  REQUIRE_MESSAGE(v->valid, v->reason);
  CHECK(v->financing.replayed);
  CHECK(v->financing.state == "pledged");
  CHECK(v->financing.controller == "DEUTDEFFXXX");
  CHECK(v->financing.lines.size() == 2);
  // The independent verifier reads the version-2 entries and events too.
  testing::WriteFile(s.tmp.path() / "fin.bundle", b->bytes);
  testing::WriteFile(s.tmp.path() / "hub.vkey", s.store->HubVerifierKey() + "\n");
  auto py = testing::RunProgram({"python3", (SourceDir() / "scripts" / "verify-bundle.py").string(),
                                 (s.tmp.path() / "fin.bundle").string(), "--hub-key",
                                 (s.tmp.path() / "hub.vkey").string()});
  CHECK_MESSAGE(py.exit_code == 0, py.out << py.err);

  json j = json::parse(b->bytes);
  size_t ev = 0;
  for (size_t i = 0; i < j["entries"].size(); ++i) {
    auto e = DecodeEntry(*Base64Decode(j["entries"][i]["entry"].get<std::string>()));
    REQUIRE_OK(e);
    if (e->type == EntryType::kFinancingEvent) ev = i;
  }
  REQUIRE(ev != 0);
  auto bad = VerifyBundle(Edit(b->bytes, [&](json& x) {
                            x["entries"][ev]["blob"] = FlipB64(x["entries"][ev]["blob"], 200);
                          }),
                          s.Opts(false));
  REQUIRE_OK(bad);
  CHECK(bad->failure == BundleFailure::kDocumentHash);
}

}  // namespace
}  // namespace tradefin
