// Guarantor bundles (docs/formats/bundle.md): export from a store, verify
// offline. Verification only uses public, store-free checks (proof.h,
// witness.h, entry.h, xmldsig.h, validate.h), so what passes here is what a
// guarantor without the hub's database can reproduce.
#include "tradefin/workflow/bundle.h"

#include "tradefin/document/issuer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <variant>

#include "tradefin/document/document.h"
#include "tradefin/document/validate.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/signing/xmldsig.h"
#include "tradefin/store/entry.h"
#include "tradefin/store/proof.h"
#include "tradefin/workflow/financing.h"

namespace tradefin {
namespace {

using json = nlohmann::json;

constexpr std::string_view kFormat = "tradefin-bundle/v1";
constexpr size_t kMaxBundleBytes = 64u << 20;
constexpr size_t kMaxEntries = 4096;

bool IsZero(const Sha256Hash& h) {
  return std::all_of(h.begin(), h.end(), [](uint8_t b) { return b == 0; });
}

bool IsEventType(EntryType t) {
  return t == EntryType::kFinancingEvent || t == EntryType::kEncumbrance;
}
bool IsPartyType(EntryType t) {
  return t == EntryType::kPartyRegistration || t == EntryType::kPartyKeyRotation ||
         t == EntryType::kPartyRevocation || t == EntryType::kPartyRoles;
}
// Entries the hub makes and signs (store.md §2.5).
bool IsHubMade(EntryType t) { return IsPartyType(t) || t == EntryType::kEncumbrance; }

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}


// Strict base64 that must also re-encode to the same text: no unused bit or
// alternative spelling can change without being noticed.
Result<std::string> B64(std::string_view text) {
  TRADEFIN_ASSIGN_OR_RETURN(std::string raw, Base64Decode(text));
  if (Base64Encode(raw) != text) return Status::InvalidArgument("non-canonical base64");
  return raw;
}

}  // namespace

// ------------------------------------------------------------------ export

