#include "output.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

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

void FailWith(const Status& status) {
  std::cerr << "tradefin: " << status.ToString() << "\n";
  Exit(kExitError);
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
  return out;
}

void JsonWriter::Separator() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

void JsonWriter::BeginObject() { Separator(); out_.push_back('{'); first_.push_back(true); }
void JsonWriter::EndObject() { out_.push_back('}'); first_.pop_back(); }
void JsonWriter::BeginArray() { Separator(); out_.push_back('['); first_.push_back(true); }
void JsonWriter::EndArray() { out_.push_back(']'); first_.pop_back(); }
void JsonWriter::Key(std::string_view key) {
  Separator();
  out_ += JsonQuote(key);
  out_.push_back(':');
  after_key_ = true;
}
void JsonWriter::String(std::string_view v) { Separator(); out_ += JsonQuote(v); }
void JsonWriter::Int(int64_t v) { Separator(); out_ += std::to_string(v); }
void JsonWriter::Bool(bool v) { Separator(); out_ += v ? "true" : "false"; }
void JsonWriter::Null() { Separator(); out_ += "null"; }
void JsonWriter::Raw(std::string_view json) { Separator(); out_ += json; }

}  // namespace tradefin::cli
