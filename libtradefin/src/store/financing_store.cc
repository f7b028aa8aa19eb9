// Financing entries in the store (docs/formats/store.md §6): the signed
// event (type 16), the hub-made encumbrance (type 17) and the `f` rows that
// make "is this shipment pledged?" one point read per key.
//
// Everything an append depends on is checked under the store's write lock,
// against the registry and the log as they stand at that moment, so a
// concurrent append can never fork a document's event chain (Follows must
// be the current head) or pledge one shipment twice (the `f` rows are read
// and written in the same locked section and the same WriteBatch).
#include <leveldb/iterator.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "store/codec.h"
#include "store/financing_audit.h"
#include "store/store_impl.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin::store {

namespace {

std::string EncKey(std::string_view shipment_key) {
  return std::string(1, kEncumbrancePrefix) + KeyHash(shipment_key);
}

std::string ChainKey(uint64_t financed) {
  return "financing:" + std::to_string(financed);
}

std::string U64Bytes(uint64_t v) {
  std::string s;
  PutU64(&s, v);
  return s;
}

// What the signature check found.
struct SignerCheck {
  std::string code, reason;
  const PartyState* party = nullptr;
  std::string key_id;
};

SignerCheck CheckSigner(std::string_view xml, const FinancingEvent& ev,
                        const RegistryTrust& trust) {
  SignerCheck out;
  auto vr = VerifyDocument(xml, VerifyPolicy(), trust);
  if (!vr.ok()) {
    out.code = "SIGNATURE-INVALID";
    out.reason = "signature could not be checked: " + vr.status().ToString();
    return out;
  }
  if (vr->verdict == SignatureVerdict::kUntrustedKey) {
    out.code = "SIGNER-UNKNOWN";
    out.reason = "the signing key " + (vr->key_name.empty() ? std::string("(no KeyName)") : vr->key_name) +
                 " is not the current key of a registered, unrevoked party";
    return out;
  }
  if (!vr->valid()) {
    out.code = "SIGNATURE-INVALID";
    out.reason = std::string(SignatureVerdictName(vr->verdict)) + ": " + vr->reason;
    return out;
  }
  out.party = trust.PartyOfKey(vr->key_id);
  out.key_id = vr->key_id;
  if (out.party == nullptr) {
    out.code = "SIGNER-UNKNOWN";
    out.reason = "key " + vr->key_id + " has no party";
    return out;
  }
  if (out.party->party.party_id != ev.actor) {
    out.code = "SIGNER-NOT-ACTOR";
    out.reason = "the event names " + ev.actor + " as the acting party but is signed by " +
                 out.party->party.party_id;
    return out;
  }
  std::vector<std::string_view> roles = FinancingEventRoles(ev.kind);
  if (!PartyHoldsRole(*out.party, roles)) {
    std::string want;
    for (auto r : roles) want += (want.empty() ? "" : " or ") + std::string(r);
    out.code = "ROLE-NOT-ALLOWED";
    std::string held;
    for (const auto& r : out.party->party.roles) held += (held.empty() ? "" : ", ") + r;
    out.reason = "party " + ev.actor + " holds the roles " + held + "; a " +
                 std::string(FinancingEventKindName(ev.kind)) + " must be signed by a " + want;
  }
  return out;
}

}  // namespace

bool PartyHoldsRole(const PartyState& party, const std::vector<std::string_view>& roles) {
  if (roles.empty()) return true;
  for (std::string_view r : roles)
    for (const std::string& held : party.party.roles)
      if (held == r) return true;
  return false;
}

Status StoreImpl::EnsureEventReader() const {
  if (event_reader_) return Status();
  TRADEFIN_ASSIGN_OR_RETURN(event_reader_, FinancingEventReader::Create());
  return Status();
}

Result<EntryRef> StoreImpl::AppendHubSigned(Batch* b, Entry* e, int64_t time_ms) {
  e->version = kEntryFormatVersion;
  e->origin = origin_;
  e->index = b->size;
  e->time_ms = time_ms;
  e->prev_leaf_hash = b->last_leaf;
  e->submitter_key_id = HashHex(Sha256(hub_spki_));
  TRADEFIN_ASSIGN_OR_RETURN(e->hub_signature, hub_signer_->SignRaw(EntrySigningInput(*e)));
  // The signature covers time_ms: Append must not re-read the clock (it
  // did, and a slow step made the encumbrance's hub signature fail audit).
  return Append(b, e, nullptr, time_ms);
}