Result<BundleExport> ExportBundle(const Store& store, uint64_t subject,
                                  const BundleExportOptions& options) {
  TRADEFIN_ASSIGN_OR_RETURN(Entry subj, store.GetEntry(subject));
  if (subj.type != EntryType::kDocument)
    return Status::InvalidArgument("entry " + std::to_string(subject) + " is a " +
                                   std::string(EntryTypeName(subj.type)) +
                                   ", not a document: a bundle is about a financed document");
  const size_t limit = std::min(options.max_entries, kMaxEntries);
  std::map<uint64_t, Entry> chosen;
  auto too_many = [limit] {
    return Status::FailedPrecondition("the bundle would hold more than " +
                                      std::to_string(limit) + " entries");
  };
  // 1-2: documents and events reachable by links in either direction.
  std::vector<uint64_t> queue{subject};
  chosen.emplace(subject, subj);
  for (size_t q = 0; q < queue.size(); ++q) {
    TRADEFIN_ASSIGN_OR_RETURN(LinkView lv, store.Links(queue[q]));
    std::vector<uint64_t> next;
    for (const auto& l : lv.outgoing) next.push_back(l.target_index);
    for (const auto& l : lv.incoming) next.push_back(l.source_index);
    for (uint64_t i : next) {
      if (chosen.count(i)) continue;
      TRADEFIN_ASSIGN_OR_RETURN(Entry e, store.GetEntry(i));
      if (e.type != EntryType::kDocument && !IsEventType(e.type)) continue;
      chosen.emplace(i, std::move(e));
      queue.push_back(i);
      if (chosen.size() > limit) return too_many();
    }
  }
  uint64_t need = chosen.rbegin()->first + 1;
  // 5: the checkpoint.
  uint64_t size = store.size();
  if (options.checkpoint_size) {
    size = *options.checkpoint_size;
    if (size < need)
      return Status::InvalidArgument("the checkpoint of size " + std::to_string(size) +
                                     " does not cover entry " + std::to_string(need - 1));
  } else {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> cosigned, store.CosignedSizes());
    for (auto it = cosigned.rbegin(); it != cosigned.rend(); ++it) {
      if (*it >= need) {
        size = *it;
        break;
      }
    }
  }
  // 3: every party entry about each submitter, below the checkpoint size.
  std::set<std::string> submitters;
  for (const auto& [i, e] : chosen)
    if (!e.submitter_party.empty()) submitters.insert(e.submitter_party);
  for (const auto& party : submitters) {
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> hist, store.History("party:" + party));
    for (uint64_t i : hist) {
      if (i >= size || chosen.count(i)) continue;
      TRADEFIN_ASSIGN_OR_RETURN(Entry e, store.GetEntry(i));
      chosen.emplace(i, std::move(e));
    }
  }
  // 4: link targets, until nothing is added (targets are always earlier).
  for (bool added = true; added;) {
    added = false;
    std::vector<uint64_t> targets;
    for (const auto& [i, e] : chosen)
      for (const auto& l : e.links)
        if (!chosen.count(l.target_index)) targets.push_back(l.target_index);
    for (uint64_t t : targets) {
      if (chosen.count(t)) continue;
      TRADEFIN_ASSIGN_OR_RETURN(Entry e, store.GetEntry(t));
      chosen.emplace(t, std::move(e));
      added = true;
    }
    if (chosen.size() > limit) return too_many();
  }

  BundleExport out;
  TRADEFIN_ASSIGN_OR_RETURN(std::string checkpoint, store.CosignedCheckpointAt(size));
  json entries = json::array();
  uint64_t done = 0;
  for (const auto& [i, e] : chosen) {
    if (options.progress) options.progress(done, chosen.size());
    ++done;
    TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, store.GetEntryBytes(i));
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<Sha256Hash> path, store.InclusionPath(i, size));
    json item = {{"index", i}, {"entry", Base64Encode(bytes)}};
    json inc = json::array();
    for (const auto& h : path) inc.push_back(Base64Encode(HashBytes(h)));
    item["inclusion"] = std::move(inc);
    if (!IsZero(e.document_sha256)) {
      TRADEFIN_ASSIGN_OR_RETURN(std::string blob, e.type == EntryType::kFinancingEvent
                                                      ? store.GetFinancingEvent(i)
                                                      : store.GetDocument(i));
      item["blob"] = Base64Encode(blob);
    }
    entries.push_back(std::move(item));
    if (e.type == EntryType::kDocument) ++out.documents;
    if (IsEventType(e.type)) ++out.events;
    if (IsPartyType(e.type)) ++out.party_entries;
  }
  if (options.progress) options.progress(done, chosen.size());
  json doc = {{"format", kFormat},
              {"origin", store.origin()},
              {"subject", subject},
              {"subject_leaf_hash", Base64Encode(HashBytes(EntryLeafHash(
                                        *store.GetEntryBytes(subject))))},
              {"checkpoint", checkpoint},
              {"entries", std::move(entries)}};
  out.bytes = doc.dump() + "\n";
  out.checkpoint_size = size;
  out.entries = chosen.size();
  // Signature lines after the hub's own line are cosignatures.
  size_t blank = checkpoint.rfind("\n\n");
  size_t lines = 0;
  for (size_t p = blank + 2; p < checkpoint.size(); p = checkpoint.find('\n', p) + 1) ++lines;
  out.cosignatures = lines > 0 ? lines - 1 : 0;
  return out;
}

// ------------------------------------------------------------------ verify

