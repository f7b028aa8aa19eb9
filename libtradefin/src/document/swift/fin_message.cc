// FIN envelope: {1:...}{2:...}[{3:...}]{4:CRLF ... CRLF-}[{5:...}].
// Layout per the FIN user handbook, summarised in docs/design/trade-rules.md §1.
#include <algorithm>
#include <string>

#include "document/swift/swift_internal.h"

namespace tradefin::swift_internal {
namespace {

bool IsUpperAlnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsLt(std::string_view s) {
  if (s.size() != 12) return false;
  if (!IsBic(s.substr(0, 8))) return false;
  return std::all_of(s.begin() + 8, s.end(), IsUpperAlnum);
}

// Tracks line/column of byte offsets in the message.
class Locator {
 public:
  explicit Locator(std::string_view text) : text_(text) {}
  void At(std::size_t pos, int* line, int* column) const {
    int l = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < pos && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++l;
        line_start = i + 1;
      }
    }
    int col = 1;
    for (std::size_t i = line_start; i < pos && i < text_.size(); ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    }
    *line = l;
    *column = col;
  }

 private:
  std::string_view text_;
};

// Reads "{N:" ... "}" where the content has no nested braces. Returns the
// content or nullopt.
std::optional<std::string_view> SimpleBlock(std::string_view text,
                                            std::size_t* pos, char id) {
  if (text.size() < *pos + 3 || text[*pos] != '{' || text[*pos + 1] != id ||
      text[*pos + 2] != ':') {
    return std::nullopt;
  }
  std::size_t close = text.find('}', *pos + 3);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view content = text.substr(*pos + 3, close - *pos - 3);
  if (content.find('{') != std::string_view::npos) return std::nullopt;
  *pos = close + 1;
  return content;
}

// Reads "{N:" { "{" tag ":" value "}" }* "}" (blocks 3 and 5).
bool NestedBlock(std::string_view text, std::size_t* pos) {
  std::size_t p = *pos + 3;
  while (p < text.size() && text[p] == '{') {
    std::size_t colon = text.find(':', p + 1);
    std::size_t close = text.find('}', p + 1);
    if (colon == std::string_view::npos || close == std::string_view::npos ||
        colon > close || colon == p + 1) {
      return false;
    }
    std::string_view inner = text.substr(p + 1, close - p - 1);
    if (inner.find('{') != std::string_view::npos) return false;
    p = close + 1;
  }
  if (p >= text.size() || text[p] != '}') return false;
  *pos = p + 1;
  return true;
}

bool StartsBlock(std::string_view text, std::size_t pos, char id) {
  return text.size() >= pos + 3 && text[pos] == '{' && text[pos + 1] == id &&
         text[pos + 2] == ':';
}

}  // namespace

void IssueSink::Add(int line, int column, std::string_view tag,
                    std::string_view rule, std::string message,
                    std::string expected) {
  SwiftIssue issue;
  issue.message_index = message_index_;
  issue.line = line;
  issue.column = column;
  issue.tag = std::string(tag);
  issue.rule = std::string(rule);
  issue.message = std::move(message);
  issue.expected = std::move(expected);
  out_->push_back(std::move(issue));
}

int FinLine::Column(std::size_t i) const {
  std::size_t offset = static_cast<std::size_t>(text.data() - raw.data()) + i;
  int col = 1;
  for (std::size_t k = 0; k < offset && k < raw.size(); ++k) {
    if ((static_cast<unsigned char>(raw[k]) & 0xC0) != 0x80) ++col;
  }
  return col;
}

std::string BicFromLt(std::string_view lt) {
  return std::string(lt.substr(0, 8)) + std::string(lt.substr(9, 3));
}

