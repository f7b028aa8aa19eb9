#include "tradefin/document/document.h"

#include "document/parsers.h"

namespace tradefin {

std::string_view DocumentTypeName(DocumentType type) {
  switch (type) {
    case DocumentType::kLetterOfCredit: return "letter-of-credit";
    case DocumentType::kRailWaybill: return "rail-waybill";
    case DocumentType::kCustomsDeclaration: return "customs-declaration";
    case DocumentType::kCommercialInvoice: return "commercial-invoice";
  }
  return "unknown";
}

std::string_view DocumentNamespace(DocumentType type) {
  switch (type) {
    case DocumentType::kLetterOfCredit: return kLetterOfCreditNamespace;
    case DocumentType::kRailWaybill: return kRailWaybillNamespace;
    case DocumentType::kCustomsDeclaration: return kCustomsDeclarationNamespace;
    case DocumentType::kCommercialInvoice: return kCommercialInvoiceNamespace;
  }
  return "";
}

Result<DocumentType> DocumentTypeFromNamespace(std::string_view ns) {
  for (DocumentType t :
       {DocumentType::kLetterOfCredit, DocumentType::kRailWaybill,
        DocumentType::kCustomsDeclaration, DocumentType::kCommercialInvoice}) {
    if (ns == DocumentNamespace(t)) return t;
  }
  return Status::InvalidArgument(
      "namespace '" + std::string(ns) +
      "' is not a tradefin document's; expected urn:tradefin:lc:1, urn:tradefin:waybill:1, "
      "urn:tradefin:customs:1 or urn:tradefin:invoice:1");
}

namespace document_internal {

// Natural keys as documented in document.h.
std::string NaturalKey(const DocumentModel& model) {
  struct Visitor {
    std::string operator()(const LetterOfCredit& lc) const {
      return lc.credit_number + "|" + lc.issuing_bank.bic;
    }
    std::string operator()(const RailWaybill& wb) const {
      return wb.consignment_number + "|" + wb.departure_station.code + "|" +
             (wb.departure_date.valid() ? wb.departure_date.ToIso() : "");
    }
    std::string operator()(const CustomsDeclaration& cd) const {
      return cd.declaration_number;
    }
    std::string operator()(const CommercialInvoice& ci) const {
      const PartyIds& ids = ci.seller.ids;
      const std::string& seller = !ids.uscc.empty()  ? ids.uscc
                                  : !ids.lei.empty() ? ids.lei
                                  : !ids.bic.empty() ? ids.bic
                                                     : ci.seller.name;
      return ci.invoice_number + "|" + seller;
    }
  };
  return std::visit(Visitor{}, model);
}

Document ParseDocumentXml(DocumentType type, xml::Node root, SourceMap* map,
                          IssueSink* sink) {
  Document doc;
  doc.type = type;
  switch (type) {
    case DocumentType::kLetterOfCredit:
      doc.model = ParseLetterOfCreditXml(root, map, sink);
      break;
    case DocumentType::kRailWaybill:
      doc.model = ParseRailWaybillXml(root, map, sink);
      break;
    case DocumentType::kCustomsDeclaration:
      doc.model = ParseCustomsDeclarationXml(root, map, sink);
      break;
    case DocumentType::kCommercialInvoice:
      doc.model = ParseCommercialInvoiceXml(root, map, sink);
      break;
  }
  doc.natural_key = NaturalKey(doc.model);
  return doc;
}

}  // namespace document_internal
}  // namespace tradefin
