// Internal to tradefin (benchmarks only): an unhardened libxml2 parse with
// default options, the floor that bench/parse_bench.cc compares the
// hardened parse against. Never use it on untrusted input outside a
// benchmark; it lives here because only the xml module may include
// libxml2 headers.
//
// Thread safety: may be called from several threads at once.
#ifndef TRADEFIN_XML_RAW_PARSE_H_
#define TRADEFIN_XML_RAW_PARSE_H_

#include <string_view>

namespace tradefin::xml::internal {

// xmlReadMemory(bytes, default options) + xmlFreeDoc. True if a document
// was produced.
bool RawLibxml2ParseAndFree(std::string_view bytes);

}  // namespace tradefin::xml::internal

#endif  // TRADEFIN_XML_RAW_PARSE_H_
