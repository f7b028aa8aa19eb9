// Shared CLI plumbing: exit codes, error printing, reading input files, and
// JSON output through nlohmann-json.
#ifndef TRADEFIN_CLI_OUTPUT_H_
#define TRADEFIN_CLI_OUTPUT_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/result.h"
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

// An error for people: "<kind>: <message>", the kind in plain words
// ("not found", "invalid input", "damaged data", ...) instead of the
// library's code name. JSON output keeps Status::ToString() for programs.
std::string ErrorText(const Status& status);

// Prints "tradefin: " + ErrorText(status) to stderr and exits with
// kExitError.
[[noreturn]] void FailWith(const Status& status);

// Reads a whole input file ("-" is standard input). kNotFound when it does
// not exist, kIOError when it is a directory or cannot be read; messages
// name the file ("cannot read 'x': it is a directory").
Result<std::string> ReadInputFile(const std::string& path);
// ReadInputFile, or FailWith its error (exit 2).
std::string ReadInputFileOrFail(const std::string& path);

// "1 entry", "2 entries", "0 entries": a count with the word that agrees
// with it, for output people read.
std::string Count(uint64_t n, std::string_view one, std::string_view many);

// JSON values for output. Ordered, so keys print in the order written.
using Json = nlohmann::ordered_json;

// Compact JSON, always valid UTF-8: bytes that are not UTF-8 (a raw 0xFF
// in an MT700, a file name in another encoding) are replaced by U+FFFD,
// and a note on stderr says so. Pretty-printed (2 spaces) when
// $TRADEFIN_JSON_PRETTY is set and not "0".
std::string DumpJson(const Json& value);
// DumpJson(value) + "\n" on stdout.
void PrintJson(const Json& value);

// Streaming builder kept for the verbs written against it; it builds a
// Json value and str() dumps it with DumpJson, so its output is valid
// UTF-8 too. New code may build a Json directly.
// Usage: JsonWriter w; w.BeginObject(); w.Key("a"); w.String("x");
// w.EndObject(); puts(w.str().c_str());
class JsonWriter {
 public:
  JsonWriter();
  ~JsonWriter();
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);
  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Inserts a value built elsewhere.
  void Value(Json value);
  // Inserts already-serialised JSON as a value (parsed, so it must be
  // valid JSON).
  void Raw(std::string_view json);
  // The document so far, as DumpJson prints it.
  std::string str() const;
  const Json& json() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// JSON string literal for `s`, quotes included (valid UTF-8, see DumpJson).
std::string JsonQuote(std::string_view s);

}  // namespace tradefin::cli

#endif  // TRADEFIN_CLI_OUTPUT_H_
