// MT700 field groups: schemas/letter-of-credit.xsd, one element per field.
#include "document/parsers.h"
#include "document/xml_reader.h"

namespace tradefin::document_internal {
namespace {

std::optional<Bank> OptBank(Reader& r, xml::Node n, const std::string& key) {
  if (!n) return std::nullopt;
  return r.BankOf(n, key);
}

std::optional<ShipmentPermission> Permission(Reader& r, xml::Node n,
                                             const std::string& key) {
  if (!n) return std::nullopt;
  std::string t = r.Token(n, key);
  if (t == "ALLOWED") return ShipmentPermission::kAllowed;
  if (t == "CONDITIONAL") return ShipmentPermission::kConditional;
  return ShipmentPermission::kNotAllowed;
}

}  // namespace

LetterOfCredit ParseLetterOfCreditXml(xml::Node root, SourceMap* map,
                                      IssueSink* sink) {
  Reader r(kLetterOfCreditNamespace, map, sink);
  auto c = [&](std::string_view name) { return r.Child(root, name); };
  LetterOfCredit lc;
  lc.issuing_bank = r.BankOf(c("IssuingBank"), "issuing_bank");
  lc.advising_bank = r.BankOf(c("AdvisingBank"), "advising_bank");
  lc.form = r.Token(c("FormOfCredit"), "form") == "IRREVOCABLE TRANSFERABLE"
                ? FormOfCredit::kIrrevocableTransferable
                : FormOfCredit::kIrrevocable;
  lc.credit_number = r.Token(c("CreditNumber"), "credit_number");
  lc.pre_advice_reference =
      r.Token(c("PreAdviceReference"), "pre_advice_reference");
  lc.issue_date = r.DateOf(c("IssueDate"), "issue_date");
  lc.applicable_rules = r.Token(c("ApplicableRules"), "applicable_rules");
  lc.applicable_rules_narrative =
      r.Str(c("ApplicableRulesNarrative"), "applicable_rules_narrative");
  lc.expiry_date = r.DateOf(c("ExpiryDate"), "expiry_date");
  lc.expiry_place = r.Str(c("ExpiryPlace"), "expiry_place");
  lc.applicant_bank = OptBank(r, c("ApplicantBank"), "applicant_bank");
  lc.applicant = r.PartyOf(c("Applicant"), "applicant");
  lc.beneficiary = r.PartyOf(c("Beneficiary"), "beneficiary");
  lc.amount = r.MoneyOf(c("Amount"), "amount");
  lc.tolerance_plus_percent =
      r.OptInt(c("TolerancePlusPercent"), "tolerance_plus_percent");
  lc.tolerance_minus_percent =
      r.OptInt(c("ToleranceMinusPercent"), "tolerance_minus_percent");
  lc.additional_amounts = r.Lines(c("AdditionalAmounts"), "additional_amounts");
  lc.available_with = r.BankOf(c("AvailableWith"), "available_with");
  std::string by = r.Token(c("AvailableBy"), "available_by");
  if (by == "BY PAYMENT") {
    lc.available_by = AvailableBy::kPayment;
  } else if (by == "BY ACCEPTANCE") {
    lc.available_by = AvailableBy::kAcceptance;
  } else if (by == "BY DEF PAYMENT") {
    lc.available_by = AvailableBy::kDeferredPayment;
  } else if (by == "BY MIXED PYMT") {
    lc.available_by = AvailableBy::kMixedPayment;
  } else {
    lc.available_by = AvailableBy::kNegotiation;
  }
  lc.drafts_at = r.Lines(c("DraftsAt"), "drafts_at");
  lc.drawee = OptBank(r, c("Drawee"), "drawee");
  lc.mixed_payment_details =
      r.Lines(c("MixedPaymentDetails"), "mixed_payment_details");
  lc.negotiation_deferred_details =
      r.Lines(c("NegotiationDeferredDetails"), "negotiation_deferred_details");
  lc.partial_shipments =
      Permission(r, c("PartialShipments"), "partial_shipments");
  lc.transhipment = Permission(r, c("Transhipment"), "transhipment");
  lc.place_of_dispatch = r.Str(c("PlaceOfDispatch"), "place_of_dispatch");
  lc.port_of_loading = r.Str(c("PortOfLoading"), "port_of_loading");
  lc.port_of_discharge = r.Str(c("PortOfDischarge"), "port_of_discharge");
  lc.final_destination = r.Str(c("FinalDestination"), "final_destination");
  lc.latest_shipment_date =
      r.OptDate(c("LatestShipmentDate"), "latest_shipment_date");
  lc.shipment_period = r.Lines(c("ShipmentPeriod"), "shipment_period");
  lc.goods_description = r.Lines(c("GoodsDescription"), "goods_description");
  lc.documents_required = r.Lines(c("DocumentsRequired"), "documents_required");
  lc.additional_conditions =
      r.Lines(c("AdditionalConditions"), "additional_conditions");
  lc.special_payment_beneficiary =
      r.Lines(c("SpecialPaymentBeneficiary"), "special_payment_beneficiary");
  lc.special_payment_bank =
      r.Lines(c("SpecialPaymentBank"), "special_payment_bank");
  lc.charges = r.Lines(c("Charges"), "charges");
  lc.presentation_days = r.OptInt(c("PresentationDays"), "presentation_days");
  lc.presentation_narrative =
      r.Str(c("PresentationNarrative"), "presentation_narrative");
  std::string conf = r.Token(c("Confirmation"), "confirmation");
  lc.confirmation = conf == "CONFIRM"   ? ConfirmationInstruction::kConfirm
                    : conf == "MAY ADD" ? ConfirmationInstruction::kMayAdd
                                        : ConfirmationInstruction::kWithout;
  lc.requested_confirmation_party = OptBank(
      r, c("RequestedConfirmationParty"), "requested_confirmation_party");
  lc.reimbursing_bank = OptBank(r, c("ReimbursingBank"), "reimbursing_bank");
  lc.instructions_to_bank =
      r.Lines(c("InstructionsToBank"), "instructions_to_bank");
  lc.advise_through_bank =
      OptBank(r, c("AdviseThroughBank"), "advise_through_bank");
  lc.sender_to_receiver = r.Lines(c("SenderToReceiver"), "sender_to_receiver");
  return lc;
}

}  // namespace tradefin::document_internal
