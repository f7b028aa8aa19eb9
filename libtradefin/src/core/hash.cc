#include "tradefin/core/hash.h"

// Sha256() is declared in tradefin/core/hash.h but defined in the signing
// module (src/signing/keys.cc): Crypto++ is wrapped there and only there.

namespace tradefin {

std::string HashHex(const Sha256Hash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(hash.size() * 2);
  for (uint8_t b : hash) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto c = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kDigits[c >> 4];
    out[2 * i + 1] = kDigits[c & 15];
  }
  return out;
}

std::string HashBytes(const Sha256Hash& hash) {
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

Result<Sha256Hash> Sha256HashFromHex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() != 64)
    return Status::InvalidArgument("a SHA-256 hash is 64 hex digits, got " +
                                   std::to_string(hex.size()) + " characters");
  Sha256Hash out{};
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0)
      return Status::InvalidArgument("a SHA-256 hash is 64 hex digits; character " +
                                     std::to_string(2 * i + (hi < 0 ? 1 : 2)) +
                                     " is not one");
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return out;
}

Result<Sha256Hash> Sha256HashFromBytes(std::string_view raw) {
  if (raw.size() != 32)
    return Status::InvalidArgument("a SHA-256 hash is 32 bytes, got " +
                                   std::to_string(raw.size()));
  Sha256Hash out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(raw[i]);
  return out;
}

}  // namespace tradefin
