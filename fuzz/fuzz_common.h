// Shared helpers for the libFuzzer targets in fuzz/: the process-wide
// Runtime, the fixture files (keys and signed notes made once by
// scripts/fuzz-fixtures, kept in fuzz/fixtures/), splitting one input into
// several parts, and a loud abort for a broken property.
#ifndef TRADEFIN_FUZZ_FUZZ_COMMON_H_
#define TRADEFIN_FUZZ_FUZZ_COMMON_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/runtime.h"

namespace tradefin::fuzz {

// One Runtime for the life of the process: Xerces-C and libxml2 are set up
// once, as in the CLI, not per input.
inline const Runtime& GlobalRuntime() {
  static Runtime* runtime = [] {
    auto* r = new Runtime();
    if (!r->status().ok()) {
      std::fprintf(stderr, "fuzz: Runtime failed: %s\n", r->status().ToString().c_str());
      std::abort();
    }
    return r;
  }();
  return *runtime;
}

// A fixture file from fuzz/fixtures/ (TRADEFIN_FUZZ_DIR is set by
// fuzz/CMakeLists.txt). Missing fixtures abort: a target that silently ran
// without its trusted keys would only ever see "untrusted".
inline std::string Fixture(const std::string& name) {
  std::string path = std::string(TRADEFIN_FUZZ_DIR) + "/fixtures/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: missing fixture %s\n", path.c_str());
    std::abort();
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Fixture without surrounding whitespace (key strings kept one per file).
inline std::string FixtureLine(const std::string& name) {
  std::string s = Fixture(name);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// Splits an input into parts at kSeparator, so one byte string can carry
// several messages (MT700 + MT701s, a note + a policy). The separator is in
// every dictionary that needs it.
inline constexpr std::string_view kSeparator = "\n@@@@\n";

inline std::vector<std::string_view> Split(std::string_view in) {
  std::vector<std::string_view> parts;
  for (;;) {
    size_t at = in.find(kSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(in.substr(0, at));
    in.remove_prefix(at + kSeparator.size());
  }
  parts.push_back(in);
  return parts;
}

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A property the library promises was broken: report and abort, so
// libFuzzer keeps the input as a crash.
[[noreturn]] inline void Broken(const char* what, const std::string& detail = "") {
  std::fprintf(stderr, "fuzz: property broken: %s\n%s\n", what, detail.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace tradefin::fuzz

#endif  // TRADEFIN_FUZZ_FUZZ_COMMON_H_
