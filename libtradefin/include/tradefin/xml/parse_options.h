// Limits and hardening for every XML parse tradefin does.
//
// There is no switch to turn DTDs, external entities or network access on:
// a DOCTYPE is always rejected.
//
// Thread safety: plain value type.
#ifndef TRADEFIN_XML_PARSE_OPTIONS_H_
#define TRADEFIN_XML_PARSE_OPTIONS_H_

#include <cstddef>

namespace tradefin {

struct ParseOptions {
  // Largest accepted input, in bytes. Default: 16 MiB.
  size_t max_bytes = 16u * 1024u * 1024u;
  // Deepest element nesting accepted. Default: 64.
  int max_depth = 64;
  // Largest single attribute value or text node, in bytes. Default: 1 MiB.
  size_t max_text_bytes = 1024u * 1024u;
  // Most attributes on one element. Default: 64.
  int max_attributes = 64;
};

}  // namespace tradefin

#endif  // TRADEFIN_XML_PARSE_OPTIONS_H_
