// Drafts (42C, 42a, 42M/42P; UCP 600 Art. 6(c), ISBP 821 B) and the 47A
// condition "not pledged or financed under any other facility", judged from
// code-built financing facts.
#include "testing/testing.h"

#include "fixtures.h"

namespace tradefin::testing {
namespace {

LetterOfCredit CreditWithDraft() {
  LetterOfCredit lc = SampleCredit();
  lc.drafts_at = {"AT SIGHT"};
  Bank drawee;
  drawee.bic = "LDZBPLP0";
  lc.drawee = drawee;
  return lc;
}

Draft GoodDraft() {
  Draft d;
  d.drawee = "LDZBPLP0XXX";  // 11 characters: the same institution
  d.tenor = "AT SIGHT";
  d.amount = Eur("1250000.00");
  return d;
}

TEST_CASE("drafts unknown: 42C/42a listed as ignored, not checked") {
  ExaminationReport r = Run(CreditWithDraft(), SamplePresentation());
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 0);
  bool ignored = false;
  for (const IgnoredItem& i : r.ignored) ignored |= i.field == "42C";
  CHECK(ignored);
}

TEST_CASE("a complying draft") {
  Presentation p = SamplePresentation();
  p.drafts = std::vector<Draft>{GoodDraft()};
  ExaminationReport r = Run(CreditWithDraft(), p);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 0);
  for (const IgnoredItem& i : r.ignored) CHECK(i.field != "42C");
}

TEST_CASE("draft missing, wrong tenor, wrong drawee, wrong amount") {
  Presentation p = SamplePresentation();
  p.drafts = std::vector<Draft>{};
  ExaminationReport r = Run(CreditWithDraft(), p);
  REQUIRE(Count(r, "LC42-DRAFT-MISSING") == 1);
  CHECK(FindRule(r, "LC42-DRAFT-MISSING")->expected ==
        "a draft AT SIGHT drawn on LDZBPLP0 (42C, 42a)");

  Draft d = GoodDraft();
  d.tenor = "60 DAYS AFTER SIGHT";
  d.drawee = "SCFBCNC0XXX";
  d.amount = Eur("1200000.00");
  p.drafts = std::vector<Draft>{d};
  r = Run(CreditWithDraft(), p);
  CHECK(Count(r, "LC42C-TENOR") == 1);
  CHECK(Count(r, "LC42A-DRAWEE") == 1);
  REQUIRE(Count(r, "LC42-DRAFT-AMOUNT") == 1);
  CHECK(FindRule(r, "LC42-DRAFT-AMOUNT")->expected ==
        "EUR 1250000.00 (100% of the invoiced amount)");
  CHECK(FindRule(r, "LC42A-DRAWEE")->reference.find("ISBP 821 B") !=
        std::string::npos);
}

TEST_CASE("a draft drawn on the applicant (Art. 6(c))") {
  Presentation p = SamplePresentation();
  Draft d = GoodDraft();
  d.drawee = "CHEMTRADE EUROPE SP. Z O.O.";
  p.drafts = std::vector<Draft>{d};
  ExaminationReport r = Run(CreditWithDraft(), p);
  CHECK(Count(r, "UCP6C-DRAWEE-APPLICANT") == 1);
  CHECK(Count(r, "LC42A-DRAWEE") == 0);
}

TEST_CASE("42D drawee by name; 42C percentage of invoice value") {
  LetterOfCredit lc = CreditWithDraft();
  Bank by_name;
  by_name.name_address = {"LDZ BANK SA", "LODZ"};
  lc.drawee = by_name;
  lc.drafts_at = {"AT SIGHT FOR 90 PCT OF INVOICE VALUE"};
  Presentation p = SamplePresentation();
  Draft d = GoodDraft();
  d.drawee = "LDZ Bank SA, Lodz";
  d.tenor = "AT SIGHT FOR 90 PCT OF INVOICE VALUE";
  d.amount = Eur("1125000.00");
  p.drafts = std::vector<Draft>{d};
  ExaminationReport r = Run(lc, p);
  CHECK(Count(r, "LC42A-DRAWEE") == 0);
  CHECK(Count(r, "LC42-DRAFT-AMOUNT") == 0);
  d.amount = Eur("1250000.00");
  p.drafts = std::vector<Draft>{d};
  CHECK(Count(Run(lc, p), "LC42-DRAFT-AMOUNT") == 1);
}

