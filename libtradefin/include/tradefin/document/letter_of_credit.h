// LetterOfCredit: a documentary credit as issued in a SWIFT MT700 (plus any
// MT701 continuations), one field per MT700 field group (SR2018+ layout).
// Schema: schemas/letter-of-credit.xsd, namespace urn:tradefin:lc:1.
//
// Thread safety: plain value type.
#ifndef TRADEFIN_DOCUMENT_LETTER_OF_CREDIT_H_
#define TRADEFIN_DOCUMENT_LETTER_OF_CREDIT_H_

#include <optional>
#include <string>
#include <vector>

#include "tradefin/core/date.h"
#include "tradefin/core/money.h"
#include "tradefin/document/common.h"

namespace tradefin {

inline constexpr char kLetterOfCreditNamespace[] = "urn:tradefin:lc:1";

enum class FormOfCredit { kIrrevocable, kIrrevocableTransferable };  // 40A
enum class AvailableBy {                                             // 41a
  kPayment, kAcceptance, kNegotiation, kDeferredPayment, kMixedPayment
};
enum class ShipmentPermission { kAllowed, kConditional, kNotAllowed };  // 43P/T
enum class ConfirmationInstruction { kConfirm, kMayAdd, kWithout };     // 49

struct LetterOfCredit {
  // Parties outside block 4: the sender (issuing bank) and the receiver
  // (advising bank) of the MT700 (blocks 1 and 2).
  Bank issuing_bank;                       // sender LT's BIC
  Bank advising_bank;                      // receiver

  FormOfCredit form = FormOfCredit::kIrrevocable;      // 40A
  std::string credit_number;                           // 20, 16x
  std::string pre_advice_reference;                    // 23, optional
  Date issue_date;                                     // 31C
  std::string applicable_rules;                        // 40E code, e.g.
                                                       // "UCP LATEST VERSION"
  std::string applicable_rules_narrative;              // 40E /35x, OTHR only
  Date expiry_date;                                    // 31D date
  std::string expiry_place;                            // 31D place
  std::optional<Bank> applicant_bank;                  // 51a
  Party applicant;                                     // 50
  Party beneficiary;                                   // 59 (account in ids)
  Money amount;                                        // 32B
  std::optional<int> tolerance_plus_percent;           // 39A plus
  std::optional<int> tolerance_minus_percent;          // 39A minus
  TextLines additional_amounts;                        // 39C
  Bank available_with;                                 // 41a bank (A or D)
  AvailableBy available_by = AvailableBy::kNegotiation;  // 41a code
  TextLines drafts_at;                                 // 42C
  std::optional<Bank> drawee;                          // 42a
  TextLines mixed_payment_details;                     // 42M
  TextLines negotiation_deferred_details;              // 42P
  std::optional<ShipmentPermission> partial_shipments; // 43P
  std::optional<ShipmentPermission> transhipment;      // 43T
  std::string place_of_dispatch;                       // 44A
  std::string port_of_loading;                         // 44E
  std::string port_of_discharge;                       // 44F
  std::string final_destination;                       // 44B
  std::optional<Date> latest_shipment_date;            // 44C
  TextLines shipment_period;                           // 44D
  TextLines goods_description;                         // 45A
  TextLines documents_required;                        // 46A
  TextLines additional_conditions;                     // 47A
  TextLines special_payment_beneficiary;               // 49G
  TextLines special_payment_bank;                      // 49H
  TextLines charges;                                   // 71D
  std::optional<int> presentation_days;                // 48 days
  std::string presentation_narrative;                  // 48 /35x
  ConfirmationInstruction confirmation =
      ConfirmationInstruction::kWithout;               // 49
  std::optional<Bank> requested_confirmation_party;    // 58a
  std::optional<Bank> reimbursing_bank;                // 53a
  TextLines instructions_to_bank;                      // 78
  std::optional<Bank> advise_through_bank;             // 57a
  TextLines sender_to_receiver;                        // 72Z
};

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_LETTER_OF_CREDIT_H_
