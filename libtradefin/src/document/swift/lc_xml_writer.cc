// LetterOfCredit -> LC XML (schemas/letter-of-credit.xsd). Elements are
// written in schema order; optional values that are empty are left out,
// because the schema's narrative and text types require content.
#include <string>

#include "document/swift/swift_internal.h"

namespace tradefin {
namespace {

void Escape(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      default: *out += c;
    }
  }
}

class Writer {
 public:
  void Text(std::string_view indent, std::string_view name,
            std::string_view value) {
    out_ += indent;
    out_ += '<';
    out_ += name;
    out_ += '>';
    Escape(value, &out_);
    out_ += "</";
    out_ += name;
    out_ += ">\n";
  }
  void Opt(std::string_view name, std::string_view value) {
    if (!value.empty()) Text("  ", name, value);
  }
  void Open(std::string_view indent, std::string_view name) {
    out_ += std::string(indent) + "<" + std::string(name) + ">\n";
  }
  void Close(std::string_view indent, std::string_view name) {
    out_ += std::string(indent) + "</" + std::string(name) + ">\n";
  }
  void Lines(std::string_view indent, std::string_view name,
             const TextLines& lines) {
    if (lines.empty()) return;
    Open(indent, name);
    std::string inner = std::string(indent) + "  ";
    for (const std::string& l : lines) Text(inner, "c:Line", l);
    Close(indent, name);
  }
  void BankEl(std::string_view name, const Bank& b) {
    Open("  ", name);
    if (!b.bic.empty()) Text("    ", "c:Bic", b.bic);
    if (!b.party_identifier.empty())
      Text("    ", "c:PartyIdentifier", b.party_identifier);
    Lines("    ", "c:NameAddress", b.name_address);
    if (!b.location.empty()) Text("    ", "c:Location", b.location);
    Close("  ", name);
  }
  void PartyEl(std::string_view name, const Party& p) {
    Open("  ", name);
    Text("    ", "c:Name", p.name);
    const Address& a = p.address;
    if (!a.lines.empty() || !a.city.empty() || !a.postal_code.empty() ||
        !a.country.empty()) {
      Open("    ", "c:Address");
      for (const std::string& l : a.lines) Text("      ", "c:Line", l);
      if (!a.city.empty()) Text("      ", "c:City", a.city);
      if (!a.postal_code.empty()) Text("      ", "c:PostalCode", a.postal_code);
      if (!a.country.empty()) Text("      ", "c:Country", a.country);
      Close("    ", "c:Address");
    }
    const PartyIds& i = p.ids;
    if (!i.bic.empty() || !i.lei.empty() || !i.uscc.empty() ||
        !i.customs_code.empty() || !i.account.empty()) {
      Open("    ", "c:Ids");
      if (!i.bic.empty()) Text("      ", "c:Bic", i.bic);
      if (!i.lei.empty()) Text("      ", "c:Lei", i.lei);
      if (!i.uscc.empty()) Text("      ", "c:Uscc", i.uscc);
      if (!i.customs_code.empty())
        Text("      ", "c:CustomsCode", i.customs_code);
      if (!i.account.empty()) Text("      ", "c:Account", i.account);
      Close("    ", "c:Ids");
    }
    Close("  ", name);
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

std::string XmlId(std::string_view credit_number) {
  std::string id = "lc-";
  for (char c : credit_number) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    id += ok ? c : '_';
  }
  return id;
}

}  // namespace

