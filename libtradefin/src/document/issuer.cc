// Issuer binding per document type (issuer.h; docs/formats/store.md §2.7).
#include "tradefin/document/issuer.h"

#include <utility>
#include <variant>

namespace tradefin {

namespace {

constexpr std::pair<PartyRole, std::string_view> kRoles[] = {
    {PartyRole::kCarrier, "carrier"},
    {PartyRole::kShipper, "shipper"},
    {PartyRole::kApplicant, "applicant"},
    {PartyRole::kIssuingBank, "issuing-bank"},
    {PartyRole::kFinancingBank, "financing-bank"},
    {PartyRole::kGuarantor, "guarantor"},
    {PartyRole::kCustomsBroker, "customs-broker"},
    {PartyRole::kConsignee, "consignee"},
};

// Registry ids only: a customs registration code or an account number
// never identifies a registered party.
std::vector<std::string> RegistryIds(const PartyIds& ids) {
  std::vector<std::string> out;
  for (const std::string* id : {&ids.uscc, &ids.lei, &ids.bic})
    if (!id->empty()) out.push_back(*id);
  return out;
}

bool SharesId(const std::vector<std::string>& a,
              const std::vector<std::string>& b) {
  for (const auto& x : a)
    for (const auto& y : b)
      if (SameParty(x, y)) return true;
  return false;
}

bool IsBicLength(std::string_view s) { return s.size() == 8 || s.size() == 11; }

std::string RoleList(const std::vector<PartyRole>& roles) {
  std::string out;
  for (PartyRole r : roles) {
    if (!out.empty()) out += " or ";
    out += PartyRoleName(r);
  }
  return out;
}

std::string IdList(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

std::string_view PartyRoleName(PartyRole role) {
  for (const auto& [r, name] : kRoles)
    if (r == role) return name;
  return "unknown";
}

Result<PartyRole> PartyRoleFromName(std::string_view name) {
  for (const auto& [r, n] : kRoles)
    if (n == name) return r;
  std::string known;
  for (const auto& [r, n] : kRoles) known += (known.empty() ? "" : ", ") + std::string(n);
  return Status::InvalidArgument("'" + std::string(name) + "' is not a role; expected one of " +
                                 known);
}

std::vector<PartyRole> PartyRolesFromNames(const std::vector<std::string>& names) {
  std::vector<PartyRole> roles;
  for (const std::string& n : names) {
    if (Result<PartyRole> r = PartyRoleFromName(n); r.ok()) roles.push_back(*r);
  }
  return roles;
}

bool SameParty(std::string_view in_document, std::string_view party_id) {
  if (in_document.empty()) return false;
  if (in_document == party_id) return true;
  // BIC 8 = the institution's primary office, BIC 11 = 8 + branch; the
  // lengths never collide with an LEI (20) or a USCC (18).
  return IsBicLength(in_document) && IsBicLength(party_id) &&
         in_document.substr(0, 8) == party_id.substr(0, 8);
}

IssuerBinding BindingOf(const Document& doc) {
  IssuerBinding b;
  b.type = doc.type;
  struct Visitor {
    IssuerBinding* b;
    void operator()(const LetterOfCredit& lc) const {
      std::vector<std::string> ids;
      if (!lc.issuing_bank.bic.empty()) ids.push_back(lc.issuing_bank.bic);
      b->claims.push_back({"IssuingBank/Bic", ids, {PartyRole::kIssuingBank}});
    }
    void operator()(const CommercialInvoice& ci) const {
      b->claims.push_back(
          {"Seller/Ids", RegistryIds(ci.seller.ids), {PartyRole::kShipper}});
    }
    void operator()(const CustomsDeclaration& cd) const {
      std::vector<std::string> exporter = RegistryIds(cd.domestic_consignor.ids);
      if (cd.declarant) {
        std::vector<std::string> declarant = RegistryIds(cd.declarant->ids);
        // The exporter naming itself as declarant declares for itself.
        if (!SharesId(declarant, exporter)) {
          b->claims.push_back(
              {"Declarant/Ids", declarant, {PartyRole::kCustomsBroker}});
          return;
        }
      }
      b->claims.push_back({"DomesticConsignor/Ids", exporter,
                           {PartyRole::kShipper, PartyRole::kCustomsBroker}});
    }
    void operator()(const RailWaybill& wb) const {
      std::vector<std::string> ids;
      if (wb.contracting_carrier) ids = RegistryIds(wb.contracting_carrier->party.ids);
      b->claims.push_back(
          {"ContractingCarrier/Ids", ids, {PartyRole::kCarrier}});
    }
  };
  std::visit(Visitor{&b}, doc.model);
  return b;
}

IssuerVerdict CheckIssuer(const Document& doc, std::string_view signer_id,
                          const std::vector<PartyRole>& signer_roles) {
  IssuerBinding b = BindingOf(doc);
  IssuerVerdict v;
  const std::string type(DocumentTypeName(doc.type));
  const std::string signer(signer_id);
  for (const IssuerClaim& c : b.claims) {
    bool named = false;
    for (const auto& id : c.ids)
      if (SameParty(id, signer_id)) {
        named = true;
        v.value = id;
      }
    if (!named) continue;
    v.field = c.field;
    for (PartyRole r : c.roles)
      for (PartyRole held : signer_roles)
        if (r == held) {
          v.ok = true;
          return v;
        }
    v.code = "ROLE-NOT-ALLOWED";
    std::string held;
    for (PartyRole r : signer_roles) held += (held.empty() ? "" : ",") + std::string(PartyRoleName(r));
    v.reason = "party " + signer + " is named in " + c.field + " of the " + type +
               " but holds the role(s) " + (held.empty() ? "(none)" : held) +
               "; issuing it needs " + RoleList(c.roles);
    return v;
  }
  v.code = "ISSUER-MISMATCH";
  const IssuerClaim& first = b.claims.front();
  v.field = first.field;
  v.value = IdList(first.ids);
  v.reason = first.ids.empty()
                 ? "the " + type + " names no issuer in " + first.field +
                       "; it is signed by " + signer +
                       ", and a document enters the store only from the party "
                       "it names as its issuer"
                 : first.field + " of the " + type + " is " + v.value +
                       ", but the document is signed by " + signer +
                       "; only the party named there may issue it";
  return v;
}

}  // namespace tradefin
