// Internal: fixed-width big-endian integers and u32-length-prefixed strings
// (docs/formats/store.md §1), shared by the entry codec and the LevelDB
// key/value layout.
#ifndef TRADEFIN_STORE_CODEC_H_
#define TRADEFIN_STORE_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tradefin::store {

inline void PutU8(std::string* out, uint8_t v) {
  out->push_back(static_cast<char>(v));
}
inline void PutU16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xff));
}
inline void PutU32(std::string* out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8)
    out->push_back(static_cast<char>((v >> s) & 0xff));
}
inline void PutU64(std::string* out, uint64_t v) {
  for (int s = 56; s >= 0; s -= 8)
    out->push_back(static_cast<char>((v >> s) & 0xff));
}
inline void PutStr(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}
inline std::string U64Key(char prefix, uint64_t v) {
  std::string k(1, prefix);
  PutU64(&k, v);
  return k;
}

// Sequential reader; any overrun sets a sticky failure flag and yields
// zeros/empty, so callers check ok() once at the end (leveldb-style).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }
  size_t remaining() const { return in_.size(); }

  std::string_view Bytes(size_t n) {
    if (!ok_ || in_.size() < n) {
      ok_ = false;
      return {};
    }
    std::string_view r = in_.substr(0, n);
    in_.remove_prefix(n);
    return r;
  }
  uint64_t UInt(int width) {
    std::string_view b = Bytes(static_cast<size_t>(width));
    uint64_t v = 0;
    for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
    return v;
  }
  uint8_t U8() { return static_cast<uint8_t>(UInt(1)); }
  uint16_t U16() { return static_cast<uint16_t>(UInt(2)); }
  uint32_t U32() { return static_cast<uint32_t>(UInt(4)); }
  uint64_t U64() { return UInt(8); }
  std::string_view Str() { return Bytes(U32()); }

 private:
  std::string_view in_;
  bool ok_ = true;
};

inline uint64_t DecodeU64(std::string_view b) {
  uint64_t v = 0;
  for (char c : b) v = (v << 8) | static_cast<uint8_t>(c);
  return v;
}

}  // namespace tradefin::store

#endif  // TRADEFIN_STORE_CODEC_H_
