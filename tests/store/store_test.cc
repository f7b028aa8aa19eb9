// Library tests for the Store: entry codec, registry, submit (links,
// duplicates, conflicts, amendments, roles), proofs, reopen, audit and
// tamper detection of every stored value.
#include <leveldb/db.h>
#include <leveldb/iterator.h>
#include <leveldb/write_batch.h>

#include <cstring>
#include <map>

#include "store/merkle.h"
#include "store/store_impl.h"
#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/entry.h"
#include "tradefin/store/store.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::SourceDir;
using testing::TempDir;

constexpr char kOrigin[] = "example.org/tradefin/test-hub";
constexpr char kBank[] = "LDZBPLP0XXX";          // LC issuing bank (sample)
constexpr char kCarrier[] = "91510000MA61CRW0XE";  // contracting carrier USCC (sample)
constexpr char kShipper[] = "91510113MA6CT4K21P";  // exporter USCC (sample)
constexpr char kBroker[] = "91510100MA62XJ8N0J";   // broker USCC (sample)
constexpr char kOtherShipper[] = "2594007XQ2TF8A1CB037";

struct Party {
  std::string id;
  PartyRole role;
  PrivateKey key;
};

PrivateKey NewKey() {
  auto k = PrivateKey::Generate(KeyType::kEd25519);
  REQUIRE_OK(k);
  return *k;
}

std::string Sign(const std::string& xml, const PrivateKey& key) {
  auto signer = NewSoftwareSigner(key);
  REQUIRE_OK(signer);
  auto out = SignDocument(xml, **signer, SignOptions());
  REQUIRE_OK(out);
  return *out;
}

std::string Sample(const char* name) {
  return ReadFile(SourceDir() / "samples" / "shipment" / name);
}

// All key/value rows, for "nothing was written" checks.
std::map<std::string, std::string> Dump(leveldb::DB* db) {
  std::map<std::string, std::string> out;
  std::unique_ptr<leveldb::Iterator> it(db->NewIterator(leveldb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next())
    out[it->key().ToString()] = it->value().ToString();
  return out;
}

struct Fixture {
  Runtime runtime;
  TempDir tmp;
  FixedClock clock{1747700000000};
  std::unique_ptr<Store> store;
  std::map<std::string, Party> parties;

  Fixture() {
    CreateStoreOptions c;
    c.dir = (tmp.path() / "s").string();
    c.origin = kOrigin;
    c.clock = &clock;
    auto st = Store::Create(c);
    REQUIRE_OK(st);
    store = std::move(*st);
    Register(kBank, PartyRole::kIssuingBank);
    Register(kCarrier, PartyRole::kCarrier);
    Register(kShipper, PartyRole::kShipper);
    Register(kBroker, PartyRole::kCustomsBroker);
  }
  void Register(const std::string& id, PartyRole role) {
    Party p{id, role, NewKey()};
    auto ref = store->AddParty(id, "Party " + id, {role}, p.key.public_key().spki_der());
    REQUIRE_OK(ref);
    parties.emplace(id, std::move(p));
  }
  store::StoreImpl& impl() { return static_cast<store::StoreImpl&>(*store); }
  SubmitItem Doc(const char* sample, const std::string& party,
                 const std::string& tweak = "") {
    std::string xml = Sample(sample);
    if (!tweak.empty()) xml.insert(xml.find("?>") + 2, tweak);
    return {sample, Sign(xml, parties.at(party).key)};
  }
  void Reopen() {
    std::string dir = store->dir();
    store.reset();
    OpenStoreOptions o;
    o.dir = dir;
    o.clock = &clock;
    auto st = Store::Open(o);
    REQUIRE_OK(st);
    store = std::move(*st);
  }
};

const EntryLink* FindLink(const std::vector<EntryLink>& links,
                          const std::string& rel, uint64_t target) {
  for (const auto& l : links)
    if (l.relation == rel && l.target_index == target) return &l;
  return nullptr;
}

TEST_CASE("entry codec is canonical and rejects damage") {
  Entry e;
  e.origin = kOrigin;
  e.index = 7;
  e.time_ms = 1234;
  e.type = EntryType::kDocument;
  e.submitter_party = kShipper;
  e.submitter_key_id = std::string(64, 'a');
  e.document_type = "commercial-invoice";
  e.natural_keys = {"commercial-invoice:X|Y", "credit:C"};
  e.links.push_back({"cites-credit", 3, Sha256Hash{1, 2, 3}});
  e.document_sha256[0] = 9;
  std::string bytes = EncodeEntry(e);
  CHECK(bytes.substr(0, 4) == "TFEN");
  auto back = DecodeEntry(bytes);
  REQUIRE_OK(back);
  CHECK(EncodeEntry(*back) == bytes);
  CHECK(back->links.at(0).target_index == 3);
  CHECK_FALSE(DecodeEntry(bytes + "x").ok());
  CHECK_FALSE(DecodeEntry(bytes.substr(0, bytes.size() - 1)).ok());
  std::string bad = bytes;
  bad[5] = 3;  // version 3
  CHECK(DecodeEntry(bad).status().code() == StatusCode::kCorruption);
  // Leaf hash = SHA-256(0x00 || bytes).
  CHECK(HashHex(EntryLeafHash(bytes)) ==
        HashHex(Sha256(std::string(1, '\0') + bytes)));
}

TEST_CASE("create, reopen and in-use") {
  Fixture f;
  CHECK(f.store->size() == 4);  // four registrations
  auto root = f.store->RootAt(4);
  REQUIRE_OK(root);
  CHECK(f.store->HubVerifierKey().rfind(std::string(kOrigin) + "+", 0) == 0);
  // A second open of the same directory in this process hits LevelDB's lock.
  OpenStoreOptions o;
  o.dir = f.store->dir();
  auto second = Store::Open(o);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == StatusCode::kFailedPrecondition);
  CHECK(second.status().message().find("is in use by another process") != std::string::npos);
  // Create over an existing store is refused.
  CreateStoreOptions c;
  c.dir = f.store->dir();
  c.origin = kOrigin;
  CHECK(Store::Create(c).status().code() == StatusCode::kAlreadyExists);
  f.Reopen();
  CHECK(f.store->size() == 4);
  auto root2 = f.store->RootAt(4);
  REQUIRE_OK(root2);
  CHECK(*root2 == *root);
  auto cp = f.store->LatestCheckpoint();
  REQUIRE_OK(cp);
  CHECK(cp->find(std::string(kOrigin) + "\n4\n") == 0);
}

