// The store-backed financing service and the offline replay
// (tradefin/workflow/financing.h, docs/guide/financing.md).
#include "tradefin/workflow/financing.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <variant>

#include "tradefin/document/validate.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin {

namespace {

std::string ChainKey(uint64_t financed) { return "financing:" + std::to_string(financed); }

std::string KindOf(const std::string& key) { return key.substr(0, key.find(':')); }

bool IsShipmentKind(const std::string& kind) {
  return kind == "consignment" || kind == "container" || kind == "declaration" ||
         kind == "invoice" || kind == "credit";
}

// Identifiers strong enough to say "same shipment": a container is reused
// for years and a credit covers many shipments, so the one-hop expansion
// never goes through them (they are still encumbered when carried).
bool ExpandsThrough(const std::string& kind) {
  return kind == "consignment" || kind == "declaration" || kind == "invoice";
}

// Checks one record against the previous one and applies it. Returns "" or
// the problem.
std::string ApplyRecord(const FinancingRecord& rec, const FinancingEventReader& reader,
                        const TrustStore* trust, const FinancingContext& ctx,
                        FinancingReplay* r, uint64_t* index_out) {
  auto entry = DecodeEntry(rec.entry_bytes);
  if (!entry.ok()) return std::string(entry.status().message());
  *index_out = entry->index;
  if (entry->type != EntryType::kFinancingEvent)
    return "entry " + std::to_string(entry->index) + " is a " +
           std::string(EntryTypeName(entry->type)) + ", not a financing event";
  if (Sha256(rec.event_xml) != entry->document_sha256)
    return "the event XML does not hash to the entry's document_sha256";
  auto ev = reader.Parse(rec.event_xml);
  if (!ev.ok()) return std::string(ev.status().message());
  if (entry->submitter_party != ev->actor)
    return "the entry's submitter " + entry->submitter_party + " is not the event's actor " +
           ev->actor;
  if (trust != nullptr) {
    auto vr = VerifyDocument(rec.event_xml, VerifyPolicy(), *trust);
    if (!vr.ok()) return "signature could not be checked: " + vr.status().ToString();
    if (!vr->valid())
      return "signature: " + std::string(SignatureVerdictName(vr->verdict)) + ": " + vr->reason;
    if (vr->signer != ev->actor)
      return "the event is signed by " + vr->signer + ", not by its actor " + ev->actor;
  }
  if (!r->events.empty() && ev->financed_entry != r->financed)
    return "the event finances entry " + std::to_string(ev->financed_entry) + ", not " +
           std::to_string(r->financed);
  if (entry->links.empty() || entry->links[0].relation != "finances" ||
      entry->links[0].target_index != ev->financed_entry ||
      HashHex(entry->links[0].target_leaf_hash) != ev->financed_leaf_hash)
    return "the entry's finances link does not match the event";
  bool has_follows = entry->links.size() > 1 && entry->links[1].relation == "follows";
  if (!r->last_event) {
    if (has_follows || ev->follows_entry) return "the first event must not follow another";
  } else {
    if (!has_follows || !ev->follows_entry || *ev->follows_entry != *r->last_event ||
        entry->links[1].target_index != *r->last_event ||
        ev->follows_leaf_hash != r->last_leaf_hash ||
        HashHex(entry->links[1].target_leaf_hash) != r->last_leaf_hash)
      return "the event does not follow the previous event (entry " +
             std::to_string(*r->last_event) + ")";
  }
  r->financed = ev->financed_entry;
  StepVerdict v = ApplyFinancingEvent(*ev, entry->index, ctx, r);
  if (!v.ok) return v.code + ": " + v.reason;
  r->last_leaf_hash = HashHex(EntryLeafHash(rec.entry_bytes));
  return "";
}

void ReplayInto(const std::vector<FinancingRecord>& records, const FinancingEventReader& reader,
                const TrustStore* trust, const FinancingContext& ctx, FinancingReplay* r) {
  for (const FinancingRecord& rec : records) {
    uint64_t idx = 0;
    std::string problem = ApplyRecord(rec, reader, trust, ctx, r, &idx);
    if (!problem.empty()) {
      r->consistent = false;
      r->bad_entry = idx;
      r->problem = std::move(problem);
      return;
    }
  }
}

class FinancingImpl final : public Financing {
 public:
  FinancingImpl(Store& store, const FinancingOptions& o,
                std::unique_ptr<FinancingEventReader> reader, std::unique_ptr<Validator> validator)
      : store_(store),
        options_(o),
        clock_(o.clock != nullptr ? o.clock : &SystemClock()),
        reader_(std::move(reader)),
        validator_(std::move(validator)) {}