std::string LetterOfCreditToXml(const LetterOfCredit& lc) {
  using swift_internal::AvailableByCode;
  using swift_internal::ConfirmationCode;
  using swift_internal::FormCode;
  using swift_internal::PermissionCode;
  Writer w;
  std::string& o = w.out();
  o += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o += "<lc:LetterOfCredit xmlns:lc=\"urn:tradefin:lc:1\" "
       "xmlns:c=\"urn:tradefin:common:1\" version=\"1\" Id=\"";
  Escape(XmlId(lc.credit_number), &o);
  o += "\">\n";
  w.BankEl("lc:IssuingBank", lc.issuing_bank);
  w.BankEl("lc:AdvisingBank", lc.advising_bank);
  w.Text("  ", "lc:FormOfCredit", FormCode(lc.form));
  w.Text("  ", "lc:CreditNumber", lc.credit_number);
  w.Opt("lc:PreAdviceReference", lc.pre_advice_reference);
  w.Text("  ", "lc:IssueDate", lc.issue_date.ToIso());
  w.Text("  ", "lc:ApplicableRules", lc.applicable_rules);
  w.Opt("lc:ApplicableRulesNarrative", lc.applicable_rules_narrative);
  w.Text("  ", "lc:ExpiryDate", lc.expiry_date.ToIso());
  w.Text("  ", "lc:ExpiryPlace", lc.expiry_place);
  if (lc.applicant_bank) w.BankEl("lc:ApplicantBank", *lc.applicant_bank);
  w.PartyEl("lc:Applicant", lc.applicant);
  w.PartyEl("lc:Beneficiary", lc.beneficiary);
  o += "  <lc:Amount currency=\"";
  Escape(lc.amount.currency, &o);
  o += "\">" + lc.amount.AmountString() + "</lc:Amount>\n";
  if (lc.tolerance_plus_percent)
    w.Text("  ", "lc:TolerancePlusPercent",
           std::to_string(*lc.tolerance_plus_percent));
  if (lc.tolerance_minus_percent)
    w.Text("  ", "lc:ToleranceMinusPercent",
           std::to_string(*lc.tolerance_minus_percent));
  w.Lines("  ", "lc:AdditionalAmounts", lc.additional_amounts);
  w.BankEl("lc:AvailableWith", lc.available_with);
  w.Text("  ", "lc:AvailableBy", AvailableByCode(lc.available_by));
  w.Lines("  ", "lc:DraftsAt", lc.drafts_at);
  if (lc.drawee) w.BankEl("lc:Drawee", *lc.drawee);
  w.Lines("  ", "lc:MixedPaymentDetails", lc.mixed_payment_details);
  w.Lines("  ", "lc:NegotiationDeferredDetails",
          lc.negotiation_deferred_details);
  if (lc.partial_shipments)
    w.Text("  ", "lc:PartialShipments", PermissionCode(*lc.partial_shipments));
  if (lc.transhipment)
    w.Text("  ", "lc:Transhipment", PermissionCode(*lc.transhipment));
  w.Opt("lc:PlaceOfDispatch", lc.place_of_dispatch);
  w.Opt("lc:PortOfLoading", lc.port_of_loading);
  w.Opt("lc:PortOfDischarge", lc.port_of_discharge);
  w.Opt("lc:FinalDestination", lc.final_destination);
  if (lc.latest_shipment_date)
    w.Text("  ", "lc:LatestShipmentDate", lc.latest_shipment_date->ToIso());
  w.Lines("  ", "lc:ShipmentPeriod", lc.shipment_period);
  w.Lines("  ", "lc:GoodsDescription", lc.goods_description);
  w.Lines("  ", "lc:DocumentsRequired", lc.documents_required);
  w.Lines("  ", "lc:AdditionalConditions", lc.additional_conditions);
  w.Lines("  ", "lc:SpecialPaymentBeneficiary", lc.special_payment_beneficiary);
  w.Lines("  ", "lc:SpecialPaymentBank", lc.special_payment_bank);
  w.Lines("  ", "lc:Charges", lc.charges);
  if (lc.presentation_days)
    w.Text("  ", "lc:PresentationDays", std::to_string(*lc.presentation_days));
  w.Opt("lc:PresentationNarrative", lc.presentation_narrative);
  w.Text("  ", "lc:Confirmation", ConfirmationCode(lc.confirmation));
  if (lc.requested_confirmation_party)
    w.BankEl("lc:RequestedConfirmationParty", *lc.requested_confirmation_party);
  if (lc.reimbursing_bank) w.BankEl("lc:ReimbursingBank", *lc.reimbursing_bank);
  w.Lines("  ", "lc:InstructionsToBank", lc.instructions_to_bank);
  if (lc.advise_through_bank)
    w.BankEl("lc:AdviseThroughBank", *lc.advise_through_bank);
  w.Lines("  ", "lc:SenderToReceiver", lc.sender_to_receiver);
  o += "</lc:LetterOfCredit>\n";
  return o;
}

}  // namespace tradefin
