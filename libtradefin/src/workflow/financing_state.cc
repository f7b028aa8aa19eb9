// The financing state machine (docs/guide/financing.md "States"). Pure: no
// store, no clock; the store-backed service and the offline replay both
// call ApplyFinancingEvent, so a bundle verifier reaches the same verdicts
// as the hub did.
#include <algorithm>

#include "tradefin/workflow/financing.h"

namespace tradefin {

namespace {

using K = FinancingEventKind;
using S = FinancingState;

constexpr std::pair<S, std::string_view> kStates[] = {
    {S::kNone, "none"},           {S::kRequested, "requested"},
    {S::kRejected, "rejected"},   {S::kWithdrawn, "withdrawn"},
    {S::kPledged, "pledged"},     {S::kDisbursed, "disbursed"},
    {S::kRepaid, "repaid"},       {S::kDefaulted, "defaulted"},
    {S::kClaimed, "claimed"},     {S::kSettled, "settled"},
    {S::kReleased, "released"},   {S::kTransferPending, "transfer-pending"},
    {S::kDelivered, "delivered"},
};

StepVerdict Refuse(std::string code, std::string reason) {
  return StepVerdict{false, std::move(code), std::move(reason)};
}

std::string KindList(const std::vector<K>& kinds) {
  if (kinds.empty()) return "none (the document's financing has ended)";
  std::string out;
  for (K k : kinds) out += (out.empty() ? "" : ", ") + std::string(FinancingEventKindName(k));
  return out;
}

// Floor of a * bp / 10000 without overflow for any int64 a >= 0.
int64_t ShareOf(int64_t a, int bp) {
  return (a / 10000) * bp + (a % 10000) * bp / 10000;
}

}  // namespace

std::string_view FinancingStateName(FinancingState s) {
  for (const auto& [st, name] : kStates)
    if (st == s) return name;
  return "unknown";
}

bool FinancingStateFromName(std::string_view name, FinancingState* s) {
  for (const auto& [st, n] : kStates)
    if (n == name) {
      if (s != nullptr) *s = st;
      return true;
    }
  return false;
}

std::vector<FinancingEventKind> AllowedFinancingSteps(const FinancingReplay& r) {
  switch (r.state) {
    case S::kNone:
    case S::kRejected:
    case S::kWithdrawn:
    case S::kReleased:
      return {K::kRequest, K::kTransfer, K::kDeliver};
    case S::kRequested:
      return {K::kApprove, K::kReject, K::kWithdraw};
    case S::kPledged: {
      std::vector<K> v;
      if (r.guarantor.empty()) v.push_back(K::kGuarantee);
      v.push_back(K::kDisburse);
      v.push_back(K::kRelease);
      return v;
    }
    case S::kDisbursed: {
      std::vector<K> v;
      if (r.guarantor.empty()) v.push_back(K::kGuarantee);
      if (r.disbursed < r.approved) v.push_back(K::kDisburse);
      v.push_back(K::kRepay);
      v.push_back(K::kDefault);
      return v;
    }
    case S::kRepaid:
    case S::kSettled:
      return {K::kRelease};
    case S::kDefaulted: {
      std::vector<K> v{K::kRepay};
      if (!r.guarantor.empty()) v.push_back(K::kClaim);
      return v;
    }
    case S::kClaimed:
      return {K::kSettle, K::kRepay};
    case S::kTransferPending:
      return {K::kAcceptTransfer};
    case S::kDelivered:
      return {};
  }
  return {};
}

StepVerdict ApplyFinancingEvent(const FinancingEvent& ev, uint64_t entry,
                                const FinancingContext& ctx, FinancingReplay* r) {
  const std::string kind(FinancingEventKindName(ev.kind));
  const std::vector<K> allowed = AllowedFinancingSteps(*r);
  if (std::find(allowed.begin(), allowed.end(), ev.kind) == allowed.end())
    return Refuse("OUT-OF-STATE", "entry " + std::to_string(ev.financed_entry) + " is " +
                                      std::string(FinancingStateName(r->state)) + "; a " + kind +
                                      " is not allowed now. Allowed now: " + KindList(allowed));
  auto party = [&](const std::string& who, std::string_view as) -> StepVerdict {
    if (ev.actor == who) return StepVerdict{true, "", ""};
    return Refuse("WRONG-PARTY", "a " + kind + " on entry " + std::to_string(ev.financed_entry) +
                                     " must be signed by " + std::string(as) + " " +
                                     (who.empty() ? std::string("(none recorded)") : who) +
                                     ", not " + ev.actor);
  };
  auto amount = [&](int64_t max, std::string_view what) -> StepVerdict {
    if (!ev.amount || ev.amount->minor_units <= 0)
      return Refuse("BAD-AMOUNT", "a " + kind + " needs a positive amount");
    if (ev.amount->currency != r->currency)
      return Refuse("BAD-AMOUNT", "the " + kind + " is in " + ev.amount->currency +
                                      "; this financing is in " + r->currency);
    if (ev.amount->minor_units > max)
      return Refuse("BAD-AMOUNT", "the " + kind + " amount " + ev.amount->ToString() + " exceeds " +
                                      std::string(what) + " " + Money{r->currency, max}.ToString());
    return StepVerdict{true, "", ""};
  };
  auto value_cap = [&](const Money& m) -> StepVerdict {
    if (ctx.shipment_value && ctx.shipment_value->currency == m.currency &&
        m.minor_units > ctx.shipment_value->minor_units)
      return Refuse("OVER-VALUE", "the " + kind + " amount " + m.ToString() +
                                      " exceeds the shipment's value " +
                                      ctx.shipment_value->ToString() +
                                      " (the lower of invoice total and declared value)");
    return StepVerdict{true, "", ""};
  };
#define TF_CHECK(expr)                \
  do {                                \
    StepVerdict _v = (expr);          \
    if (!_v.ok) return _v;            \
  } while (0)

  FinancingReplay n = *r;
  FinancingEventView view{entry, ev.kind, ev.actor, ev.time_ms, ev.amount, ""};
  switch (ev.kind) {
    case K::kRequest: {
      if (!r->controller.empty()) {
        TF_CHECK(party(r->controller, "its controller"));
      } else if (!ctx.financed_issuer.empty() &&
                 ctx.financed_type == "commercial-invoice") {
        // An invoice is the seller's own claim: only its issuer may borrow
        // on it. (A declaration may be filed by a broker for the shipper.)
        TF_CHECK(party(ctx.financed_issuer, "its issuer"));
      }
      if (!ev.amount || ev.amount->minor_units <= 0)
        return Refuse("BAD-AMOUNT", "a request needs a positive amount");
      if (ev.bank.empty() || ev.bank == ev.actor)
        return Refuse("WRONG-PARTY", "a request must name a bank other than the requester");
      TF_CHECK(value_cap(*ev.amount));
      n.borrower = ev.actor;
      n.bank = ev.bank;
      n.guarantor.clear();
      n.covered_share_bp = n.advance_rate_bp = 0;
      n.tenor_days = ev.tenor_days;
      n.currency = ev.amount->currency;
      n.requested = ev.amount->minor_units;
      n.approved = n.disbursed = n.repaid = n.claimed = n.settled = 0;
      n.pledge_entry.reset();
      if (n.controller.empty()) n.controller = ev.actor;
      n.state = S::kRequested;
      view.counterparty = ev.bank;
      break;
    }
    case K::kApprove:
      TF_CHECK(party(r->bank, "the bank named in the request,"));
      TF_CHECK(amount(r->requested, "the requested"));
      TF_CHECK(value_cap(*ev.amount));
      n.approved = ev.amount->minor_units;
      n.advance_rate_bp = ev.advance_rate_bp;
      n.pledge_entry = entry;
      n.controller = r->bank;
      n.state = S::kPledged;
      break;
    case K::kReject:
      TF_CHECK(party(r->bank, "the bank named in the request,"));
      n.state = S::kRejected;
      break;
    case K::kWithdraw:
      TF_CHECK(party(r->borrower, "the requester"));
      n.state = S::kWithdrawn;
      break;
    case K::kGuarantee:
      if (ev.guarantor != ev.actor)
        return Refuse("WRONG-PARTY", "a guarantee must name its signer (" + ev.actor +
                                         ") as guarantor, not " + ev.guarantor);
      if (ev.actor == r->bank || ev.actor == r->borrower)
        return Refuse("WRONG-PARTY", "the guarantor must be neither the bank nor the borrower");
      n.guarantor = ev.actor;
      n.covered_share_bp = ev.covered_share_bp;
      view.counterparty = ev.actor;
      break;
    case K::kDisburse:
      TF_CHECK(party(r->bank, "the pledgee bank"));
      TF_CHECK(amount(r->approved - r->disbursed, "what remains of the approved amount,"));
      n.disbursed += ev.amount->minor_units;
      n.state = S::kDisbursed;
      break;
    case K::kRepay:
      TF_CHECK(party(r->bank, "the pledgee bank"));
      TF_CHECK(amount(r->outstanding(), "the outstanding"));
      n.repaid += ev.amount->minor_units;
      if (n.repaid == n.disbursed) n.state = S::kRepaid;
      break;
    case K::kDefault:
      TF_CHECK(party(r->bank, "the pledgee bank"));
      n.state = S::kDefaulted;
      break;
    case K::kClaim:
      TF_CHECK(party(r->bank, "the pledgee bank"));
      if (ev.guarantor != r->guarantor)
        return Refuse("WRONG-PARTY", "the claim names guarantor " + ev.guarantor +
                                         "; the guarantee on this financing is from " + r->guarantor);
      TF_CHECK(amount(ShareOf(r->outstanding(), r->covered_share_bp),
                      "the guaranteed share of the outstanding amount,"));
      n.claimed = ev.amount->minor_units;
      n.state = S::kClaimed;
      view.counterparty = ev.guarantor;
      break;
    case K::kSettle:
      TF_CHECK(party(r->guarantor, "the guarantor"));
      TF_CHECK(amount(r->claimed, "the claimed"));
      n.settled = ev.amount->minor_units;
      n.state = S::kSettled;
      break;
    case K::kRelease:
      TF_CHECK(party(r->bank, "the pledgee bank"));
      n.controller = r->borrower;
      n.pledge_entry.reset();
      n.state = S::kReleased;
      break;
    case K::kTransfer: {
      std::string controller = r->controller.empty() ? ctx.financed_issuer : r->controller;
      TF_CHECK(party(controller, "its controller"));
      if (ev.to.empty() || ev.to == ev.actor)
        return Refuse("WRONG-PARTY", "a transfer must name another party to receive control");
      n.controller = controller;
      n.pending_transfer_to = ev.to;
      n.state_before_transfer = r->state;
      n.state = S::kTransferPending;
      view.counterparty = ev.to;
      break;
    }
    case K::kAcceptTransfer:
      TF_CHECK(party(r->pending_transfer_to, "the transferee"));
      n.controller = ev.actor;
      n.pending_transfer_to.clear();
      n.state = r->state_before_transfer;
      break;
    case K::kDeliver:
      if (ctx.financed_type == "rail-waybill" && !ctx.financed_issuer.empty())
        TF_CHECK(party(ctx.financed_issuer, "the carrier that issued the waybill,"));
      n.controller.clear();
      n.state = S::kDelivered;
      break;
  }
#undef TF_CHECK
  n.events.push_back(std::move(view));
  n.last_event = entry;
  *r = std::move(n);
  return StepVerdict{true, "", ""};
}

}  // namespace tradefin
