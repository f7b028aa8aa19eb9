// Internal to the document module: typed reads from an xml::Node tree into
// model values, recording each field's source location in a SourceMap and
// reporting values the XSD cannot judge (unknown currency, too many
// decimals, numbers beyond 18 digits) to an IssueSink.
//
// The parsers run after XSD validation, so a missing mandatory element is
// not reported here; it reads as an empty value.
//
// Thread safety: not shared; one per parse.
#ifndef TRADEFIN_DOCUMENT_XML_READER_H_
#define TRADEFIN_DOCUMENT_XML_READER_H_

#include <optional>
#include <string>
#include <string_view>

#include "document/issues.h"
#include "tradefin/core/date.h"
#include "tradefin/core/decimal.h"
#include "tradefin/core/money.h"
#include "tradefin/document/common.h"
#include "xml/xml_tree.h"

namespace tradefin::document_internal {

inline constexpr char kCommonNamespace[] = "urn:tradefin:common:1";

class Reader {
 public:
  // `ns`: the document's namespace. `map` and `sink` must outlive the Reader.
  Reader(std::string_view ns, SourceMap* map, IssueSink* sink)
      : ns_(ns), map_(map), sink_(sink) {}

  // Child element in the document's namespace / the common namespace.
  xml::Node Child(xml::Node parent, std::string_view name) const {
    return parent ? parent.child(ns_, name) : xml::Node();
  }
  xml::Node CChild(xml::Node parent, std::string_view name) const {
    return parent ? parent.child(kCommonNamespace, name) : xml::Node();
  }

  // Records where `key` came from (no-op for a null node).
  void Note(xml::Node n, const std::string& key);

  // Text exactly as written ("" for a null node).
  std::string Str(xml::Node n, const std::string& key);
  // Text with XML whitespace trimmed (codes, numbers).
  std::string Token(xml::Node n, const std::string& key);
  Date DateOf(xml::Node n, const std::string& key);
  std::optional<Date> OptDate(xml::Node n, const std::string& key);
  Decimal Dec(xml::Node n, const std::string& key);
  std::optional<Decimal> OptDec(xml::Node n, const std::string& key);
  int64_t Int(xml::Node n, const std::string& key);
  std::optional<int> OptInt(xml::Node n, const std::string& key);
  bool Bool(xml::Node n, const std::string& key);
  // An element of c:MoneyType (currency attribute + amount text).
  Money MoneyOf(xml::Node n, const std::string& key);
  // The c:Line children of `n`, keys "<key>[i]".
  TextLines Lines(xml::Node n, const std::string& key);

  Address AddressOf(xml::Node n, const std::string& key);
  Party PartyOf(xml::Node n, const std::string& key);
  Bank BankOf(xml::Node n, const std::string& key);
  Station StationOf(xml::Node n, const std::string& key);

  IssueSink* sink() const { return sink_; }

 private:
  std::string_view ns_;
  SourceMap* map_;
  IssueSink* sink_;
};

}  // namespace tradefin::document_internal

#endif  // TRADEFIN_DOCUMENT_XML_READER_H_
