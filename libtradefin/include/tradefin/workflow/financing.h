// Single-document financing: the state machine over signed financing
// events, exclusive control, the double-financing guard, and an offline
// replay for guarantor bundles and audits. Guide: docs/guide/financing.md.
// Formats: docs/formats/financing-events.md, docs/formats/store.md §6.
//
//   auto fin = tradefin::Financing::Create(*store, {});
//   tradefin::FinancingAct act;
//   act.kind = tradefin::FinancingEventKind::kRequest;
//   act.financed = 3;                       // the waybill's entry
//   act.actor = "SICHCNC0";                 // the shipper
//   act.amount = tradefin::Money{"EUR", 100000000};
//   act.bank = "LDZBPLP0";
//   act.tenor_days = 90;
//   auto report = (*fin)->Act(act, *signer);  // draft, sign, submit
//   if (!report.ok()) return report.status();  // could not run
//   if (!report->accepted) ...  // verdict: report->code, reason, allowed
//
// Errors vs verdicts: a refused step (wrong state, party or role, double
// financing, bad signature) is a verdict in StepReport and writes nothing;
// a non-OK Status means the step could not be attempted.
//
// Thread safety: a Financing object may be used from several threads (the
// store serialises writes; a step that raced another on the same document
// is refused with STALE-CHAIN and can be drafted again). Create and destroy
// it while a tradefin::Runtime exists; the Store must outlive it.
#ifndef TRADEFIN_WORKFLOW_FINANCING_H_
#define TRADEFIN_WORKFLOW_FINANCING_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/clock.h"
#include "tradefin/core/export.h"
#include "tradefin/core/money.h"
#include "tradefin/core/result.h"
#include "tradefin/document/financing_event.h"
#include "tradefin/signing/signer.h"
#include "tradefin/signing/trust_store.h"
#include "tradefin/store/store.h"

namespace tradefin {

enum class FinancingState {
  kNone,             // no event yet
  kRequested,
  kRejected,
  kWithdrawn,
  kPledged,          // approved: the bank controls the document
  kDisbursed,        // money out, not fully repaid
  kRepaid,           // everything disbursed was repaid; awaiting release
  kDefaulted,
  kClaimed,          // bank claimed against the guarantor
  kSettled,          // guarantor paid the claim; awaiting release
  kReleased,         // pledge ended; control back with the borrower
  kTransferPending,  // control transfer signed, not yet accepted
  kDelivered,        // delivered at destination: control has ended
};
// "none", "requested", "rejected", "withdrawn", "pledged", "disbursed",
// "repaid", "defaulted", "claimed", "settled", "released",
// "transfer-pending", "delivered".
TRADEFIN_EXPORT std::string_view FinancingStateName(FinancingState s);
TRADEFIN_EXPORT bool FinancingStateFromName(std::string_view name,
                                            FinancingState* s);

// One accepted event, as shown by status and replay.
struct FinancingEventView {
  uint64_t entry = 0;
  FinancingEventKind kind = FinancingEventKind::kRequest;
  std::string actor;  // the signer
  int64_t time_ms = 0;
  std::optional<Money> amount;
  std::string counterparty;  // bank (request), guarantor, transfer target
};

// The financing state of one document, from its event chain.
struct FinancingReplay {
  uint64_t financed = 0;  // financed document entry
  FinancingState state = FinancingState::kNone;
  // Who controls the document now: "" before the first event and after
  // delivery. A pledge moves control to the bank, a release moves it back
  // to the borrower, an accepted transfer to the transferee.
  std::string controller;
  std::string pending_transfer_to;  // kTransferPending
  // kTransferPending: the state the accepted transfer returns to.
  FinancingState state_before_transfer = FinancingState::kNone;
  std::string borrower;             // the requester of the current cycle
  std::string bank;                 // the bank named in the request
  std::string guarantor;            // "" if none
  int covered_share_bp = 0;
  int advance_rate_bp = 0;
  int tenor_days = 0;
  std::string currency;  // of every amount below
  int64_t requested = 0, approved = 0, disbursed = 0, repaid = 0,
          claimed = 0, settled = 0;  // minor units, current cycle
  std::optional<uint64_t> pledge_entry;  // approve event of the active pledge
  std::optional<uint64_t> last_event;    // chain head
  std::string last_leaf_hash;            // hex; "" when no event
  std::vector<FinancingEventView> events;  // every event, all cycles
  // Replay verdict (ReplayFinancing): false with the entry and the reason
  // when a record does not check or a step breaks the state machine.
  bool consistent = true;
  std::optional<uint64_t> bad_entry;
  std::string problem;