TEST_CASE("party registry: ids, duplicates, rotation, revocation") {
  Fixture f;
  CHECK(CheckPartyId("NOTABIC").code() == StatusCode::kInvalidArgument);
  CHECK(CheckPartyId("91510113MA6CT4K21Q").code() == StatusCode::kInvalidArgument);
  CHECK_STATUS_OK(CheckPartyId(kOtherShipper));
  auto dup = f.store->AddParty(kBank, "again", {PartyRole::kIssuingBank},
                               NewKey().public_key().spki_der());
  CHECK(dup.status().code() == StatusCode::kAlreadyExists);
  auto reuse = f.store->AddParty(kOtherShipper, "x", {PartyRole::kShipper},
                                 f.parties.at(kBank).key.public_key().spki_der());
  CHECK(reuse.status().code() == StatusCode::kAlreadyExists);

  // After rotation, documents signed with the old key are rejected.
  PrivateKey fresh = NewKey();
  auto rot = f.store->RotatePartyKey(kShipper, fresh.public_key().spki_der());
  REQUIRE_OK(rot);
  auto e = f.store->GetEntry(rot->index);
  REQUIRE_OK(e);
  CHECK(e->type == EntryType::kPartyKeyRotation);
  REQUIRE(e->links.size() == 1);
  CHECK(e->links[0].relation == "party-update");
  auto r = f.store->Submit({f.Doc("commercial-invoice.xml", kShipper)}, {});
  REQUIRE_OK(r);
  CHECK_FALSE(r->accepted);
  CHECK(r->outcomes[0].code == "SIGNER-UNKNOWN");
  f.parties.at(kShipper).key = fresh;
  r = f.store->Submit({f.Doc("commercial-invoice.xml", kShipper)}, {});
  REQUIRE_OK(r);
  CHECK(r->accepted);

  REQUIRE_OK(f.store->RevokeParty(kShipper));
  CHECK(f.store->RevokeParty(kShipper).status().code() == StatusCode::kFailedPrecondition);
  r = f.store->Submit({f.Doc("commercial-invoice.xml", kShipper, "\n")}, {});
  REQUIRE_OK(r);
  CHECK(r->outcomes[0].code == "SIGNER-UNKNOWN");
  auto list = f.store->ListParties();
  REQUIRE_OK(list);
  CHECK(list->size() == 4);
  bool seen = false;
  for (const auto& p : *list)
    if (p.id == kShipper) { seen = true; CHECK(p.revoked); }
  CHECK(seen);
  auto hist = f.store->History(std::string("party:") + kShipper);
  REQUIRE_OK(hist);
  CHECK(hist->size() == 3);
  auto audit = f.store->Audit({});
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
}

