#include "commands/store/store_cli.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "tradefin/core/clock.h"
#include "tradefin/signing/keys.h"

namespace tradefin::cli {

void AddStoreOption(CLI::App* cmd, std::string* dir) {
  cmd->add_option("--store", *dir,
                  "Store directory (default: $TRADEFIN_STORE, else ./tradefin-store)");
}

std::string ResolveStoreDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("TRADEFIN_STORE"); env != nullptr && *env) {
    // A variable left over from another guide or shell silently pointed
    // commands at another store: say so, once per command, on stderr.
    static bool said = false;
    if (!said) {
      std::cerr << "tradefin: using store " << env << " (from TRADEFIN_STORE)\n";
      said = true;
    }
    return env;
  }
  return "tradefin-store";
}

std::unique_ptr<Store> OpenStoreOrFail(const std::string& flag) {
  OpenStoreOptions o;
  o.dir = ResolveStoreDir(flag);
  auto st = Store::Open(o);
  if (!st.ok()) FailWith(st.status());
  return std::move(*st);
}

uint64_t ParseIndexOrFail(const std::string& text, const char* what) {
  uint64_t v = 0;
  bool ok = !text.empty() && text.size() <= 19;
  for (char c : text) {
    if (c < '0' || c > '9') ok = false;
    else v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!ok)
    FailWith(Status::InvalidArgument(std::string(what) + " '" + text +
                                     "' is not an entry index (a decimal number)"));
  return v;
}

void WriteLinkJson(JsonWriter& w, const EntryLink& l) {
  w.BeginObject();
  w.Key("relation");
  w.String(l.relation);
  w.Key("target");
  w.Int(static_cast<int64_t>(l.target_index));
  w.Key("target_leaf_hash");
  w.String(HashHex(l.target_leaf_hash));
  w.EndObject();
}

void WriteEntryJson(JsonWriter& w, const Entry& e, const Sha256Hash* leaf,
                    const std::optional<uint64_t>& superseded_by) {
  w.BeginObject();
  w.Key("index");
  w.Int(static_cast<int64_t>(e.index));
  if (leaf != nullptr) {
    w.Key("leaf_hash");
    w.String(HashHex(*leaf));
  }
  w.Key("time_ms");
  w.Int(e.time_ms);
  w.Key("time");
  w.String(FormatUtcMillis(e.time_ms));
  w.Key("type");
  w.String(EntryTypeName(e.type));
  w.Key("origin");
  w.String(e.origin);
  w.Key("submitter");
  w.String(e.submitter_party);
  w.Key("submitter_key_id");
  w.String(e.submitter_key_id);
  w.Key("document_type");
  w.String(e.document_type);
  w.Key("natural_keys");
  w.BeginArray();
  for (const auto& k : e.natural_keys) w.String(k);
  w.EndArray();
  w.Key("links");
  w.BeginArray();
  for (const auto& l : e.links) WriteLinkJson(w, l);
  w.EndArray();
  w.Key("prev_leaf_hash");
  w.String(HashHex(e.prev_leaf_hash));
  w.Key("document_sha256");
  w.String(HashHex(e.document_sha256));
  if (e.type == EntryType::kDocument) {
    w.Key("superseded_by");
    if (superseded_by) w.Int(static_cast<int64_t>(*superseded_by));
    else w.Null();
  }
  if (e.type != EntryType::kDocument) {
    w.Key("party");
    w.BeginObject();
    w.Key("id");
    w.String(e.party.party_id);
    w.Key("name");
    w.String(e.party.name);
    w.Key("roles");
    w.BeginArray();
    for (const auto& r : e.party.roles) w.String(r);
    w.EndArray();
    w.Key("key_id");
    w.String(e.party.public_key_spki.empty() ? "" : HashHex(Sha256(e.party.public_key_spki)));
    w.EndObject();
  }
  w.EndObject();
}

std::string JoinRoleNames(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out;
}

std::optional<uint64_t> SupersededByOrFail(const Store& store, const Entry& e) {
  if (e.type != EntryType::kDocument) return std::nullopt;
  auto lv = store.Links(e.index);
  if (!lv.ok()) FailWith(lv.status());
  std::optional<uint64_t> by;
  for (const auto& in : lv->incoming)
    if (in.relation == "supersedes" && (!by || in.source_index > *by)) by = in.source_index;
  return by;
}

std::string EntrySummary(const Entry& e, const std::optional<uint64_t>& superseded_by) {
  std::string s = std::to_string(e.index) + "  " + FormatUtcMillis(e.time_ms) + "  " +
                  std::string(EntryTypeName(e.type));
  if (e.type == EntryType::kDocument) {
    s += "  " + (e.natural_keys.empty() ? std::string("?") : e.natural_keys[0]) +
         "  by " + e.submitter_party;
  } else {
    s += "  party:" + e.party.party_id;
    if (!e.party.roles.empty()) s += " (" + JoinRoleNames(e.party.roles) + ")";
  }
  if (!e.links.empty()) {
    s += "  links:";
    for (const auto& l : e.links) s += " " + l.relation + "->" + std::to_string(l.target_index);
  }
  if (superseded_by) s += "  [superseded by entry " + std::to_string(*superseded_by) + "]";
  return s;
}

}  // namespace tradefin::cli
