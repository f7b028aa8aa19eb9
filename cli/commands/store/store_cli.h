// Helpers shared by the store verbs: where the store is, opening it, entry
// arguments, JSON for entries.
#ifndef TRADEFIN_CLI_COMMANDS_STORE_STORE_CLI_H_
#define TRADEFIN_CLI_COMMANDS_STORE_STORE_CLI_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output.h"
#include "tradefin/store/store.h"

namespace CLI {
class App;
}

namespace tradefin::cli {

// Adds `--store DIR` to `cmd` bound to `dir`.
void AddStoreOption(CLI::App* cmd, std::string* dir);
// --store, else $TRADEFIN_STORE, else ./tradefin-store.
std::string ResolveStoreDir(const std::string& flag);
// Opens the store or exits 2 with the error.
std::unique_ptr<Store> OpenStoreOrFail(const std::string& flag);
// Parses a decimal entry index, or exits 2 naming the argument.
uint64_t ParseIndexOrFail(const std::string& text, const char* what);
// Writes one outgoing link as {relation, target, target_leaf_hash}.
void WriteLinkJson(JsonWriter& w, const EntryLink& l);
// Writes an entry as a JSON object (documents carry `superseded_by`).
void WriteEntryJson(JsonWriter& w, const Entry& e, const Sha256Hash* leaf,
                    const std::optional<uint64_t>& superseded_by = std::nullopt);
// Role names joined with ',' ("shipper,customs-broker").
std::string JoinRoleNames(const std::vector<std::string>& roles);
// The entry whose `supersedes` link points at document entry `e` (the
// newest, if several), or nullopt; exits 2 if the store cannot say.
std::optional<uint64_t> SupersededByOrFail(const Store& store, const Entry& e);
// One-line human summary of an entry: index, ISO 8601 UTC time, type, key
// or party, links, and "[superseded by entry N]" when it was amended.
std::string EntrySummary(const Entry& e,
                         const std::optional<uint64_t>& superseded_by = std::nullopt);

}  // namespace tradefin::cli

#endif  // TRADEFIN_CLI_COMMANDS_STORE_STORE_CLI_H_