bool ParseFin(std::string_view text, const SwiftOptions& options,
              IssueSink& sink, FinMessage* out) {
  Locator loc(text);
  auto fail = [&](std::size_t pos, std::string_view rule, std::string msg,
                  std::string expected) {
    int line = 0, col = 0;
    loc.At(pos, &line, &col);
    sink.Add(line, col, "", rule, std::move(msg), std::move(expected));
  };
  std::size_t pos = 0;

  // Block 1: basic header.
  std::size_t b1 = pos;
  auto block1 = SimpleBlock(text, &pos, '1');
  if (!block1) {
    fail(b1, "block", "block 1 (basic header) missing or malformed",
         "{1:F01<LT address 12><session 4!n><sequence 6!n>}");
    return false;
  }
  if (block1->size() != 25 || block1->substr(0, 3) != "F01" ||
      !IsLt(block1->substr(3, 12)) || !AllDigits(block1->substr(15, 10))) {
    fail(b1 + 3, "block",
         "block 1 content '" + std::string(*block1) + "' is not a basic header",
         "F01 + 12-character LT address + 4!n session + 6!n sequence");
    return false;
  }
  std::string block1_lt(block1->substr(3, 12));

  // Block 2: application header, input or output.
  std::size_t b2 = pos;
  auto block2 = SimpleBlock(text, &pos, '2');
  if (!block2 || block2->empty()) {
    fail(b2, "block", "block 2 (application header) missing or malformed",
         "{2:I<MT 3!n><receiver LT 12><priority>}");
    return false;
  }
  std::string_view b2c = *block2;
  if (b2c[0] == 'I') {
    out->input = true;
    bool ok = b2c.size() >= 16 && b2c.size() <= 21 &&
              AllDigits(b2c.substr(1, 3)) && IsLt(b2c.substr(4, 12));
    if (ok && b2c.size() >= 17) {
      char prio = b2c[16];
      ok = prio == 'N' || prio == 'U' || prio == 'S';
    }
    if (!ok) {
      fail(b2 + 3, "block",
           "block 2 '" + std::string(b2c) + "' is not an input header",
           "I + 3!n message type + 12-character receiver LT + priority N/U");
      return false;
    }
    out->mt = std::string(b2c.substr(1, 3));
    out->sender_lt = block1_lt;
    out->receiver_lt = std::string(b2c.substr(4, 12));
  } else if (b2c[0] == 'O' && options.allow_output_messages) {
    // O + MT3 + input time 4 + MIR (date 6, LT 12, session 4, seq 6)
    // + output date 6 + time 4 + [priority].
    bool ok = (b2c.size() == 46 || b2c.size() == 47) &&
              AllDigits(b2c.substr(1, 13)) && IsLt(b2c.substr(14, 12)) &&
              AllDigits(b2c.substr(26, 20));
    if (!ok) {
      fail(b2 + 3, "block",
           "block 2 '" + std::string(b2c) + "' is not an output header",
           "O + 3!n type + 4!n time + MIR (6!n date, 12-char LT, 4!n, 6!n) "
           "+ 6!n date + 4!n time + priority");
      return false;
    }
    out->input = false;
    out->mt = std::string(b2c.substr(1, 3));
    out->sender_lt = std::string(b2c.substr(14, 12));
    out->receiver_lt = block1_lt;
  } else {
    fail(b2 + 3, "block",
         "block 2 must start with 'I' (input)" +
             std::string(options.allow_output_messages ? " or 'O' (output)"
                                                       : ""),
         "I700... or O700...");
    return false;
  }

  // Block 3: optional user header.
  if (StartsBlock(text, pos, '3')) {
    std::size_t b3 = pos;
    if (!NestedBlock(text, &pos)) {
      fail(b3, "block", "block 3 (user header) is malformed",
           "{3:{108:<16x>}} - sub-blocks {tag:value}");
      return false;
    }
  }

  // Block 4: text.
  std::size_t b4 = pos;
  if (!StartsBlock(text, pos, '4')) {
    fail(b4, "block", "block 4 (text) missing", "{4: followed by CRLF");
    return false;
  }
  pos += 3;
  if (text.substr(pos, 2) == "\r\n") {
    pos += 2;
  } else if (pos < text.size() && text[pos] == '\n') {
    if (!options.allow_lf) {
      fail(pos, "block", "line break is LF only", "CRLF");
      return false;
    }
    pos += 1;
  } else {
    fail(pos, "block", "block 4 must start with a line break after '{4:'",
         "{4: followed by CRLF");
    return false;
  }
  int line_no = 0, dummy = 0;
  loc.At(pos, &line_no, &dummy);
  std::size_t block4_chars = 2 + 1;  // leading CRLF and the final '-'
  bool terminated = false;
  FinField* current = nullptr;
  bool skipping = false;  // after a malformed tag line
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    bool had_cr = !raw.empty() && raw.back() == '\r';
    if (had_cr) {
      raw.remove_suffix(1);
    } else if (!options.allow_lf && nl < text.size()) {
      sink.Add(line_no, static_cast<int>(raw.size()) + 1, "", "block",
               "line break is LF only", "CRLF");
    }
    if (raw.size() >= 2 && raw[0] == '-' && raw[1] == '}') {
      out->end_line = line_no;
      pos += 2;
      terminated = true;
      break;
    }
    block4_chars += raw.size() + 2;
    if (!raw.empty() && raw[0] == ':') {
      // ":TAG:" with TAG = 2!n[1!a].
      std::size_t colon = raw.find(':', 1);
      std::string_view tag = colon == std::string_view::npos
                                 ? std::string_view()
                                 : raw.substr(1, colon - 1);
      bool ok = (tag.size() == 2 || tag.size() == 3) &&
                AllDigits(tag.substr(0, 2)) &&
                (tag.size() == 2 || (tag[2] >= 'A' && tag[2] <= 'Z'));
      if (!ok) {
        sink.Add(line_no, 1, "", "field-syntax",
                 "malformed field tag line '" + std::string(raw.substr(0, 12)) +
                     "'",
                 ":2!n[1!a]: such as :32B:");
        current = nullptr;
        skipping = true;
      } else {
        out->fields.push_back(FinField{std::string(tag), {}, line_no});
        current = &out->fields.back();
        current->lines.push_back(FinLine{raw.substr(colon + 1), raw, line_no});
        skipping = false;
      }
    } else if (!raw.empty() && raw[0] == '-') {
      sink.Add(line_no, 1, current ? current->tag : "", "continuation",
               "a line inside block 4 starts with '-'",
               "continuation lines that do not start with ':' or '-'");
    } else if (current != nullptr) {
      current->lines.push_back(FinLine{raw, raw, line_no});
    } else if (!skipping) {
      sink.Add(line_no, 1, "", "field-syntax",
               "text before the first field of block 4", ":TAG:value");
      skipping = true;
    }
    pos = nl + 1;
    ++line_no;
  }
  if (!terminated) {
    fail(text.size(), "block", "block 4 is not terminated",
         "CRLF-} at the end of the text block");
    return false;
  }
  if (block4_chars > kMaxBlock4Chars) {
    sink.Add(out->end_line, 1, "", "block-size",
             "block 4 has " + std::to_string(block4_chars) + " characters",
             "at most 10000 characters; move 45A/46A/47A/49G/49H text to "
             "MT701 continuations");
  }

  // Block 5: optional trailer; then nothing but trailing line breaks.
  if (StartsBlock(text, pos, '5')) {
    std::size_t b5 = pos;
    if (!NestedBlock(text, &pos)) {
      fail(b5, "block", "block 5 (trailer) is malformed",
           "{5:{CHK:<12 hex>}} - sub-blocks {tag:value}");
      return false;
    }
  }
  while (pos < text.size() &&
         (text[pos] == '\r' || text[pos] == '\n' || text[pos] == ' ')) {
    ++pos;
  }
  if (pos < text.size()) {
    fail(pos, "block", "unexpected text after the last block",
         "nothing after block 4 or block 5");
  }
  return true;
}

}  // namespace tradefin::swift_internal