TEST_CASE("submit: batch, links, duplicates, conflicts, amendments, roles") {
  Fixture f;
  std::vector<SubmitItem> batch = {
      f.Doc("letter-of-credit.xml", kBank), f.Doc("rail-waybill.xml", kCarrier),
      f.Doc("customs-declaration.xml", kBroker), f.Doc("commercial-invoice.xml", kShipper)};
  auto r = f.store->Submit(batch, {});
  REQUIRE_OK(r);
  for (const auto& o : r->outcomes) INFO(o.source_name << " " << o.code << " " << o.reason);
  REQUIRE(r->accepted);
  REQUIRE(r->outcomes.size() == 4);
  const uint64_t lc = r->outcomes[0].entry.index, wb = r->outcomes[1].entry.index,
                 cd = r->outcomes[2].entry.index, inv = r->outcomes[3].entry.index;
  CHECK(lc == 4);
  CHECK(f.store->size() == 8);
  CHECK(r->outcomes[0].natural_key == "letter-of-credit:DEL25LC0001234|LDZBPLP0XXX");
  CHECK(FindLink(r->outcomes[1].links, "cites-credit", lc));
  CHECK(FindLink(r->outcomes[2].links, "declares-consignment", wb));
  CHECK(FindLink(r->outcomes[2].links, "shares-container", wb));
  CHECK(FindLink(r->outcomes[3].links, "cites-credit", lc));
  CHECK(FindLink(r->outcomes[3].links, "ships-under", wb));
  CHECK(FindLink(r->outcomes[3].links, "cites-declaration", cd));
  // The link carries the target's leaf hash.
  auto lcbytes = f.store->GetEntryBytes(lc);
  REQUIRE_OK(lcbytes);
  CHECK(FindLink(r->outcomes[3].links, "cites-credit", lc)->target_leaf_hash ==
        EntryLeafHash(*lcbytes));
  auto lv = f.store->Links(lc);
  REQUIRE_OK(lv);
  CHECK(lv->incoming.size() >= 3);
  // Documents are stored byte for byte.
  auto doc = f.store->GetDocument(inv);
  REQUIRE_OK(doc);
  CHECK(*doc == batch[3].bytes);
  auto hist = f.store->History("DEL25LC0001234");
  REQUIRE_OK(hist);
  CHECK(hist->size() == 4);

  // Identical bytes: existing entry, nothing written.
  auto before = Dump(f.impl().db());
  auto again = f.store->Submit({batch[3]}, {});
  REQUIRE_OK(again);
  CHECK(again->accepted);
  CHECK(again->outcomes[0].kind == SubmitOutcome::Kind::kAlreadyPresent);
  CHECK(again->outcomes[0].entry.index == inv);
  CHECK(Dump(f.impl().db()) == before);

  // Same natural key, different bytes: conflict; the whole batch is
  // rejected and the store is unchanged.
  auto conflict = f.store->Submit(
      {batch[0], f.Doc("commercial-invoice.xml", kShipper, "\n")}, {});
  REQUIRE_OK(conflict);
  CHECK_FALSE(conflict->accepted);
  CHECK(conflict->outcomes[1].code == "CONFLICT");
  CHECK(Dump(f.impl().db()) == before);

  // A carrier may not issue a letter of credit: the LC names another
  // party as its issuing bank.
  auto role = f.store->Submit({f.Doc("letter-of-credit.xml", kCarrier, "\n")}, {});
  REQUIRE_OK(role);
  CHECK(role->outcomes[0].code == "ISSUER-MISMATCH");
  CHECK(Dump(f.impl().db()) == before);

  // Amendment by another issuer is refused; by the issuer it supersedes.
  f.Register(kOtherShipper, PartyRole::kShipper);
  SubmitOptions amend;
  amend.amends = inv;
  auto wrong = f.store->Submit({f.Doc("commercial-invoice.xml", kOtherShipper, "\n")}, amend);
  REQUIRE_OK(wrong);
  CHECK(wrong->outcomes[0].code == "ISSUER-MISMATCH");
  auto ok = f.store->Submit({f.Doc("commercial-invoice.xml", kShipper, "\n")}, amend);
  REQUIRE_OK(ok);
  REQUIRE(ok->accepted);
  CHECK(FindLink(ok->outcomes[0].links, "supersedes", inv));

  // Unsigned or invalid documents are rejected.
  auto unsigned_doc = f.store->Submit({{"x.xml", Sample("rail-waybill.xml")}}, {});
  REQUIRE_OK(unsigned_doc);
  CHECK_FALSE(unsigned_doc->accepted);
  auto invalid = f.store->Submit({{"bad.xml", "<nope/>"}}, {});
  REQUIRE_OK(invalid);
  CHECK(invalid->outcomes[0].code == "INVALID-DOCUMENT");

  auto audit = f.store->Audit({});
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
  CHECK(audit->documents_checked == 5);
}

