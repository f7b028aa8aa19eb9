// Sha256Hash (core/hash.h): the one SHA-256 type of the public API.
#include "tradefin/core/hash.h"

#include <cctype>
#include <type_traits>

#include "testing/testing.h"

namespace tradefin {
namespace {

TEST_CASE("Sha256Hash round-trips through hex and raw bytes") {
  Sha256Hash h{};
  for (size_t i = 0; i < h.size(); ++i) h[i] = static_cast<uint8_t>(i * 9 + 1);
  const std::string hex = HashHex(h);
  CHECK(hex.size() == 64);
  CHECK(hex.rfind("010a131c", 0) == 0);
  Result<Sha256Hash> back = Sha256HashFromHex(hex);
  REQUIRE_OK(back);
  CHECK(*back == h);
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  CHECK(*Sha256HashFromHex(upper) == h);
  const std::string raw(reinterpret_cast<const char*>(h.data()), h.size());
  CHECK(*Sha256HashFromBytes(raw) == h);
  CHECK(HashBytes(h) == raw);
  CHECK(HexEncode(raw) == hex);
}

TEST_CASE("HexEncode writes any bytes as lowercase hex") {
  CHECK(HexEncode(std::string("\x00\xff" "A", 3)) == "00ff41");
  CHECK(HexEncode("") == "");
}

TEST_CASE("Sha256Hash refuses text that is not a hash") {
  CHECK(Sha256HashFromHex("abc").status().IsInvalidArgument());
  CHECK(Sha256HashFromHex(std::string(63, 'a') + "g").status().IsInvalidArgument());
  CHECK(Sha256HashFromBytes("short").status().IsInvalidArgument());
  CHECK(HashHex(Sha256Hash{}) == std::string(64, '0'));
  static_assert(std::is_same_v<Sha256Hash, std::array<uint8_t, 32>>);
}

}  // namespace
}  // namespace tradefin
