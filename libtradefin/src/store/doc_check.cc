#include "store/doc_check.h"

#include <algorithm>
#include <set>
#include <variant>

#include "document/validator_internal.h"
#include "signing/xmldsig_internal.h"
#include "store/codec.h"
#include "tradefin/signing/xmldsig.h"

namespace tradefin::store {

namespace {
// A version-2 row starts with this byte. A version-1 row starts with the
// u32 length of a party id (at most 20), whose first byte is 0, so the two
// layouts cannot be confused (§3.1).
constexpr uint8_t kPartyStateV2 = 2;
}  // namespace

std::string EncodePartyState(const PartyState& s) {
  std::string out;
  PutU8(&out, kPartyStateV2);
  PutStr(&out, s.party.party_id);
  PutStr(&out, s.party.name);
  PutU32(&out, static_cast<uint32_t>(s.party.roles.size()));
  for (const auto& r : s.party.roles) PutStr(&out, r);
  PutStr(&out, s.party.public_key_spki);
  PutU8(&out, s.revoked ? 1 : 0);
  PutU64(&out, s.first);
  PutU64(&out, s.last);
  return out;
}

Result<PartyState> DecodePartyState(std::string_view bytes) {
  Reader r(bytes);
  PartyState s;
  const bool v2 = !bytes.empty() && static_cast<uint8_t>(bytes[0]) == kPartyStateV2;
  if (v2) r.U8();
  s.party.party_id = std::string(r.Str());
  s.party.name = std::string(r.Str());
  if (v2) {
    uint32_t n = r.U32();
    if (!r.ok() || n > r.remaining() / 4)
      return Status::Corruption("party state row is malformed");
    for (uint32_t i = 0; i < n && r.ok(); ++i) s.party.roles.emplace_back(r.Str());
  } else {
    std::string role(r.Str());
    if (!role.empty()) s.party.roles.push_back(std::move(role));
  }
  s.party.public_key_spki = std::string(r.Str());
  uint8_t revoked = r.U8();
  s.first = r.U64();
  s.last = r.U64();
  if (!r.ok() || !r.done() || revoked > 1)
    return Status::Corruption("party state row is malformed");
  s.revoked = revoked == 1;
  return s;
}

RegistryTrust::RegistryTrust(const std::map<std::string, PartyState>& parties) {
  for (const auto& [id, st] : parties) {
    if (st.revoked || st.party.public_key_spki.empty()) continue;
    auto key = PublicKey::FromDer(st.party.public_key_spki);
    if (!key.ok()) continue;
    std::string kid = key->key_id();
    by_key_id_.emplace(kid, TrustedKey{id, *key});
    party_by_key_id_.emplace(kid, st);
  }
}

const TrustedKey* RegistryTrust::FindKey(
    std::string_view key_name_hint,
    const std::vector<PublicKey>& keyinfo_candidates) const {
  // KeyName is the key id in tradefin's profile; a KeyInfo key only counts
  // if it is a registered key (a hint, never a source of trust).
  auto it = by_key_id_.find(std::string(key_name_hint));
  if (it != by_key_id_.end()) return &it->second;
  for (const PublicKey& k : keyinfo_candidates) {
    auto c = by_key_id_.find(k.key_id());
    if (c != by_key_id_.end()) return &c->second;
  }
  return nullptr;
}

const PartyState* RegistryTrust::PartyOfKey(std::string_view key_id) const {
  auto it = party_by_key_id_.find(std::string(key_id));
  return it == party_by_key_id_.end() ? nullptr : &it->second;
}

std::string_view IdentityKind(std::string_view type_name) {
  if (type_name == "letter-of-credit") return "credit";
  if (type_name == "rail-waybill") return "consignment";
  if (type_name == "customs-declaration") return "declaration";
  if (type_name == "commercial-invoice") return "invoice";
  return "";
}

std::string LinkRelation(std::string_view kind, std::string_view from_type,
                         std::string_view to_type) {
  if (kind == "container") return "shares-container";
  std::string_view to_identity = IdentityKind(to_type);
  std::string_view from_identity = IdentityKind(from_type);
  if (kind == to_identity && kind != from_identity) {
    if (kind == "credit") return "cites-credit";
    if (kind == "consignment")
      return from_type == "customs-declaration" ? "declares-consignment"
                                                : "ships-under";
    if (kind == "declaration") return "cites-declaration";
    return "";
  }
  if (kind == from_identity && kind != to_identity) return "referenced-by";
  return "";
}

std::string ApplyPartyEntry(const Entry& e, uint64_t index,
                            std::map<std::string, PartyState>* registry) {
  const std::string& id = e.party.party_id;
  auto cur = registry->find(id);
  if (e.type == EntryType::kPartyRegistration) {
    if (cur != registry->end()) return "party " + id + " registered twice";
    PartyState st;
    st.party = e.party;
    st.first = st.last = index;
    (*registry)[id] = std::move(st);
    return "";
  }
  if (e.type != EntryType::kPartyKeyRotation &&
      e.type != EntryType::kPartyRevocation && e.type != EntryType::kPartyRoles)
    return "not a party entry";
  if (cur == registry->end() || cur->second.revoked)
    return "update of unknown or revoked party " + id;
  PartyState& st = cur->second;
  if (e.type == EntryType::kPartyKeyRotation) {
    st.party.public_key_spki = e.party.public_key_spki;
  } else if (e.type == EntryType::kPartyRoles) {
    st.party.roles = e.party.roles;
  } else {
    st.revoked = true;
    st.party.public_key_spki.clear();
  }
  st.last = index;
  return "";
}

std::string JoinRoles(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) {
    if (!out.empty()) out += ",";
    out += r;
  }
  return out;
}

