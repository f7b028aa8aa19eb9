// Shared test helpers: Status printing, CHECK_OK/REQUIRE_OK, paths to the
// source tree and the test data, file reading, running the CLI.
#ifndef TRADEFIN_TESTS_TESTING_TESTING_H_
#define TRADEFIN_TESTS_TESTING_TESTING_H_

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tradefin/core/result.h"
#include "tradefin/core/status.h"

namespace tradefin {
inline doctest::String toString(const Status& s) {
  return doctest::String(s.ToString().c_str());
}
}  // namespace tradefin

#define CHECK_OK(expr) CHECK_MESSAGE((expr).ok(), (expr).status().ToString())
#define REQUIRE_OK(expr) \
  REQUIRE_MESSAGE((expr).ok(), (expr).status().ToString())
#define CHECK_STATUS_OK(expr)                    \
  do {                                           \
    ::tradefin::Status _s = (expr);              \
    CHECK_MESSAGE(_s.ok(), _s.ToString());       \
  } while (0)
#define REQUIRE_STATUS_OK(expr)                  \
  do {                                           \
    ::tradefin::Status _s = (expr);              \
    REQUIRE_MESSAGE(_s.ok(), _s.ToString());     \
  } while (0)

namespace tradefin::testing {

// The repository root (for samples/, schemas/, tests/data/).
std::filesystem::path SourceDir();
// tests/data/ in the source tree: every test input, one folder per set,
// each with a PROVENANCE.md (origin, licence, what changed).
std::filesystem::path DataDir();
// The built CLI binary (build/bin/tradefin).
std::filesystem::path CliPath();

// Whole file as bytes; fails the test if unreadable.
std::string ReadFile(const std::filesystem::path& path);
void WriteFile(const std::filesystem::path& path, std::string_view bytes);

// A fresh empty directory under the build tree, removed at destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
// Runs the CLI with `args` (no shell involved), optional stdin text, and
// extra environment entries "NAME=value". Captures stdout and stderr.
CliResult RunCli(const std::vector<std::string>& args,
                 const std::string& stdin_text = "",
                 const std::vector<std::string>& env = {});
// What the CLI wrote to a terminal.
struct TtyResult {
  int exit_code = -1;
  std::string err;  // stderr (the terminal's output; stdout went to /dev/null)
};
// Runs the built CLI with stdin and stderr on a pseudo-terminal (forkpty)
// and stdout on /dev/null, as a person at a terminal redirecting the result
// would: for output that must appear only on a terminal (progress).
TtyResult RunCliOnTerminal(const std::vector<std::string>& args);

// Runs any program (e.g. xmlsec1) the same way. args[0] is the program,
// looked up in PATH.
CliResult RunProgram(const std::vector<std::string>& args,
                     const std::string& stdin_text = "");

// Fails the current test unless `program` is an executable in PATH, with a
// message naming the Debian package that provides it. An interop test whose
// peer tool is missing must fail, never pass by checking nothing;
// scripts/install-deps installs every such tool.
void RequireProgram(const std::string& program,
                    const std::string& debian_package);

}  // namespace tradefin::testing

#endif  // TRADEFIN_TESTS_TESTING_TESTING_H_
