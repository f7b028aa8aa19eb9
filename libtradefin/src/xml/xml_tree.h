// Internal API of the xml module (not installed): a hardened libxml2 parse
// and a thin, non-owning view of the resulting tree.
//
// This is the only way other modules (document, signing) reach libxml2:
// they never include <libxml/...>. Only the xml module's .cc files do.
//
// Lifetime: a Node is a borrowed handle into the Document that produced it
// and is valid until that Document is destroyed or the node is unlinked.
// Thread safety: a Document may be read from several threads at once only
// if nobody mutates it; distinct Documents are independent.
#ifndef TRADEFIN_XML_XML_TREE_H_
#define TRADEFIN_XML_XML_TREE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/result.h"
#include "tradefin/xml/parse_options.h"

struct _xmlNode;
struct _xmlDoc;

namespace tradefin::xml {

// Why a parse failed, with a stable code (see docs/reference/
// validation-codes.md): XML-DOCTYPE, XML-MALFORMED, XML-TOO-DEEP,
// XML-TOO-LARGE, XML-ENCODING, XML-TOO-MANY-ATTRIBUTES, XML-TEXT-TOO-LARGE.
struct ParseError {
  std::string code;
  std::string message;  // plain sentence
  int line = 0;
  int column = 0;

  // "XML-DOCTYPE at line 1, column 10: <message>" (line/column left out
  // when unknown).
  std::string ToString() const;
};

struct Attribute {
  std::string_view local_name;
  std::string_view ns_uri;  // "" when not namespaced
  std::string value;
};

class Node {
 public:
  enum class Kind { kNull, kElement, kText, kCData, kComment, kPI, kOther };

  Node() = default;
  explicit Node(_xmlNode* n) : n_(n) {}

  bool null() const { return n_ == nullptr; }
  explicit operator bool() const { return n_ != nullptr; }
  Kind kind() const;
  std::string_view local_name() const;  // "" for non-elements
  std::string_view ns_uri() const;      // "" when none
  std::string_view prefix() const;      // "" when none
  int line() const;                     // 1-based source line, 0 unknown

  Node parent() const;                  // null for the root element
  Node first_child() const;             // any kind
  Node next_sibling() const;            // any kind
  Node first_child_element() const;
  Node next_sibling_element() const;
  // First child element with this local name and namespace.
  Node child(std::string_view ns_uri, std::string_view local_name) const;
  // All child elements with this local name and namespace, in order.
  std::vector<Node> children(std::string_view ns_uri,
                             std::string_view local_name) const;

  // XPath string-value: all descendant text concatenated (comments do not
  // split it: "1<!---->25" reads "125").
  std::string text() const;
  std::optional<std::string> attribute(std::string_view local_name,
                                       std::string_view ns_uri = {}) const;
  std::vector<Attribute> attributes() const;
  // "/lc:LetterOfCredit/lc:Amount" with [n] where a name repeats
  // ("/wb:RailWaybill/wb:Containers/wb:Container[2]").
  std::string path() const;

  _xmlNode* raw() const { return n_; }
  friend bool operator==(Node a, Node b) { return a.n_ == b.n_; }

 private:
  _xmlNode* n_ = nullptr;
};

enum class C14nMethod {
  kExclusive10,  // http://www.w3.org/2001/10/xml-exc-c14n#
  kInclusive10,  // http://www.w3.org/TR/2001/REC-xml-c14n-20010315
  kInclusive11,  // http://www.w3.org/2006/12/xml-c14n11
};

class Document {
 public:
  // Parses `bytes` with libxml2, hardened: no DTD (any DOCTYPE is
  // rejected), no entity substitution, no network, no XInclude, size and
  // depth limits from `options`, UTF-8 (or a correctly declared encoding)
  // only. On failure returns nullptr and fills *error.
  static std::unique_ptr<Document> Parse(std::string_view bytes,
                                         const ParseOptions& options,
                                         ParseError* error);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  Node root() const;

  // Canonical form of the whole document with the subtree `exclude` (may be
  // null) left out, as the enveloped-signature transform requires.
  // `inclusive_prefixes` is the exc-c14n InclusiveNamespaces PrefixList.
  Result<std::string> Canonicalize(
      C14nMethod method, bool with_comments, Node exclude = Node(),
      const std::vector<std::string>& inclusive_prefixes = {}) const;
  // As Canonicalize, but hands the canonical bytes to `sink` piece by piece
  // as libxml2 produces them, and returns their total length, instead of
  // building one string: a verifier feeds them straight into its digest.
  // `sink` must not call back into this Document.
  Result<size_t> CanonicalizeTo(
      C14nMethod method, bool with_comments, Node exclude,
      const std::vector<std::string>& inclusive_prefixes,
      const std::function<void(std::string_view)>& sink) const;
  // Canonical form of the subtree rooted at `node`, in document context
  // (namespaces in scope are handled per the method).
  Result<std::string> CanonicalizeSubtree(
      Node node, C14nMethod method, bool with_comments,
      const std::vector<std::string>& inclusive_prefixes = {}) const;

  // Serialises the tree exactly as it stands (no reformatting), with an XML
  // declaration if the input had one.
  std::string Serialize() const;

  _xmlDoc* raw() const { return doc_; }

 private:
  explicit Document(_xmlDoc* doc) : doc_(doc) {}
  _xmlDoc* doc_;
  // The input's XML declaration as written ("" if none), which Serialize()
  // reproduces verbatim.
  std::string declaration_;
};

}  // namespace tradefin::xml

#endif  // TRADEFIN_XML_XML_TREE_H_
