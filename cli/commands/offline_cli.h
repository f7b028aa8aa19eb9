// Helpers shared by the offline verbs (witness, verify-consistency, bundle):
// reading input files and key arguments, printing JSON.
#ifndef TRADEFIN_CLI_COMMANDS_OFFLINE_CLI_H_
#define TRADEFIN_CLI_COMMANDS_OFFLINE_CLI_H_

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace tradefin::cli {

// The whole file, or exits 2 naming `what` and the path.
std::string ReadFileOrFail(const std::string& path, std::string_view what);
// A verifier-key argument: the key string itself, or a file holding it (a
// path that exists wins). Exits 2 if it is neither.
std::string KeyArgOrFail(const std::string& arg, std::string_view option);
// Prints `j` as one compact line (invalid UTF-8 replaced, never thrown).
void PrintJsonLine(const nlohmann::json& j);

}  // namespace tradefin::cli

#endif  // TRADEFIN_CLI_COMMANDS_OFFLINE_CLI_H_
