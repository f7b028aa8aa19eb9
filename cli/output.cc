#include "output.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace tradefin::cli {

int RunApp(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitError;
  }
  return kExitOk;
}

void Exit(int code) { throw CLI::RuntimeError(code); }

std::string Count(uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string ErrorText(const Status& status) {
  std::string_view kind;
  switch (status.code()) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: kind = "invalid input"; break;
    case StatusCode::kNotFound: kind = "not found"; break;
    case StatusCode::kAlreadyExists: kind = "already exists"; break;
    case StatusCode::kFailedPrecondition: kind = "not possible now"; break;
    case StatusCode::kCorruption: kind = "damaged data"; break;
    case StatusCode::kIOError: kind = "file or disk error"; break;
    case StatusCode::kUnsupported: kind = "not supported"; break;
    case StatusCode::kInternal:
      kind = "internal error (a bug in tradefin; please report it)";
      break;
  }
  return std::string(kind) + ": " + std::string(status.message());
}

void FailWith(const Status& status) {
  std::cerr << "tradefin: " << ErrorText(status) << "\n";
  Exit(kExitError);
}

Result<std::string> ReadInputFile(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  // An ifstream opens a directory without complaint and reads it as empty,
  // which turned "wrong argument" into "empty document" (issue 13).
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(st)) {
    return Status::NotFound("cannot read '" + path + "': no such file");
  }
  if (std::filesystem::is_directory(st)) {
    return Status::IOError("cannot read '" + path + "': it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open '" + path + "'");
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read '" + path + "'");
  return ss.str();
}

std::string ReadInputFileOrFail(const std::string& path) {
  Result<std::string> r = ReadInputFile(path);
  if (!r.ok()) FailWith(r.status());
  return std::move(*r);
}

std::string DumpJson(const Json& value) {
  const char* pretty_env = std::getenv("TRADEFIN_JSON_PRETTY");
  const bool pretty = pretty_env != nullptr && *pretty_env != '\0' &&
                      std::string_view(pretty_env) != "0";
  const int indent = pretty ? 2 : -1;
  try {
    return value.dump(indent, ' ', false, Json::error_handler_t::strict);
  } catch (const Json::type_error&) {
    // 316: a string is not valid UTF-8. Output stays valid JSON and valid
    // UTF-8; the user is told that what they see is not the raw bytes.
    std::cerr << "tradefin: note: JSON output had bytes that are not UTF-8; "
                 "each was replaced by U+FFFD\n";
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
  }
}

void PrintJson(const Json& value) { std::cout << DumpJson(value) << "\n"; }

std::string JsonQuote(std::string_view s) { return DumpJson(Json(std::string(s))); }

struct JsonWriter::Rep {
  Json root;
  bool has_root = false;
  std::vector<Json*> open;  // innermost last; only it is ever modified
  std::string key;
  bool has_key = false;

  Json* Add(Json v) {
    if (open.empty()) {
      root = std::move(v);
      has_root = true;
      return &root;
    }
    Json& top = *open.back();
    if (top.is_array()) {
      top.push_back(std::move(v));
      return &top.back();
    }
    // An object: the value belongs to the last Key().
    has_key = false;
    top[key] = std::move(v);
    return &top[key];
  }
};

JsonWriter::JsonWriter() : rep_(std::make_unique<Rep>()) {}
JsonWriter::~JsonWriter() = default;

void JsonWriter::BeginObject() { rep_->open.push_back(rep_->Add(Json::object())); }
void JsonWriter::EndObject() { rep_->open.pop_back(); }
void JsonWriter::BeginArray() { rep_->open.push_back(rep_->Add(Json::array())); }
void JsonWriter::EndArray() { rep_->open.pop_back(); }
void JsonWriter::Key(std::string_view key) {
  rep_->key = std::string(key);
  rep_->has_key = true;
}
void JsonWriter::String(std::string_view v) { rep_->Add(Json(std::string(v))); }
void JsonWriter::Int(int64_t v) { rep_->Add(Json(v)); }
void JsonWriter::Bool(bool v) { rep_->Add(Json(v)); }
void JsonWriter::Null() { rep_->Add(Json(nullptr)); }
void JsonWriter::Value(Json v) { rep_->Add(std::move(v)); }
void JsonWriter::Raw(std::string_view json) {
  Json v = Json::parse(std::string(json), nullptr, /*allow_exceptions=*/false);
  if (v.is_discarded()) {
    FailWith(Status::Internal("JSON output: a fragment is not valid JSON"));
  }
  rep_->Add(std::move(v));
}
std::string JsonWriter::str() const { return DumpJson(rep_->root); }
const Json& JsonWriter::json() const { return rep_->root; }

}  // namespace tradefin::cli
