// tradefin examine --lc LC.xml DOC... | --store DIR --credit NUMBER: UCP 600
// examination of a presentation (library: tradefin/rules/examine.h). Exit 0 complying (also
// when manual checks remain; the verdict line says so), 1 discrepant,
// 2 could not examine.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "output.h"
#include "tradefin/document/validate.h"
#include "tradefin/rules/examine.h"
#include "commands/store/store_cli.h"
#include "tradefin/store/store.h"
#include "tradefin/workflow/presentation.h"

namespace tradefin::cli {
namespace {

struct ExamineOptionsCli {
  std::string lc;
  std::string store;
  std::string credit;
  std::vector<std::string> documents;
  std::string presented;
  std::string presented_at;
  std::string calendar;
  std::vector<std::string> other_documents;
  std::string draft_drawee;
  std::string draft_tenor;
  std::string draft_amount;
  bool no_draft = false;
  bool json = false;
};

Result<Document> ParseFile(const Validator& validator, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  return validator.Parse(ss.str(), path);
}

void WriteJson(const ExaminationReport& r,
               const std::vector<std::string>& gathered) {
  JsonWriter w;
  w.BeginObject();
  w.Key("credit_number");
  w.String(r.credit_number);
  w.Key("verdict");
  w.String(VerdictName(r.verdict));
  w.Key("presentation_date");
  w.String(r.presentation_date.ToIso());
  w.Key("expiry_date");
  w.String(r.effective_expiry_date.ToIso());
  w.Key("last_presentation_day");
  if (r.last_presentation_day) {
    w.String(r.last_presentation_day->ToIso());
  } else {
    w.Null();
  }
  w.Key("discrepancies");
  w.Int(r.CountSeverity(Severity::kDiscrepancy));
  w.Key("warnings");
  w.Int(r.CountSeverity(Severity::kWarning));
  w.Key("manual_checks");
  w.Int(r.CountSeverity(Severity::kManualCheck));
  if (!gathered.empty()) {
    w.Key("store_documents");
    w.BeginArray();
    for (const std::string& g : gathered) w.String(g);
    w.EndArray();
  }
  w.Key("findings");
  w.BeginArray();
  for (const Finding& f : r.findings) {
    w.BeginObject();
    w.Key("rule_id");
    w.String(f.rule_id);
    w.Key("reference");
    w.String(f.reference);
    w.Key("severity");
    w.String(SeverityName(f.severity));
    w.Key("document");
    w.BeginObject();
    w.Key("type");
    w.String(f.document.type);
    w.Key("number");
    w.String(f.document.number);
    w.EndObject();
    w.Key("fields");
    w.BeginArray();
    for (const std::string& field : f.fields) w.String(field);
    w.EndArray();
    w.Key("found");
    w.String(f.found);
    w.Key("expected");
    w.String(f.expected);
    if (!f.other_document.type.empty()) {
      w.Key("other_document");
      w.BeginObject();
      w.Key("type");
      w.String(f.other_document.type);
      w.Key("number");
      w.String(f.other_document.number);
      w.EndObject();
      w.Key("other_fields");
      w.BeginArray();
      for (const std::string& field : f.other_fields) w.String(field);
      w.EndArray();
    }
    w.Key("consequences");
    w.BeginArray();
    for (const std::string& c : f.consequences) w.String(c);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("unmapped");
  w.BeginArray();
  for (const UnmappedItem& u : r.unmapped) {
    w.BeginObject();
    w.Key("field");
    w.String(u.field);
    w.Key("item");
    w.Int(u.item);
    w.Key("text");
    w.String(u.text);
    w.Key("unmapped_part");
    w.String(u.unmapped_part);
    w.EndObject();
  }
  w.EndArray();
  w.Key("ignored");
  w.BeginArray();
  for (const IgnoredItem& i : r.ignored) {
    w.BeginObject();
    w.Key("field");
    w.String(i.field);
    w.Key("item");
    w.Int(i.item);
    w.Key("text");
    w.String(i.text);
    w.Key("reason");
    w.String(i.reason);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  std::cout << w.str() << "\n";
}

// Adds one parsed document to the presentation (or takes it as the credit).
// Returns false for a letter of credit when `credit` is null.
void AddDocument(Document doc, const std::string& name, Presentation* p,
                 std::optional<LetterOfCredit>* credit) {
  switch (doc.type) {
    case DocumentType::kRailWaybill:
      p->waybills.push_back(std::get<RailWaybill>(std::move(doc.model)));
      break;
    case DocumentType::kCommercialInvoice:
      p->invoices.push_back(std::get<CommercialInvoice>(std::move(doc.model)));
      break;
    case DocumentType::kCustomsDeclaration:
      p->customs_declarations.push_back(
          std::get<CustomsDeclaration>(std::move(doc.model)));
      break;
    case DocumentType::kLetterOfCredit:
      if (credit == nullptr) {
        FailWith(Status::InvalidArgument(
            name + ": is a letter of credit; give the credit with --lc and "
                   "only presented documents as DOC"));
      }
      *credit = std::get<LetterOfCredit>(std::move(doc.model));
      break;
  }
}

// --store DIR --credit NUMBER: the library assembles the presentation
// (tradefin/workflow/presentation.h); the CLI only opens the store and
// lists what was gathered.
void GatherFromStore(const Validator& validator, const ExamineOptionsCli& o,
                     std::optional<LetterOfCredit>* credit, Presentation* p,
                     std::vector<std::string>* gathered) {
  OpenStoreOptions so;
  so.dir = ResolveStoreDir(o.store);
  auto store = Store::Open(so);
  if (!store.ok()) FailWith(store.status());
  Result<AssembledPresentation> a =
      AssemblePresentation(**store, validator, o.credit);
  if (!a.ok()) {
    const Status& st = a.status();
    std::string msg = "store " + so.dir + ": " + std::string(st.message());
    FailWith(st.code() == StatusCode::kNotFound ? Status::NotFound(msg)
             : st.code() == StatusCode::kInvalidArgument
                 ? Status::InvalidArgument(msg)
                 : st);
  }
  // 47A-style "not pledged or financed" conditions are judged from the
  // store's encumbrance entries, not left as a manual check.
  auto financing = Financing::Create(**store, {});
  if (!financing.ok()) FailWith(financing.status());
  Result<std::vector<DocumentEncumbrance>> facts =
      FinancingFacts(**financing, a->presentation);
  if (!facts.ok()) FailWith(facts.status());
  a->presentation.encumbrances = std::move(*facts);
  for (const GatheredDocument& g : a->documents) {
    gathered->push_back(std::string(DocumentTypeName(g.type)) + " entry " +
                        std::to_string(g.entry_index));
  }
  *credit = std::move(a->credit);
  *p = std::move(a->presentation);
}

int RunExamine(const ExamineOptionsCli& o) {
  auto validator = Validator::Create({});
  if (!validator.ok()) FailWith(validator.status());

  std::optional<LetterOfCredit> credit;
  Presentation presentation;
  std::vector<std::string> gathered;
  if (!o.store.empty() || !o.credit.empty()) {
    if (o.credit.empty() || !o.lc.empty() || !o.documents.empty()) {
      FailWith(Status::InvalidArgument(
          "use either --lc LC.xml DOC... or --credit NUMBER [--store DIR]"));
    }
    GatherFromStore(**validator, o, &credit, &presentation, &gathered);
  } else {
    if (o.lc.empty()) {
      FailWith(Status::InvalidArgument(
          "--lc LC.xml is required (or --store DIR --credit NUMBER)"));
    }
    Result<Document> lc_doc = ParseFile(**validator, o.lc);
    if (!lc_doc.ok()) FailWith(lc_doc.status());
    if (lc_doc->type != DocumentType::kLetterOfCredit) {
      FailWith(Status::InvalidArgument(
          "--lc " + o.lc + ": is a " +
          std::string(DocumentTypeName(lc_doc->type)) +
          ", expected a letter of credit (urn:tradefin:lc:1)"));
    }
    AddDocument(std::move(*lc_doc), o.lc, &presentation, &credit);
    for (const std::string& path : o.documents) {
      Result<Document> doc = ParseFile(**validator, path);
      if (!doc.ok()) FailWith(doc.status());
      AddDocument(std::move(*doc), path, &presentation, nullptr);
    }
  }
  presentation.other_documents = o.other_documents;

  ExamineOptions options;
  if (!o.presented.empty()) {
    Result<Date> d = Date::ParseIso(o.presented);
    if (!d.ok()) {
      FailWith(d.status().WithPrefix("--presented YYYY-MM-DD"));
    }
    presentation.presentation_date = *d;
  } else {
    FailWith(Status::InvalidArgument(
        "--presented YYYY-MM-DD is required (the day the documents were "
        "presented; examination depends on it)"));
  }
  if (!o.calendar.empty()) {
    Result<Calendar> cal = Calendar::LoadFile(o.calendar);
    if (!cal.ok()) FailWith(cal.status());
    options.calendar = std::move(*cal);
  }
  options.presentation_place = o.presented_at;
  if (o.no_draft && (!o.draft_drawee.empty() || !o.draft_tenor.empty() ||
                     !o.draft_amount.empty())) {
    FailWith(Status::InvalidArgument(
        "--no-draft cannot be combined with --draft-drawee/--draft-tenor/"
        "--draft-amount"));
  }
  if (o.no_draft) {
    presentation.drafts = std::vector<Draft>{};
  } else if (!o.draft_drawee.empty() || !o.draft_tenor.empty() ||
             !o.draft_amount.empty()) {
    Draft d;
    d.drawee = o.draft_drawee;
    d.tenor = o.draft_tenor;
    if (!o.draft_amount.empty()) {
      // "EUR1250000.00" or "EUR 1250000.00".
      std::string a = o.draft_amount;
      std::string ccy = a.substr(0, std::min<size_t>(3, a.size()));
      std::string rest = a.size() > 3 ? a.substr(3) : "";
      while (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
      Result<Money> m = Money::Parse(ccy, rest);
      if (!m.ok()) {
        FailWith(Status::InvalidArgument(
            "--draft-amount '" + o.draft_amount +
            "': expected a currency and an amount, e.g. EUR1250000.00 (" +
            std::string(m.status().message()) + ")"));
      }
      d.amount = *m;
    }
    presentation.drafts = std::vector<Draft>{d};
  }

  Result<ExaminationReport> report = Examine(*credit, presentation, options);
  if (!report.ok()) FailWith(report.status());
  if (o.json) {
    WriteJson(*report, gathered);
  } else {
    // Whenever the documents came from a store, whichever way it was named
    // (--store, TRADEFIN_STORE or ./tradefin-store).
    if (!o.credit.empty()) {
      std::cout << "documents from store:";
      for (const std::string& g : gathered) std::cout << " " << g << ";";
      std::cout << "\n";
    }
    std::cout << FormatReportText(*report);
  }
  return report->verdict == Verdict::kDiscrepant ? kExitNegative : kExitOk;
}

}  // namespace

void SetupExamine(CLI::App& app) {
  auto opts = std::make_shared<ExamineOptionsCli>();
  CLI::App* cmd = app.add_subcommand(
      "examine",
      "Examine a presentation against a letter of credit under UCP 600 / "
      "ISBP 821. DOC... are the presented rail waybills, commercial invoices "
      "and customs declarations (type detected from the XML namespace); "
      "documents without a model are declared with --other-document. Prints "
      "a verdict line, then one line per finding: 'SEVERITY RULE-ID "
      "[reference] document field: found X, expected Y'. Exit 0 complying "
      "(including 'complying, subject to manual check of N items'), 1 "
      "discrepant, 2 error (unreadable or invalid document, bad option). "
      "With --credit NUMBER [--store DIR] the credit and the documents citing "
      "it (and those they link to, latest versions) come from the store; a "
      "first line 'documents from store: ...' lists them.");
  cmd->add_option("--lc", opts->lc,
                  "The letter of credit (LC XML); required unless --credit");
  cmd->add_option("--store", opts->store,
                  "Store to examine --credit from (default: $TRADEFIN_STORE, "
                  "else ./tradefin-store)");
  cmd->add_option("--credit", opts->credit,
                  "Examine this credit from the store: the credit and every "
                  "document citing it (plus the documents they link to), "
                  "latest versions");
  cmd->add_option("documents", opts->documents,
                  "Presented documents (waybill, invoice, customs XML)");
  cmd->add_option("--presented", opts->presented,
                  "Presentation date YYYY-MM-DD (required)");
  cmd->add_option("--presented-at", opts->presented_at,
                  "Place of presentation, compared with the 31D place of "
                  "expiry (not checked if absent)");
  cmd->add_option("--calendar", opts->calendar,
                  "Bank holidays at the place of presentation: one "
                  "YYYY-MM-DD per line, '#' comments (UCP 600 Art. 29)");
  cmd->add_option("--other-document", opts->other_documents,
                  "Name of another presented document without a model, "
                  "e.g. 'packing list' (repeatable)")
      ->take_last()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--draft-drawee", opts->draft_drawee,
                  "A draft is presented, drawn on this bank (BIC or name); "
                  "checked against 42a. Without any --draft-* option or "
                  "--no-draft, 42C/42a are listed as ignored (not checked)");
  cmd->add_option("--draft-tenor", opts->draft_tenor,
                  "Tenor written on the draft, e.g. 'AT SIGHT' (against 42C)");
  cmd->add_option("--draft-amount", opts->draft_amount,
                  "Amount of the draft, e.g. EUR1250000.00 (against the "
                  "invoiced amount, or the 42C percentage of it)");
  cmd->add_flag("--no-draft", opts->no_draft,
                "No draft is presented (a discrepancy when 42C/42a call for "
                "one)");
  cmd->add_flag("--json", opts->json,
                "Print the report as JSON: {credit_number, verdict, "
                "presentation_date, expiry_date, last_presentation_day, "
                "discrepancies, warnings, manual_checks, findings:[{rule_id, "
                "reference, severity, document:{type,number}, fields, found, "
                "expected, other_document:{type,number} and other_fields "
                "(only for a conflict between documents), consequences:[...]}], unmapped:[{field,item,text,unmapped_part}], "
                "ignored:[{field,item,text,reason}]}");
  cmd->callback([opts] { Exit(RunExamine(*opts)); });
}

}  // namespace tradefin::cli
