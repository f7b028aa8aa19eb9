// Issuer binding (tradefin/document/issuer.h): which field names each
// document type's issuer, which roles may sign it, BIC 8/11 comparison.
#include "tradefin/document/issuer.h"

#include "testing/testing.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/financing_event.h"
#include "tradefin/document/validate.h"

namespace tradefin {
namespace {

using testing::ReadFile;
using testing::SourceDir;

Document Parse(const std::string& xml) {
  auto v = Validator::Create(ValidateOptions());
  REQUIRE_OK(v);
  auto d = (*v)->Parse(xml, "test.xml");
  REQUIRE_OK(d);
  return *d;
}

std::string Sample(const char* name) {
  return ReadFile(SourceDir() / "samples" / "shipment" / name);
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}

TEST_CASE("party roles have stable names") {
  Result<PartyRole> r = PartyRoleFromName("financing-bank");
  REQUIRE_OK(r);
  CHECK(*r == PartyRole::kFinancingBank);
  CHECK(PartyRoleName(PartyRole::kCustomsBroker) == "customs-broker");
  Result<PartyRole> bad = PartyRoleFromName("pirate");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().IsInvalidArgument());
  CHECK(bad.status().message().find("'pirate' is not a role; expected one of carrier, ") == 0);
}

TEST_CASE("name and namespace look-ups return Result, with a reason when nothing matches") {
  Result<DocumentType> t = DocumentTypeFromNamespace("urn:tradefin:waybill:1");
  REQUIRE_OK(t);
  CHECK(*t == DocumentType::kRailWaybill);
  Result<DocumentType> none = DocumentTypeFromNamespace("urn:example:other");
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().IsInvalidArgument());
  CHECK(none.status().message().find("'urn:example:other'") != std::string::npos);
  Result<FinancingEventKind> k = FinancingEventKindFromName("accept-transfer");
  REQUIRE_OK(k);
  CHECK(FinancingEventKindName(*k) == "accept-transfer");
  CHECK(FinancingEventKindFromName("steal").status().IsInvalidArgument());
}

TEST_CASE("SameParty: BIC 8 and 11 name the same institution") {
  CHECK(SameParty("LDZBPLP0", "LDZBPLP0XXX"));
  CHECK(SameParty("LDZBPLP0XXX", "LDZBPLP0"));
  CHECK(SameParty("LDZBPLP0XXX", "LDZBPLP0XXX"));
  CHECK(SameParty("LDZBPLP0ABC", "LDZBPLP0XXX"));  // a branch of the bank
  CHECK_FALSE(SameParty("LDZBPLP1XXX", "LDZBPLP0XXX"));
  CHECK_FALSE(SameParty("", ""));
  CHECK(SameParty("91510113MA6CT4K21P", "91510113MA6CT4K21P"));
  CHECK_FALSE(SameParty("91510113MA6CT4K21P", "91510113MA6CT4K21Q"));
  // Only BIC lengths compare by prefix.
  CHECK_FALSE(SameParty("2594007XQ2TF8A1CB037", "2594007X"));
}

TEST_CASE("each sample's issuer field and roles") {
  Runtime runtime;
  IssuerBinding lc = BindingOf(Parse(Sample("letter-of-credit.xml")));
  REQUIRE(lc.claims.size() == 1);
  CHECK(lc.claims[0].field == "IssuingBank/Bic");
  CHECK(lc.claims[0].ids == std::vector<std::string>{"LDZBPLP0XXX"});
  CHECK(lc.claims[0].roles == std::vector<PartyRole>{PartyRole::kIssuingBank});

  IssuerBinding inv = BindingOf(Parse(Sample("commercial-invoice.xml")));
  REQUIRE(inv.claims.size() == 1);
  CHECK(inv.claims[0].field == "Seller/Ids");
  CHECK(inv.claims[0].ids == std::vector<std::string>{"91510113MA6CT4K21P"});
  CHECK(inv.claims[0].roles == std::vector<PartyRole>{PartyRole::kShipper});

  IssuerBinding cd = BindingOf(Parse(Sample("customs-declaration.xml")));
  REQUIRE(cd.claims.size() == 1);
  CHECK(cd.claims[0].field == "Declarant/Ids");
  CHECK(cd.claims[0].ids == std::vector<std::string>{"91510100MA62XJ8N0J"});
  CHECK(cd.claims[0].roles == std::vector<PartyRole>{PartyRole::kCustomsBroker});

  IssuerBinding wb = BindingOf(Parse(Sample("rail-waybill.xml")));
  REQUIRE(wb.claims.size() == 1);
  CHECK(wb.claims[0].field == "ContractingCarrier/Ids");
  CHECK(wb.claims[0].ids == std::vector<std::string>{"91510000MA61CRW0XE"});
  CHECK(wb.claims[0].roles == std::vector<PartyRole>{PartyRole::kCarrier});
}

