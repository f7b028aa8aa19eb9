#include "tradefin/store/entry.h"

#include <cstring>

#include "store/codec.h"
#include "tradefin/signing/keys.h"
#include "tradefin/store/store.h"

namespace tradefin {

using store::PutStr;
using store::PutU16;
using store::PutU32;
using store::PutU64;

namespace {

constexpr char kMagic[] = "TFEN";
constexpr char kSigningContext[] = "tradefin/entry/v1\n";

// Type 5 (party-roles), 16 (financing-event) and 17 (encumbrance) exist
// from version 2 on (§2.1).
bool IsKnownType(uint16_t code, uint16_t version) {
  if (version >= 2 && (code == 16 || code == 17)) return true;
  return code >= 1 && code <= (version >= 2 ? 5 : 4);
}

bool IsPartyType(EntryType t) {
  return t == EntryType::kPartyRegistration ||
         t == EntryType::kPartyKeyRotation || t == EntryType::kPartyRevocation ||
         t == EntryType::kPartyRoles;
}

// Version 2 role lists (§2.2): registration and role change carry a
// non-empty set sorted by PartyRole value without repeats, so one role set
// has exactly one encoding; rotation and revocation carry none.
bool RolesWellFormed(EntryType t, const std::vector<std::string>& roles) {
  bool needs_roles =
      t == EntryType::kPartyRegistration || t == EntryType::kPartyRoles;
  if (!needs_roles) return roles.empty();
  if (roles.empty()) return false;
  int prev = -1;
  for (const std::string& name : roles) {
    Result<PartyRole> r = PartyRoleFromName(name);
    if (!r.ok()) return false;
    if (static_cast<int>(*r) <= prev) return false;
    prev = static_cast<int>(*r);
  }
  return true;
}

void PutHash(std::string* out, const Sha256Hash& h) {
  out->append(reinterpret_cast<const char*>(h.data()), h.size());
}

// Every field except hub_signature (§2); the signature covers exactly this.
std::string EncodeBody(const Entry& e) {
  std::string out;
  out.reserve(512);
  out.append(kMagic, 4);
  PutU16(&out, e.version);
  PutStr(&out, e.origin);
  PutU64(&out, e.index);
  PutU64(&out, static_cast<uint64_t>(e.time_ms));
  PutU16(&out, static_cast<uint16_t>(e.type));
  PutStr(&out, e.submitter_party);
  PutStr(&out, e.submitter_key_id);
  PutStr(&out, e.document_type);
  PutU32(&out, static_cast<uint32_t>(e.natural_keys.size()));
  for (const auto& k : e.natural_keys) PutStr(&out, k);
  PutU32(&out, static_cast<uint32_t>(e.links.size()));
  for (const auto& l : e.links) {
    PutStr(&out, l.relation);
    PutU64(&out, l.target_index);
    PutHash(&out, l.target_leaf_hash);
  }
  PutHash(&out, e.prev_leaf_hash);
  PutHash(&out, e.document_sha256);
  std::string payload;
  if (IsPartyType(e.type)) {
    PutStr(&payload, e.party.party_id);
    PutStr(&payload, e.party.name);
    if (e.version == 1) {
      // Version 1 had one role string; see DecodeEntry.
      PutStr(&payload, e.party.roles.empty() ? std::string_view()
                                             : std::string_view(e.party.roles[0]));
    } else {
      PutU32(&payload, static_cast<uint32_t>(e.party.roles.size()));
      for (const auto& r : e.party.roles) PutStr(&payload, r);
    }
    PutStr(&payload, e.party.public_key_spki);
  } else if (e.type == EntryType::kEncumbrance) {
    const EncumbrancePayload& p = e.encumbrance;
    PutStr(&payload, p.action);
    PutU64(&payload, p.pledge);
    PutU64(&payload, p.financed);
    PutStr(&payload, p.bank);
    PutStr(&payload, p.currency);
    PutU64(&payload, p.amount);
    PutU64(&payload, static_cast<uint64_t>(p.pledged_ms));
  }
  PutStr(&out, payload);
  return out;
}

Sha256Hash ToHash(std::string_view raw) {
  Sha256Hash h{};
  // A truncated entry gives an empty view whose data() may be null, and
  // memcpy from null is undefined even for 0 bytes (found by entry_fuzz).
  if (!raw.empty()) std::memcpy(h.data(), raw.data(), raw.size() < 32 ? raw.size() : 32);
  return h;
}

}  // namespace

std::string_view EntryTypeName(EntryType type) {
  switch (type) {
    case EntryType::kDocument: return "document";
    case EntryType::kPartyRegistration: return "party-registration";
    case EntryType::kPartyKeyRotation: return "party-key-rotation";
    case EntryType::kPartyRevocation: return "party-revocation";
    case EntryType::kPartyRoles: return "party-roles";
    case EntryType::kFinancingEvent: return "financing-event";
    case EntryType::kEncumbrance: return "encumbrance";
    case EntryType::kMapRoot: return "map-root";
  }
  return "unknown";
}

std::string EncodeEntry(const Entry& entry) {
  std::string out = EncodeBody(entry);
  PutStr(&out, entry.hub_signature);
  return out;
}

std::string EntrySigningInput(const Entry& entry) {
  return std::string(kSigningContext) + EncodeBody(entry);
}

Result<Entry> DecodeEntry(std::string_view bytes) {
  store::Reader r(bytes);
  auto fail = [](std::string_view what) {
    return Status::Corruption(std::string("entry: ") + std::string(what));
  };
  if (r.Bytes(4) != std::string_view(kMagic, 4)) return fail("bad magic");
  Entry e;
  e.version = r.U16();
  if (!r.ok() || e.version < 1 || e.version > kEntryFormatVersion)
    return fail("unsupported version " + std::to_string(e.version));
  e.origin = std::string(r.Str());
  e.index = r.U64();
  e.time_ms = static_cast<int64_t>(r.U64());
  uint16_t type = r.U16();
  if (!r.ok()) return fail("truncated header");
  if (!IsKnownType(type, e.version))
    return fail("unknown entry type " + std::to_string(type));
  e.type = static_cast<EntryType>(type);
  e.submitter_party = std::string(r.Str());
  e.submitter_key_id = std::string(r.Str());
  e.document_type = std::string(r.Str());
  uint32_t nkeys = r.U32();
  // Each key costs at least 4 bytes, which bounds the count before
  // allocating (a flipped count byte must not allocate gigabytes).
  if (!r.ok() || nkeys > r.remaining() / 4) return fail("bad natural key count");
  for (uint32_t i = 0; i < nkeys && r.ok(); ++i)
    e.natural_keys.emplace_back(r.Str());
  uint32_t nlinks = r.U32();
  if (!r.ok() || nlinks > r.remaining() / 44) return fail("bad link count");
  for (uint32_t i = 0; i < nlinks && r.ok(); ++i) {
    EntryLink l;
    l.relation = std::string(r.Str());
    l.target_index = r.U64();
    l.target_leaf_hash = ToHash(r.Bytes(32));
    e.links.push_back(std::move(l));
  }
  e.prev_leaf_hash = ToHash(r.Bytes(32));
  e.document_sha256 = ToHash(r.Bytes(32));
  std::string_view payload = r.Str();
  e.hub_signature = std::string(r.Str());
  if (!r.ok()) return fail("truncated");
  if (!r.done()) return fail("trailing bytes");
  if (IsPartyType(e.type)) {
    store::Reader p(payload);
    e.party.party_id = std::string(p.Str());
    e.party.name = std::string(p.Str());
    if (e.version == 1) {
      // Version 1: one role string, "" in rotation/revocation. Kept as
      // written (entries are immutable); read as a one-role set.
      std::string role(p.Str());
      if (!role.empty()) e.party.roles.push_back(std::move(role));
    } else {
      uint32_t nroles = p.U32();
      if (!p.ok() || nroles > p.remaining() / 4) return fail("bad role count");
      for (uint32_t i = 0; i < nroles && p.ok(); ++i)
        e.party.roles.emplace_back(p.Str());
    }
    e.party.public_key_spki = std::string(p.Str());
    if (!p.ok() || !p.done()) return fail("bad party payload");
    if (e.version >= 2 && !RolesWellFormed(e.type, e.party.roles))
      return fail("party roles are missing, unknown, unsorted or repeated");
  } else if (e.type == EntryType::kEncumbrance) {
    store::Reader p(payload);
    EncumbrancePayload& en = e.encumbrance;
    en.action = std::string(p.Str());
    en.pledge = p.U64();
    en.financed = p.U64();
    en.bank = std::string(p.Str());
    en.currency = std::string(p.Str());
    en.amount = p.U64();
    en.pledged_ms = static_cast<int64_t>(p.U64());
    if (!p.ok() || !p.done() || (en.action != "encumber" && en.action != "release"))
      return fail("bad encumbrance payload");
  } else if (!payload.empty()) {
    return fail("unexpected payload for a document entry");
  }
  // Canonical form only: re-encoding must give the same bytes.
  if (EncodeEntry(e) != bytes) return fail("not in canonical form");
  return e;
}

Sha256Hash EntryLeafHash(std::string_view entry_bytes) {
  std::string in;
  in.reserve(entry_bytes.size() + 1);
  in.push_back('\0');
  in.append(entry_bytes);
  return Sha256(in);
}

}  // namespace tradefin
