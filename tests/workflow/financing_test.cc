// Financing: the event model and its XML, the pure state machine over
// code-built events, and the store-backed service (full cycle, double
// financing, wrong party/role/signer with nothing written, stale chains,
// value cap, transfer of control, audit, offline replay, xmlsec1 interop).
#include <leveldb/db.h>
#include <leveldb/iterator.h>

#include <atomic>
#include <map>

#include "store/store_impl.h"
#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/financing_event.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/workflow/financing.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::RunProgram;
using testing::SourceDir;
using testing::TempDir;
using K = FinancingEventKind;
using S = FinancingState;

constexpr char kCarrier[] = "91510000MA61CRW0XE";
constexpr char kShipper[] = "91510113MA6CT4K21P";  // sample exporter (invoice seller)
constexpr char kBank[] = "LDZBPLP0XXX";            // financing bank
constexpr char kBank2[] = "SCFBCNC0XXX";           // a second bank
constexpr char kGuarantor[] = "GUARDEFFXXX";
constexpr char kBroker[] = "91510100MA62XJ8N0J";

Money Eur(int64_t minor) { return Money{"EUR", minor}; }

FinancingEvent Ev(K kind, const std::string& actor) {
  FinancingEvent e;
  e.kind = kind;
  e.financed_entry = 5;
  e.financed_leaf_hash = std::string(64, 'a');
  e.financed_key = "rail-waybill:X";
  e.actor = actor;
  e.time_ms = 1764662400000;
  return e;
}

TEST_CASE("event XML: written, validated and read back; schema refusals") {
  Runtime runtime;
  auto reader = FinancingEventReader::Create();
  REQUIRE_OK(reader);
  FinancingEvent e = Ev(K::kRequest, kShipper);
  e.follows_entry = 7;
  e.follows_leaf_hash = std::string(64, 'b');
  e.amount = Eur(100000000);
  e.bank = kBank;
  e.tenor_days = 90;
  std::string xml = FinancingEventXml(e);
  CHECK(xml.find("<fe:Amount currency=\"EUR\">100000000</fe:Amount>") != std::string::npos);
  CHECK(xml.find("<fe:Time>2025-12-02T08:00:00Z</fe:Time>") != std::string::npos);
  auto back = (*reader)->Parse(xml);
  REQUIRE_OK(back);
  CHECK(back->kind == K::kRequest);
  CHECK(back->financed_entry == 5);
  CHECK(back->follows_entry == std::optional<uint64_t>(7));
  CHECK(back->amount == std::optional<Money>(Eur(100000000)));
  CHECK(back->bank == kBank);
  CHECK(back->tenor_days == 90);
  CHECK(back->time_ms == e.time_ms);

  for (K k : AllFinancingEventKinds()) {
    FinancingEvent x = Ev(k, kBank);
    x.amount = Eur(1);
    x.bank = kBank2;
    x.tenor_days = 1;
    x.advance_rate_bp = 8000;
    x.guarantor = kGuarantor;
    x.covered_share_bp = 5000;
    x.to = kBank2;
    auto r = (*reader)->Parse(FinancingEventXml(x));
    CHECK_MESSAGE(r.ok(), FinancingEventKindName(k), " ", r.status().ToString());
    if (r.ok()) CHECK(r->kind == k);
  }

  auto bad = [&](std::string from, std::string to) {
    std::string x = xml;
    x.replace(x.find(from), from.size(), to);
    return (*reader)->Parse(x);
  };
  auto r = bad(">100000000<", ">0<");  // amounts are positive minor units
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  r = bad(">100000000<", ">1000.00<");  // never a decimal
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  r = bad("currency=\"EUR\"", "currency=\"XXQ\"");
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  CHECK(std::string(r.status().message()).find("XXQ") != std::string::npos);
  r = bad("08:00:00Z", "08:00:00+01:00");
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
  r = bad("<fe:TenorDays>90</fe:TenorDays>", "");
  CHECK(r.status().code() == StatusCode::kInvalidArgument);
}