  int64_t outstanding() const { return disbursed - repaid; }
};

// The kinds that may follow in the current state (ignoring who signs).
TRADEFIN_EXPORT std::vector<FinancingEventKind> AllowedFinancingSteps(
    const FinancingReplay& r);

// Facts about the financed document that some rules need.
struct FinancingContext {
  // Party id of the financed document's issuer (its entry's submitter).
  // Default: "" (not checked).
  std::string financed_issuer;
  // Its document type ("rail-waybill", ...). Default: "".
  std::string financed_type;
  // The shipment's value: the lower of invoice total and declared value.
  // Default: none (no cap).
  std::optional<Money> shipment_value;
};

struct StepVerdict {
  bool ok = false;
  std::string code;    // "OUT-OF-STATE", "WRONG-PARTY", "BAD-AMOUNT"
  std::string reason;  // names the state and the steps allowed now
};

// Applies one event to `r` if the state machine allows it (pure). On
// refusal `r` is unchanged. `entry` is the event's store index.
TRADEFIN_EXPORT StepVerdict ApplyFinancingEvent(const FinancingEvent& ev,
                                                uint64_t entry,
                                                const FinancingContext& ctx,
                                                FinancingReplay* r);

// One stored event: its entry bytes and its event XML (the `b` blob).
struct FinancingRecord {
  std::string entry_bytes;
  std::string event_xml;
};

struct ReplayOptions {
  // Reader to parse events with. Borrowed. Default: nullptr = one is
  // created for the call (loads the schemas, a few milliseconds).
  const FinancingEventReader* reader = nullptr;
  // When set, each event's signature must verify with a key this store
  // trusts and whose TrustedKey name is the event's actor. Borrowed.
  // Default: nullptr (the caller checks signatures, e.g. against the
  // registrations carried in a bundle).
  const TrustStore* trust = nullptr;
  // Facts about the financed document. Default: empty.
  FinancingContext context;
};

// Replays the event chain of one document offline: no store, no network.
// Checks that each record decodes, is a financing-event entry, that its
// document_sha256 is the event XML's hash, that the event validates, that
// the submitter is the actor, that every record finances the same entry
// and `follows` the previous record (index and leaf hash), and that each
// step is allowed by the state machine. The verdict is in the returned
// FinancingReplay (consistent / bad_entry / problem). Non-OK Status only
// when the reader cannot be created.
TRADEFIN_EXPORT Result<FinancingReplay> ReplayFinancing(
    const std::vector<FinancingRecord>& records, const ReplayOptions& options);

// One act to draft: the kind, the financed entry, the acting party and the
// fields its kind needs (docs/formats/financing-events.md §3).
struct FinancingAct {
  FinancingEventKind kind = FinancingEventKind::kRequest;
  uint64_t financed = 0;
  std::string actor;
  std::optional<Money> amount;
  std::string bank;
  int tenor_days = 0;
  int advance_rate_bp = 0;
  std::string guarantor;
  int covered_share_bp = 0;
  std::string to;
  std::string reason;
  // Event time. Default: none = the Financing's clock, whole seconds.
  std::optional<int64_t> time_ms;
};

struct StepReport {
  bool accepted = false;
  // Refusal: "INVALID-EVENT", "OUT-OF-STATE", "WRONG-PARTY", "BAD-AMOUNT",
  // "DOUBLE-FINANCING", "OVER-VALUE", or a store code
  // (FinancingAppendReport): "SIGNATURE-INVALID", "SIGNER-UNKNOWN",
  // "SIGNER-NOT-ACTOR", "ROLE-NOT-ALLOWED", "FINANCED-MISMATCH",
  // "STALE-CHAIN", "NO-ENCUMBRANCE".
  std::string code;
  std::string reason;
  FinancingState state_before = FinancingState::kNone;
  std::vector<FinancingEventKind> allowed;  // steps allowed before the act
  std::optional<EncumbranceInfo> existing_pledge;  // DOUBLE-FINANCING
  // Accepted:
  uint64_t event_entry = 0;
  std::optional<uint64_t> encumbrance_entry;
  FinancingReplay after;  // state after the act (before it if refused)
};

// A pledge recorded against a shipment key (for examination, 47A).
struct PledgeFinding {
  std::string key;             // the identifier that matched
  bool active = false;         // not released
  uint64_t encumbrance_entry = 0;
  uint64_t pledge_entry = 0;   // approve event
  uint64_t financed = 0;       // document entry financed
  std::string bank;
  Money amount;
  int64_t pledged_ms = 0;
};

struct FinancingOptions {
  // Time source for drafted events. Borrowed. Default: nullptr =
  // SystemClock().
  const Clock* clock = nullptr;
  // Whether the credit (LC) number is one of the shipment keys a pledge
  // encumbers. With partial shipments under one credit, true blocks
  // financing of the other shipments while one is pledged. Default: true
  // (the rule: consignment, containers, declaration, invoice and
  // credit numbers).
  bool encumber_credit = true;
};

class TRADEFIN_EXPORT Financing {
 public:
  // kInternal if the event reader or the document validator cannot load.
  static Result<std::unique_ptr<Financing>> Create(
      Store& store, const FinancingOptions& options);
  virtual ~Financing();