  Result<std::string> Draft(const FinancingAct& act) const override {
    TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, store_.GetEntryBytes(act.financed));
    TRADEFIN_ASSIGN_OR_RETURN(Entry fin, DecodeEntry(bytes));
    if (fin.type != EntryType::kDocument || fin.natural_keys.empty())
      return ::tradefin::Status::InvalidArgument("entry " + std::to_string(act.financed) + " is a " +
                                     std::string(EntryTypeName(fin.type)) +
                                     ", not a document; only documents are financed");
    TRADEFIN_RETURN_IF_ERROR(CheckActFields(act));
    TRADEFIN_ASSIGN_OR_RETURN(FinancingReplay r, Status(act.financed));
    FinancingEvent ev;
    ev.kind = act.kind;
    ev.financed_entry = act.financed;
    ev.financed_leaf_hash = HashHex(EntryLeafHash(bytes));
    ev.financed_key = fin.natural_keys[0];
    if (r.last_event) {
      ev.follows_entry = r.last_event;
      ev.follows_leaf_hash = r.last_leaf_hash;
    }
    ev.actor = act.actor;
    int64_t t = act.time_ms ? *act.time_ms : clock_->NowUnixMillis();
    ev.time_ms = t - (t % 1000 + 1000) % 1000;
    ev.amount = act.amount;
    ev.bank = act.bank;
    ev.tenor_days = act.tenor_days;
    ev.advance_rate_bp = act.advance_rate_bp;
    ev.guarantor = act.guarantor;
    ev.covered_share_bp = act.covered_share_bp;
    ev.to = act.to;
    ev.reason = act.reason;
    return FinancingEventXml(ev);
  }

  Result<StepReport> Submit(std::string_view xml) override {
    StepReport report;
    auto ev = reader_->Parse(xml);
    if (!ev.ok()) {
      report.code = "INVALID-EVENT";
      report.reason = std::string(ev.status().message());
      return report;
    }
    auto fin_entry = store_.GetEntry(ev->financed_entry);
    if (!fin_entry.ok()) {
      if (fin_entry.status().code() != StatusCode::kNotFound) return fin_entry.status();
      report.code = "FINANCED-MISMATCH";
      report.reason = std::string(fin_entry.status().message());
      return report;
    }
    TRADEFIN_ASSIGN_OR_RETURN(FinancingReplay r, Status(ev->financed_entry));
    report.state_before = r.state;
    report.allowed = AllowedFinancingSteps(r);
    report.after = r;
    FinancingContext ctx;
    ctx.financed_issuer = fin_entry->submitter_party;
    ctx.financed_type = fin_entry->document_type;
    const bool checks_keys =
        ev->kind == FinancingEventKind::kRequest || ev->kind == FinancingEventKind::kApprove;
    if (checks_keys && ev->amount) {
      TRADEFIN_ASSIGN_OR_RETURN(ctx.shipment_value,
                                ShipmentValue(ev->financed_entry, ev->amount->currency));
    }
    FinancingReplay probe = r;
    StepVerdict v = ApplyFinancingEvent(*ev, store_.size(), ctx, &probe);
    if (!v.ok) {
      report.code = v.code;
      report.reason = v.reason;
      return report;
    }
    FinancingAppend app;
    app.event_xml = std::string(xml);
    if (checks_keys) {
      TRADEFIN_ASSIGN_OR_RETURN(app.check_keys, ShipmentKeys(ev->financed_entry));
    }
    if (ev->kind == FinancingEventKind::kApprove) {
      app.encumber = true;
      app.pledged = *ev->amount;
    }
    if (ev->kind == FinancingEventKind::kRelease) app.release_pledge = r.pledge_entry;
    TRADEFIN_ASSIGN_OR_RETURN(FinancingAppendReport ar, store_.AppendFinancingEvent(app));
    if (!ar.accepted) {
      report.code = ar.code;
      report.reason = ar.reason;
      report.existing_pledge = ar.conflict;
      return report;
    }
    StepVerdict applied = ApplyFinancingEvent(*ev, ar.event_index, ctx, &r);
    if (!applied.ok)
      return ::tradefin::Status::Internal("state machine disagreed with itself on entry " +
                              std::to_string(ar.event_index));
    r.financed = ev->financed_entry;
    r.last_leaf_hash = HashHex(ar.event_leaf_hash);
    {
      std::lock_guard<std::mutex> l(mu_);
      cache_[r.financed] = r;
    }
    report.accepted = true;
    report.event_entry = ar.event_index;
    report.encumbrance_entry = ar.encumbrance_index;
    report.after = std::move(r);
    return report;
  }

