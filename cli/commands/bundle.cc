// tradefin bundle export|verify: guarantor bundles (docs/formats/bundle.md).
// All checking lives in the library (tradefin/workflow/bundle.h); this file
// reads files, writes the bundle and prints the summary a guarantor reads.
// verify exits 0 valid, 1 not valid, 2 could not check.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

#include "commands/commands.h"
#include "commands/offline_cli.h"
#include "commands/store/store_cli.h"
#include "output.h"
#include "progress.h"
#include "tradefin/core/clock.h"
#include "tradefin/workflow/bundle.h"

namespace tradefin::cli {
namespace {

void SetupExport(CLI::App* parent) {
  struct Opts {
    std::string store, entry, out, size;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = parent->add_subcommand(
      "export", "Write a self-contained bundle of a financed document and everything linked "
                "to it, with proofs, registrations and witness cosignatures");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("ENTRY", o->entry, "Index of the financed document's entry")->required();
  cmd->add_option("--out", o->out, "Bundle file to write")->required();
  cmd->add_option("--size", o->size,
                  "Prove against the checkpoint of this tree size (default: the newest "
                  "cosigned one covering every entry, else the latest)");
  cmd->add_flag("--json", o->json, "Print what was written as JSON");
  cmd->callback([o] {
    uint64_t entry = ParseIndexOrFail(o->entry, "ENTRY");
    BundleExportOptions opt;
    if (!o->size.empty()) opt.checkpoint_size = ParseIndexOrFail(o->size, "--size");
    opt.progress = TerminalProgress("bundle export", "entries");
    auto st = OpenStoreOrFail(o->store);
    auto b = ExportBundle(*st, entry, opt);
    if (!b.ok()) FailWith(b.status());
    {
      std::ofstream f(o->out, std::ios::binary | std::ios::trunc);
      f << b->bytes;
      f.close();
      if (!f) FailWith(Status::IOError("cannot write '" + o->out + "'"));
    }
    if (o->json) {
      PrintJsonLine({{"out", o->out},
                     {"bytes", b->bytes.size()},
                     {"checkpoint_size", b->checkpoint_size},
                     {"entries", b->entries},
                     {"documents", b->documents},
                     {"events", b->events},
                     {"party_entries", b->party_entries},
                     {"cosignatures", b->cosignatures}});
    } else {
      std::cout << "wrote " << o->out << ": " << Count(b->entries, "entry", "entries") << " ("
                << Count(b->documents, "document", "documents") << ", "
                << Count(b->events, "event", "events") << ", "
                << Count(b->party_entries, "party entry", "party entries")
                << ") proven against the checkpoint of size " << b->checkpoint_size
                << " with " << Count(b->cosignatures, "witness cosignature", "witness cosignatures")
                << "\n";
    }
    Exit(kExitOk);
  });
}

nlohmann::json ToJson(const BundleVerification& v) {
  nlohmann::json docs = nlohmann::json::array();
  for (const auto& d : v.documents)
    docs.push_back({{"index", d.index},
                    {"time", FormatUtcMillis(d.time_ms)},
                    {"time_ms", d.time_ms},
                    {"type", d.type},
                    {"natural_key", d.natural_key},
                    {"issuer", d.issuer_id},
                    {"issuer_name", d.issuer_name},
                    {"issuer_role", d.issuer_role},
                    {"key_id", d.key_id},
                    {"summary", d.summary}});
  nlohmann::json cos = nlohmann::json::array();
  for (const auto& c : v.cosignatures)
    cos.push_back({{"name", c.name}, {"time", c.time}, {"valid", c.valid}, {"reason", c.reason}});
  return {{"valid", v.valid},
          {"failure", std::string(BundleFailureName(v.failure))},
          {"reason", v.reason},
          {"bad_entry", v.bad_entry ? nlohmann::json(*v.bad_entry) : nlohmann::json()},
          {"origin", v.origin},
          {"checkpoint_size", v.checkpoint_size},
          {"root", v.root_hex},
          {"policy_checked", v.policy_checked},
          {"cosignatures", cos},
          {"quorum_witnesses", v.quorum_witnesses},
          {"unverified_cosignature_lines", v.unverified_cosignature_lines},
          {"subject", v.subject},
          {"entries", v.entries},
          {"documents", docs},
          {"goods",
           {{"consignment", v.goods.consignment},
            {"route", v.goods.route},
            {"departure_date", v.goods.departure_date},
            {"lines", v.goods.lines},
            {"containers", v.goods.containers},
            {"gross_mass_kg", v.goods.gross_mass_kg},
            {"invoice_total", v.goods.invoice_total},
            {"declared_value", v.goods.declared_value}}},
          {"financing",
           {{"replayed", v.financing.replayed},
            {"note", v.financing.note},
            {"state", v.financing.state},
            {"controller", v.financing.controller},
            {"lines", v.financing.lines}}}};
}

void PrintSummary(const BundleVerification& v) {
  std::string subject_type;
  for (const auto& d : v.documents)
    if (d.index == v.subject) subject_type = d.type;
  std::cout << "VALID bundle for entry " << v.subject << " (" << subject_type << ") of "
            << v.origin << "\n";
  std::cout << "  log: checkpoint of size " << v.checkpoint_size << ", root " << v.root_hex
            << ", signed by the hub key given\n";
  if (v.policy_checked) {
    std::cout << "  witnesses: quorum met by";
    for (const auto& w : v.quorum_witnesses) std::cout << " " << w;
    if (v.quorum_witnesses.empty()) std::cout << " (none needed)";
    std::cout << "\n";
  } else {
    std::cout << "  witnesses: not checked (no --policy); "
              << Count(v.unverified_cosignature_lines, "cosignature line", "cosignature lines")
              << " carried\n";
  }
  const BundleGoods& g = v.goods;
  std::cout << "Goods:\n";
  if (!g.consignment.empty()) {
    std::cout << "  consignment " << g.consignment << ", " << g.route << ", departed "
              << g.departure_date << "\n";
    for (const auto& l : g.lines) std::cout << "  - " << l << "\n";
    if (!g.containers.empty()) {
      std::cout << "  containers:";
      for (const auto& c : g.containers) std::cout << " " << c;
      std::cout << "\n";
    }
    std::cout << "  gross mass " << g.gross_mass_kg << " kg\n";
  } else {
    std::cout << "  (no rail waybill in the bundle)\n";
  }
  if (!g.invoice_total.empty()) std::cout << "  invoice total " << g.invoice_total << "\n";
  if (!g.declared_value.empty()) std::cout << "  declared value " << g.declared_value << "\n";
  std::cout << "Documents (who issued each, and when the hub recorded it):\n";
  std::string waybill_issuer;
  for (const auto& d : v.documents) {
    std::cout << "  #" << d.index << " " << d.type << ": " << d.summary << "\n"
              << "      issued by " << d.issuer_id << " (" << d.issuer_name << ", "
              << d.issuer_role << "), recorded " << FormatUtcMillis(d.time_ms) << "\n";
    if (d.type == "rail-waybill") waybill_issuer = d.issuer_id + " (" + d.issuer_name + ")";
  }
  std::cout << "Control of the waybill: ";
  if (v.financing.replayed && !v.financing.controller.empty()) {
    std::cout << v.financing.controller << "\n";
  } else if (!waybill_issuer.empty()) {
    std::cout << "no transfer recorded; issued by the carrier " << waybill_issuer << "\n";
  } else {
    std::cout << "no waybill in the bundle\n";
  }
  std::cout << "Financing: ";
  if (v.financing.replayed) {
    std::cout << v.financing.state << "; " << v.financing.note << "\n";
    for (const auto& l : v.financing.lines) std::cout << "  " << l << "\n";
  } else {
    std::cout << v.financing.note << "\n";
  }
}

void SetupVerifyCmd(CLI::App* parent) {
  struct Opts {
    std::string file, hub_key, policy;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = parent->add_subcommand(
      "verify", "Check a bundle offline: every hash, proof, signature, role, issuer and "
                "witness quorum (exit 0 valid, 1 not valid, 2 error)");
  cmd->add_option("FILE", o->file, "The bundle (tradefin bundle export)")->required();
  cmd->add_option("--hub-key", o->hub_key,
                  "The hub verifier key (tradefin hub-key), or a file holding it")
      ->required();
  cmd->add_option("--policy", o->policy, "Witness policy file (docs/formats/witness.md)");
  cmd->add_flag("--json", o->json, "Print the result as JSON");
  cmd->callback([o] {
    BundleVerifyOptions opt;
    opt.hub_key = KeyArgOrFail(o->hub_key, "--hub-key");
    if (!o->policy.empty()) opt.policy = ReadFileOrFail(o->policy, "policy");
    std::string bytes = ReadFileOrFail(o->file, "bundle");
    auto v = VerifyBundle(bytes, opt);
    if (!v.ok()) FailWith(v.status());
    if (o->json) {
      PrintJsonLine(ToJson(*v));
    } else if (v->valid) {
      PrintSummary(*v);
    } else {
      std::cout << "INVALID (" << BundleFailureName(v->failure) << "): " << v->reason << "\n";
    }
    Exit(v->valid ? kExitOk : kExitNegative);
  });
}

}  // namespace

void SetupBundle(CLI::App& app) {
  CLI::App* b = app.add_subcommand("bundle", "Guarantor bundles: export, verify offline");
  b->require_subcommand(1);
  SetupExport(b);
  SetupVerifyCmd(b);
}

}  // namespace tradefin::cli
