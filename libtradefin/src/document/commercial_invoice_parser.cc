// Commercial invoice fields: schemas/commercial-invoice.xsd.
#include "document/parsers.h"
#include "document/xml_reader.h"

namespace tradefin::document_internal {
namespace {

std::string Idx(const std::string& key, size_t i) {
  return key + "[" + std::to_string(i) + "]";
}

}  // namespace

CommercialInvoice ParseCommercialInvoiceXml(xml::Node root, SourceMap* map,
                                            IssueSink* sink) {
  Reader r(kCommercialInvoiceNamespace, map, sink);
  auto c = [&](std::string_view name) { return r.Child(root, name); };
  CommercialInvoice ci;
  ci.title = r.Str(c("Title"), "title");
  ci.invoice_number = r.Token(c("InvoiceNumber"), "invoice_number");
  ci.issue_date = r.DateOf(c("IssueDate"), "issue_date");
  ci.seller = r.PartyOf(c("Seller"), "seller");
  ci.buyer = r.PartyOf(c("Buyer"), "buyer");
  ci.credit_number = r.Token(c("CreditNumber"), "credit_number");
  ci.consignment_number = r.Token(c("ConsignmentNumber"), "consignment_number");
  ci.customs_declaration_number =
      r.Token(c("CustomsDeclarationNumber"), "customs_declaration_number");
  ci.incoterm = r.Token(c("Incoterm"), "incoterm");
  ci.incoterms_edition = r.Str(c("IncotermsEdition"), "incoterms_edition");
  ci.incoterm_place = r.Str(c("IncotermPlace"), "incoterm_place");
  ci.currency = r.Token(c("Currency"), "currency");
  if (xml::Node items = c("Items")) {
    r.Note(items, "items");
    std::vector<xml::Node> list =
        items.children(kCommercialInvoiceNamespace, "Item");
    for (size_t i = 0; i < list.size(); ++i) {
      std::string k = Idx("items", i);
      r.Note(list[i], k);
      auto g = [&](std::string_view name) { return r.Child(list[i], name); };
      InvoiceItem it;
      it.line_number = static_cast<int>(r.Int(g("LineNumber"), k + ".line_number"));
      it.description = r.Str(g("Description"), k + ".description");
      it.hs_code = r.Token(g("HsCode"), k + ".hs_code");
      it.quantity = r.Dec(g("Quantity"), k + ".quantity");
      it.unit = r.Str(g("Unit"), k + ".unit");
      it.unit_price = r.Dec(g("UnitPrice"), k + ".unit_price");
      it.amount = r.MoneyOf(g("Amount"), k + ".amount");
      ci.items.push_back(std::move(it));
    }
  }
  ci.total = r.MoneyOf(c("Total"), "total");
  if (xml::Node list = c("ContainerNumbers")) {
    r.Note(list, "container_numbers");
    std::vector<xml::Node> ns =
        list.children(kCommercialInvoiceNamespace, "ContainerNumber");
    for (size_t i = 0; i < ns.size(); ++i) {
      ci.container_numbers.push_back(r.Token(ns[i], Idx("container_numbers", i)));
    }
  }
  ci.packages = r.Int(c("Packages"), "packages");
  ci.gross_weight_kg = r.Dec(c("GrossWeightKg"), "gross_weight_kg");
  ci.net_weight_kg = r.Dec(c("NetWeightKg"), "net_weight_kg");
  ci.country_of_origin = r.Token(c("CountryOfOrigin"), "country_of_origin");
  ci.marks = r.Str(c("Marks"), "marks");
  ci.signed_by_seller = r.Bool(c("SignedBySeller"), "signed_by_seller");
  ci.signatory = r.Str(c("Signatory"), "signatory");
  return ci;
}

}  // namespace tradefin::document_internal
