// tradefin get ENTRY [--raw | --document] [--json]: one entry, its exact
// bytes, or the stored document (or financing event) bytes.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"
#include "tradefin/core/clock.h"
#include "tradefin/core/money.h"

namespace tradefin::cli {

void SetupGet(CLI::App& app) {
  struct Opts {
    std::string store, entry;
    bool raw = false, document = false, json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* cmd = app.add_subcommand("get", "Show one entry (or its raw bytes, or its document)");
  AddStoreOption(cmd, &o->store);
  cmd->add_option("entry", o->entry, "Entry index")->required();
  auto* raw = cmd->add_flag("--raw", o->raw, "Write the exact entry bytes (the Merkle leaf)");
  auto* doc = cmd->add_flag("--document", o->document, "Write the stored document bytes (a financing event: its signed XML)");
  raw->excludes(doc);
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] {
    uint64_t idx = ParseIndexOrFail(o->entry, "ENTRY");
    auto st = OpenStoreOrFail(o->store);
    if (o->raw || o->document) {
      const char* what = "the exact entry bytes";
      Result<std::string> bytes = std::string();
      if (o->raw) {
        bytes = st->GetEntryBytes(idx);
      } else {
        // A financing event is stored as its signed XML, like a document.
        auto e = st->GetEntry(idx);
        if (!e.ok()) FailWith(e.status());
        const bool event = e->type == EntryType::kFinancingEvent;
        bytes = event ? st->GetFinancingEvent(idx) : st->GetDocument(idx);
        what = event ? "the stored financing event" : "the stored document";
      }
      if (!bytes.ok()) FailWith(bytes.status());
      std::cout.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
      std::cout.flush();
      // On stderr: stdout is the bytes themselves.
      std::cerr << "tradefin: wrote " << bytes->size() << " bytes (" << what
                << " of entry " << idx << ")\n";
      Exit(kExitOk);
    }
    auto bytes = st->GetEntryBytes(idx);
    if (!bytes.ok()) FailWith(bytes.status());
    auto e = DecodeEntry(*bytes);
    if (!e.ok()) FailWith(e.status());
    Sha256Hash leaf = EntryLeafHash(*bytes);
    if (o->json) {
      JsonWriter w;
      WriteEntryJson(w, *e, &leaf, SupersededByOrFail(*st, *e));
      std::cout << w.str() << "\n";
    } else {
      std::cout << "entry " << e->index << "\n"
                << "type: " << EntryTypeName(e->type) << "\n"
                << "leaf hash: " << HashHex(leaf) << "\n"
                << "time: " << FormatUtcMillis(e->time_ms) << "\n";
      if (e->type == EntryType::kDocument) {
        std::cout << "document type: " << e->document_type << "\n"
                  << "submitter: " << e->submitter_party << " (key " << e->submitter_key_id << ")\n"
                  << "document sha256: " << HashHex(e->document_sha256) << "\n";
      } else if (e->type == EntryType::kFinancingEvent) {
        std::cout << "actor: " << e->submitter_party << " (key " << e->submitter_key_id << ")\n"
                  << "event sha256: " << HashHex(e->document_sha256)
                  << " (get " << e->index << " --document writes the event)\n";
      } else if (e->type == EntryType::kEncumbrance) {
        const EncumbrancePayload& p = e->encumbrance;
        std::cout << "encumbrance: " << p.action << " of entry " << p.financed
                  << " to " << p.bank << ", pledged by entry " << p.pledge << ", "
                  << Money{p.currency, static_cast<int64_t>(p.amount)}.ToString()
                  << " (made and signed by the hub)\n";
      } else {
        std::cout << "party: " << e->party.party_id;
        if (!e->party.name.empty()) std::cout << " " << e->party.name;
        if (!e->party.roles.empty()) std::cout << " (" << JoinRoleNames(e->party.roles) << ")";
        std::cout << "\n";
      }
      for (const auto& k : e->natural_keys) std::cout << "key: " << k << "\n";
      for (const auto& l : e->links)
        std::cout << "link: " << l.relation << " -> " << l.target_index << " ("
                  << HashHex(l.target_leaf_hash) << ")\n";
      std::cout << "prev leaf hash: " << HashHex(e->prev_leaf_hash) << "\n";
      if (auto by = SupersededByOrFail(*st, *e))
        std::cout << "superseded by: entry " << *by << " (amended; this is not the current version)\n";
    }
    Exit(kExitOk);
  });
}

}  // namespace tradefin::cli
