// Internal to the document module: XML → model parsers (one per document
// type), the semantic rules over the models, and natural keys.
//
// Parsers expect a tree that passed XSD validation; they map every schema
// element to its model field, record each field's location in `map`, and
// report values the XSD cannot judge (MONEY-CURRENCY, MONEY-EXPONENT,
// DATE-INVALID, VALUE-INVALID) to `sink`.
//
// Rules run on the models alone (so they can be tested on structs built in
// code) and report violations to `sink` by field key.
//
// Thread safety: pure functions.
#ifndef TRADEFIN_DOCUMENT_PARSERS_H_
#define TRADEFIN_DOCUMENT_PARSERS_H_

#include <string>

#include "document/issues.h"
#include "tradefin/document/document.h"
#include "xml/xml_tree.h"

namespace tradefin::document_internal {

LetterOfCredit ParseLetterOfCreditXml(xml::Node root, SourceMap* map,
                                      IssueSink* sink);
RailWaybill ParseRailWaybillXml(xml::Node root, SourceMap* map,
                                IssueSink* sink);
CustomsDeclaration ParseCustomsDeclarationXml(xml::Node root, SourceMap* map,
                                              IssueSink* sink);
CommercialInvoice ParseCommercialInvoiceXml(xml::Node root, SourceMap* map,
                                            IssueSink* sink);

// Parses `root` as `type` into a Document with its natural key.
Document ParseDocumentXml(DocumentType type, xml::Node root, SourceMap* map,
                          IssueSink* sink);

void CheckLetterOfCredit(const LetterOfCredit& lc, IssueSink* sink);
void CheckRailWaybill(const RailWaybill& wb, IssueSink* sink);
void CheckCustomsDeclaration(const CustomsDeclaration& cd, IssueSink* sink);
void CheckCommercialInvoice(const CommercialInvoice& ci, IssueSink* sink);
void CheckDocument(const Document& doc, IssueSink* sink);

std::string NaturalKey(const DocumentModel& model);

}  // namespace tradefin::document_internal

#endif  // TRADEFIN_DOCUMENT_PARSERS_H_