Result<FinancingAppendReport> StoreImpl::AppendFinancingEvent(const FinancingAppend& req) {
  // Everything below runs under mu_, so it reads rows through the
  // lock-free ReadEntryRow / ActiveEncumbranceAt, never the public readers.
  std::lock_guard<std::mutex> l(mu_);
  TRADEFIN_RETURN_IF_ERROR(CheckTip());
  TRADEFIN_RETURN_IF_ERROR(EnsureEventReader());
  FinancingAppendReport report;
  report.tree_size = size_;
  auto refuse = [&](std::string code, std::string reason) {
    report.accepted = false;
    report.code = std::move(code);
    report.reason = std::move(reason);
    return report;
  };
  auto parsed = event_reader_->Parse(req.event_xml);
  if (!parsed.ok()) return refuse("INVALID-EVENT", std::string(parsed.status().message()));
  const FinancingEvent& ev = *parsed;

  RegistryTrust trust(parties_);
  SignerCheck sc = CheckSigner(req.event_xml, ev, trust);
  if (!sc.code.empty()) return refuse(sc.code, sc.reason);

  // Financed: a document entry named by index, leaf hash and unique key.
  auto fin_bytes = ReadEntryRow(ev.financed_entry, size_);
  if (!fin_bytes.ok()) {
    if (fin_bytes.status().code() != StatusCode::kNotFound) return fin_bytes.status();
    return refuse("FINANCED-MISMATCH", "entry " + std::to_string(ev.financed_entry) + " does not exist");
  }
  TRADEFIN_ASSIGN_OR_RETURN(Entry fin, DecodeEntry(*fin_bytes));
  if (fin.type != EntryType::kDocument || fin.natural_keys.empty())
    return refuse("FINANCED-MISMATCH", "entry " + std::to_string(ev.financed_entry) + " is a " +
                                           std::string(EntryTypeName(fin.type)) + ", not a document");
  Sha256Hash fin_leaf = EntryLeafHash(*fin_bytes);
  if (HashHex(fin_leaf) != ev.financed_leaf_hash || fin.natural_keys[0] != ev.financed_key)
    return refuse("FINANCED-MISMATCH", "Financed names entry " + std::to_string(ev.financed_entry) +
                                           " with a leaf hash or natural key that is not that entry's (" +
                                           fin.natural_keys[0] + ")");

  // Chain head: the newest event on this document.
  TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> chain,
                            IndexScan(kKeyPrefix, KeyHash(ChainKey(ev.financed_entry))));
  std::optional<std::pair<uint64_t, Sha256Hash>> head;
  if (!chain.empty()) {
    uint64_t h = chain.back();
    TRADEFIN_ASSIGN_OR_RETURN(std::string hb, ReadEntryRow(h, size_));
    head = std::make_pair(h, EntryLeafHash(hb));
  }
  if (!head && ev.follows_entry)
    return refuse("STALE-CHAIN", "Follows names entry " + std::to_string(*ev.follows_entry) +
                                     " but entry " + std::to_string(ev.financed_entry) +
                                     " has no financing events yet");
  if (head && (!ev.follows_entry || *ev.follows_entry != head->first ||
               ev.follows_leaf_hash != HashHex(head->second)))
    return refuse("STALE-CHAIN", "the last event on entry " + std::to_string(ev.financed_entry) +
                                     " is entry " + std::to_string(head->first) +
                                     "; the event must follow it (draft it again)");

  // Encumbrances.
  for (const std::string& k : req.check_keys) {
    TRADEFIN_ASSIGN_OR_RETURN(std::optional<EncumbranceInfo> info, ActiveEncumbranceAt(k, size_));
    if (info) {
      report.conflict = info;
      return refuse("DOUBLE-FINANCING",
                    "the shipment is already pledged: " + k + " is encumbered by the pledge in entry " +
                        std::to_string(info->pledge_entry) + " (bank " + info->bank + ", " +
                        info->amount.ToString() + ", " + FormatUtcTime(info->pledged_ms) +
                        ", on document entry " + std::to_string(info->financed) + ")");
    }
  }
  std::optional<Entry> to_release;
  if (req.release_pledge) {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> encs,
                              IndexScan(kKeyPrefix, KeyHash("encumbrance:" + std::to_string(ev.financed_entry))));
    if (!encs.empty()) {
      TRADEFIN_ASSIGN_OR_RETURN(std::string lb, ReadEntryRow(encs.back(), size_));
      TRADEFIN_ASSIGN_OR_RETURN(Entry last, DecodeEntry(lb));
      if (last.encumbrance.action == "encumber" && last.encumbrance.pledge == *req.release_pledge)
        to_release = std::move(last);
    }
    if (!to_release)
      return refuse("NO-ENCUMBRANCE", "no active encumbrance from the pledge in entry " +
                                          std::to_string(*req.release_pledge));
  }

  Batch b = BeginBatch();
  const int64_t now = clock_->NowUnixMillis();
  FixedClock fixed(now);
  const Clock* saved = clock_;
  clock_ = &fixed;
  Entry e;
  e.type = EntryType::kFinancingEvent;
  e.submitter_party = ev.actor;
  e.submitter_key_id = sc.key_id;
  e.natural_keys = {ChainKey(ev.financed_entry),
                    "financing-kind:" + std::string(FinancingEventKindName(ev.kind))};
  e.links.push_back({"finances", ev.financed_entry, fin_leaf});
  if (head) e.links.push_back({"follows", head->first, head->second});
  e.document_sha256 = Sha256(req.event_xml);
  EntryRef evref = Append(&b, &e, &req.event_xml);
  clock_ = saved;
  report.event_index = evref.index;
  report.event_leaf_hash = evref.leaf_hash;

  if (req.encumber) {
    Entry en;
    en.type = EntryType::kEncumbrance;
    std::set<std::string> keys(req.check_keys.begin(), req.check_keys.end());
    en.natural_keys.push_back("encumbrance:" + std::to_string(ev.financed_entry));
    for (const auto& k : keys) en.natural_keys.push_back("encumbered:" + k);
    en.links.push_back({"encumbered-by", evref.index, evref.leaf_hash});
    en.encumbrance = {"encumber", evref.index, ev.financed_entry, ev.actor,
                      req.pledged.currency, static_cast<uint64_t>(req.pledged.minor_units),
                      ev.time_ms};
    TRADEFIN_ASSIGN_OR_RETURN(EntryRef r, AppendHubSigned(&b, &en, now));
    for (const auto& k : keys) b.wb.Put(EncKey(k), U64Bytes(r.index));
    report.encumbrance_index = r.index;
  } else if (to_release) {
    Entry en;
    en.type = EntryType::kEncumbrance;
    en.natural_keys = to_release->natural_keys;
    TRADEFIN_ASSIGN_OR_RETURN(std::string rb, ReadEntryRow(to_release->index, size_));
    en.links.push_back({"releases", to_release->index, EntryLeafHash(rb)});
    en.links.push_back({"released-by", evref.index, evref.leaf_hash});
    en.encumbrance = to_release->encumbrance;
    en.encumbrance.action = "release";
    TRADEFIN_ASSIGN_OR_RETURN(EntryRef r, AppendHubSigned(&b, &en, now));
    for (size_t i = 1; i < to_release->natural_keys.size(); ++i) {
      std::string k = to_release->natural_keys[i].substr(std::string("encumbered:").size());
      b.wb.Delete(EncKey(k));
    }
    report.encumbrance_index = r.index;
  }
  TRADEFIN_RETURN_IF_ERROR(Commit(&b));
  report.accepted = true;
  report.tree_size = size_;
  return report;
}

