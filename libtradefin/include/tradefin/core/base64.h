// Base64 (RFC 4648 §4, standard alphabet, '=' padded): the one encoder and
// the one strict decoder tradefin uses everywhere base64 appears (signed
// notes, checkpoints, tlog-proofs, verifier keys, XML-DSig values, PEM).
//
// Strict means one text per byte string: only the 64 alphabet characters,
// padding only at the end and only as much as the length needs, a length
// that is a multiple of 4, and the unused low bits of the last character
// zero (RFC 4648 §3.5), so "QQ==" decodes to "A" and "QR==" is refused.
// Whitespace is refused unless the caller's format allows it (XML
// base64Binary and PEM bodies fold long values over several lines).
//
//   auto raw = tradefin::Base64Decode(line);          // a note signature
//   auto der = tradefin::Base64Decode(text, {.allow_whitespace = true});
//
// The decoding itself is Crypto++'s (defined in the signing module, where
// Crypto++ is wrapped); the strict checks are ours.
//
// Thread safety: all functions are reentrant.
#ifndef TRADEFIN_CORE_BASE64_H_
#define TRADEFIN_CORE_BASE64_H_

#include <string>
#include <string_view>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"

namespace tradefin {

struct Base64DecodeOptions {
  // Skip XML whitespace (space, tab, CR, LF) anywhere in the text before
  // the strict checks; for XML base64Binary content and PEM bodies only.
  // Default: false (any whitespace is an error).
  bool allow_whitespace = false;
};

// Standard alphabet, '=' padded, no line breaks.
TRADEFIN_EXPORT std::string Base64Encode(std::string_view bytes);

// Decodes `text` strictly (see above). kInvalidArgument naming the offset
// and what is wrong: a character outside the alphabet, whitespace (unless
// allowed), a length that is not a multiple of 4, misplaced or excess
// padding, or non-zero padding bits. "" decodes to "".
TRADEFIN_EXPORT Result<std::string> Base64Decode(
    std::string_view text,
    const Base64DecodeOptions& options = Base64DecodeOptions());

}  // namespace tradefin

#endif  // TRADEFIN_CORE_BASE64_H_