namespace {

struct BundleEntry {
  uint64_t index = 0;
  std::string bytes;
  Entry entry;
  std::vector<std::string> inclusion_hex;
  bool has_blob = false;
  std::string blob;
  std::string leaf_hex;
};

struct PartyView {
  std::string name;
  std::vector<std::string> roles;
  std::string spki;
  bool revoked = false;
};

// The single call site of the financing replay (docs/formats/bundle.md §3,
// check 10): the events on the subject, in log order, through the workflow
// state machine (ReplayFinancing). Signatures were checked before, against
// the registrations the bundle carries.
BundleFailure ReplayEvents(const std::vector<const BundleEntry*>& events, uint64_t subject,
                           const FinancingContext& context, BundleFinancing* financing,
                           std::string* reason, std::optional<uint64_t>* bad_entry) {
  std::vector<FinancingRecord> records;
  const std::string chain = "financing:" + std::to_string(subject);
  size_t others = 0;
  for (const BundleEntry* be : events) {
    if (be->entry.type != EntryType::kFinancingEvent) continue;
    if (be->entry.natural_keys.empty() || be->entry.natural_keys[0] != chain) {
      ++others;
      continue;
    }
    records.push_back({be->bytes, be->blob});
  }
  if (records.empty()) {
    financing->replayed = false;
    financing->note = others == 0 ? "no financing events in the bundle"
                                  : "no financing events on this document (" +
                                        std::to_string(others) + " on linked documents)";
    return BundleFailure::kNone;
  }
  ReplayOptions options;
  options.context = context;
  auto r = ReplayFinancing(records, options);
  if (!r.ok()) {
    *reason = "financing replay could not run: " + r.status().ToString();
    return BundleFailure::kWorkflow;
  }
  if (!r->consistent) {
    *reason = "financing replay: " + r->problem;
    *bad_entry = r->bad_entry;
    return BundleFailure::kWorkflow;
  }
  financing->replayed = true;
  financing->state = std::string(FinancingStateName(r->state));
  financing->controller = r->controller;
  const std::string currency = r->currency;
  auto amount = [&currency](int64_t minor) {
    if (!FindCurrency(currency)) return std::to_string(minor) + " " + currency;
    Money m;
    m.currency = currency;
    m.minor_units = minor;
    return m.ToString();
  };
  for (const auto& ev : r->events) {
    std::string line = "#" + std::to_string(ev.entry) + " " +
                       std::string(FinancingEventKindName(ev.kind)) + " by " + ev.actor;
    if (ev.amount) line += ", " + ev.amount->ToString();
    if (!ev.counterparty.empty()) line += " (" + ev.counterparty + ")";
    financing->lines.push_back(line);
  }
  financing->note = "borrower " + r->borrower + ", bank " + r->bank +
                    (r->guarantor.empty() ? "" : ", guarantor " + r->guarantor) +
                    "; requested " + amount(r->requested) + ", approved " +
                    amount(r->approved) + ", disbursed " + amount(r->disbursed) +
                    ", repaid " + amount(r->repaid) + ", outstanding " +
                    amount(r->outstanding());
  return BundleFailure::kNone;
}

std::string Summarise(const Document& doc, BundleGoods* goods) {
  struct V {
    BundleGoods* g;
    std::string operator()(const LetterOfCredit& lc) const {
      return "credit " + lc.credit_number + " for " + lc.amount.ToString() + ", applicant " +
             lc.applicant.name + ", beneficiary " + lc.beneficiary.name + ", expires " +
             lc.expiry_date.ToIso();
    }
    std::string operator()(const RailWaybill& wb) const {
      g->consignment = wb.consignment_number;
      g->route = wb.departure_station.name + " (" + wb.departure_station.code + ") -> " +
                 wb.destination_station.name + " (" + wb.destination_station.code + ")";
      g->departure_date = wb.departure_date.ToIso();
      g->lines.clear();
      for (const auto& item : wb.goods)
        g->lines.push_back(item.description + ", " + std::to_string(item.packages) + " " +
                           item.packing + ", " + item.gross_mass_kg.ToString() + " kg");
      g->containers.clear();
      for (const auto& c : wb.containers) g->containers.push_back(c.number);
      g->gross_mass_kg = wb.total_gross_mass_kg.ToString();
      return "consignment " + wb.consignment_number + ", " + wb.consignor.name + " to " +
             wb.consignee.name + ", departed " + wb.departure_date.ToIso();
    }
    std::string operator()(const CustomsDeclaration& cd) const {
      g->declared_value = cd.total.ToString();
      return "declaration " + cd.declaration_number + ", declared value " + cd.total.ToString();
    }
    std::string operator()(const CommercialInvoice& ci) const {
      g->invoice_total = ci.total.ToString();
      return "invoice " + ci.invoice_number + " for " + ci.total.ToString() + ", " +
             ci.seller.name + " to " + ci.buyer.name;
    }
  };
  return std::visit(V{goods}, doc.model);
}

}  // namespace

std::string_view BundleFailureName(BundleFailure f) {
  switch (f) {
    case BundleFailure::kNone: return "none";
    case BundleFailure::kMalformed: return "malformed";
    case BundleFailure::kCheckpoint: return "checkpoint";
    case BundleFailure::kWitnessQuorum: return "witness-quorum";
    case BundleFailure::kInclusion: return "inclusion";
    case BundleFailure::kIncomplete: return "incomplete";
    case BundleFailure::kLinkMismatch: return "link-mismatch";
    case BundleFailure::kRegistration: return "registration";
    case BundleFailure::kDocumentHash: return "document-hash";
    case BundleFailure::kSignature: return "signature";
    case BundleFailure::kIssuer: return "issuer";
    case BundleFailure::kWorkflow: return "workflow";
  }
  return "malformed";
}