Result<std::vector<EntryLink>> ResolveLinks(
    const std::string& unique_key, const std::string& type_name,
    const std::vector<std::string>& identifiers,
    std::optional<uint64_t> amended, LogView* log) {
  // Only the newest kLinkScan carriers of an identifier are examined, so a
  // container number reused for years costs O(1) per submit, not O(n).
  constexpr size_t kLinkScan = 16;
  std::set<std::pair<uint64_t, std::string>> links;
  std::map<std::string, uint64_t> latest_of;
  for (const std::string& id : identifiers) {
    std::string kind = id.substr(0, id.find(':'));
    TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> targets, log->Carriers(id));
    std::sort(targets.rbegin(), targets.rend());
    if (targets.size() > kLinkScan) targets.resize(kLinkScan);
    std::set<std::string> types_done;
    for (uint64_t t : targets) {
      TRADEFIN_ASSIGN_OR_RETURN(auto te, log->Load(t));
      const Entry& target = te.first;
      if (target.type != EntryType::kDocument || target.natural_keys.empty()) continue;
      if (types_done.count(target.document_type)) continue;
      const std::string& tkey = target.natural_keys[0];
      if (tkey == unique_key) continue;
      auto lo = latest_of.find(tkey);
      if (lo == latest_of.end()) {
        TRADEFIN_ASSIGN_OR_RETURN(std::vector<uint64_t> v, log->Carriers(tkey));
        if (v.empty()) continue;
        lo = latest_of.emplace(tkey, *std::max_element(v.begin(), v.end())).first;
      }
      if (lo->second != t) continue;
      types_done.insert(target.document_type);
      std::string rel = LinkRelation(kind, type_name, target.document_type);
      if (!rel.empty()) links.insert({t, rel});
    }
  }
  if (amended) links.insert({*amended, "supersedes"});
  std::vector<EntryLink> out;
  for (const auto& [t, rel] : links) {
    TRADEFIN_ASSIGN_OR_RETURN(auto te, log->Load(t));
    out.push_back({rel, t, te.second});
  }
  return out;
}

