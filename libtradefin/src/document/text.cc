// Readable summary for `tradefin show`. Account numbers are left out on
// purpose (style: messages never contain full account numbers).
#include "tradefin/document/text.h"

#include <sstream>

namespace tradefin {
namespace {

class Out {
 public:
  void Line(std::string_view label, std::string_view value, int indent = 0) {
    if (value.empty()) return;
    os_ << std::string(static_cast<size_t>(indent) * 2, ' ') << label << ": "
        << value << "\n";
  }
  void Head(std::string_view label, int indent = 0) {
    os_ << std::string(static_cast<size_t>(indent) * 2, ' ') << label << ":\n";
  }
  void Lines(std::string_view label, const TextLines& lines) {
    if (lines.empty()) return;
    Head(label);
    for (const std::string& l : lines) os_ << "  " << l << "\n";
  }
  void PartyLine(std::string_view label, const Party& p) {
    std::string v = p.name;
    std::string where;
    if (!p.address.city.empty()) where = p.address.city;
    if (!p.address.country.empty()) {
      where += (where.empty() ? "" : ", ") + p.address.country;
    }
    if (!where.empty()) v += " (" + where + ")";
    std::string ids;
    auto add = [&](std::string_view k, const std::string& x) {
      if (!x.empty()) ids += (ids.empty() ? "" : ", ") + std::string(k) + " " + x;
    };
    add("BIC", p.ids.bic);
    add("LEI", p.ids.lei);
    add("USCC", p.ids.uscc);
    add("customs code", p.ids.customs_code);
    if (!ids.empty()) v += " [" + ids + "]";
    Line(label, v);
  }
  void BankLine(std::string_view label, const Bank& b) {
    std::string v = b.bic;
    for (const std::string& l : b.name_address) v += (v.empty() ? "" : " / ") + l;
    if (!b.location.empty()) v += (v.empty() ? "" : " / ") + b.location;
    Line(label, v);
  }
  void StationLine(std::string_view label, const Station& s, int indent = 0) {
    std::string v = s.name;
    if (!s.code.empty()) v += " " + s.code;
    if (!s.railway.empty() || !s.country.empty()) {
      v += " (railway " + s.railway + ", " + s.country + ")";
    }
    Line(label, v, indent);
  }
  std::string str() const { return os_.str(); }