TEST_CASE("proofs verify against the signed checkpoints") {
  Fixture f;
  REQUIRE_OK(f.store->Submit(
      {f.Doc("letter-of-credit.xml", kBank), f.Doc("rail-waybill.xml", kCarrier)}, {}));
  const uint64_t n = f.store->size();
  CHECK(n == 6);
  auto root = f.store->RootAt(n);
  REQUIRE_OK(root);
  for (uint64_t i = 0; i < n; ++i) {
    auto path = f.store->InclusionPath(i, n);
    REQUIRE_OK(path);
    auto bytes = f.store->GetEntryBytes(i);
    REQUIRE_OK(bytes);
    std::vector<merkle::Hash> p(path->begin(), path->end());
    CHECK(merkle::VerifyInclusion(i, n, EntryLeafHash(*bytes), p, *root));
  }
  auto proof = f.store->ProveInclusion(4, std::nullopt);
  REQUIRE_OK(proof);
  CHECK(proof->rfind("c2sp.org/tlog-proof@v1\nindex 4\n", 0) == 0);
  CHECK(f.store->ProveInclusion(4, 3).status().code() == StatusCode::kInvalidArgument);
  // Checkpoints exist at batch boundaries only (4 and 6, not 5).
  CHECK(f.store->ProveInclusion(0, 5).status().code() == StatusCode::kNotFound);
  auto c = f.store->ProveConsistency(4, n);
  REQUIRE_OK(c);
  auto r4 = f.store->RootAt(4);
  REQUIRE_OK(r4);
  std::vector<merkle::Hash> cp(c->hashes.begin(), c->hashes.end());
  CHECK(merkle::VerifyConsistency(4, n, *r4, *root, cp));
  CHECK(c->text.rfind("old 4\n", 0) == 0);
}

TEST_CASE("audit detects a flipped byte in every stored value") {
  Fixture f;
  REQUIRE_OK(f.store->Submit({f.Doc("letter-of-credit.xml", kBank),
                              f.Doc("commercial-invoice.xml", kShipper)}, {}));
  auto clean = f.store->Audit({});
  REQUIRE_OK(clean);
  REQUIRE_MESSAGE(clean->clean, clean->problem);
  std::string dir = f.store->dir();
  f.store.reset();

  auto open_db = [&]() {
    leveldb::DB* db = nullptr;
    leveldb::Options o;
    REQUIRE(leveldb::DB::Open(o, dir + "/db", &db).ok());
    return std::unique_ptr<leveldb::DB>(db);
  };
  std::map<std::string, std::string> rows;
  {
    auto db = open_db();
    rows = Dump(db.get());
  }
  int flipped = 0;
  for (const auto& [key, value] : rows) {
    if (value.empty()) continue;
    for (size_t pos : {size_t{0}, value.size() / 2, value.size() - 1}) {
      std::string bad = value;
      bad[pos] = static_cast<char>(bad[pos] ^ 0x01);
      {
        auto db = open_db();
        REQUIRE(db->Put(leveldb::WriteOptions(), key, bad).ok());
      }
      OpenStoreOptions o;
      o.dir = dir;
      auto st = Store::Open(o);
      bool detected = false;
      std::string how;
      if (!st.ok()) {
        // A flipped meta `format` reads as a newer format: refused too.
        detected = st.status().code() == StatusCode::kCorruption ||
                   (st.status().code() == StatusCode::kUnsupported && key == "mformat");
        how = st.status().ToString();
      } else {
        auto a = (*st)->Audit({});
        detected = !a.ok() || !a->clean;
        how = a.ok() ? a->problem : a.status().ToString();
      }
      st = Status::Internal("closed");
      CHECK_MESSAGE(detected, "undetected flip at byte " << pos << " of key prefix '"
                                  << key[0] << "' (" << key.size() << " bytes): " << how);
      ++flipped;
      auto db = open_db();
      REQUIRE(db->Put(leveldb::WriteOptions(), key, value).ok());
    }
  }
  CHECK(flipped > 30);
  OpenStoreOptions o;
  o.dir = dir;
  auto st = Store::Open(o);
  REQUIRE_OK(st);
  auto a = (*st)->Audit({});
  REQUIRE_OK(a);
  CHECK_MESSAGE(a->clean, a->problem);
}