  // The unsigned event XML for `act`, with Financed (index, leaf hash,
  // natural key) and Follows (the current chain head) read from the store.
  // kNotFound if act.financed is not an entry; kInvalidArgument if it is
  // not a document or a field the kind needs is missing.
  virtual Result<std::string> Draft(const FinancingAct& act) const = 0;
  // Applies the state machine and the double-financing guard, then hands
  // the signed event to Store::AppendFinancingEvent. A refusal is a
  // verdict in the report (nothing written).
  virtual Result<StepReport> Submit(std::string_view signed_event_xml) = 0;
  // Draft + SignDocument with `signer` + Submit.
  virtual Result<StepReport> Act(const FinancingAct& act,
                                 const Signer& signer) = 0;

  // The state of one financed document (kNone and no events if never
  // financed). kNotFound if `financed` is not an entry.
  virtual Result<FinancingReplay> Status(uint64_t financed) const = 0;
  // Every financed document, optionally only those in `state` and/or those
  // where `party` is borrower, bank, guarantor or controller ("" = any).
  virtual Result<std::vector<FinancingReplay>> List(
      std::optional<FinancingState> state, std::string_view party) const = 0;
  // The shipment keys of a document entry (docs/formats/store.md §6.2).
  virtual Result<std::vector<std::string>> ShipmentKeys(
      uint64_t financed) const = 0;
  // The shipment's value (lower of invoice total and declared value in
  // `currency`), or none if no invoice or declaration in that currency is
  // stored.
  virtual Result<std::optional<Money>> ShipmentValue(
      uint64_t financed, std::string_view currency) const = 0;
  // For examination (UCP 47A "must not have been pledged or financed"):
  // every pledge ever recorded against any of `identifiers` ("kind:value",
  // e.g. "consignment:25CX050417"; a bare value is tried as consignment,
  // container, declaration, invoice and credit), active or released, in log
  // order. One index scan per identifier.
  virtual Result<std::vector<PledgeFinding>> FindPledges(
      const std::vector<std::string>& identifiers) const = 0;
};

}  // namespace tradefin

#endif  // TRADEFIN_WORKFLOW_FINANCING_H_
