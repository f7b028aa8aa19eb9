// Shared CLI plumbing: exit codes, error printing, a small JSON writer.
#ifndef TRADEFIN_CLI_OUTPUT_H_
#define TRADEFIN_CLI_OUTPUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/status.h"

namespace CLI {
class App;
}

namespace tradefin::cli {

// Exit codes (docs/reference/cli.md):
inline constexpr int kExitOk = 0;        // ran, verdict positive
inline constexpr int kExitNegative = 1;  // ran, verdict negative
inline constexpr int kExitError = 2;     // usage, I/O or other non-OK Status
// CLI11 parse errors are mapped to kExitError as well (GNU convention:
// 2 for usage errors).

// Parses and runs; maps CLI11 errors and CLI::RuntimeError to exit codes.
int RunApp(CLI::App& app, int argc, char** argv);

// Ends the current command with `code` (throws CLI::RuntimeError).
[[noreturn]] void Exit(int code);

// Prints "tradefin: <status>" to stderr and exits with kExitError.
[[noreturn]] void FailWith(const Status& status);

// Minimal streaming JSON writer producing compact, valid UTF-8 JSON.
// Usage: JsonWriter w; w.BeginObject(); w.Key("a"); w.String("x");
// w.EndObject(); puts(w.str().c_str());
class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Inserts already-serialised JSON as a value.
  void Raw(std::string_view json);
  const std::string& str() const { return out_; }

 private:
  void Separator();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

// JSON string literal for `s`, quotes included.
std::string JsonQuote(std::string_view s);

}  // namespace tradefin::cli

#endif  // TRADEFIN_CLI_OUTPUT_H_