TEST_CASE("deferred payment credit: a draft is not called for") {
  LetterOfCredit lc = SampleCredit();
  lc.negotiation_deferred_details = {"60 DAYS AFTER SHIPMENT DATE"};
  Presentation p = SamplePresentation();
  p.drafts = std::vector<Draft>{GoodDraft()};
  ExaminationReport r = Run(lc, p);
  CHECK(r.CountSeverity(Severity::kDiscrepancy) == 0);
  bool disregarded = false;
  for (const IgnoredItem& i : r.ignored)
    disregarded |= i.field == "42C" &&
                   i.reason.find("Art. 14(g)") != std::string::npos;
  CHECK(disregarded);
}

DocumentEncumbrance Pledge(const char* facility) {
  DocumentEncumbrance e;
  e.document = {"rail-waybill", "25CX050417"};
  e.kind = "pledge";
  e.facility = facility;
  e.bank = "SCFBCNC0XXX";
  e.amount = Eur("900000.00");
  e.date = Date{2025, 5, 21};
  e.source = "store entry 42";
  return e;
}

TEST_CASE("47A not pledged: unknown facts stay a manual check") {
  ExaminationReport r = Run(SampleCredit(), SamplePresentation());
  REQUIRE(Count(r, "LC47A-NOT-PLEDGED") == 1);
  CHECK(FindRule(r, "LC47A-NOT-PLEDGED")->severity == Severity::kManualCheck);
  CHECK(r.verdict == Verdict::kComplyingSubjectToManualCheck);
}

TEST_CASE("47A not pledged: no encumbrance known, the condition is met") {
  Presentation p = SamplePresentation();
  p.encumbrances = std::vector<DocumentEncumbrance>{};
  ExaminationReport r = Run(SampleCredit(), p);
  CHECK(Count(r, "LC47A-NOT-PLEDGED") == 0);
  CHECK(Count(r, "LC47A-UNMAPPED") == 0);
}

TEST_CASE("47A not pledged: a pledge under another facility is discrepant") {
  Presentation p = SamplePresentation();
  p.encumbrances = std::vector<DocumentEncumbrance>{Pledge("SCF-FAC-2025-07")};
  ExaminationReport r = Run(SampleCredit(), p);
  REQUIRE(Count(r, "LC47A-NOT-PLEDGED") == 1);
  const Finding* f = FindRule(r, "LC47A-NOT-PLEDGED");
  CHECK(f->severity == Severity::kDiscrepancy);
  CHECK(f->document.type == "rail-waybill");
  CHECK(f->document.number == "25CX050417");
  CHECK(f->found == "pledge under facility SCF-FAC-2025-07 with SCFBCNC0XXX, "
                    "EUR 900000.00, on 2025-05-21 (store entry 42)");
  CHECK(r.verdict == Verdict::kDiscrepant);
}

TEST_CASE("47A not pledged: own financing, other documents, absent ones") {
  Presentation p = SamplePresentation();
  DocumentEncumbrance own = Pledge("DEL25LC0001234");  // this credit
  DocumentEncumbrance invoice = Pledge("SCF-FAC-2025-07");
  invoice.document = {"commercial-invoice", "TF2025-0517"};  // not the note
  DocumentEncumbrance other_note = Pledge("SCF-FAC-2025-07");
  other_note.document.number = "25CX999999";  // not presented
  p.encumbrances = std::vector<DocumentEncumbrance>{own, invoice, other_note};
  CHECK(Count(Run(SampleCredit(), p), "LC47A-NOT-PLEDGED") == 0);
}

}  // namespace
}  // namespace tradefin::testing
