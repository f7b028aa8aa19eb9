#include "xml/input_checks.h"

#include <cstdint>
#include <cstring>

namespace tradefin::xml::internal {
namespace {

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// The value of the pseudo-attribute `encoding` in the XML declaration, or
// "" if absent. Declaration grammar: XML 1.0 §2.8 [23], §4.3.3 [80].
std::string_view DeclaredEncoding(std::string_view decl) {
  size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return {};
  pos += 8;
  while (pos < decl.size() && (decl[pos] == ' ' || decl[pos] == '\t' ||
                               decl[pos] == '\r' || decl[pos] == '\n')) {
    ++pos;
  }
  if (pos >= decl.size() || decl[pos] != '=') return {};
  ++pos;
  while (pos < decl.size() && (decl[pos] == ' ' || decl[pos] == '\t' ||
                               decl[pos] == '\r' || decl[pos] == '\n')) {
    ++pos;
  }
  if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) {
    return {};
  }
  char quote = decl[pos++];
  size_t end = decl.find(quote, pos);
  if (end == std::string_view::npos) return {};
  return decl.substr(pos, end - pos);
}

}  // namespace

std::string_view XmlDeclaration(std::string_view bytes) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!StartsWith(bytes, "<?xml") || bytes.size() < 6) return {};
  char c = bytes[5];
  if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return {};
  // A declaration is short; do not scan a huge document for "?>".
  size_t end = bytes.substr(0, 512).find("?>");
  if (end == std::string_view::npos) return {};
  return bytes.substr(0, end + 2);
}

InputProblem CheckInput(std::string_view bytes, const ParseOptions& options) {
  InputProblem p;
  if (bytes.size() > options.max_bytes) {
    p.code = "XML-TOO-LARGE";
    p.message = "the document is " + std::to_string(bytes.size()) +
                " bytes; the limit is " + std::to_string(options.max_bytes) +
                " bytes";
    return p;
  }
  if (StartsWith(bytes, "\xFE\xFF") || StartsWith(bytes, "\xFF\xFE") ||
      StartsWith(bytes, std::string_view("\x00\x00\xFE\xFF", 4))) {
    p.code = "XML-ENCODING";
    p.message =
        "the document starts with a UTF-16/UTF-32 byte-order mark; only "
        "UTF-8 is accepted";
    p.line = 1;
    p.column = 1;
    return p;
  }
  std::string_view decl = XmlDeclaration(bytes);
  std::string_view enc = DeclaredEncoding(decl);
  if (!enc.empty() && !EqualsIgnoreCase(enc, "UTF-8") &&
      !EqualsIgnoreCase(enc, "UTF8")) {
    p.code = "XML-ENCODING";
    // The declared name is echoed only if it is short and printable.
    std::string shown;
    for (char ch : enc.substr(0, 40)) {
      shown += (ch >= 0x20 && ch < 0x7f) ? ch : '?';
    }
    p.message = "the XML declaration names encoding '" + shown +
                "'; only UTF-8 is accepted";
    p.line = 1;
    p.column = 1;
    return p;
  }
  // Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF)
  // and no NUL, which no XML document may contain and which is the mark of
  // UTF-16/32 text without a BOM.
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: 8 ASCII bytes with no NUL at a time (most documents are
    // nearly all ASCII; this check runs on every parse).
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      const uint64_t has_high = w & 0x8080808080808080ull;
      const uint64_t has_zero =
          (w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull;
      if ((has_high | has_zero) == 0) {
        i += 8;
        continue;
      }
    }
    uint8_t c = s[i];
    if (c < 0x80) {
      if (c == 0) {
        p.code = "XML-ENCODING";
        p.message =
            "the document contains a NUL byte (UTF-16/UTF-32 text?); only "
            "UTF-8 is accepted";
        break;
      }
      ++i;
      continue;
    }
    size_t len = 0;
    uint32_t min = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07;
    }
    bool good = len != 0 && i + len <= n;
    for (size_t k = 1; good && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) good = false;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (good && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
      good = false;
    }
    if (!good) {
      p.code = "XML-ENCODING";
      p.message = "the bytes are not well-formed UTF-8; only UTF-8 is accepted";
      break;
    }
    i += len;
  }
  if (!p.ok()) {
    // Locate the offence only on failure, to keep the common path lean.
    int line = 1;
    size_t line_start = 0;
    for (size_t k = 0; k < i; ++k) {
      if (s[k] == '\n') {
        ++line;
        line_start = k + 1;
      }
    }
    p.line = line;
    p.column = static_cast<int>(i - line_start) + 1;
  }
  return p;
}

}  // namespace tradefin::xml::internal
