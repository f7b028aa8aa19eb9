// Issuer binding: for every document type, which party fields name the
// document's issuer and which party roles may sign it. This is the one place
// that states the rule; the store's submit and audit, and anything that
// judges "who issued this", ask it.
//
//   LC                  -> IssuingBank/Bic, role issuing-bank. A BIC of 8
//                          and one of 11 characters name the same
//                          institution when their first 8 characters agree.
//   commercial invoice  -> Seller/Ids, role shipper.
//   customs declaration -> Declarant/Ids, role customs-broker; or, when the
//                          declaration names no separate declarant (none,
//                          or the exporter itself), DomesticConsignor/Ids,
//                          role shipper or customs-broker.
//   rail waybill        -> ContractingCarrier/Ids, role carrier.
//
//   tradefin::IssuerVerdict v =
//       tradefin::CheckIssuer(doc, "LDZBPLP0XXX", {PartyRole::kIssuingBank});
//   if (!v.ok) ... v.code ("ISSUER-MISMATCH" or "ROLE-NOT-ALLOWED"), v.reason
//
// Thread safety: pure functions over plain values.
#ifndef TRADEFIN_DOCUMENT_ISSUER_H_
#define TRADEFIN_DOCUMENT_ISSUER_H_

#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/document/document.h"

namespace tradefin {

// Roles a party may hold in a party registry. A party may hold several.
enum class PartyRole {
  kCarrier,
  kShipper,    // beneficiary / exporter
  kApplicant,  // importer
  kIssuingBank,
  kFinancingBank,
  kGuarantor,
  kCustomsBroker,
  kConsignee,
};
// "carrier", "shipper", "applicant", "issuing-bank", "financing-bank",
// "guarantor", "customs-broker", "consignee"; "unknown" for a value outside
// the enum.
TRADEFIN_EXPORT std::string_view PartyRoleName(PartyRole role);
// The role named `name`; kInvalidArgument (naming the roles there are) if
// it is not one of the names above.
TRADEFIN_EXPORT Result<PartyRole> PartyRoleFromName(std::string_view name);
// Role names (as stored in party entries) to roles, in order; unknown names
// are skipped (entries are decoded strictly, so a verified registration
// holds none).
TRADEFIN_EXPORT std::vector<PartyRole> PartyRolesFromNames(
    const std::vector<std::string>& names);

// One way a document names its issuer.
struct IssuerClaim {
  // The field, as a path of schema element names: "IssuingBank/Bic",
  // "Seller/Ids", "Declarant/Ids", "DomesticConsignor/Ids",
  // "ContractingCarrier/Ids".
  std::string field;
  // The party identifiers the field holds (BIC, LEI or USCC; customs codes
  // are not registry ids). Empty when the document leaves the field out.
  std::vector<std::string> ids;
  // Roles of which the signer must hold at least one.
  std::vector<PartyRole> roles;
};

// The issuer binding of one document: the signer must be named by one of
// the claims (and hold one of its roles). Never empty for the four types.
struct IssuerBinding {
  DocumentType type = DocumentType::kLetterOfCredit;
  std::vector<IssuerClaim> claims;
};

// The issuer binding of a parsed document.
TRADEFIN_EXPORT IssuerBinding BindingOf(const Document& doc);

// True if the identifier `in_document` names the party registered as
// `party_id`: equal strings, or two BICs (8 or 11 characters) with the same
// first 8 characters (bank, country, location: the institution; the branch
// code does not change who the bank is).
TRADEFIN_EXPORT bool SameParty(std::string_view in_document,
                               std::string_view party_id);

// The outcome of comparing a document's issuer with its signer (a verdict,
// not an error).
struct IssuerVerdict {
  bool ok = false;
  // "" when ok; "ISSUER-MISMATCH" when no claim names the signer;
  // "ROLE-NOT-ALLOWED" when a claim names it but it holds none of the
  // claim's roles.
  std::string code;
  std::string field;  // the claim compared (the first one, on a mismatch)
  std::string value;  // that field's value in the document ("" if absent)
  std::string reason;  // one plain sentence naming field, value and signer
};

// Checks that the party `signer_id`, holding `signer_roles`, may be the
// issuer of `doc`.
TRADEFIN_EXPORT IssuerVerdict CheckIssuer(const Document& doc,
                                          std::string_view signer_id,
                                          const std::vector<PartyRole>& signer_roles);

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_ISSUER_H_