TEST_CASE("entry codec: version 2 role lists, version 1 still decodes") {
  Entry e;
  e.origin = kOrigin;
  e.index = 3;
  e.type = EntryType::kPartyRegistration;
  e.submitter_key_id = std::string(64, 'b');
  e.natural_keys = {"party:X"};
  e.party = {kBank, "Bank", {"issuing-bank", "financing-bank"}, "spki"};
  e.hub_signature = std::string(64, 's');
  CHECK(e.version == 2);
  std::string bytes = EncodeEntry(e);
  auto back = DecodeEntry(bytes);
  REQUIRE_OK(back);
  CHECK(back->party.roles == std::vector<std::string>{"issuing-bank", "financing-bank"});

  // Unsorted, repeated, unknown or missing roles have no canonical form.
  for (std::vector<std::string> bad :
       {std::vector<std::string>{"financing-bank", "issuing-bank"},
        std::vector<std::string>{"shipper", "shipper"},
        std::vector<std::string>{"pirate"}, std::vector<std::string>{}}) {
    Entry b = e;
    b.party.roles = bad;
    auto d = DecodeEntry(EncodeEntry(b));
    CHECK(d.status().code() == StatusCode::kCorruption);
  }
  // A rotation carries no role.
  Entry rot = e;
  rot.type = EntryType::kPartyKeyRotation;
  CHECK_FALSE(DecodeEntry(EncodeEntry(rot)).ok());
  rot.party.roles.clear();
  CHECK_OK(DecodeEntry(EncodeEntry(rot)));

  // A version-1 entry (one role string) written by an older hub decodes as
  // a one-role set and re-encodes to the same bytes.
  Entry v1 = e;
  v1.version = 1;
  v1.party.roles = {"shipper"};
  std::string v1bytes = EncodeEntry(v1);
  CHECK(v1bytes[5] == 1);
  auto v1back = DecodeEntry(v1bytes);
  REQUIRE_OK(v1back);
  CHECK(v1back->version == 1);
  CHECK(v1back->party.roles == std::vector<std::string>{"shipper"});
  CHECK(EncodeEntry(*v1back) == v1bytes);
  // Type 5 (party-roles) does not exist in version 1.
  Entry v1roles = v1;
  v1roles.type = EntryType::kPartyRoles;
  auto no5 = DecodeEntry(EncodeEntry(v1roles));
  CHECK(no5.status().code() == StatusCode::kCorruption);
  CHECK(no5.status().message().find("unknown entry type 5") != std::string::npos);
}

TEST_CASE("multi-role registry: a bank that issues and finances") {
  Fixture f;
  const std::string kFinBank = "DEUTDEFF";  // BIC 8
  Party p{kFinBank, PartyRole::kIssuingBank, NewKey()};
  auto ref = f.store->AddParty(kFinBank, "Bank of two roles",
                               {PartyRole::kFinancingBank, PartyRole::kIssuingBank,
                                PartyRole::kFinancingBank},
                               p.key.public_key().spki_der());
  REQUIRE_OK(ref);
  auto entry = f.store->GetEntry(ref->index);
  REQUIRE_OK(entry);
  CHECK(entry->version == 2);
  // Sorted by enum value, repeats dropped.
  CHECK(entry->party.roles == std::vector<std::string>{"issuing-bank", "financing-bank"});
  auto list = f.store->ListParties();
  REQUIRE_OK(list);
  const PartyInfo* info = nullptr;
  for (const auto& q : *list)
    if (q.id == kFinBank) info = &q;
  REQUIRE(info != nullptr);
  CHECK(info->roles == std::vector<PartyRole>{PartyRole::kIssuingBank, PartyRole::kFinancingBank});
  CHECK(info->HasRole(PartyRole::kFinancingBank));
  CHECK_FALSE(info->HasRole(PartyRole::kShipper));

  CHECK(f.store->AddParty("COBADEFF", "no role", {}, NewKey().public_key().spki_der())
            .status()
            .code() == StatusCode::kInvalidArgument);

  // Role changes are hub-signed entries linked to the party's last entry.
  auto same = f.store->SetPartyRoles(kFinBank, {PartyRole::kIssuingBank,
                                                PartyRole::kFinancingBank});
  CHECK(same.status().code() == StatusCode::kAlreadyExists);
  CHECK(f.store->SetPartyRoles(kFinBank, {}).status().code() ==
        StatusCode::kInvalidArgument);
  CHECK(f.store->SetPartyRoles("COBADEFF", {PartyRole::kShipper}).status().code() ==
        StatusCode::kNotFound);
  auto changed = f.store->SetPartyRoles(kFinBank, {PartyRole::kFinancingBank});
  REQUIRE_OK(changed);
  auto ce = f.store->GetEntry(changed->index);
  REQUIRE_OK(ce);
  CHECK(ce->type == EntryType::kPartyRoles);
  CHECK(ce->party.roles == std::vector<std::string>{"financing-bank"});
  CHECK(ce->party.public_key_spki.empty());
  REQUIRE(ce->links.size() == 1);
  CHECK(ce->links[0].relation == "party-update");
  CHECK(ce->links[0].target_index == ref->index);
  f.Reopen();
  list = f.store->ListParties();
  REQUIRE_OK(list);
  for (const auto& q : *list)
    if (q.id == kFinBank) {
      CHECK(q.roles == std::vector<PartyRole>{PartyRole::kFinancingBank});
      CHECK(q.updated_at == changed->index);
      CHECK_FALSE(q.key_id.empty());  // the key is untouched
    }
  auto audit = f.store->Audit({});
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
  REQUIRE_OK(f.store->RevokeParty(kFinBank));
  CHECK(f.store->SetPartyRoles(kFinBank, {PartyRole::kIssuingBank}).status().code() ==
        StatusCode::kFailedPrecondition);
}