  Result<StepReport> Act(const FinancingAct& act, const Signer& signer) override {
    TRADEFIN_ASSIGN_OR_RETURN(std::string xml, Draft(act));
    // No verify-after-signing here: Submit hands the event to the store,
    // which verifies the signature against the registry under its write
    // lock before anything is written, so a faulty signer is refused
    // (SIGNATURE-INVALID) exactly as it would be here, one verification
    // cheaper.
    SignOptions sign;
    sign.verify_after_signing = false;
    TRADEFIN_ASSIGN_OR_RETURN(std::string signed_xml, SignDocument(xml, signer, sign));
    return Submit(signed_xml);
  }

  Result<FinancingReplay> Status(uint64_t financed) const override {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> chain, store_.History(ChainKey(financed)));
    FinancingReplay r;
    r.financed = financed;
    size_t start = 0;
    {
      std::lock_guard<std::mutex> l(mu_);
      auto c = cache_.find(financed);
      if (c != cache_.end() && c->second.last_event) {
        auto pos = std::find(chain.begin(), chain.end(), *c->second.last_event);
        if (pos != chain.end()) {
          r = c->second;
          start = static_cast<size_t>(pos - chain.begin()) + 1;
        }
      }
    }
    if (start == 0 && chain.empty()) {
      TRADEFIN_RETURN_IF_ERROR(store_.GetEntryBytes(financed).status());
      return r;
    }
    std::vector<FinancingRecord> records;
    for (size_t i = start; i < chain.size(); ++i) {
      FinancingRecord rec;
      TRADEFIN_ASSIGN_OR_RETURN(rec.entry_bytes, store_.GetEntryBytes(chain[i]));
      TRADEFIN_ASSIGN_OR_RETURN(rec.event_xml, store_.GetFinancingEvent(chain[i]));
      records.push_back(std::move(rec));
    }
    FinancingContext ctx;
    TRADEFIN_ASSIGN_OR_RETURN(Entry fin, store_.GetEntry(financed));
    ctx.financed_issuer = fin.submitter_party;
    ctx.financed_type = fin.document_type;
    // The store already checked signatures and amounts against the value
    // when it accepted each event; replaying its own log needs neither.
    ReplayInto(records, *reader_, nullptr, ctx, &r);
    if (!r.consistent)
      return ::tradefin::Status::Corruption("financing events of entry " + std::to_string(financed) +
                                " do not replay: entry " + std::to_string(r.bad_entry.value_or(0)) +
                                ": " + r.problem);
    std::lock_guard<std::mutex> l(mu_);
    cache_[financed] = r;
    return r;
  }

  Result<std::vector<FinancingReplay>> List(std::optional<FinancingState> state,
                                            std::string_view party) const override {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> requests,
                              store_.History("financing-kind:request"));
    std::set<uint64_t> financed;
    for (uint64_t idx : requests) {
      TRADEFIN_ASSIGN_OR_RETURN(Entry e, store_.GetEntry(idx));
      if (!e.links.empty()) financed.insert(e.links[0].target_index);
    }
    // Transfers and deliveries can come before any request.
    for (std::string_view k : {"financing-kind:transfer", "financing-kind:deliver"}) {
      TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> v, store_.History(k));
      for (uint64_t idx : v) {
        TRADEFIN_ASSIGN_OR_RETURN(Entry e, store_.GetEntry(idx));
        if (!e.links.empty()) financed.insert(e.links[0].target_index);
      }
    }
    std::vector<FinancingReplay> out;
    for (uint64_t f : financed) {
      TRADEFIN_ASSIGN_OR_RETURN(FinancingReplay r, Status(f));
      if (state && r.state != *state) continue;
      if (!party.empty() && r.borrower != party && r.bank != party && r.guarantor != party &&
          r.controller != party)
        continue;
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<std::vector<std::string>> ShipmentKeys(uint64_t financed) const override {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<Entry> docs, ShipmentDocuments(financed));
    std::set<std::string> keys;
    for (const Entry& d : docs)
      for (size_t i = 1; i < d.natural_keys.size(); ++i) {
        std::string kind = KindOf(d.natural_keys[i]);
        if (!IsShipmentKind(kind)) continue;
        if (kind == "credit" && !options_.encumber_credit) continue;
        keys.insert(d.natural_keys[i]);
      }
    return std::vector<std::string>(keys.begin(), keys.end());
  }

  Result<std::optional<Money>> ShipmentValue(uint64_t financed,
                                             std::string_view currency) const override {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<Entry> docs, ShipmentDocuments(financed));
    std::optional<Money> best;
    for (const Entry& d : docs) {
      if (d.document_type != "commercial-invoice" && d.document_type != "customs-declaration")
        continue;
      TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, store_.GetDocument(d.index));
      auto doc = validator_->Parse(bytes, "entry " + std::to_string(d.index));
      if (!doc.ok()) continue;  // accepted by the store, so it parsed once
      std::optional<Money> total;
      if (auto* ci = std::get_if<CommercialInvoice>(&doc->model)) total = ci->total;
      if (auto* cd = std::get_if<CustomsDeclaration>(&doc->model)) total = cd->total;
      if (!total || total->currency != currency) continue;
      if (!best || total->minor_units < best->minor_units) best = total;
    }
    return best;
  }

  Result<std::vector<PledgeFinding>> FindPledges(
      const std::vector<std::string>& identifiers) const override {
    std::vector<std::string> keys;
    for (const std::string& id : identifiers) {
      if (id.find(':') != std::string::npos) {
        keys.push_back(id);
      } else {
        for (const char* k : {"consignment", "container", "declaration", "invoice", "credit"})
          keys.push_back(std::string(k) + ":" + id);
      }
    }
    std::map<uint64_t, PledgeFinding> found;
    for (const std::string& k : keys) {
      TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> v, store_.History("encumbered:" + k));
      TRADEFIN_ASSIGN_OR_RETURN(std::optional<EncumbranceInfo> active, store_.ActiveEncumbrance(k));
      for (uint64_t idx : v) {
        TRADEFIN_ASSIGN_OR_RETURN(Entry e, store_.GetEntry(idx));
        if (e.type != EntryType::kEncumbrance || e.encumbrance.action != "encumber") continue;
        if (found.count(idx)) continue;
        PledgeFinding p;
        p.key = k;
        p.encumbrance_entry = idx;
        p.pledge_entry = e.encumbrance.pledge;
        p.financed = e.encumbrance.financed;
        p.bank = e.encumbrance.bank;
        p.amount = Money{e.encumbrance.currency, static_cast<int64_t>(e.encumbrance.amount)};
        p.pledged_ms = e.encumbrance.pledged_ms;
        p.active = active && active->entry == idx;
        found[idx] = p;
      }
    }
    std::vector<PledgeFinding> out;
    for (auto& [idx, p] : found) out.push_back(std::move(p));
    return out;
  }

 private:
  static ::tradefin::Status CheckActFields(const FinancingAct& act) {
    auto need = [&](bool ok, const char* what) {
      return ok ? ::tradefin::Status()
                : ::tradefin::Status::InvalidArgument(std::string("a ") +
                                          std::string(FinancingEventKindName(act.kind)) +
                                          " needs " + what);
    };
    if (act.actor.empty()) return ::tradefin::Status::InvalidArgument("the acting party is missing");
    switch (act.kind) {
      case FinancingEventKind::kRequest:
        TRADEFIN_RETURN_IF_ERROR(need(act.amount.has_value(), "an amount"));
        TRADEFIN_RETURN_IF_ERROR(need(!act.bank.empty(), "a bank"));
        return need(act.tenor_days >= 1 && act.tenor_days <= 3650, "a tenor of 1 to 3650 days");
      case FinancingEventKind::kApprove:
        TRADEFIN_RETURN_IF_ERROR(need(act.amount.has_value(), "an amount"));
        return need(act.advance_rate_bp >= 1 && act.advance_rate_bp <= 10000,
                    "an advance rate of 1 to 10000 basis points");
      case FinancingEventKind::kGuarantee:
        return need(act.covered_share_bp >= 1 && act.covered_share_bp <= 10000,
                    "a covered share of 1 to 10000 basis points");
      case FinancingEventKind::kClaim:
        TRADEFIN_RETURN_IF_ERROR(need(!act.guarantor.empty(), "a guarantor"));
        return need(act.amount.has_value(), "an amount");
      case FinancingEventKind::kDisburse:
      case FinancingEventKind::kRepay:
      case FinancingEventKind::kSettle:
        return need(act.amount.has_value(), "an amount");
      case FinancingEventKind::kTransfer:
        return need(!act.to.empty(), "the party to transfer control to");
      default:
        return ::tradefin::Status();
    }
  }

  // The financed document and every document entry sharing one of its
  // consignment, declaration or invoice numbers (one hop, newest 64 each).
  Result<std::vector<Entry>> ShipmentDocuments(uint64_t financed) const {
    TRADEFIN_ASSIGN_OR_RETURN(Entry fin, store_.GetEntry(financed));
    if (fin.type != EntryType::kDocument)
      return ::tradefin::Status::InvalidArgument("entry " + std::to_string(financed) + " is not a document");
    std::map<uint64_t, Entry> docs;
    for (size_t i = 1; i < fin.natural_keys.size(); ++i) {
      if (!ExpandsThrough(KindOf(fin.natural_keys[i]))) continue;
      TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> v, store_.History(fin.natural_keys[i]));
      if (v.size() > 64) v.erase(v.begin(), v.end() - 64);
      for (uint64_t idx : v) {
        if (idx == financed || docs.count(idx)) continue;
        TRADEFIN_ASSIGN_OR_RETURN(Entry e, store_.GetEntry(idx));
        if (e.type == EntryType::kDocument) docs.emplace(idx, std::move(e));
      }
    }
    std::vector<Entry> out{fin};
    for (auto& [idx, e] : docs) out.push_back(std::move(e));
    return out;
  }

  Store& store_;
  FinancingOptions options_;
  const Clock* clock_;
  std::unique_ptr<FinancingEventReader> reader_;
  std::unique_ptr<Validator> validator_;
  mutable std::mutex mu_;
  mutable std::map<uint64_t, FinancingReplay> cache_;
};

}  // namespace

Financing::~Financing() = default;

Result<std::unique_ptr<Financing>> Financing::Create(Store& store,
                                                     const FinancingOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(std::unique_ptr<FinancingEventReader> reader,
                            FinancingEventReader::Create());
  TRADEFIN_ASSIGN_OR_RETURN(std::unique_ptr<Validator> validator,
                            Validator::Create(ValidateOptions()));
  return std::unique_ptr<Financing>(
      new FinancingImpl(store, options, std::move(reader), std::move(validator)));
}

Result<FinancingReplay> ReplayFinancing(const std::vector<FinancingRecord>& records,
                                        const ReplayOptions& options) {
  std::unique_ptr<FinancingEventReader> own;
  const FinancingEventReader* reader = options.reader;
  if (reader == nullptr) {
    TRADEFIN_ASSIGN_OR_RETURN(own, FinancingEventReader::Create());
    reader = own.get();
  }
  FinancingReplay r;
  ReplayInto(records, *reader, options.trust, options.context, &r);
  return r;
}

}  // namespace tradefin
