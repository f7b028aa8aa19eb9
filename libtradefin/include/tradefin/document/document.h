// Document: any of the four trade documents, parsed into its typed model.
//
// Thread safety: plain value types.
#ifndef TRADEFIN_DOCUMENT_DOCUMENT_H_
#define TRADEFIN_DOCUMENT_DOCUMENT_H_

#include <string>
#include <string_view>
#include <variant>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"

#include "tradefin/document/commercial_invoice.h"
#include "tradefin/document/customs_declaration.h"
#include "tradefin/document/letter_of_credit.h"
#include "tradefin/document/rail_waybill.h"

namespace tradefin {

enum class DocumentType {
  kLetterOfCredit,
  kRailWaybill,
  kCustomsDeclaration,
  kCommercialInvoice,
};

// Stable lowercase names used in CLI output, JSON and store entries:
// "letter-of-credit", "rail-waybill", "customs-declaration",
// "commercial-invoice".
TRADEFIN_EXPORT std::string_view DocumentTypeName(DocumentType type);
// The namespace URI of a document type's root element.
TRADEFIN_EXPORT std::string_view DocumentNamespace(DocumentType type);
// The document type whose root element is in namespace `ns`;
// kInvalidArgument naming the four namespaces if it is none of them.
TRADEFIN_EXPORT Result<DocumentType> DocumentTypeFromNamespace(std::string_view ns);

// DocumentTypeOf<RailWaybill>::value == DocumentType::kRailWaybill, and so
// on for the four model types (used by ParseAs<T>). Not defined for other
// types, so ParseAs<int> does not compile.
template <typename T>
struct DocumentTypeOf;
template <>
struct DocumentTypeOf<LetterOfCredit> {
  static constexpr DocumentType value = DocumentType::kLetterOfCredit;
};
template <>
struct DocumentTypeOf<RailWaybill> {
  static constexpr DocumentType value = DocumentType::kRailWaybill;
};
template <>
struct DocumentTypeOf<CustomsDeclaration> {
  static constexpr DocumentType value = DocumentType::kCustomsDeclaration;
};
template <>
struct DocumentTypeOf<CommercialInvoice> {
  static constexpr DocumentType value = DocumentType::kCommercialInvoice;
};

using DocumentModel = std::variant<LetterOfCredit, RailWaybill,
                                   CustomsDeclaration, CommercialInvoice>;

struct Document {
  DocumentType type = DocumentType::kLetterOfCredit;
  DocumentModel model;
  // Natural key that identifies the business document uniquely:
  //  LC: "<credit number>|<issuing bank BIC>"
  //  waybill: "<consignment number>|<departure station code>|<YYYY-MM-DD>"
  //  customs: "<declaration number>"
  //  invoice: "<invoice number>|<seller id: the first present of USCC,
  //            LEI, BIC, else the name>"
  std::string natural_key;
};

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_DOCUMENT_H_