TEST_CASE("UTC times round trip and refuse junk") {
  CHECK(FormatUtcTime(0) == "1970-01-01T00:00:00Z");
  CHECK(FormatUtcTime(1764662400999) == "2025-12-02T08:00:00Z");
  auto t = ParseUtcTime("2025-12-02T08:00:00Z");
  REQUIRE_OK(t);
  CHECK(*t == 1764662400000);
  CHECK(!ParseUtcTime("2025-02-29T00:00:00Z").ok());
  CHECK(!ParseUtcTime("2025-12-02T24:00:00Z").ok());
  CHECK(!ParseUtcTime("2025-12-02 08:00:00Z").ok());
}

// Applies code-built events to a replay, numbering entries from 10.
struct Machine {
  FinancingReplay r;
  FinancingContext ctx;
  uint64_t next = 10;
  StepVerdict Do(FinancingEvent e) { return ApplyFinancingEvent(e, next++, ctx, &r); }
};

TEST_CASE("state machine: full cycle, control, partial repayments add up exactly") {
  Machine m;
  FinancingEvent req = Ev(K::kRequest, kShipper);
  req.amount = Eur(100000);
  req.bank = kBank;
  req.tenor_days = 60;
  CHECK(m.Do(req).ok);
  CHECK(m.r.state == S::kRequested);
  CHECK(m.r.controller == kShipper);
  FinancingEvent ap = Ev(K::kApprove, kBank);
  ap.amount = Eur(80000);
  ap.advance_rate_bp = 8000;
  CHECK(m.Do(ap).ok);
  CHECK(m.r.state == S::kPledged);
  CHECK(m.r.controller == kBank);
  CHECK(m.r.pledge_entry == std::optional<uint64_t>(11));
  FinancingEvent g = Ev(K::kGuarantee, kGuarantor);
  g.guarantor = kGuarantor;
  g.covered_share_bp = 5000;
  CHECK(m.Do(g).ok);
  FinancingEvent d = Ev(K::kDisburse, kBank);
  d.amount = Eur(80000);
  CHECK(m.Do(d).ok);
  for (int64_t part : {33333, 33333}) {
    FinancingEvent p = Ev(K::kRepay, kBank);
    p.amount = Eur(part);
    CHECK(m.Do(p).ok);
    CHECK(m.r.state == S::kDisbursed);
  }
  FinancingEvent over = Ev(K::kRepay, kBank);
  over.amount = Eur(13335);  // one cent more than outstanding
  StepVerdict v = m.Do(over);
  CHECK(!v.ok);
  CHECK(v.code == "BAD-AMOUNT");
  CHECK(m.r.repaid == 66666);
  FinancingEvent last = Ev(K::kRepay, kBank);
  last.amount = Eur(13334);
  CHECK(m.Do(last).ok);
  CHECK(m.r.state == S::kRepaid);
  CHECK(m.r.outstanding() == 0);
  CHECK(m.Do(Ev(K::kRelease, kBank)).ok);
  CHECK(m.r.state == S::kReleased);
  CHECK(m.r.controller == kShipper);
  CHECK(!m.r.pledge_entry);
  CHECK(m.r.events.size() == 8);
}

TEST_CASE("state machine: refusals name the state and the steps allowed now") {
  Machine m;
  StepVerdict v = m.Do(Ev(K::kDisburse, kBank));
  CHECK(!v.ok);
  CHECK(v.code == "OUT-OF-STATE");
  CHECK(v.reason.find("is none") != std::string::npos);
  CHECK(v.reason.find("Allowed now: request, transfer, deliver") != std::string::npos);

  FinancingEvent req = Ev(K::kRequest, kShipper);
  req.amount = Eur(1000);
  req.bank = kBank;
  req.tenor_days = 30;
  REQUIRE(m.Do(req).ok);
  FinancingEvent ap = Ev(K::kApprove, kBank2);  // not the bank asked
  ap.amount = Eur(1000);
  ap.advance_rate_bp = 10000;
  v = m.Do(ap);
  CHECK(v.code == "WRONG-PARTY");
  CHECK(v.reason.find(kBank) != std::string::npos);
  ap.actor = kBank;
  ap.amount = Eur(1001);  // more than requested
  v = m.Do(ap);
  CHECK(v.code == "BAD-AMOUNT");
  ap.amount = Money{"USD", 1000};
  CHECK(m.Do(ap).code == "BAD-AMOUNT");
  CHECK(m.r.state == S::kRequested);  // refusals change nothing
  CHECK(m.r.events.size() == 1);

  // Value cap.
  Machine c;
  c.ctx.shipment_value = Eur(500);
  v = c.Do(req);
  CHECK(v.code == "OVER-VALUE");
}

