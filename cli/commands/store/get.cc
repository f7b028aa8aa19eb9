// tradefin get ENTRY [--raw | --document] [--json]: one entry, its exact
// bytes, or the stored document bytes.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands/store/store_cli.h"
#include "tradefin/core/clock.h"

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
  auto* doc = cmd->add_flag("--document", o->document, "Write the stored document bytes");
  raw->excludes(doc);
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->callback([o] {
    uint64_t idx = ParseIndexOrFail(o->entry, "ENTRY");
    auto st = OpenStoreOrFail(o->store);
    if (o->raw || o->document) {
      auto bytes = o->raw ? st->GetEntryBytes(idx) : st->GetDocument(idx);
      if (!bytes.ok()) FailWith(bytes.status());
      std::cout.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
      std::cout.flush();
      // On stderr: stdout is the bytes themselves.
      std::cerr << "tradefin: wrote " << bytes->size() << " bytes ("
                << (o->raw ? "the exact entry bytes" : "the stored document")
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