TEST_CASE("multi-role registry: an exporter that is shipper and declarant") {
  Fixture f;
  // The broker of the fixture becomes shipper too: it may now issue the
  // invoice as well as the declaration.
  REQUIRE_OK(f.store->SetPartyRoles(kBroker, {PartyRole::kShipper,
                                              PartyRole::kCustomsBroker}));
  auto r = f.store->Submit({f.Doc("customs-declaration.xml", kBroker)}, {});
  REQUIRE_OK(r);
  CHECK_MESSAGE(r->accepted, r->outcomes[0].reason);
  auto list = f.store->ListParties();
  REQUIRE_OK(list);
  for (const auto& q : *list)
    if (q.id == kBroker)
      CHECK(q.roles == std::vector<PartyRole>{PartyRole::kShipper, PartyRole::kCustomsBroker});
  auto audit = f.store->Audit({});
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
}

TEST_CASE("a format-1 store opens unchanged and is upgraded by its first write") {
  Fixture f;
  std::string dir = f.store->dir();
  f.store.reset();
  // Turn the party rows and meta format back into the format-1 layout
  // (no marker byte, one role string), as an older hub wrote them.
  {
    leveldb::DB* raw = nullptr;
    REQUIRE(leveldb::DB::Open(leveldb::Options(), dir + "/db", &raw).ok());
    std::unique_ptr<leveldb::DB> db(raw);
    for (const auto& [k, v] : Dump(db.get())) {
      if (k[0] != 'r') continue;
      auto st = store::DecodePartyState(v);
      REQUIRE_OK(st);
      std::string old;
      auto put_str = [&old](const std::string& x) {
        uint32_t n = static_cast<uint32_t>(x.size());
        for (int sh = 24; sh >= 0; sh -= 8) old.push_back(static_cast<char>((n >> sh) & 0xff));
        old += x;
      };
      put_str(st->party.party_id);
      put_str(st->party.name);
      REQUIRE(st->party.roles.size() == 1);
      put_str(st->party.roles[0]);
      put_str(st->party.public_key_spki);
      old.push_back(static_cast<char>(st->revoked ? 1 : 0));
      std::string tail = v.substr(v.size() - 16);
      old += tail;
      auto back = store::DecodePartyState(old);
      REQUIRE_OK(back);
      CHECK(store::EncodePartyState(*back) == v);
      REQUIRE(db->Put(leveldb::WriteOptions(), k, old).ok());
    }
    REQUIRE(db->Put(leveldb::WriteOptions(), "mformat", std::string("\0\1", 2)).ok());
  }
  OpenStoreOptions o;
  o.dir = dir;
  o.clock = &f.clock;
  auto st = Store::Open(o);
  REQUIRE_OK(st);
  f.store = std::move(*st);
  auto list = f.store->ListParties();
  REQUIRE_OK(list);
  CHECK(list->size() == 4);
  // Format 1 with version-2 entries is not a store an old hub could have
  // written: audit says so.
  auto a = f.store->Audit({});
  REQUIRE_OK(a);
  CHECK_FALSE(a->clean);
  CHECK(a->problem.find("meta format") != std::string::npos);
  // The first write upgrades every party row and the format in its batch.
  REQUIRE_OK(f.store->SetPartyRoles(kShipper, {PartyRole::kShipper, PartyRole::kConsignee}));
  auto rows = Dump(f.impl().db());
  CHECK(rows.at("mformat") == std::string("\0\2", 2));
  for (const auto& [k, v] : rows)
    if (k[0] == 'r') CHECK(v[0] == 2);
  a = f.store->Audit({});
  REQUIRE_OK(a);
  CHECK_MESSAGE(a->clean, a->problem);
}