TEST_CASE("state machine: default, claim within the covered share, settle") {
  Machine m;
  FinancingEvent req = Ev(K::kRequest, kShipper);
  req.amount = Eur(10000);
  req.bank = kBank;
  req.tenor_days = 30;
  REQUIRE(m.Do(req).ok);
  FinancingEvent ap = Ev(K::kApprove, kBank);
  ap.amount = Eur(10000);
  ap.advance_rate_bp = 10000;
  REQUIRE(m.Do(ap).ok);
  FinancingEvent g = Ev(K::kGuarantee, kGuarantor);
  g.guarantor = kGuarantor;
  g.covered_share_bp = 7500;
  REQUIRE(m.Do(g).ok);
  FinancingEvent d = Ev(K::kDisburse, kBank);
  d.amount = Eur(10000);
  REQUIRE(m.Do(d).ok);
  REQUIRE(m.Do(Ev(K::kDefault, kBank)).ok);
  FinancingEvent cl = Ev(K::kClaim, kBank);
  cl.guarantor = kGuarantor;
  cl.amount = Eur(7501);
  CHECK(m.Do(cl).code == "BAD-AMOUNT");
  cl.amount = Eur(7500);
  REQUIRE(m.Do(cl).ok);
  FinancingEvent st = Ev(K::kSettle, kBank);  // only the guarantor settles
  st.amount = Eur(7500);
  CHECK(m.Do(st).code == "WRONG-PARTY");
  st.actor = kGuarantor;
  REQUIRE(m.Do(st).ok);
  CHECK(m.r.state == S::kSettled);
  CHECK(m.Do(Ev(K::kRelease, kBank)).ok);
}

TEST_CASE("state machine: transfer of control needs the controller and the transferee") {
  Machine m;
  m.ctx.financed_issuer = kCarrier;
  m.ctx.financed_type = "rail-waybill";
  FinancingEvent t = Ev(K::kTransfer, kShipper);
  t.to = kShipper;
  CHECK(m.Do(t).code == "WRONG-PARTY");  // the carrier controls it until handed over
  t.actor = kCarrier;
  REQUIRE(m.Do(t).ok);
  CHECK(m.r.state == S::kTransferPending);
  CHECK(m.Do(Ev(K::kAcceptTransfer, kBank)).code == "WRONG-PARTY");
  REQUIRE(m.Do(Ev(K::kAcceptTransfer, kShipper)).ok);
  CHECK(m.r.controller == kShipper);
  CHECK(m.r.state == S::kNone);
  CHECK(m.Do(Ev(K::kDeliver, kBank)).code == "WRONG-PARTY");
  REQUIRE(m.Do(Ev(K::kDeliver, kCarrier)).ok);
  CHECK(m.r.state == S::kDelivered);
  CHECK(m.r.controller.empty());
  StepVerdict v = m.Do(Ev(K::kRequest, kShipper));
  CHECK(v.code == "OUT-OF-STATE");
  CHECK(v.reason.find("financing has ended") != std::string::npos);
}

// ---------------------------------------------------------------- store