Result<std::optional<EncumbranceInfo>> StoreImpl::ActiveEncumbrance(std::string_view key) const {
  return ActiveEncumbranceAt(key, size());
}

Result<std::optional<EncumbranceInfo>> StoreImpl::ActiveEncumbranceAt(
    std::string_view key, uint64_t log_size) const {
  auto v = Get(EncKey(key));
  if (!v.ok()) {
    if (v.status().code() == StatusCode::kNotFound) return std::optional<EncumbranceInfo>();
    return v.status();
  }
  if (v->size() != 8) return Status::Corruption("encumbrance row for " + std::string(key) + " is not 8 bytes");
  uint64_t idx = DecodeU64(*v);
  TRADEFIN_ASSIGN_OR_RETURN(std::string eb, ReadEntryRow(idx, log_size));
  TRADEFIN_ASSIGN_OR_RETURN(Entry e, DecodeEntry(eb));
  if (e.type != EntryType::kEncumbrance || e.encumbrance.action != "encumber")
    return Status::Corruption("encumbrance row for " + std::string(key) + " points to entry " +
                              std::to_string(idx) + ", which is not an encumber entry");
  EncumbranceInfo info;
  info.key = std::string(key);
  info.entry = idx;
  info.pledge_entry = e.encumbrance.pledge;
  info.financed = e.encumbrance.financed;
  info.bank = e.encumbrance.bank;
  info.amount = Money{e.encumbrance.currency, static_cast<int64_t>(e.encumbrance.amount)};
  info.pledged_ms = e.encumbrance.pledged_ms;
  return std::optional<EncumbranceInfo>(std::move(info));
}

