#include "commands/offline_cli.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "output.h"

namespace tradefin::cli {

std::string ReadFileOrFail(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FailWith(Status::IOError("cannot read " + std::string(what) + " '" + path + "'"));
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) FailWith(Status::IOError("error reading " + std::string(what) + " '" + path + "'"));
  return s.str();
}

std::string KeyArgOrFail(const std::string& arg, std::string_view option) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(arg, ec)) return ReadFileOrFail(arg, option);
  if (arg.find('+') == std::string::npos) {
    FailWith(Status::InvalidArgument(std::string(option) + " '" + arg +
                                     "' is neither a readable file nor a verifier key "
                                     "(<name>+<key id>+<base64 key>)"));
  }
  return arg;
}

void PrintJsonLine(const nlohmann::json& j) {
  std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace tradefin::cli