std::map<std::string, std::string> Dump(leveldb::DB* db) {
  std::map<std::string, std::string> out;
  std::unique_ptr<leveldb::Iterator> it(db->NewIterator(leveldb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    out[it->key().ToString()] = it->value().ToString();
  return out;
}

// Advances one millisecond per reading, so that code which reads the clock
// twice for one entry, and signs the first reading, fails audit here (the
// hub signature of encumbrance entries once did, only on slow machines).
class TickingClock final : public Clock {
 public:
  explicit TickingClock(int64_t start) : next_(start) {}
  int64_t NowUnixMillis() const override { return next_++; }

 private:
  mutable std::atomic<int64_t> next_;
};

struct Hub {
  Runtime runtime;
  TempDir tmp;
  TickingClock clock{1764662400000};
  std::unique_ptr<Store> store;
  std::unique_ptr<Financing> fin;
  std::map<std::string, std::unique_ptr<Signer>> signers;
  std::map<std::string, PrivateKey> keys;
  uint64_t waybill = 0, invoice = 0, declaration = 0;

  Hub() {
    CreateStoreOptions c;
    c.dir = (tmp.path() / "s").string();
    c.origin = "example.org/tradefin/financing-test";
    c.clock = &clock;
    auto st = Store::Create(c);
    REQUIRE_OK(st);
    store = std::move(*st);
    Register(kCarrier, PartyRole::kCarrier);
    Register(kShipper, PartyRole::kShipper);
    Register(kBank, PartyRole::kFinancingBank);
    Register(kBank2, PartyRole::kFinancingBank);
    Register(kGuarantor, PartyRole::kGuarantor);
    Register(kBroker, PartyRole::kCustomsBroker);
    waybill = SubmitSample("rail-waybill.xml", kCarrier);
    invoice = SubmitSample("commercial-invoice.xml", kShipper);
    declaration = SubmitSample("customs-declaration.xml", kBroker);
    auto f = Financing::Create(*store, FinancingOptions{&clock, true});
    REQUIRE_OK(f);
    fin = std::move(*f);
  }
  void Register(const std::string& id, PartyRole role) {
    auto k = PrivateKey::Generate(KeyType::kEcdsaP256);
    REQUIRE_OK(k);
    REQUIRE_OK(store->AddParty(id, "Party " + id, {role}, k->public_key().spki_der()));
    auto s = NewSoftwareSigner(*k);
    REQUIRE_OK(s);
    signers[id] = std::move(*s);
    keys.emplace(id, *k);
  }
  uint64_t SubmitSample(const char* name, const std::string& party) {
    std::string xml = ReadFile(SourceDir() / "samples" / "shipment" / name);
    auto signed_xml = SignDocument(xml, *signers.at(party), SignOptions());
    REQUIRE_OK(signed_xml);
    auto r = store->Submit({{name, *signed_xml}}, {});
    REQUIRE_OK(r);
    REQUIRE_MESSAGE(r->accepted, r->outcomes[0].reason);
    return r->outcomes[0].entry.index;
  }
  StepReport Act(FinancingAct a) {
    auto r = fin->Act(a, *signers.at(a.actor));
    REQUIRE_OK(r);
    return *r;
  }
  leveldb::DB* db() { return static_cast<store::StoreImpl&>(*store).db(); }
};

FinancingAct A(K kind, uint64_t financed, const std::string& actor) {
  FinancingAct a;
  a.kind = kind;
  a.financed = financed;
  a.actor = actor;
  return a;
}

FinancingAct Request(uint64_t financed, int64_t minor, const std::string& bank = kBank) {
  FinancingAct a = A(K::kRequest, financed, kShipper);
  a.amount = Eur(minor);
  a.bank = bank;
  a.tenor_days = 90;
  return a;
}

FinancingAct Approve(uint64_t financed, int64_t minor, const std::string& bank = kBank) {
  FinancingAct a = A(K::kApprove, financed, bank);
  a.amount = Eur(minor);
  a.advance_rate_bp = 8000;
  return a;
}

FinancingAct WithAmount(FinancingAct a, int64_t minor) {
  a.amount = Eur(minor);
  return a;
}

TEST_CASE("store: full cycle, encumbrance entries, status, audit") {
  Hub h;
  StepReport r = h.Act(Request(h.waybill, 100000000));
  REQUIRE_MESSAGE(r.accepted, r.reason);
  CHECK(!r.encumbrance_entry);
  r = h.Act(Approve(h.waybill, 80000000));
  REQUIRE_MESSAGE(r.accepted, r.reason);
  REQUIRE(r.encumbrance_entry);
  const uint64_t pledge = r.event_entry;
  auto enc = h.store->GetEntry(*r.encumbrance_entry);
  REQUIRE_OK(enc);
  CHECK(enc->type == EntryType::kEncumbrance);
  CHECK(enc->encumbrance.action == "encumber");
  CHECK(enc->encumbrance.pledge == pledge);
  CHECK(enc->encumbrance.bank == kBank);
  CHECK(enc->natural_keys[0] == "encumbrance:" + std::to_string(h.waybill));
  auto active = h.store->ActiveEncumbrance("consignment:25CX050417");
  REQUIRE_OK(active);
  REQUIRE(active->has_value());
  CHECK((*active)->pledge_entry == pledge);
  // The invoice's number is encumbered too (one hop through the consignment).
  auto inv = h.store->ActiveEncumbrance("invoice:TF2025-0517");
  REQUIRE_OK(inv);
  CHECK(inv->has_value());

  FinancingAct g = A(K::kGuarantee, h.waybill, kGuarantor);
  g.guarantor = kGuarantor;
  g.covered_share_bp = 5000;
  REQUIRE(h.Act(g).accepted);
  REQUIRE(h.Act(WithAmount(A(K::kDisburse, h.waybill, kBank), 80000000)).accepted);
  REQUIRE(h.Act(WithAmount(A(K::kRepay, h.waybill, kBank), 30000000)).accepted);
  REQUIRE(h.Act(WithAmount(A(K::kRepay, h.waybill, kBank), 50000000)).accepted);
  r = h.Act(A(K::kRelease, h.waybill, kBank));
  REQUIRE_MESSAGE(r.accepted, r.reason);
  REQUIRE(r.encumbrance_entry);
  auto rel = h.store->GetEntry(*r.encumbrance_entry);
  REQUIRE_OK(rel);
  CHECK(rel->encumbrance.action == "release");
  active = h.store->ActiveEncumbrance("consignment:25CX050417");
  REQUIRE_OK(active);
  CHECK(!active->has_value());

  auto st = h.fin->Status(h.waybill);
  REQUIRE_OK(st);
  CHECK(st->state == S::kReleased);
  CHECK(st->controller == kShipper);
  CHECK(st->repaid == 80000000);
  CHECK(st->events.size() == 7);
  // A fresh service (no cache) replays the chain to the same state.
  auto f2 = Financing::Create(*h.store, FinancingOptions());
  REQUIRE_OK(f2);
  auto st2 = (*f2)->Status(h.waybill);
  REQUIRE_OK(st2);
  CHECK(st2->state == S::kReleased);
  CHECK(st2->last_leaf_hash == st->last_leaf_hash);

  auto pledges = h.fin->FindPledges({"25CX050417"});
  REQUIRE_OK(pledges);
  REQUIRE(pledges->size() == 1);
  CHECK((*pledges)[0].pledge_entry == pledge);
  CHECK(!(*pledges)[0].active);
  CHECK((*pledges)[0].amount == Eur(80000000));

  auto list = h.fin->List(S::kReleased, kBank);
  REQUIRE_OK(list);
  CHECK(list->size() == 1);

  auto audit = h.store->Audit(AuditOptions());
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
}

TEST_CASE("store: double financing on another document of the shipment is refused, "
          "naming the pledge, and writes nothing") {
  Hub h;
  REQUIRE(h.Act(Request(h.waybill, 100000000)).accepted);
  StepReport ap = h.Act(Approve(h.waybill, 80000000));
  REQUIRE(ap.accepted);
  auto before = Dump(h.db());
  // The shipper asks a second bank to finance the invoice of the same goods.
  StepReport r = h.Act(Request(h.invoice, 50000000, kBank2));
  CHECK(!r.accepted);
  CHECK(r.code == "DOUBLE-FINANCING");
  REQUIRE(r.existing_pledge);
  CHECK(r.existing_pledge->pledge_entry == ap.event_entry);
  CHECK(r.existing_pledge->bank == kBank);
  CHECK(r.existing_pledge->amount == Eur(80000000));
  CHECK(r.reason.find("entry " + std::to_string(ap.event_entry)) != std::string::npos);
  CHECK(r.reason.find("EUR 800000.00") != std::string::npos);
  CHECK(r.reason.find("2025-12-02") != std::string::npos);
  CHECK(Dump(h.db()) == before);
  // The declaration too.
  CHECK(h.Act(Request(h.declaration, 50000000, kBank2)).code == "DOUBLE-FINANCING");
}

TEST_CASE("store: a request over the shipment's value is refused") {
  Hub h;
  StepReport r = h.Act(Request(h.waybill, 125000001));  // value EUR 1,250,000.00
  CHECK(r.code == "OVER-VALUE");
  CHECK(r.reason.find("EUR 1250000.00") != std::string::npos);
  CHECK(h.Act(Request(h.waybill, 125000000)).accepted);
}

TEST_CASE("store: wrong party, wrong role, wrong signer, stale chain: nothing written") {
  Hub h;
  REQUIRE(h.Act(Request(h.waybill, 1000000)).accepted);
  auto before = Dump(h.db());

  // Wrong party: the second bank approves a request made to the first.
  StepReport r = h.Act(Approve(h.waybill, 1000000, kBank2));
  CHECK(r.code == "WRONG-PARTY");
  CHECK(r.state_before == S::kRequested);
  CHECK(Dump(h.db()) == before);

  // Out of state: a disbursement before approval names the allowed steps.
  r = h.Act(WithAmount(A(K::kDisburse, h.waybill, kBank), 100));
  CHECK(r.code == "OUT-OF-STATE");
  CHECK(r.reason.find("is requested") != std::string::npos);
  CHECK(r.reason.find("approve, reject, withdraw") != std::string::npos);
  CHECK(Dump(h.db()) == before);

  // Wrong role: a customs broker cannot give a guarantee (store check; the
  // state machine alone would accept it once pledged).
  REQUIRE(h.Act(Approve(h.waybill, 1000000)).accepted);
  before = Dump(h.db());
  FinancingAct g = A(K::kGuarantee, h.waybill, kBroker);
  g.guarantor = kBroker;
  g.covered_share_bp = 5000;
  r = h.Act(g);
  CHECK(r.code == "ROLE-NOT-ALLOWED");
  CHECK(r.reason.find("guarantor") != std::string::npos);
  CHECK(Dump(h.db()) == before);

  // Signed by someone other than the actor it names.
  auto xml = h.fin->Draft(WithAmount(A(K::kDisburse, h.waybill, kBank), 100));
  REQUIRE_OK(xml);
  auto forged = SignDocument(*xml, *h.signers.at(kBank2), SignOptions());
  REQUIRE_OK(forged);
  auto sr = h.fin->Submit(*forged);
  REQUIRE_OK(sr);
  CHECK(sr->code == "SIGNER-NOT-ACTOR");
  CHECK(Dump(h.db()) == before);

  // Changed after signing.
  auto good = SignDocument(*xml, *h.signers.at(kBank), SignOptions());
  REQUIRE_OK(good);
  std::string tampered = *good;
  tampered.replace(tampered.find(">100<"), 5, ">900<");
  sr = h.fin->Submit(tampered);
  REQUIRE_OK(sr);
  CHECK(sr->code == "SIGNATURE-INVALID");
  CHECK(Dump(h.db()) == before);

  // Two events drafted on the same head: the second is stale.
  sr = h.fin->Submit(*good);
  REQUIRE_OK(sr);
  CHECK(sr->accepted);
  sr = h.fin->Submit(*good);
  REQUIRE_OK(sr);
  CHECK(!sr->accepted);
  CHECK(sr->code == "STALE-CHAIN");
}

// A signer that returns a wrong signature (a faulty HSM): Act does not
// verify its own signature, so the store's check must be what refuses it.
class FaultySigner final : public Signer {
 public:
  explicit FaultySigner(const Signer& real) : real_(real) {}
  KeyType type() const override { return real_.type(); }
  std::string key_id() const override { return real_.key_id(); }
  PublicKey public_key() const override { return real_.public_key(); }
  Result<std::string> SignRaw(std::string_view message) const override {
    auto sig = real_.SignRaw(message);
    if (sig.ok()) (*sig)[5] ^= 0x40;
    return sig;
  }

 private:
  const Signer& real_;
};

TEST_CASE("store: a faulty signer's act is refused SIGNATURE-INVALID, nothing written") {
  Hub h;
  auto before = Dump(h.db());
  FaultySigner faulty(*h.signers.at(kShipper));
  auto r = h.fin->Act(Request(h.waybill, 100000000), faulty);
  REQUIRE_OK(r);
  CHECK(!r->accepted);
  CHECK(r->code == "SIGNATURE-INVALID");
  CHECK(Dump(h.db()) == before);
  // The same act with the sound signer goes through.
  CHECK(h.Act(Request(h.waybill, 100000000)).accepted);
}

TEST_CASE("replay: offline, with signatures; any changed record is caught") {
  Hub h;
  REQUIRE(h.Act(Request(h.waybill, 1000000)).accepted);
  REQUIRE(h.Act(Approve(h.waybill, 1000000)).accepted);
  REQUIRE(h.Act(WithAmount(A(K::kDisburse, h.waybill, kBank), 1000000)).accepted);
  auto chain = h.store->History("financing:" + std::to_string(h.waybill));
  REQUIRE_OK(chain);
  REQUIRE(chain->size() == 3);
  std::vector<FinancingRecord> records;
  for (uint64_t idx : *chain) {
    auto eb = h.store->GetEntryBytes(idx);
    auto ex = h.store->GetFinancingEvent(idx);
    REQUIRE_OK(eb);
    REQUIRE_OK(ex);
    records.push_back({*eb, *ex});
  }
  PinnedKeyTrustStore trust;
  for (const auto& [id, key] : h.keys) trust.Add(id, key.public_key());
  ReplayOptions o;
  o.trust = &trust;
  auto r = ReplayFinancing(records, o);
  REQUIRE_OK(r);
  CHECK_MESSAGE(r->consistent, r->problem);
  CHECK(r->state == S::kDisbursed);
  CHECK(r->controller == kBank);
  CHECK(r->disbursed == 1000000);

  auto broken = records;
  broken[2].event_xml.replace(broken[2].event_xml.find(">1000000<"), 9, ">1000001<");
  r = ReplayFinancing(broken, o);
  REQUIRE_OK(r);
  CHECK(!r->consistent);
  CHECK(r->bad_entry == std::optional<uint64_t>((*chain)[2]));

  auto skipped = records;
  skipped.erase(skipped.begin() + 1);  // drop the approval
  r = ReplayFinancing(skipped, o);
  REQUIRE_OK(r);
  CHECK(!r->consistent);
  CHECK(r->problem.find("follow") != std::string::npos);
}

TEST_CASE("interop: a signed financing event verifies with xmlsec1") {
  auto have = RunProgram({"xmlsec1", "--version"});
  if (have.exit_code != 0) {
    MESSAGE("xmlsec1 missing: skipping (install-deps installs it)");
    return;
  }
  Hub h;
  auto xml = h.fin->Draft(Request(h.waybill, 1000000));
  REQUIRE_OK(xml);
  auto good = SignDocument(*xml, *h.signers.at(kShipper), SignOptions());
  REQUIRE_OK(good);
  const PrivateKey& key = h.keys.at(kShipper);
  std::string pub = (h.tmp.path() / "shipper.pub").string();
  testing::WriteFile(pub, key.public_key().ToPem());
  std::string f = (h.tmp.path() / "event.xml").string();
  testing::WriteFile(f, *good);
  auto xmlsec = [&](const std::string& file) {
    return RunProgram({"xmlsec1", "--verify", "--pubkey-pem:" + key.public_key().key_id(), pub,
                       "--enabled-key-data", "key-name", file});
  };
  auto r = xmlsec(f);
  CHECK_MESSAGE(r.exit_code == 0, (r.out + r.err));
  std::string bad = *good;
  bad.replace(bad.find(">1000000<"), 9, ">9000000<");
  testing::WriteFile(f, bad);
  r = xmlsec(f);
  CHECK(r.exit_code != 0);
}

}  // namespace
}  // namespace tradefin