namespace {

void AddId(std::set<std::string>* ids, std::string_view kind,
           const std::string& value) {
  if (!value.empty()) ids->insert(std::string(kind) + ":" + value);
}

std::vector<std::string> Identifiers(const Document& doc) {
  std::set<std::string> ids;
  struct Visitor {
    std::set<std::string>* ids;
    void operator()(const LetterOfCredit& lc) const {
      AddId(ids, "credit", lc.credit_number);
    }
    void operator()(const RailWaybill& wb) const {
      AddId(ids, "consignment", wb.consignment_number);
      AddId(ids, "credit", wb.credit_number);
      for (const auto& c : wb.containers) AddId(ids, "container", c.number);
    }
    void operator()(const CustomsDeclaration& cd) const {
      AddId(ids, "declaration", cd.declaration_number);
      AddId(ids, "consignment", cd.waybill_number);
      AddId(ids, "credit", cd.credit_number);
      for (const auto& c : cd.container_numbers) AddId(ids, "container", c);
    }
    void operator()(const CommercialInvoice& ci) const {
      AddId(ids, "invoice", ci.invoice_number);
      AddId(ids, "credit", ci.credit_number);
      AddId(ids, "consignment", ci.consignment_number);
      AddId(ids, "declaration", ci.customs_declaration_number);
      for (const auto& c : ci.container_numbers) AddId(ids, "container", c);
    }
  };
  std::visit(Visitor{&ids}, doc.model);
  return {ids.begin(), ids.end()};
}

}  // namespace

Result<std::unique_ptr<DocumentChecker>> DocumentChecker::Create() {
  TRADEFIN_ASSIGN_OR_RETURN(std::unique_ptr<Validator> v,
                            Validator::Create(ValidateOptions()));
  return std::unique_ptr<DocumentChecker>(new DocumentChecker(std::move(v)));
}

CheckedDocument DocumentChecker::Check(std::string_view bytes,
                                       std::string_view source_name,
                                       const RegistryTrust& trust) const {
  CheckedDocument out;
  auto reject = [&out](std::string code, std::string reason) {
    out.ok = false;
    out.code = std::move(code);
    out.reason = std::move(reason);
    return out;
  };
  // One parse: the signature is verified on the tree the model was read
  // from (docs/design/xmldsig-defences.md §3), and no second parse is paid.
  Result<document_internal::ParsedDocument> parsed =
      document_internal::ParseKeepingTree(*validator_, bytes, source_name);
  // Parsing says kInvalidArgument for a bad document; anything else means
  // the validator itself failed, which is not a verdict on the document.
  if (!parsed.ok() && parsed.status().code() != StatusCode::kInvalidArgument) {
    out.error = parsed.status();
    return out;
  }
  if (!parsed.ok())
    return reject("INVALID-DOCUMENT", std::string(parsed.status().message()));
  const Document* doc = &parsed->model;
  out.type = doc->type;
  out.type_name = std::string(DocumentTypeName(doc->type));
  out.unique_key = out.type_name + ":" + doc->natural_key;
  out.identifiers = Identifiers(*doc);

  Result<VerificationReport> vr = signing_internal::VerifyParsedDocument(
      *parsed->tree, VerifyPolicy(), trust);
  if (!vr.ok()) {
    // The verifier fails only internally; a bad signature is a verdict.
    out.error = vr.status().WithPrefix("signature could not be checked");
    return out;
  }
  if (vr->verdict == SignatureVerdict::kUntrustedKey)
    return reject("SIGNER-UNKNOWN",
                  "the signing key " +
                      (vr->key_name.empty() ? std::string("(no KeyName)")
                                            : vr->key_name) +
                      " is not the current key of a registered, unrevoked "
                      "party");
  if (!vr->valid())
    return reject("SIGNATURE-INVALID", std::string(SignatureVerdictName(vr->verdict)) +
                                           ": " + vr->reason);
  const PartyState* party = trust.PartyOfKey(vr->key_id);
  if (party == nullptr)
    return reject("SIGNER-UNKNOWN", "key " + vr->key_id + " has no party");
  out.signer_party = party->party.party_id;
  out.signer_key_id = vr->key_id;
  // Issuer binding: who may put this document in the store is decided by
  // the document's own issuer field, never by the signer alone (issue 8).
  IssuerVerdict iv = CheckIssuer(*doc, party->party.party_id, PartyRolesFromNames(party->party.roles));
  if (!iv.ok) return reject(iv.code, iv.reason);
  out.ok = true;
  return out;
}

}  // namespace tradefin::store