TEST_CASE("issue 8: a forged document of each type is refused, then the issuer's accepted") {
  Fixture f;
  // Rogue parties holding the right role for each type, but not named in
  // the documents.
  f.Register("COBADEFFXXX", PartyRole::kIssuingBank);
  f.Register(kOtherShipper, PartyRole::kShipper);
  f.Register("BRKRCNSH", PartyRole::kCustomsBroker);
  f.Register("91510100MA6XKR2W1L", PartyRole::kCarrier);
  struct Case {
    const char* sample;
    std::string rogue, issuer, field, value;
  };
  const Case cases[] = {
      {"letter-of-credit.xml", "COBADEFFXXX", kBank, "IssuingBank/Bic", kBank},
      {"commercial-invoice.xml", kOtherShipper, kShipper, "Seller/Ids", kShipper},
      {"customs-declaration.xml", "BRKRCNSH", kBroker, "Declarant/Ids", kBroker},
      {"rail-waybill.xml", "91510100MA6XKR2W1L", kCarrier, "ContractingCarrier/Ids", kCarrier},
  };
  for (const Case& c : cases) {
    INFO(c.sample);
    auto before = Dump(f.impl().db());
    auto forged = f.store->Submit({f.Doc(c.sample, c.rogue)}, {});
    REQUIRE_OK(forged);
    CHECK_FALSE(forged->accepted);
    CHECK(forged->outcomes[0].code == "ISSUER-MISMATCH");
    const std::string& why = forged->outcomes[0].reason;
    CHECK(why.find(c.field) != std::string::npos);
    CHECK(why.find(c.value) != std::string::npos);
    CHECK(why.find(c.rogue) != std::string::npos);
    CHECK(Dump(f.impl().db()) == before);
    // The forgery claimed nothing: the real issuer's document goes in.
    auto real = f.store->Submit({f.Doc(c.sample, c.issuer)}, {});
    REQUIRE_OK(real);
    CHECK_MESSAGE(real->accepted, real->outcomes[0].code << ": " << real->outcomes[0].reason);
  }
  auto audit = f.store->Audit({});
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
}

TEST_CASE("issue 8: an amendment must come from the same issuer") {
  Fixture f;
  f.Register("BRKRCNSH", PartyRole::kCustomsBroker);
  auto first = f.store->Submit({f.Doc("customs-declaration.xml", kBroker)}, {});
  REQUIRE_OK(first);
  REQUIRE(first->accepted);
  const uint64_t cd = first->outcomes[0].entry.index;
  SubmitOptions amend;
  amend.amends = cd;
  auto before = Dump(f.impl().db());
  // Same declaration, signed by another broker: not its issuer.
  auto forged = f.store->Submit({f.Doc("customs-declaration.xml", "BRKRCNSH", "\n")}, amend);
  REQUIRE_OK(forged);
  CHECK(forged->outcomes[0].code == "ISSUER-MISMATCH");
  // The other broker names itself as declarant of the same declaration
  // number: a document of its own, but not an amendment it may make.
  std::string xml = Sample("customs-declaration.xml");
  const std::string from = "<c:Uscc>91510100MA62XJ8N0J</c:Uscc>";
  xml.replace(xml.find(from), from.size(), "<c:Bic>BRKRCNSH</c:Bic>");
  SubmitItem own{"cd-own.xml", Sign(xml, f.parties.at("BRKRCNSH").key)};
  auto other = f.store->Submit({own}, amend);
  REQUIRE_OK(other);
  CHECK(other->outcomes[0].code == "AMENDS-MISMATCH");
  CHECK(other->outcomes[0].reason.find("only its issuer may amend it") != std::string::npos);
  CHECK(Dump(f.impl().db()) == before);
  // The issuer amends.
  auto ok = f.store->Submit({f.Doc("customs-declaration.xml", kBroker, "\n")}, amend);
  REQUIRE_OK(ok);
  CHECK(ok->accepted);
}

