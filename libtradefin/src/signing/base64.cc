// Base64 on Crypto++. Crypto++'s Base64Decoder is lenient by design: it
// skips characters outside the alphabet and accepts any padding and any
// padding bits, so the same bytes have many encodings. Strictness is a check
// in front of it; the decoding itself is Crypto++'s.
#include "tradefin/core/base64.h"

#include <cryptopp/base64.h>
#include <cryptopp/filters.h>

#include <vector>

namespace tradefin {
namespace {

// Value of an alphabet character, or -1.
int Sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

Status Bad(size_t offset, const std::string& what) {
  return Status::InvalidArgument("base64, offset " + std::to_string(offset) +
                                 ": " + what);
}

std::string Printable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

// The strict rules of base64.h on `text` (whitespace already removed, with
// `offsets[i]` the position of text[i] in the caller's input).
Status CheckStrict(std::string_view text, const std::vector<size_t>& offsets) {
  auto at = [&](size_t i) { return offsets.empty() ? i : offsets[i]; };
  size_t pad = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=') {
      ++pad;
      continue;
    }
    if (pad > 0) return Bad(at(i), "data after the '=' padding");
    if (Sextet(c) < 0) {
      return Bad(at(i), Printable(c) + " is not a base64 character");
    }
  }
  if (text.size() % 4 != 0) {
    return Bad(text.empty() ? 0 : at(text.size() - 1),
               "length " + std::to_string(text.size()) +
                   " is not a multiple of 4");
  }
  if (pad > 2) {
    return Bad(at(text.size() - pad), "more than two '=' padding characters");
  }
  if (pad > 0) {
    // The last data character carries 2 (one '=') or 4 (two '=') bits that
    // encode nothing; RFC 4648 §3.5 lets a decoder insist they are zero, and
    // we do, so that no two texts decode to the same bytes.
    size_t last = text.size() - pad - 1;
    int v = Sextet(text[last]);
    int unused_mask = pad == 1 ? 0x3 : 0xF;
    if ((v & unused_mask) != 0) {
      return Bad(at(last), "non-zero padding bits in " + Printable(text[last]) +
                               " (not the canonical encoding)");
    }
  }
  return Status();
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  CryptoPP::StringSource src(
      reinterpret_cast<const CryptoPP::byte*>(bytes.data()), bytes.size(), true,
      new CryptoPP::Base64Encoder(new CryptoPP::StringSink(out),
                                  /*insertLineBreaks=*/false));
  return out;
}

Result<std::string> Base64Decode(std::string_view text,
                                 const Base64DecodeOptions& options) {
  std::string compact;
  std::vector<size_t> offsets;
  std::string_view checked = text;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsXmlSpace(text[i])) continue;
    if (!options.allow_whitespace) {
      return Bad(i, "whitespace inside base64 text");
    }
    // First whitespace: switch to a compacted copy with original offsets.
    if (offsets.empty()) {
      compact.reserve(text.size());
      for (size_t j = 0; j < text.size(); ++j) {
        if (IsXmlSpace(text[j])) continue;
        compact.push_back(text[j]);
        offsets.push_back(j);
      }
      checked = compact;
    }
    break;
  }
  TRADEFIN_RETURN_IF_ERROR(CheckStrict(checked, offsets));
  std::string out;
  try {
    CryptoPP::StringSource src(
        reinterpret_cast<const CryptoPP::byte*>(checked.data()), checked.size(),
        true, new CryptoPP::Base64Decoder(new CryptoPP::StringSink(out)));
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("base64: Crypto++: ") + e.what());
  }
  if (out.size() != checked.size() / 4 * 3 -
                        (checked.empty() ? 0
                         : checked.back() != '=' ? 0
                         : checked[checked.size() - 2] == '=' ? 2
                                                              : 1)) {
    return Status::Internal("base64: decoder returned an unexpected length");
  }
  return out;
}

}  // namespace tradefin
