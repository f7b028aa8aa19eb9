// tradefin finance <step> ENTRY ... | status ENTRY | list: single-document
// financing (docs/guide/financing.md). Each step drafts the event from the
// store, signs it with --key and submits it; the library decides. Exit 0
// accepted, 1 refused (nothing written), 2 error.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "commands/commands.h"
#include "commands/store/store_cli.h"
#include "tradefin/signing/keys.h"
#include "tradefin/signing/signer.h"
#include "tradefin/workflow/financing.h"

namespace tradefin::cli {
namespace {

using nlohmann::json;

struct StepOpts {
  std::string store, entry, key, actor, amount, currency, bank, guarantor, to, reason;
  int tenor_days = 0, advance_rate_bp = 0, covered_share_bp = 0;
  bool json = false;
};

struct ViewOpts {
  std::string store, entry, state, party;
  bool json = false;
};

std::unique_ptr<Financing> FinancingOrFail(Store& st) {
  auto fin = Financing::Create(st, FinancingOptions());
  if (!fin.ok()) FailWith(fin.status());
  return std::move(*fin);
}

json MoneyJson(const std::string& currency, int64_t minor) {
  return json{{"currency", currency},
              {"minor_units", minor},
              {"amount", Money{currency, minor}.AmountString()}};
}

json ReplayJson(const FinancingReplay& r) {
  json events = json::array();
  for (const auto& e : r.events) {
    json j{{"entry", e.entry},
           {"kind", FinancingEventKindName(e.kind)},
           {"signer", e.actor},
           {"time", FormatUtcTime(e.time_ms)}};
    if (e.amount) j["amount"] = MoneyJson(e.amount->currency, e.amount->minor_units);
    if (!e.counterparty.empty()) j["counterparty"] = e.counterparty;
    events.push_back(std::move(j));
  }
  json allowed = json::array();
  for (auto k : AllowedFinancingSteps(r)) allowed.push_back(FinancingEventKindName(k));
  json j{{"entry", r.financed},
         {"state", FinancingStateName(r.state)},
         {"controller", r.controller},
         {"borrower", r.borrower},
         {"bank", r.bank},
         {"guarantor", r.guarantor},
         {"covered_share_bp", r.covered_share_bp},
         {"advance_rate_bp", r.advance_rate_bp},
         {"tenor_days", r.tenor_days},
         {"allowed", allowed},
         {"events", events}};
  if (!r.pending_transfer_to.empty()) j["pending_transfer_to"] = r.pending_transfer_to;
  if (r.pledge_entry) j["pledge_entry"] = *r.pledge_entry;
  if (!r.currency.empty()) {
    j["requested"] = MoneyJson(r.currency, r.requested);
    j["approved"] = MoneyJson(r.currency, r.approved);
    j["disbursed"] = MoneyJson(r.currency, r.disbursed);
    j["repaid"] = MoneyJson(r.currency, r.repaid);
    j["outstanding"] = MoneyJson(r.currency, r.outstanding());
    j["claimed"] = MoneyJson(r.currency, r.claimed);
    j["settled"] = MoneyJson(r.currency, r.settled);
  }
  return j;
}

void PrintReplay(const FinancingReplay& r) {
  std::cout << "entry " << r.financed << ": " << FinancingStateName(r.state) << "\n";
  std::cout << "  controller: " << (r.controller.empty() ? "(none)" : r.controller) << "\n";
  if (!r.pending_transfer_to.empty())
    std::cout << "  transfer pending to: " << r.pending_transfer_to << "\n";
  if (!r.borrower.empty())
    std::cout << "  borrower " << r.borrower << ", bank " << r.bank
              << (r.guarantor.empty() ? "" : ", guarantor " + r.guarantor + " (" +
                                                 std::to_string(r.covered_share_bp) + " bp)")
              << "\n";
  if (!r.currency.empty()) {
    auto m = [&](int64_t v) { return Money{r.currency, v}.ToString(); };
    std::cout << "  requested " << m(r.requested) << ", approved " << m(r.approved)
              << ", disbursed " << m(r.disbursed) << ", repaid " << m(r.repaid)
              << ", outstanding " << m(r.outstanding()) << "\n";
    if (r.claimed > 0)
      std::cout << "  claimed " << m(r.claimed) << ", settled " << m(r.settled) << "\n";
  }
  std::string allowed;
  for (auto k : AllowedFinancingSteps(r))
    allowed += (allowed.empty() ? "" : ", ") + std::string(FinancingEventKindName(k));
  std::cout << "  allowed now: " << (allowed.empty() ? "(none)" : allowed) << "\n";
  for (const auto& e : r.events) {
    std::cout << "  [" << e.entry << "] " << FormatUtcTime(e.time_ms) << " "
              << FinancingEventKindName(e.kind) << " by " << e.actor;
    if (e.amount) std::cout << " " << e.amount->ToString();
    if (!e.counterparty.empty()) std::cout << " -> " << e.counterparty;
    std::cout << "\n";
  }
}

// The party whose registered key is `key`'s public key.
std::string ActorOfKey(Store& st, const PrivateKey& key) {
  auto parties = st.ListParties();
  if (!parties.ok()) FailWith(parties.status());
  std::string kid = key.public_key().key_id();
  for (const PartyInfo& p : *parties)
    if (p.key_id == kid) return p.id;
  FailWith(Status::NotFound("the key's public key (key id " + kid +
                            ") is not the current key of any registered party; "
                            "give --actor or register the key"));
}

void RunStep(FinancingEventKind kind, const StepOpts& o) {
  auto st = OpenStoreOrFail(o.store);
  auto fin = FinancingOrFail(*st);
  FinancingAct act;
  act.kind = kind;
  act.financed = ParseIndexOrFail(o.entry, "ENTRY");
  auto key = PrivateKey::FromFile(o.key);
  if (!key.ok()) FailWith(key.status().WithPrefix("--key " + o.key));
  act.actor = o.actor.empty() ? ActorOfKey(*st, *key) : o.actor;
  if (!o.amount.empty()) {
    std::string currency = o.currency;
    if (currency.empty() && kind == FinancingEventKind::kRequest)
      FailWith(Status::InvalidArgument(
          "--currency is required for a request (it fixes the financing's currency)"));
    if (currency.empty()) {
      auto cur = fin->Status(act.financed);
      if (!cur.ok()) FailWith(cur.status());
      currency = cur->currency;
      if (currency.empty())
        FailWith(Status::InvalidArgument("--currency is needed: entry " + o.entry +
                                         " has no financing in progress to take it from"));
    }
    auto m = Money::Parse(currency, o.amount);
    if (!m.ok()) FailWith(m.status().WithPrefix("--amount"));
    act.amount = *m;
  }
  act.bank = o.bank;
  act.tenor_days = o.tenor_days;
  act.advance_rate_bp = o.advance_rate_bp;
  act.guarantor = o.guarantor;
  act.covered_share_bp = o.covered_share_bp;
  act.to = o.to;
  act.reason = o.reason;
  if (kind == FinancingEventKind::kGuarantee && act.guarantor.empty()) act.guarantor = act.actor;
  if (kind == FinancingEventKind::kClaim && act.guarantor.empty()) {
    auto cur = fin->Status(act.financed);
    if (cur.ok()) act.guarantor = cur->guarantor;
  }
  auto signer = NewSoftwareSigner(*key, "");
  if (!signer.ok()) FailWith(signer.status());
  auto report = fin->Act(act, **signer);
  if (!report.ok()) FailWith(report.status());
  const StepReport& r = *report;
  if (o.json) {
    json j{{"accepted", r.accepted},
           {"kind", FinancingEventKindName(kind)},
           {"entry", act.financed},
           {"state_before", FinancingStateName(r.state_before)}};
    if (r.accepted) {
      j["event_entry"] = r.event_entry;
      if (r.encumbrance_entry) j["encumbrance_entry"] = *r.encumbrance_entry;
      j["status"] = ReplayJson(r.after);
    } else {
      j["code"] = r.code;
      j["reason"] = r.reason;
      json allowed = json::array();
      for (auto k : r.allowed) allowed.push_back(FinancingEventKindName(k));
      j["allowed"] = allowed;
      if (r.existing_pledge) {
        const EncumbranceInfo& p = *r.existing_pledge;
        j["existing_pledge"] = {{"pledge_entry", p.pledge_entry},
                                {"encumbrance_entry", p.entry},
                                {"financed", p.financed},
                                {"bank", p.bank},
                                {"amount", MoneyJson(p.amount.currency, p.amount.minor_units)},
                                {"date", FormatUtcTime(p.pledged_ms)},
                                {"key", p.key}};
      }
    }
    std::cout << j.dump() << "\n";
  } else if (r.accepted) {
    std::cout << FinancingEventKindName(kind) << " accepted: event entry " << r.event_entry;
    if (r.encumbrance_entry) std::cout << ", encumbrance entry " << *r.encumbrance_entry;
    std::cout << "; entry " << act.financed << " is now " << FinancingStateName(r.after.state)
              << ", controlled by "
              << (r.after.controller.empty() ? "(none)" : r.after.controller) << "\n";
  } else {
    std::cout << FinancingEventKindName(kind) << " refused (" << r.code << "): " << r.reason
              << "\nnothing was written\n";
  }
  Exit(r.accepted ? kExitOk : kExitNegative);
}

void AddStep(CLI::App* finance, FinancingEventKind kind, const char* help) {
  auto o = std::make_shared<StepOpts>();
  CLI::App* c = finance->add_subcommand(std::string(FinancingEventKindName(kind)), help);
  AddStoreOption(c, &o->store);
  c->add_option("ENTRY", o->entry, "Store index of the financed document")->required();
  c->add_option("--key", o->key, "The acting party's private key (PKCS#8 PEM)")->required();
  c->add_option("--actor", o->actor,
                "Acting party id (default: the registered party whose key --key is)");
  using K = FinancingEventKind;
  if (kind == K::kRequest || kind == K::kApprove || kind == K::kDisburse ||
      kind == K::kRepay || kind == K::kClaim || kind == K::kSettle) {
    c->add_option("--amount", o->amount, "Amount as a decimal, e.g. 800000.00")->required();
    c->add_option("--currency", o->currency,
                  kind == K::kRequest ? "ISO 4217 currency (required for a request)"
                                      : "ISO 4217 currency (default: the financing's)");
  }
  if (kind == K::kRequest) {
    c->add_option("--bank", o->bank, "Party id of the financing bank")->required();
    c->add_option("--tenor-days", o->tenor_days, "Tenor in days (1-3650)")->required();
  }
  if (kind == K::kApprove)
    c->add_option("--advance-rate-bp", o->advance_rate_bp,
                  "Advance rate in basis points (1-10000)")
        ->required();
  if (kind == K::kGuarantee)
    c->add_option("--covered-share-bp", o->covered_share_bp,
                  "Share of the outstanding amount guaranteed, basis points (1-10000)")
        ->required();
  if (kind == K::kClaim)
    c->add_option("--guarantor", o->guarantor, "Guarantor claimed against (default: the guarantee's)");
  if (kind == K::kTransfer)
    c->add_option("--to", o->to, "Party id that is to receive control")->required();
  if (kind == K::kReject || kind == K::kWithdraw || kind == K::kDefault)
    c->add_option("--reason", o->reason, "Free text, at most 512 characters");
  c->add_flag("--json", o->json, "Print the outcome as JSON");
  c->callback([kind, o] { RunStep(kind, *o); });
}

}  // namespace

void SetupFinance(CLI::App& app) {
  CLI::App* finance = app.add_subcommand(
      "finance", "Single-document financing: signed steps, status and list");
  finance->require_subcommand(1);
  using K = FinancingEventKind;
  AddStep(finance, K::kRequest, "Shipper asks a bank to finance a document");
  AddStep(finance, K::kApprove, "Bank approves = pledge: the bank takes control");
  AddStep(finance, K::kReject, "Bank rejects the request");
  AddStep(finance, K::kWithdraw, "Shipper withdraws the request");
  AddStep(finance, K::kGuarantee, "Guarantor covers a share of the financing");
  AddStep(finance, K::kDisburse, "Bank pays out (up to the approved amount)");
  AddStep(finance, K::kRepay, "Bank records a repayment received (partial ones add up)");
  AddStep(finance, K::kRelease, "Bank releases the pledge: control returns to the borrower");
  AddStep(finance, K::kDefault, "Bank declares a default");
  AddStep(finance, K::kClaim, "Bank claims against the guarantor");
  AddStep(finance, K::kSettle, "Guarantor pays the claim");
  AddStep(finance, K::kTransfer, "Controller offers control of the document to another party");
  AddStep(finance, K::kAcceptTransfer, "The named party accepts control");
  AddStep(finance, K::kDeliver, "Carrier records delivery at destination: control ends");

  auto v = std::make_shared<ViewOpts>();
  CLI::App* status = finance->add_subcommand("status", "Financing state of one document");
  AddStoreOption(status, &v->store);
  status->add_option("ENTRY", v->entry, "Store index of the document")->required();
  status->add_flag("--json", v->json, "Print as JSON");
  status->callback([v] {
    auto st = OpenStoreOrFail(v->store);
    auto fin = FinancingOrFail(*st);
    auto r = fin->Status(ParseIndexOrFail(v->entry, "ENTRY"));
    if (!r.ok()) FailWith(r.status());
    if (v->json)
      std::cout << ReplayJson(*r).dump() << "\n";
    else
      PrintReplay(*r);
    Exit(kExitOk);
  });

  CLI::App* list = finance->add_subcommand("list", "Every financed document");
  AddStoreOption(list, &v->store);
  list->add_option("--state", v->state, "Only documents in this state (e.g. pledged)");
  list->add_option("--party", v->party,
                   "Only documents where this party is borrower, bank, guarantor or controller");
  list->add_flag("--json", v->json, "Print as JSON");
  list->callback([v] {
    std::optional<FinancingState> state;
    if (!v->state.empty()) {
      FinancingState s;
      if (!FinancingStateFromName(v->state, &s))
        FailWith(Status::InvalidArgument(
            "--state '" + v->state +
            "' is not a state; expected none, requested, rejected, withdrawn, pledged, "
            "disbursed, repaid, defaulted, claimed, settled, released, transfer-pending or "
            "delivered"));
      state = s;
    }
    auto st = OpenStoreOrFail(v->store);
    auto fin = FinancingOrFail(*st);
    auto all = fin->List(state, v->party);
    if (!all.ok()) FailWith(all.status());
    if (v->json) {
      json arr = json::array();
      for (const auto& r : *all) arr.push_back(ReplayJson(r));
      std::cout << arr.dump() << "\n";
    } else {
      for (const auto& r : *all) {
        std::cout << r.financed << "  " << FinancingStateName(r.state) << "  controller "
                  << (r.controller.empty() ? "(none)" : r.controller);
        if (!r.currency.empty())
          std::cout << "  bank " << r.bank << "  approved "
                    << Money{r.currency, r.approved}.ToString() << "  outstanding "
                    << Money{r.currency, r.outstanding()}.ToString();
        std::cout << "\n";
      }
      if (all->empty()) std::cout << "(no financed documents)\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