TEST_CASE("issue 8: LC under a BIC 8, exporter declaring for itself, role required") {
  Fixture f;
  // The LC names the bank by BIC 8; the registered party is the BIC 11.
  std::string lc = Sample("letter-of-credit.xml");
  const std::string bic = "<c:Bic>LDZBPLP0XXX</c:Bic>\n  </lc:IssuingBank>";
  REQUIRE(lc.find(bic) != std::string::npos);
  lc.replace(lc.find(bic), bic.size(), "<c:Bic>LDZBPLP0</c:Bic>\n  </lc:IssuingBank>");
  auto r = f.store->Submit({{"lc8.xml", Sign(lc, f.parties.at(kBank).key)}}, {});
  REQUIRE_OK(r);
  CHECK_MESSAGE(r->accepted, r->outcomes[0].reason);

  // The exporter names itself as declarant and signs as shipper.
  std::string cd = Sample("customs-declaration.xml");
  const std::string from = "<c:Uscc>91510100MA62XJ8N0J</c:Uscc>";
  cd.replace(cd.find(from), from.size(), "<c:Uscc>91510113MA6CT4K21P</c:Uscc>");
  r = f.store->Submit({{"cd-self.xml", Sign(cd, f.parties.at(kShipper).key)}}, {});
  REQUIRE_OK(r);
  CHECK_MESSAGE(r->accepted, r->outcomes[0].reason);

  // Named as issuer but without the role: ROLE-NOT-ALLOWED.
  REQUIRE_OK(f.store->SetPartyRoles(kCarrier, {PartyRole::kConsignee}));
  auto before = Dump(f.impl().db());
  r = f.store->Submit({f.Doc("rail-waybill.xml", kCarrier)}, {});
  REQUIRE_OK(r);
  CHECK(r->outcomes[0].code == "ROLE-NOT-ALLOWED");
  CHECK(Dump(f.impl().db()) == before);
  auto audit = f.store->Audit({});
  REQUIRE_OK(audit);
  CHECK_MESSAGE(audit->clean, audit->problem);
}

TEST_CASE("issue 8: audit recomputes links and re-checks issuers, naming the entry") {
  // Natural keys of the sample invoice, as submit derives them (they do not
  // depend on who signed).
  std::vector<std::string> invoice_keys;
  {
    Fixture g;
    auto r = g.store->Submit({g.Doc("commercial-invoice.xml", kShipper)}, {});
    REQUIRE_OK(r);
    REQUIRE(r->accepted);
    auto e = g.store->GetEntry(r->outcomes[0].entry.index);
    REQUIRE_OK(e);
    invoice_keys = e->natural_keys;
  }
  auto raw_entry = [&](Fixture& f, const std::string& party, const std::string& bytes) {
    Entry e;
    e.type = EntryType::kDocument;
    e.submitter_party = party;
    e.submitter_key_id = f.parties.at(party).key.public_key().key_id();
    e.document_type = "commercial-invoice";
    e.natural_keys = invoice_keys;
    e.document_sha256 = Sha256(bytes);
    return e;
  };

  SUBCASE("an entry whose links are not the ones its document gives") {
    Fixture f;
    auto lc = f.store->Submit({f.Doc("letter-of-credit.xml", kBank)}, {});
    REQUIRE_OK(lc);
    REQUIRE(lc->accepted);
    // A waybill, then a role change of its carrier: the waybill is judged
    // as of its own entry, so the audit stays clean.
    REQUIRE(f.store->Submit({f.Doc("rail-waybill.xml", kCarrier)}, {})->accepted);
    REQUIRE_OK(f.store->SetPartyRoles(kCarrier, {PartyRole::kConsignee}));
    auto clean = f.store->Audit({});
    REQUIRE_OK(clean);
    CHECK_MESSAGE(clean->clean, clean->problem);
    // The invoice cites the credit and the consignment; appended raw, with
    // no links at all.
    SubmitItem inv = f.Doc("commercial-invoice.xml", kShipper);
    auto ref = f.impl().AppendRawForTesting(raw_entry(f, kShipper, inv.bytes), inv.bytes);
    REQUIRE_OK(ref);
    auto a = f.store->Audit({});
    REQUIRE_OK(a);
    CHECK_FALSE(a->clean);
    REQUIRE(a->bad_entry.has_value());
    CHECK(*a->bad_entry == ref->index);
    CHECK(a->problem.find("links (none) differ from the links recomputed") != std::string::npos);
    CHECK(a->problem.find("cites-credit->4") != std::string::npos);
  }
  SUBCASE("an entry whose document names another issuer") {
    Fixture f;
    f.Register(kOtherShipper, PartyRole::kShipper);
    SubmitItem forged = f.Doc("commercial-invoice.xml", kOtherShipper);
    auto ref =
        f.impl().AppendRawForTesting(raw_entry(f, kOtherShipper, forged.bytes), forged.bytes);
    REQUIRE_OK(ref);
    for (int threads : {1, 2}) {
      AuditOptions o;
      o.threads = threads;
      auto a = f.store->Audit(o);
      REQUIRE_OK(a);
      CHECK_FALSE(a->clean);
      REQUIRE(a->bad_entry.has_value());
      CHECK(*a->bad_entry == ref->index);
      CHECK(a->problem.find("ISSUER-MISMATCH: Seller/Ids of the commercial-invoice is "
                            "91510113MA6CT4K21P, but the document is signed by " +
                            std::string(kOtherShipper)) != std::string::npos);
    }
  }
}

}  // namespace
}  // namespace tradefin