TEST_CASE("CheckIssuer: mismatch names field, value and signer; role checked") {
  Runtime runtime;
  Document lc = Parse(Sample("letter-of-credit.xml"));
  IssuerVerdict ok = CheckIssuer(lc, "LDZBPLP0", {PartyRole::kIssuingBank});
  CHECK(ok.ok);
  CHECK(ok.field == "IssuingBank/Bic");

  IssuerVerdict forged = CheckIssuer(lc, "COBADEFFXXX", {PartyRole::kIssuingBank});
  CHECK_FALSE(forged.ok);
  CHECK(forged.code == "ISSUER-MISMATCH");
  CHECK(forged.field == "IssuingBank/Bic");
  CHECK(forged.value == "LDZBPLP0XXX");
  CHECK(forged.reason ==
        "IssuingBank/Bic of the letter-of-credit is LDZBPLP0XXX, but the document is "
        "signed by COBADEFFXXX; only the party named there may issue it");

  // Named, but holding only another role.
  IssuerVerdict role = CheckIssuer(lc, "LDZBPLP0XXX", {PartyRole::kFinancingBank});
  CHECK_FALSE(role.ok);
  CHECK(role.code == "ROLE-NOT-ALLOWED");
  CHECK(role.reason.find("holds the role(s) financing-bank") != std::string::npos);
  // A bank holding both roles issues.
  CHECK(CheckIssuer(lc, "LDZBPLP0XXX",
                    {PartyRole::kIssuingBank, PartyRole::kFinancingBank}).ok);
}

TEST_CASE("customs declaration: broker, or the exporter declaring for itself") {
  Runtime runtime;
  const std::string xml = Sample("customs-declaration.xml");
  Document broker = Parse(xml);
  CHECK(CheckIssuer(broker, "91510100MA62XJ8N0J", {PartyRole::kCustomsBroker}).ok);
  // The exporter may not sign a declaration that names a broker.
  IssuerVerdict v = CheckIssuer(broker, "91510113MA6CT4K21P", {PartyRole::kShipper});
  CHECK(v.code == "ISSUER-MISMATCH");
  CHECK(v.field == "Declarant/Ids");
  // A broker is the declarant in its customs-broker role, not as shipper.
  CHECK(CheckIssuer(broker, "91510100MA62XJ8N0J", {PartyRole::kShipper}).code ==
        "ROLE-NOT-ALLOWED");

  // The exporter names itself as declarant: it declares for itself.
  Document self = Parse(Replace(xml, "<c:Uscc>91510100MA62XJ8N0J</c:Uscc>",
                                "<c:Uscc>91510113MA6CT4K21P</c:Uscc>"));
  IssuerBinding b = BindingOf(self);
  REQUIRE(b.claims.size() == 1);
  CHECK(b.claims[0].field == "DomesticConsignor/Ids");
  CHECK(CheckIssuer(self, "91510113MA6CT4K21P", {PartyRole::kShipper}).ok);
  CHECK(CheckIssuer(self, "91510100MA62XJ8N0J", {PartyRole::kCustomsBroker}).code ==
        "ISSUER-MISMATCH");
}

TEST_CASE("a waybill without a contracting carrier names no issuer") {
  Runtime runtime;
  std::string xml = Sample("rail-waybill.xml");
  size_t a = xml.find("  <wb:ContractingCarrier>");
  size_t b = xml.find("</wb:ContractingCarrier>\n");
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  xml.erase(a, b + std::string("</wb:ContractingCarrier>\n").size() - a);
  Document wb = Parse(xml);  // revision 1.0 documents stay valid
  IssuerVerdict v = CheckIssuer(wb, "91510000MA61CRW0XE", {PartyRole::kCarrier});
  CHECK(v.code == "ISSUER-MISMATCH");
  CHECK(v.value.empty());
  CHECK(v.reason.find("names no issuer in ContractingCarrier/Ids") != std::string::npos);
}

TEST_CASE("PartyRolesFromNames keeps known role names in order and skips the rest") {
  std::vector<PartyRole> roles =
      PartyRolesFromNames({"financing-bank", "no-such-role", "issuing-bank"});
  REQUIRE(roles.size() == 2);
  CHECK(roles[0] == PartyRole::kFinancingBank);
  CHECK(roles[1] == PartyRole::kIssuingBank);
  CHECK(PartyRolesFromNames({}).empty());
}

}  // namespace
}  // namespace tradefin