Result<std::string> StoreImpl::GetFinancingEvent(uint64_t index) const {
  TRADEFIN_ASSIGN_OR_RETURN(Entry e, GetEntry(index));
  if (e.type != EntryType::kFinancingEvent)
    return Status::NotFound("entry " + std::to_string(index) + " is a " +
                            std::string(EntryTypeName(e.type)) + ", not a financing event");
  auto v = Get(std::string(1, kBlobPrefix) + HashBytes(e.document_sha256));
  if (!v.ok() && v.status().code() == StatusCode::kNotFound)
    return Status::Corruption("event XML of entry " + std::to_string(index) + " is missing");
  return v;
}

// ------------------------------------------------------------------ audit

std::string AuditFinancingEntry(leveldb::DB* db, const leveldb::ReadOptions& ro,
                                const Entry& e, const RegistryTrust& trust,
                                const PublicKey& hub, const std::string& hub_key_id,
                                const FinancingEventReader& reader,
                                FinancingAuditState* state) {
  if (e.type == EntryType::kEncumbrance) {
    if (e.submitter_key_id != hub_key_id || !hub.Verify(EntrySigningInput(e), e.hub_signature))
      return "hub signature on the encumbrance entry does not verify";
    if (e.natural_keys.empty() ||
        e.natural_keys[0] != "encumbrance:" + std::to_string(e.encumbrance.financed))
      return "encumbrance entry's first natural key does not name its financed entry";
    for (size_t i = 1; i < e.natural_keys.size(); ++i) {
      const std::string& k = e.natural_keys[i];
      if (k.rfind("encumbered:", 0) != 0) return "encumbrance key '" + k + "' is malformed";
      std::string sk = k.substr(11);
      if (e.encumbrance.action == "encumber") {
        if (state->active.count(sk)) return "shipment key " + sk + " encumbered twice";
        state->active[sk] = e.index;
      } else {
        if (e.links.empty() || state->active[sk] != e.links[0].target_index)
          return "release of " + sk + " does not match its active encumbrance";
        state->active.erase(sk);
      }
    }
    return "";
  }
  std::string xml;
  if (!db->Get(ro, std::string(1, kBlobPrefix) + HashBytes(e.document_sha256), &xml).ok())
    return "financing event XML is missing";
  if (Sha256(xml) != e.document_sha256)
    return "event XML does not hash to the entry's document_sha256";
  auto ev = reader.Parse(xml);
  if (!ev.ok()) return "stored event no longer validates: " + std::string(ev.status().message());
  SignerCheck sc = CheckSigner(xml, *ev, trust);
  if (!sc.code.empty())
    return "event does not check against the registry as it stood: " + sc.code + ": " + sc.reason;
  if (e.submitter_party != ev->actor || e.submitter_key_id != sc.key_id)
    return "entry submitter does not match the event's signer";
  if (e.natural_keys.empty() || e.natural_keys[0] != ChainKey(ev->financed_entry))
    return "event entry's chain key does not name the financed entry";
  if (e.links.empty() || e.links[0].relation != "finances" ||
      e.links[0].target_index != ev->financed_entry ||
      HashHex(e.links[0].target_leaf_hash) != ev->financed_leaf_hash)
    return "event entry's finances link does not match the event";
  bool has_follows = e.links.size() > 1 && e.links[1].relation == "follows";
  if (has_follows != ev->follows_entry.has_value() ||
      (has_follows && (e.links[1].target_index != *ev->follows_entry ||
                       HashHex(e.links[1].target_leaf_hash) != ev->follows_leaf_hash)))
    return "event entry's follows link does not match the event";
  return "";
}

std::string AuditEncumbranceRows(leveldb::DB* db, const leveldb::ReadOptions& ro,
                                 const FinancingAuditState& state) {
  std::map<std::string, uint64_t> want;
  for (const auto& [k, idx] : state.active) want[EncKey(k)] = idx;
  size_t rows = 0;
  std::unique_ptr<leveldb::Iterator> it(db->NewIterator(ro));
  const std::string p(1, kEncumbrancePrefix);
  for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
    ++rows;
    auto w = want.find(it->key().ToString());
    if (w == want.end() || it->value().size() != 8 ||
        DecodeU64(std::string_view(it->value().data(), 8)) != w->second)
      return "encumbrance row " + HexEncode(it->key().ToString().substr(1)) +
             " differs from the encumbrances replayed from the log";
  }
  if (rows != want.size()) return "encumbrance rows are missing";
  return "";
}

}  // namespace tradefin::store