 private:
  std::ostringstream os_;
};

std::string DateStr(const Date& d) { return d.valid() ? d.ToIso() : ""; }

void Render(Out& o, const LetterOfCredit& lc) {
  o.Line("Credit number", lc.credit_number);
  o.Line("Form", lc.form == FormOfCredit::kIrrevocableTransferable
                     ? "IRREVOCABLE TRANSFERABLE"
                     : "IRREVOCABLE");
  o.BankLine("Issuing bank", lc.issuing_bank);
  o.BankLine("Advising bank", lc.advising_bank);
  o.PartyLine("Applicant", lc.applicant);
  o.PartyLine("Beneficiary", lc.beneficiary);
  std::string amount = lc.amount.ToString();
  if (lc.tolerance_plus_percent || lc.tolerance_minus_percent) {
    amount += " (+" + std::to_string(lc.tolerance_plus_percent.value_or(0)) +
              "%/-" + std::to_string(lc.tolerance_minus_percent.value_or(0)) +
              "%)";
  }
  o.Line("Amount", amount);
  o.Line("Issued", DateStr(lc.issue_date));
  o.Line("Expiry", DateStr(lc.expiry_date) + " " + lc.expiry_place);
  if (lc.latest_shipment_date) {
    o.Line("Latest shipment", DateStr(*lc.latest_shipment_date));
  }
  if (lc.presentation_days) {
    o.Line("Presentation period",
           std::to_string(*lc.presentation_days) + " days");
  }
  o.BankLine("Available with", lc.available_with);
  o.Line("From", lc.place_of_dispatch);
  o.Line("To", lc.final_destination);
  o.Lines("Goods (45A)", lc.goods_description);
  o.Lines("Documents required (46A)", lc.documents_required);
  o.Lines("Additional conditions (47A)", lc.additional_conditions);
}

void Render(Out& o, const RailWaybill& wb) {
  o.Line("Consignment number", wb.consignment_number);
  o.Line("Regime / sheet",
         std::string(wb.regime == WaybillRegime::kSmgs  ? "SMGS"
                     : wb.regime == WaybillRegime::kCim ? "CIM"
                                                        : "CIM/SMGS") +
             " / " +
             (wb.sheet == WaybillSheet::kOriginal ? "ORIGINAL"
              : wb.sheet == WaybillSheet::kCopy   ? "COPY"
                                                  : "DUPLICATE"));
  o.PartyLine("Consignor", wb.consignor);
  o.PartyLine("Consignee", wb.consignee);
  if (wb.notify_party) o.PartyLine("Notify", *wb.notify_party);
  o.StationLine("Departure station", wb.departure_station);
  o.StationLine("Destination station", wb.destination_station);
  if (!wb.border_stations.empty()) {
    o.Head("Border stations");
    for (const Station& s : wb.border_stations) o.StationLine("-", s, 1);
  }
  o.Line("Departure date", DateStr(wb.departure_date) +
                               (wb.departure_stamp ? " (stamped)" : ""));
  if (wb.arrival_date) o.Line("Arrival date", DateStr(*wb.arrival_date));
  o.Line("Credit number", wb.credit_number);
  if (!wb.goods.empty()) {
    o.Head("Goods");
    for (const WaybillGoods& g : wb.goods) {
      o.Line("-", g.description + " | GNG " + g.gng_code + " | " +
                      std::to_string(g.packages) + " " + g.packing + " | " +
                      g.gross_mass_kg.ToString() + " kg",
             1);
    }
  }
  if (!wb.containers.empty()) {
    o.Head("Containers");
    for (const Container& c : wb.containers) {
      std::string seals;
      for (const std::string& s : c.seals) seals += (seals.empty() ? "" : ", ") + s;
      o.Line("-", c.number + " " + c.size_type +
                      (seals.empty() ? "" : " seals " + seals),
             1);
    }
  }
  if (!wb.wagons.empty()) {
    o.Head("Wagons");
    for (const Wagon& w : wb.wagons) o.Line("-", w.number + " " + w.owner, 1);
  }
  o.Line("Total", std::to_string(wb.total_packages) + " packages, " +
                      wb.total_gross_mass_kg.ToString() + " kg gross");
}

void Render(Out& o, const CustomsDeclaration& cd) {
  o.Line("Declaration number", cd.declaration_number);
  o.Line("Exit customs office", cd.exit_customs_office);
  o.Line("Declared", DateStr(cd.declaration_date));
  if (cd.export_date) o.Line("Exported", DateStr(*cd.export_date));
  o.PartyLine("Domestic consignor", cd.domestic_consignor);
  o.PartyLine("Overseas consignee", cd.overseas_consignee);
  if (cd.declarant) o.PartyLine("Declarant", *cd.declarant);
  o.Line("Transport", "mode " + cd.transport_mode + " " + cd.conveyance +
                          ", waybill " + cd.waybill_number);
  o.Line("Trade mode", cd.trade_mode);
  o.Line("Destination", cd.destination_country + " " + cd.destination_port);
  o.Line("Terms", cd.transaction_terms +
                      (cd.incoterm.empty() ? "" : " (" + cd.incoterm + ")"));
  o.Line("Packages", std::to_string(cd.packages) + " " + cd.package_type +
                         ", gross " + cd.gross_weight_kg.ToString() +
                         " kg, net " + cd.net_weight_kg.ToString() + " kg");
  if (!cd.container_numbers.empty()) {
    std::string list;
    for (const std::string& c : cd.container_numbers) {
      list += (list.empty() ? "" : ", ") + c;
    }
    o.Line("Containers", list);
  }
  if (!cd.items.empty()) {
    o.Head("Items");
    for (const CustomsItem& i : cd.items) {
      o.Line(std::to_string(i.line_number),
             i.commodity_code + " " + i.name + " | " + i.quantity.ToString() +
                 " x " + i.unit_price.ToString() + " = " + i.total.ToString(),
             1);
    }
  }
  o.Line("Total", cd.total.ToString());
}

void Render(Out& o, const CommercialInvoice& ci) {
  o.Line("Title", ci.title);
  o.Line("Invoice number", ci.invoice_number);
  o.Line("Date", DateStr(ci.issue_date));
  o.PartyLine("Seller", ci.seller);
  o.PartyLine("Buyer", ci.buyer);
  o.Line("Credit number", ci.credit_number);
  o.Line("Consignment number", ci.consignment_number);
  o.Line("Declaration number", ci.customs_declaration_number);
  if (!ci.incoterm.empty()) {
    o.Line("Terms", ci.incoterm + " " + ci.incoterm_place + " " +
                        ci.incoterms_edition);
  }
  if (!ci.items.empty()) {
    o.Head("Items");
    for (const InvoiceItem& i : ci.items) {
      o.Line(std::to_string(i.line_number),
             i.description + " | HS " + i.hs_code + " | " +
                 i.quantity.ToString() + " " + i.unit + " x " +
                 i.unit_price.ToString() + " = " + i.amount.ToString(),
             1);
    }
  }
  o.Line("Total", ci.total.ToString());
  if (!ci.container_numbers.empty()) {
    std::string list;
    for (const std::string& c : ci.container_numbers) {
      list += (list.empty() ? "" : ", ") + c;
    }
    o.Line("Containers", list);
  }
  o.Line("Packages", std::to_string(ci.packages) + ", gross " +
                         ci.gross_weight_kg.ToString() + " kg, net " +
                         ci.net_weight_kg.ToString() + " kg");
  o.Line("Signed", ci.signed_by_seller ? "yes, " + ci.signatory : "no");
}

}  // namespace

std::string ToText(const Document& document) {
  Out o;
  o.Line("Document", std::string(DocumentTypeName(document.type)));
  o.Line("Natural key", document.natural_key);
  std::visit([&](const auto& m) { Render(o, m); }, document.model);
  return o.str();
}

}  // namespace tradefin
