// Test helper for issue 13: CLI JSON output must be valid UTF-8.
#ifndef TRADEFIN_TESTS_CLI_UTF8_CHECK_H_
#define TRADEFIN_TESTS_CLI_UTF8_CHECK_H_

#include <cstddef>
#include <string>

namespace tradefin::testing {

// Whether `s` is well-formed UTF-8 (lead and continuation bytes).
inline bool IsUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;  // continuation bytes
    if (c < 0x80) n = 0;
    else if (c >= 0xC2 && c <= 0xDF) n = 1;
    else if ((c >> 4) == 0xE) n = 2;
    else if (c >= 0xF0 && c <= 0xF4) n = 3;
    else return false;
    if (i + n >= s.size() && n > 0) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

}  // namespace tradefin::testing

#endif  // TRADEFIN_TESTS_CLI_UTF8_CHECK_H_
