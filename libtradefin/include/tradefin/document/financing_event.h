// Financing events: the model of one signed act on a stored document
// (request, approve = pledge, disburse, transfer of control, ...), its XML
// form (schemas/financing-event.xsd, docs/formats/financing-events.md) and
// a validating reader. The event is a document type of its own because the
// store must read it to decide whether to accept it (signer = actor, role),
// and the store sits below the workflow module; the state machine that
// decides which event may follow which lives in tradefin/workflow/.
//
//   FinancingEvent ev;
//   ev.kind = FinancingEventKind::kRequest;
//   ev.financed_entry = 3; ev.financed_leaf_hash = "9f2c..."; ...
//   std::string xml = FinancingEventXml(ev);      // unsigned
//   auto signed_xml = SignDocument(xml, signer, SignOptions());
//   auto reader = FinancingEventReader::Create();
//   auto back = (*reader)->Parse(*signed_xml);    // kInvalidArgument if bad
//
// Thread safety: model types are plain values; a FinancingEventReader is
// immutable after Create() and may be shared between threads. Create and
// destroy readers while a tradefin::Runtime exists.
#ifndef TRADEFIN_DOCUMENT_FINANCING_EVENT_H_
#define TRADEFIN_DOCUMENT_FINANCING_EVENT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/money.h"
#include "tradefin/core/result.h"

namespace tradefin {

inline constexpr std::string_view kFinancingEventNamespace =
    "urn:tradefin:financing:1";

enum class FinancingEventKind {
  kRequest,
  kApprove,  // = pledge
  kReject,
  kWithdraw,
  kGuarantee,
  kDisburse,
  kRepay,
  kRelease,
  kDefault,
  kClaim,  // bank -> guarantor
  kSettle,
  kTransfer,        // of control, by the current controller
  kAcceptTransfer,  // by the party named in the transfer
  kDeliver,         // at destination; ends control
};

// "request", "approve", "reject", "withdraw", "guarantee", "disburse",
// "repay", "release", "default", "claim", "settle", "transfer",
// "accept-transfer", "deliver".
TRADEFIN_EXPORT std::string_view FinancingEventKindName(FinancingEventKind k);
// The kind named `name`; kInvalidArgument if it is none of the names above.
TRADEFIN_EXPORT Result<FinancingEventKind> FinancingEventKindFromName(std::string_view name);
// All kinds, in declaration order.
TRADEFIN_EXPORT std::vector<FinancingEventKind> AllFinancingEventKinds();
// Registry role names (PartyRoleName) that may sign an event of `kind`;
// empty means any registered role (transfer, accept-transfer: the check is
// on the party, not the role).
TRADEFIN_EXPORT std::vector<std::string_view> FinancingEventRoles(
    FinancingEventKind kind);

struct FinancingEvent {
  FinancingEventKind kind = FinancingEventKind::kRequest;
  // The financed document entry: index, leaf hash (64 lowercase hex) and
  // unique natural key.
  uint64_t financed_entry = 0;
  std::string financed_leaf_hash;
  std::string financed_key;
  // The previous event on the same document; absent for the first.
  std::optional<uint64_t> follows_entry;
  std::string follows_leaf_hash;  // "" iff !follows_entry
  std::string actor;    // party id; the signer
  int64_t time_ms = 0;  // whole seconds (ms % 1000 == 0), UTC
  // Kind-specific fields (docs/formats/financing-events.md §3); unused ones
  // stay empty / zero.
  std::optional<Money> amount;  // request approve disburse repay claim settle
  std::string bank;             // request
  int tenor_days = 0;           // request
  int advance_rate_bp = 0;      // approve
  std::string guarantor;        // guarantee, claim
  int covered_share_bp = 0;     // guarantee
  std::string to;               // transfer
  std::string reason;           // reject, withdraw, default (optional)
};

// "2026-12-02T08:15:00Z" for a Unix-millisecond time (milliseconds are
// truncated); and back (kInvalidArgument naming the text).
TRADEFIN_EXPORT std::string FormatUtcTime(int64_t time_ms);
TRADEFIN_EXPORT Result<int64_t> ParseUtcTime(std::string_view text);

// The unsigned XML of `event`, in the exact shape of
// docs/formats/financing-events.md (fixed prefix fe:, one element per line).
// REQUIRES: the fields the kind needs are set; the output is then valid
// against the schema (the reader checks it).
TRADEFIN_EXPORT std::string FinancingEventXml(const FinancingEvent& event);

class TRADEFIN_EXPORT FinancingEventReader {
 public:
  // Loads the embedded schemas. kInternal if that fails.
  static Result<std::unique_ptr<FinancingEventReader>> Create();
  virtual ~FinancingEventReader();
  // Parses (hardened), validates against financing-event.xsd and reads the
  // model. Does NOT verify the signature (see SignatureVerdict in
  // signing/xmldsig.h). kInvalidArgument naming the line and what is wrong
  // (schema errors, an unknown currency, an amount overflowing int64).
  virtual Result<FinancingEvent> Parse(std::string_view xml) const = 0;
};

}  // namespace tradefin

#endif  // TRADEFIN_DOCUMENT_FINANCING_EVENT_H_
