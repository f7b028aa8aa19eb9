// 46A documents required and 47A conditions: mapping, presence, unmapped.
#include "testing/testing.h"

#include "fixtures.h"

namespace tradefin::testing {
namespace {

TEST_CASE("every document 46A requires must be presented") {
  Presentation p = SamplePresentation();
  p.customs_declarations.clear();
  p.other_documents = {"packing list"};
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(Count(r, "LC46A-DOCUMENT-MISSING") == 2);
  std::vector<std::string> missing;
  for (const Finding& f : r.findings)
    if (f.rule_id == "LC46A-DOCUMENT-MISSING") missing.push_back(f.document.type);
  CHECK(missing == std::vector<std::string>{"certificate of origin",
                                            "customs-declaration"});
  CHECK(r.verdict == Verdict::kDiscrepant);
}

TEST_CASE("common phrasings for the rail document and customs declaration") {
  for (const char* phrase :
       {"+RAIL WAYBILL", "+RAILWAY BILL", "+SMGS CONSIGNMENT NOTE",
        "+CIM/SMGS CONSIGNMENT NOTE"}) {
    LetterOfCredit lc = SampleCredit();
    lc.documents_required = {phrase, "+EXPORT DECLARATION"};
    Presentation p = SamplePresentation();
    CAPTURE(phrase);
    ExaminationReport r = Run(lc, p);
    CHECK(Count(r, "LC46A-UNMAPPED") == 0);
    CHECK(Count(r, "LC46A-DOCUMENT-MISSING") == 0);
    p.waybills.clear();
    p.customs_declarations.clear();
    CHECK(Count(Run(lc, p), "LC46A-DOCUMENT-MISSING") == 2);
  }
}

TEST_CASE("46A 'showing' conditions are checked on that document") {
  Presentation p = SamplePresentation();
  p.invoices[0].credit_number.clear();
  p.waybills[0].containers[2].seals.clear();
  p.invoices[0].signed_by_seller = false;
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(Count(r, "LC46A-CREDIT-NUMBER") == 1);     // invoice: SHOWING LC NO.
  CHECK(Count(r, "LC47A-CREDIT-NUMBER") == 1);     // 47A: all documents
  CHECK(Count(r, "LC46A-CONTAINERS-SEALS") == 1);  // waybill seal missing
  CHECK(Count(r, "LC46A-INVOICE-SIGNED") == 1);
}

TEST_CASE("charges and declaration number conditions") {
  Presentation p = SamplePresentation();
  p.waybills[0].charges_payment = "PAYABLE BY CONSIGNEE";
  p.customs_declarations[0].declaration_number = "79012025000012345";
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(Count(r, "LC46A-CHARGES") == 1);
  CHECK(Count(r, "LC46A-DECLARATION-NUMBER") == 1);
}

TEST_CASE("unmapped words are listed, and the verdict says so") {
  LetterOfCredit lc = SampleCredit();
  lc.documents_required.push_back("+BENEFICIARY'S CERTIFICATE STATING THAT ONE SET OF NON-NEGOTIABLE DOCUMENTS HAS BEEN SENT TO THE APPLICANT.");
  lc.documents_required.push_back("+SIGNED COMMERCIAL INVOICE SHOWING THE NAME OF THE MANUFACTURER.");
  lc.additional_conditions.push_back("+THIRD PARTY DOCUMENTS ACCEPTABLE EXCEPT DRAFT AND INVOICE.");
  Presentation p = SamplePresentation();
  p.other_documents.push_back("Beneficiary's certificate");
  ExaminationReport r = Run(lc, p);
  CHECK(r.verdict == Verdict::kComplyingSubjectToManualCheck);
  CHECK(Count(r, "LC46A-NOT-EXAMINED") == 3);
  // Invoice item 7: "THE NAME OF THE MANUFACTURER" is not understood.
  bool found_invoice_item = false;
  for (const UnmappedItem& u : r.unmapped) {
    if (u.field == "46A" && u.item == 7) {
      found_invoice_item = true;
      CHECK(u.unmapped_part == "NAME MANUFACTURER");
    }
  }
  CHECK(found_invoice_item);
  CHECK(Count(r, "LC47A-UNMAPPED") == 1);
  CHECK(Count(r, "LC47A-NOT-PLEDGED") == 1);  // facts unknown: manual
  std::string text = FormatReportText(r);
  CHECK(text.rfind("verdict: complying, subject to manual check of 6 items\n", 0) == 0);
}

TEST_CASE("an item naming no known document is unmapped as a whole") {
  LetterOfCredit lc = SampleCredit();
  lc.documents_required = {"+ORIGINAL FORM A DULY CERTIFIED"};
  ExaminationReport r = Run(lc, SamplePresentation());
  REQUIRE(r.unmapped.size() == 1);
  CHECK(r.unmapped[0].unmapped_part == "ORIGINAL FORM A DULY CERTIFIED");
}

TEST_CASE("47A: documents issued before the credit date not acceptable") {
  LetterOfCredit lc = SampleCredit();
  lc.additional_conditions = {
      "+DOCUMENTS ISSUED BEFORE THE L/C ISSUANCE DATE ARE NOT ACCEPTABLE."};
  Presentation p = SamplePresentation();
  ExaminationReport r = Run(lc, p);
  CHECK(r.unmapped.empty());
  CHECK(Count(r, "LC47A-DOCUMENT-DATE") == 0);
  p.invoices[0].issue_date = {2025, 3, 1};
  CHECK(Count(Run(lc, p), "LC47A-DOCUMENT-DATE") == 1);
}

TEST_CASE("plain complying when every item is mapped and checked") {
  LetterOfCredit lc = SampleCredit();
  lc.documents_required = {
      "+SIGNED COMMERCIAL INVOICE IN 3 ORIGINALS SHOWING LC NO.",
      "+DUPLICATE OF CIM/SMGS CONSIGNMENT NOTE STAMPED BY THE DEPARTURE "
      "STATION, CONSIGNEE LDZ BANK SA LODZ, NOTIFY APPLICANT."};
  lc.additional_conditions = {"+ALL DOCUMENTS MUST INDICATE THIS CREDIT NUMBER."};
  ExaminationReport r = Run(lc, SamplePresentation());
  CHECK(r.findings.empty());
  CHECK(r.verdict == Verdict::kComplying);
  CHECK(FormatReportText(r).rfind("verdict: complying\n", 0) == 0);
}

}  // namespace
}  // namespace tradefin::testing
