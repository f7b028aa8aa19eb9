#include "xml/raw_parse.h"

#include <libxml/parser.h>

#include <climits>

namespace tradefin::xml::internal {

bool RawLibxml2ParseAndFree(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) return false;
  // XML_PARSE_NONET only so that a benchmark can never reach the network;
  // it does not change the cost of parsing a document without a DTD.
  xmlDocPtr doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()),
                                nullptr, nullptr, XML_PARSE_NONET);
  if (doc == nullptr) return false;
  xmlFreeDoc(doc);
  return true;
}

}  // namespace tradefin::xml::internal