Result<BundleVerification> VerifyBundle(std::string_view bundle,
                                        const BundleVerifyOptions& options) {
  BundleVerification out;
  // Could-not-check errors first: the caller's key and policy.
  TRADEFIN_ASSIGN_OR_RETURN(CheckpointInfo probe, ParseCheckpoint("", options.hub_key));
  (void)probe;
  std::string hub_raw;
  {
    std::string_view k = options.hub_key;
    while (!k.empty() && (k.back() == '\n' || k.back() == ' ' || k.back() == '\r')) k.remove_suffix(1);
    // The key is after the second '+': names and key ids hold none, base64 may.
    size_t p1 = k.find('+');
    size_t p2 = p1 == std::string_view::npos ? p1 : k.find('+', p1 + 1);
    if (p2 == std::string_view::npos)
      return Status::InvalidArgument("hub verifier key: not <name>+<id>+<key>");
    auto raw = Base64Decode(k.substr(p2 + 1));
    if (!raw.ok() || raw->size() != 33)
      return Status::InvalidArgument("hub verifier key: not an Ed25519 key");
    hub_raw = raw->substr(1);
  }
  TRADEFIN_ASSIGN_OR_RETURN(PublicKey hub_pub, PublicKey::FromEd25519Raw(hub_raw));
  std::optional<WitnessPolicy> policy;
  if (!options.policy.empty()) {
    TRADEFIN_ASSIGN_OR_RETURN(WitnessPolicy p, ParseWitnessPolicy(options.policy));
    policy = std::move(p);
  }

  auto fail = [&out](BundleFailure f, std::string reason,
                     std::optional<uint64_t> entry = std::nullopt) {
    out.valid = false;
    out.failure = f;
    out.reason = std::move(reason);
    out.bad_entry = entry;
    return out;
  };
  auto malformed = [&fail](std::string why, std::optional<uint64_t> entry = std::nullopt) {
    return fail(BundleFailure::kMalformed, "bundle: " + why, entry);
  };

  // 1. Structure.
  if (bundle.size() > kMaxBundleBytes) return malformed("larger than 64 MiB");
  json doc = json::parse(bundle.begin(), bundle.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return malformed("not valid JSON");
  if (!doc.is_object()) return malformed("not a JSON object");
  static const std::set<std::string> kTop{"format",     "origin",  "subject",
                                          "subject_leaf_hash", "checkpoint", "entries"};
  for (const auto& [k, v] : doc.items())
    if (!kTop.count(k)) return malformed("unknown member '" + k + "'");
  for (const auto& k : kTop)
    if (!doc.contains(k)) return malformed("member '" + k + "' is missing");
  if (!doc["format"].is_string() || doc["format"].get<std::string>() != kFormat)
    return malformed("format is not " + std::string(kFormat));
  if (!doc["origin"].is_string()) return malformed("origin is not a string");
  if (!doc["subject"].is_number_unsigned()) return malformed("subject is not an entry index");
  if (!doc["checkpoint"].is_string()) return malformed("checkpoint is not a string");
  if (!doc["subject_leaf_hash"].is_string()) return malformed("subject_leaf_hash is not a string");
  auto subject_leaf = B64(doc["subject_leaf_hash"].get<std::string>());
  if (!subject_leaf.ok() || subject_leaf->size() != 32)
    return malformed("subject_leaf_hash is not canonical base64 of 32 bytes");
  if (!doc["entries"].is_array()) return malformed("entries is not an array");
  if (doc["entries"].size() > kMaxEntries) return malformed("more than 4096 entries");
  out.origin = doc["origin"].get<std::string>();
  out.subject = doc["subject"].get<uint64_t>();
  const std::string checkpoint = doc["checkpoint"].get<std::string>();

  std::vector<BundleEntry> entries;
  std::map<uint64_t, size_t> by_index;
  static const std::set<std::string> kItem{"index", "entry", "inclusion", "blob"};
  for (const auto& item : doc["entries"]) {
    if (!item.is_object()) return malformed("an entries element is not an object");
    for (const auto& [k, v] : item.items())
      if (!kItem.count(k)) return malformed("unknown entry member '" + k + "'");
    if (!item.contains("index") || !item["index"].is_number_unsigned())
      return malformed("an entry has no valid index");
    BundleEntry be;
    be.index = item["index"].get<uint64_t>();
    if (!entries.empty() && be.index <= entries.back().index)
      return malformed("entries are not strictly ascending at index " + std::to_string(be.index),
                       be.index);
    if (!item.contains("entry") || !item["entry"].is_string())
      return malformed("entry " + std::to_string(be.index) + " has no entry bytes", be.index);
    auto bytes = B64(item["entry"].get<std::string>());
    if (!bytes.ok())
      return malformed("entry " + std::to_string(be.index) + ": entry is not strict base64",
                       be.index);
    be.bytes = std::move(*bytes);
    if (!item.contains("inclusion") || !item["inclusion"].is_array())
      return malformed("entry " + std::to_string(be.index) + " has no inclusion array", be.index);
    for (const auto& h : item["inclusion"]) {
      auto raw = h.is_string() ? B64(h.get<std::string>())
                               : Result<std::string>(Status::InvalidArgument("x"));
      if (!raw.ok() || raw->size() != 32)
        return malformed("entry " + std::to_string(be.index) +
                             ": an inclusion hash is not base64 of 32 bytes",
                         be.index);
      be.inclusion_hex.push_back(HexEncode(*raw));
    }
    if (item.contains("blob")) {
      auto blob = item["blob"].is_string() ? B64(item["blob"].get<std::string>())
                                           : Result<std::string>(Status::InvalidArgument("x"));
      if (!blob.ok())
        return malformed("entry " + std::to_string(be.index) + ": blob is not strict base64",
                         be.index);
      be.has_blob = true;
      be.blob = std::move(*blob);
    }
    by_index[be.index] = entries.size();
    entries.push_back(std::move(be));
  }
  out.entries = entries.size();
  if (!by_index.count(out.subject))
    return malformed("the subject entry " + std::to_string(out.subject) + " is not in the bundle");
  if (HashBytes(TlogLeafHash(entries[by_index[out.subject]].bytes)) != *subject_leaf)
    return malformed("subject_leaf_hash is not the leaf hash of entry " +
                     std::to_string(out.subject));

  // 2. Checkpoint.
  CheckpointVerifyOptions cvo;
  cvo.expected_origin = out.origin;
  TRADEFIN_ASSIGN_OR_RETURN(CheckpointInfo cp, ParseCheckpoint(checkpoint, options.hub_key, cvo));
  out.checkpoint_size = cp.size;
  out.root_hex = cp.root_hex;
  if (!cp.valid) return fail(BundleFailure::kCheckpoint, "checkpoint: " + cp.reason);
  {
    size_t blank = checkpoint.rfind("\n\n");
    size_t lines = 0;
    for (size_t p = blank + 2; p < checkpoint.size(); p = checkpoint.find('\n', p) + 1) ++lines;
    out.unverified_cosignature_lines = lines > 0 ? lines - 1 : 0;
  }

  // 3. Witnesses.
  if (policy) {
    out.policy_checked = true;
    if (!policy->log_key.empty()) {
      std::string_view k = options.hub_key;
      while (!k.empty() && std::isspace(static_cast<unsigned char>(k.back()))) k.remove_suffix(1);
      if (policy->log_key != k)
        return fail(BundleFailure::kCheckpoint,
                    "the policy's log key is not the --hub-key given");
    }
    TRADEFIN_ASSIGN_OR_RETURN(PolicyCheck pc, CheckWitnessPolicy(checkpoint, *policy));
    out.cosignatures = pc.cosignatures;
    out.quorum_witnesses = pc.counted;
    out.unverified_cosignature_lines -= std::min(out.unverified_cosignature_lines,
                                                 pc.cosignatures.size());
    if (!pc.satisfied) return fail(BundleFailure::kWitnessQuorum, pc.reason);
  }

  // 4. Entries and inclusion.
  for (BundleEntry& be : entries) {
    const std::string at = "entry " + std::to_string(be.index) + ": ";
    auto e = DecodeEntry(be.bytes);
    if (!e.ok()) return fail(BundleFailure::kInclusion, at + std::string(e.status().message()), be.index);
    be.entry = std::move(*e);
    if (be.entry.index != be.index)
      return fail(BundleFailure::kInclusion,
                  at + "the entry bytes say index " + std::to_string(be.entry.index), be.index);
    if (be.entry.origin != out.origin)
      return fail(BundleFailure::kInclusion, at + "the entry is for origin " + be.entry.origin,
                  be.index);
    if (be.index >= cp.size)
      return fail(BundleFailure::kInclusion,
                  at + "not covered by the checkpoint of size " + std::to_string(cp.size),
                  be.index);
    be.leaf_hex = HashHex(TlogLeafHash(be.bytes));
    if (!VerifyInclusionHex(be.index, cp.size, be.leaf_hex, be.inclusion_hex, cp.root_hex))
      return fail(BundleFailure::kInclusion,
                  at + "the inclusion proof does not lead to the checkpoint root (entry bytes "
                       "or proof changed)",
                  be.index);
  }

  // 5. Links.
  for (const BundleEntry& be : entries) {
    for (const auto& l : be.entry.links) {
      auto it = by_index.find(l.target_index);
      if (it == by_index.end())
        return fail(BundleFailure::kIncomplete,
                    "entry " + std::to_string(be.index) + " links (" + l.relation +
                        ") to entry " + std::to_string(l.target_index) +
                        ", which the bundle does not carry",
                    be.index);
      if (entries[it->second].leaf_hex != HashHex(l.target_leaf_hash))
        return fail(BundleFailure::kLinkMismatch,
                    "entry " + std::to_string(be.index) + " links to entry " +
                        std::to_string(l.target_index) + " with another leaf hash",
                    be.index);
    }
  }

  // 6. Party and encumbrance entries: the hub made them.
  const std::string hub_key_id = hub_pub.key_id();
  for (const BundleEntry& be : entries) {
    if (!IsHubMade(be.entry.type)) continue;
    const std::string at = "entry " + std::to_string(be.index) + " (" +
                           std::string(EntryTypeName(be.entry.type)) + " of " +
                           be.entry.party.party_id + "): ";
    if (be.entry.submitter_key_id != hub_key_id)
      return fail(BundleFailure::kRegistration, at + "not made with the hub key", be.index);
    if (!hub_pub.Verify(EntrySigningInput(be.entry), be.entry.hub_signature))
      return fail(BundleFailure::kRegistration, at + "the hub signature does not verify",
                  be.index);
  }

  // 7. Blobs.
  for (const BundleEntry& be : entries) {
    bool want = !IsZero(be.entry.document_sha256);
    const std::string at = "entry " + std::to_string(be.index) + ": ";
    if (want != be.has_blob)
      return fail(want ? BundleFailure::kIncomplete : BundleFailure::kMalformed,
                  at + (want ? "the document bytes are missing" : "a blob for an entry without one"),
                  be.index);
    if (want && Sha256(be.blob) != be.entry.document_sha256)
      return fail(BundleFailure::kDocumentHash,
                  at + "the document bytes do not hash to the entry's document_sha256", be.index);
  }

  // 8-9. Documents against the registry as of each entry.
  TRADEFIN_ASSIGN_OR_RETURN(std::unique_ptr<Validator> validator,
                            Validator::Create(ValidateOptions()));
  std::map<std::string, PartyView> registry;
  std::vector<const BundleEntry*> events;
  FinancingContext context;
  std::optional<Money> invoice_total, declared;
  for (const BundleEntry& be : entries) {
    const Entry& e = be.entry;
    const std::string at = "entry " + std::to_string(be.index) + ": ";
    switch (e.type) {
      case EntryType::kPartyRegistration:
        registry[e.party.party_id] = {e.party.name, e.party.roles, e.party.public_key_spki, false};
        continue;
      case EntryType::kPartyRoles:
        registry[e.party.party_id].roles = e.party.roles;
        continue;
      case EntryType::kEncumbrance:
        continue;  // hub-made, checked in step 6
      case EntryType::kPartyKeyRotation:
        registry[e.party.party_id].spki = e.party.public_key_spki;
        continue;
      case EntryType::kPartyRevocation:
        registry[e.party.party_id].revoked = true;
        registry[e.party.party_id].spki.clear();
        continue;
      default:
        break;
    }
    auto pit = registry.find(e.submitter_party);
    if (pit == registry.end() || (pit->second.spki.empty() && !pit->second.revoked))
      return fail(BundleFailure::kSignature,
                  at + "submitter " + e.submitter_party +
                      " is not registered before this entry (no registration in the bundle)",
                  be.index);
    const PartyView& party = pit->second;
    if (party.revoked)
      return fail(BundleFailure::kSignature,
                  at + "submitter " + e.submitter_party + " was revoked before this entry",
                  be.index);
    if (HashHex(Sha256(party.spki)) != e.submitter_key_id)
      return fail(BundleFailure::kSignature,
                  at + "the entry's key id is not " + e.submitter_party +
                      "'s registered key at this point of the log",
                  be.index);
    TRADEFIN_ASSIGN_OR_RETURN(PublicKey key, PublicKey::FromDer(party.spki));
    PinnedKeyTrustStore trust;
    trust.Add(e.submitter_party, key);
    TRADEFIN_ASSIGN_OR_RETURN(VerificationReport vr,
                              VerifyDocument(be.blob, VerifyPolicy(), trust));
    if (!vr.valid())
      return fail(BundleFailure::kSignature,
                  at + "XML signature " + std::string(SignatureVerdictName(vr.verdict)) + ": " +
                      vr.reason,
                  be.index);
    if (IsEventType(e.type)) {
      events.push_back(&be);
      continue;
    }
    auto parsed = validator->Parse(be.blob, "entry " + std::to_string(be.index));
    if (!parsed.ok())
      return fail(BundleFailure::kIssuer, at + "invalid document: " +
                                              std::string(parsed.status().message()),
                  be.index);
    std::string type(DocumentTypeName(parsed->type));
    if (type != e.document_type)
      return fail(BundleFailure::kIssuer,
                  at + "the document is a " + type + ", the entry says " + e.document_type,
                  be.index);
    std::string unique_key = type + ":" + parsed->natural_key;
    if (e.natural_keys.empty() || e.natural_keys[0] != unique_key)
      return fail(BundleFailure::kIssuer, at + "the document's natural key " + unique_key +
                                              " is not the entry's unique key",
                  be.index);
    // The same issuer binding as the store's submit and audit
    // (tradefin/document/issuer.h): the document must name its signer as
    // issuer, and the signer must hold a role that may issue it.
    IssuerVerdict iv = CheckIssuer(*parsed, e.submitter_party, PartyRolesFromNames(party.roles));
    if (!iv.ok)
      return fail(BundleFailure::kIssuer, at + iv.code + ": " + iv.reason, be.index);
    BundleDocument d;
    d.index = be.index;
    d.time_ms = e.time_ms;
    d.type = type;
    d.natural_key = unique_key;
    d.issuer_id = e.submitter_party;
    d.issuer_name = party.name;
    d.issuer_role = JoinRoles(party.roles);
    d.key_id = e.submitter_key_id;
    d.summary = Summarise(*parsed, &out.goods);
    if (be.index == out.subject) {
      context.financed_issuer = e.submitter_party;
      context.financed_type = type;
    }
    if (const auto* ci = std::get_if<CommercialInvoice>(&parsed->model)) invoice_total = ci->total;
    if (const auto* cd = std::get_if<CustomsDeclaration>(&parsed->model)) declared = cd->total;
    out.documents.push_back(std::move(d));
  }
  if (entries[by_index[out.subject]].entry.type != EntryType::kDocument)
    return malformed("the subject entry " + std::to_string(out.subject) + " is not a document",
                     out.subject);

  // 10. Workflow.
  // The shipment's value caps financing: the lower of invoice and declared.
  if (invoice_total && declared && invoice_total->currency == declared->currency)
    context.shipment_value =
        invoice_total->minor_units <= declared->minor_units ? *invoice_total : *declared;
  else if (invoice_total)
    context.shipment_value = invoice_total;
  else if (declared)
    context.shipment_value = declared;
  std::string why;
  std::optional<uint64_t> bad;
  BundleFailure wf = ReplayEvents(events, out.subject, context, &out.financing, &why, &bad);
  if (wf != BundleFailure::kNone) return fail(wf, why, bad);

  out.valid = true;
  return out;
}

}  // namespace tradefin
