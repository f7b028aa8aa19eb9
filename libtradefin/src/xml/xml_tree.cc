// Hardened libxml2 parse, node view and C14N (see xml_tree.h).
//
// Hardening (docs/design/xmldsig-defences.md §2): parse options are
// XML_PARSE_NONET | XML_PARSE_BIG_LINES only, never NOENT, DTDLOAD, DTDATTR,
// DTDVALID, XINCLUDE or HUGE. libxml2 2.9.14 has no flag to refuse a
// DOCTYPE, so the SAX internalSubset hook stops the parser as soon as the
// DOCTYPE name is read, before any internal subset (entity declarations,
// billion laughs) or external subset is looked at. Depth, attribute count
// and text/attribute size limits are enforced in SAX hooks during the parse
// so a hostile input is cut off early; libxml2's own element parser is
// iterative in 2.9.14, and nothing here recurses over the tree.
//
// CDATA sections are kept as CDATA nodes (no XML_PARSE_NOCDATA) so that
// Serialize() reproduces them; C14N turns them into text anyway and
// Node::text() includes them.
#include "xml/xml_tree.h"

#include <libxml/SAX2.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

#include <algorithm>
#include <climits>
#include <cstring>

#include "xml/input_checks.h"

namespace tradefin::xml {
namespace {

constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES;

std::string_view View(const xmlChar* s) {
  return s == nullptr ? std::string_view()
                      : std::string_view(reinterpret_cast<const char*>(s));
}

std::string Trimmed(const char* msg) {
  std::string s = msg != nullptr ? msg : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

struct ParseState {
  const ParseOptions* options = nullptr;
  int depth = 0;
  size_t text_run = 0;  // bytes of the current run of character data
  bool failed = false;  // our own limit or DOCTYPE stop
  ParseError error;     // first error, ours or libxml2's
  bool have_lib_error = false;
};

ParseState* State(void* ctx) {
  return static_cast<ParseState*>(static_cast<xmlParserCtxtPtr>(ctx)->_private);
}

void Fail(void* ctx, const char* code, std::string message) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
  ParseState* st = State(ctx);
  if (!st->failed) {
    st->failed = true;
    st->error.code = code;
    st->error.message = std::move(message);
    st->error.line = xmlSAX2GetLineNumber(ctx);
    st->error.column = xmlSAX2GetColumnNumber(ctx);
  }
  xmlStopParser(ctxt);
}

void OnInternalSubset(void* ctx, const xmlChar*, const xmlChar*,
                      const xmlChar*) {
  Fail(ctx, "XML-DOCTYPE",
       "the document has a DOCTYPE declaration; DTDs and entity "
       "declarations are never accepted");
}

void OnStartElementNs(void* ctx, const xmlChar* localname,
                      const xmlChar* prefix, const xmlChar* uri,
                      int nb_namespaces, const xmlChar** namespaces,
                      int nb_attributes, int nb_defaulted,
                      const xmlChar** attributes) {
  ParseState* st = State(ctx);
  if (st->failed) return;
  const ParseOptions& o = *st->options;
  if (++st->depth > o.max_depth) {
    Fail(ctx, "XML-TOO-DEEP",
         "elements are nested more than " + std::to_string(o.max_depth) +
             " deep");
    return;
  }
  if (nb_attributes > o.max_attributes) {
    Fail(ctx, "XML-TOO-MANY-ATTRIBUTES",
         "element '" + std::string(View(localname)) + "' has " +
             std::to_string(nb_attributes) + " attributes; the limit is " +
             std::to_string(o.max_attributes));
    return;
  }
  for (int i = 0; i < nb_attributes; ++i) {
    const xmlChar* value = attributes[i * 5 + 3];
    const xmlChar* end = attributes[i * 5 + 4];
    if (static_cast<size_t>(end - value) > o.max_text_bytes) {
      Fail(ctx, "XML-TEXT-TOO-LARGE",
           "attribute '" + std::string(View(attributes[i * 5])) +
               "' is longer than " + std::to_string(o.max_text_bytes) +
               " bytes");
      return;
    }
  }
  st->text_run = 0;
  xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
                        namespaces, nb_attributes, nb_defaulted, attributes);
}

void OnEndElementNs(void* ctx, const xmlChar* localname,
                    const xmlChar* prefix, const xmlChar* uri) {
  ParseState* st = State(ctx);
  if (st->failed) return;
  --st->depth;
  st->text_run = 0;
  xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

bool CountText(void* ctx, int len) {
  ParseState* st = State(ctx);
  if (st->failed) return false;
  st->text_run += static_cast<size_t>(len);
  if (st->text_run > st->options->max_text_bytes) {
    Fail(ctx, "XML-TEXT-TOO-LARGE",
         "a text node is longer than " +
             std::to_string(st->options->max_text_bytes) + " bytes");
    return false;
  }
  return true;
}

void OnCharacters(void* ctx, const xmlChar* ch, int len) {
  if (CountText(ctx, len)) xmlSAX2Characters(ctx, ch, len);
}

void OnCData(void* ctx, const xmlChar* ch, int len) {
  if (CountText(ctx, len)) xmlSAX2CDataBlock(ctx, ch, len);
}

void OnComment(void* ctx, const xmlChar* value) {
  ParseState* st = State(ctx);
  if (st->failed) return;
  st->text_run = 0;
  xmlSAX2Comment(ctx, value);
}

void OnStructuredError(void* ctx, xmlErrorPtr err) {
  if (err == nullptr || err->level < XML_ERR_ERROR) return;
  ParseState* st = State(ctx);
  if (st->failed || st->have_lib_error) return;
  if (err->code == XML_ERR_USER_STOP) return;
  st->have_lib_error = true;
  std::string msg = Trimmed(err->message);
  switch (err->code) {
    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_ERR_UNKNOWN_ENCODING:
      st->error.code = "XML-ENCODING";
      break;
    default:
      // libxml2's own nesting ceiling (256 without XML_PARSE_HUGE), reached
      // only if ParseOptions::max_depth is set above it.
      st->error.code = msg.find("Excessive depth") != std::string::npos
                           ? "XML-TOO-DEEP"
                           : "XML-MALFORMED";
  }
  st->error.message = "not well-formed XML: " + msg;
  st->error.line = err->line;
  st->error.column = err->int2;
}

bool IsTextLike(const xmlNode* n) {
  return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

void AppendContent(const xmlNode* n, std::string* out) {
  if (n->content != nullptr) out->append(View(n->content));
}

bool SameName(const xmlNode* a, const xmlNode* b) {
  if (a->name != b->name && !xmlStrEqual(a->name, b->name)) return false;
  if (a->ns == b->ns) return true;
  const xmlChar* na = a->ns != nullptr ? a->ns->href : nullptr;
  const xmlChar* nb = b->ns != nullptr ? b->ns->href : nullptr;
  return xmlStrEqual(na, nb) != 0;  // true for two nulls as well
}

bool NameIs(const xmlNode* n, std::string_view ns_uri,
            std::string_view local_name) {
  if (n->type != XML_ELEMENT_NODE) return false;
  if (View(n->name) != local_name) return false;
  std::string_view ns = n->ns != nullptr ? View(n->ns->href) : "";
  return ns == ns_uri;
}

// --- C14N -----------------------------------------------------------------

struct Visibility {
  xmlNodePtr include = nullptr;  // only this subtree, if set
  xmlNodePtr exclude = nullptr;  // never this subtree, if set
};

// xmlC14NIsVisibleCallback: a node is in the node-set iff it lies in
// `include` (when set) and not in `exclude`. Namespace nodes are xmlNs, not
// xmlNode, so they are judged by the element they belong to (`parent`);
// attributes likewise. Every descendant must be judged too: libxml2 treats
// the callback as a node-set test per node, not per subtree.
int IsVisible(void* user_data, xmlNodePtr node, xmlNodePtr parent) {
  const auto* v = static_cast<const Visibility*>(user_data);
  xmlNodePtr n = node;
  if (node != nullptr && (node->type == XML_NAMESPACE_DECL ||
                          node->type == XML_ATTRIBUTE_NODE)) {
    n = parent;
  }
  bool included = v->include == nullptr;
  for (xmlNodePtr a = n; a != nullptr; a = a->parent) {
    if (a == v->exclude) return 0;
    if (a == v->include) included = true;
    if (a->type == XML_DOCUMENT_NODE) break;
  }
  return included ? 1 : 0;
}

int AppendToString(void* ctx, const char* buffer, int len) {
  static_cast<std::string*>(ctx)->append(buffer, static_cast<size_t>(len));
  return len;
}

struct SinkContext {
  const std::function<void(std::string_view)>* sink;
  size_t total = 0;
};

int WriteToSink(void* ctx, const char* buffer, int len) {
  auto* c = static_cast<SinkContext*>(ctx);
  (*c->sink)(std::string_view(buffer, static_cast<size_t>(len)));
  c->total += static_cast<size_t>(len);
  return len;
}

struct CollectedError {
  std::string message;
};

void CollectError(void* ctx, xmlErrorPtr err) {
  auto* c = static_cast<CollectedError*>(ctx);
  if (err != nullptr && err->level >= XML_ERR_ERROR && c->message.empty()) {
    c->message = Trimmed(err->message);
  }
}

int ModeOf(C14nMethod method) {
  switch (method) {
    case C14nMethod::kExclusive10:
      return XML_C14N_EXCLUSIVE_1_0;
    case C14nMethod::kInclusive10:
      return XML_C14N_1_0;
    case C14nMethod::kInclusive11:
      return XML_C14N_1_1;
  }
  return XML_C14N_EXCLUSIVE_1_0;
}

// Runs libxml2's C14N, writing through `write` (an xmlOutputWriteCallback)
// with `write_ctx`.
Status RunC14nTo(xmlDocPtr doc, const Visibility* vis, C14nMethod method,
                 bool with_comments, const std::vector<std::string>& prefixes,
                 xmlOutputWriteCallback write, void* write_ctx) {
  if (!prefixes.empty() && method != C14nMethod::kExclusive10) {
    return Status::InvalidArgument(
        "an InclusiveNamespaces PrefixList applies only to exclusive C14N");
  }
  std::vector<xmlChar*> prefix_ptrs;
  for (const std::string& p : prefixes) {
    prefix_ptrs.push_back(
        reinterpret_cast<xmlChar*>(const_cast<char*>(p.c_str())));
  }
  prefix_ptrs.push_back(nullptr);

  xmlOutputBufferPtr buf =
      xmlOutputBufferCreateIO(write, nullptr, write_ctx, nullptr);
  if (buf == nullptr) return Status::Internal("c14n: out of memory");

  // libxml2's C14N reports through the per-thread structured error handler
  // (it has no parser context); route that into `errors` for this call only
  // so nothing reaches stderr.
  CollectedError errors;
  xmlStructuredErrorFunc saved_fn = xmlStructuredError;
  void* saved_ctx = xmlStructuredErrorContext;
  xmlSetStructuredErrorFunc(&errors, CollectError);
  int rc = xmlC14NExecute(doc, vis != nullptr ? IsVisible : nullptr,
                          const_cast<Visibility*>(vis), ModeOf(method),
                          prefixes.empty() ? nullptr : prefix_ptrs.data(),
                          with_comments ? 1 : 0, buf);
  int close_rc = xmlOutputBufferClose(buf);
  xmlSetStructuredErrorFunc(saved_ctx, saved_fn);
  if (rc < 0 || close_rc < 0) {
    return Status::Internal(
        "c14n failed" +
        (errors.message.empty() ? std::string() : ": " + errors.message));
  }
  return Status::Ok();
}

Result<std::string> RunC14n(xmlDocPtr doc, const Visibility* vis,
                            C14nMethod method, bool with_comments,
                            const std::vector<std::string>& prefixes) {
  std::string out;
  TRADEFIN_RETURN_IF_ERROR(RunC14nTo(doc, vis, method, with_comments, prefixes,
                                     AppendToString, &out));
  return out;
}

}  // namespace

std::string ParseError::ToString() const {
  std::string s = code;
  if (line > 0) {
    s += " at line " + std::to_string(line);
    if (column > 0) s += ", column " + std::to_string(column);
  }
  s += ": " + message;
  return s;
}

// --- Node -------------------------------------------------------------------

Node::Kind Node::kind() const {
  if (n_ == nullptr) return Kind::kNull;
  switch (n_->type) {
    case XML_ELEMENT_NODE:
      return Kind::kElement;
    case XML_TEXT_NODE:
      return Kind::kText;
    case XML_CDATA_SECTION_NODE:
      return Kind::kCData;
    case XML_COMMENT_NODE:
      return Kind::kComment;
    case XML_PI_NODE:
      return Kind::kPI;
    default:
      return Kind::kOther;
  }
}

std::string_view Node::local_name() const {
  if (n_ == nullptr || n_->type != XML_ELEMENT_NODE) return {};
  return View(n_->name);
}

std::string_view Node::ns_uri() const {
  if (n_ == nullptr || n_->type != XML_ELEMENT_NODE || n_->ns == nullptr) {
    return {};
  }
  return View(n_->ns->href);
}

std::string_view Node::prefix() const {
  if (n_ == nullptr || n_->type != XML_ELEMENT_NODE || n_->ns == nullptr) {
    return {};
  }
  return View(n_->ns->prefix);
}

int Node::line() const {
  if (n_ == nullptr) return 0;
  long l = xmlGetLineNo(n_);
  return l > 0 && l < INT_MAX ? static_cast<int>(l) : 0;
}

Node Node::parent() const {
  if (n_ == nullptr || n_->parent == nullptr ||
      n_->parent->type != XML_ELEMENT_NODE) {
    return Node();
  }
  return Node(n_->parent);
}

Node Node::first_child() const {
  return n_ == nullptr ? Node() : Node(n_->children);
}

Node Node::next_sibling() const {
  return n_ == nullptr ? Node() : Node(n_->next);
}

Node Node::first_child_element() const {
  if (n_ == nullptr) return Node();
  for (xmlNodePtr c = n_->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return Node(c);
  }
  return Node();
}

Node Node::next_sibling_element() const {
  if (n_ == nullptr) return Node();
  for (xmlNodePtr c = n_->next; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return Node(c);
  }
  return Node();
}

Node Node::child(std::string_view ns_uri, std::string_view local_name) const {
  if (n_ == nullptr) return Node();
  for (xmlNodePtr c = n_->children; c != nullptr; c = c->next) {
    if (NameIs(c, ns_uri, local_name)) return Node(c);
  }
  return Node();
}

std::vector<Node> Node::children(std::string_view ns_uri,
                                 std::string_view local_name) const {
  std::vector<Node> out;
  if (n_ == nullptr) return out;
  for (xmlNodePtr c = n_->children; c != nullptr; c = c->next) {
    if (NameIs(c, ns_uri, local_name)) out.emplace_back(c);
  }
  return out;
}

std::string Node::text() const {
  std::string out;
  if (n_ == nullptr) return out;
  if (n_->type != XML_ELEMENT_NODE) {
    AppendContent(n_, &out);
    return out;
  }
  // Iterative pre-order walk: document depth is bounded by ParseOptions,
  // but a walk must not depend on that.
  xmlNodePtr cur = n_->children;
  while (cur != nullptr) {
    if (IsTextLike(cur)) AppendContent(cur, &out);
    if (cur->type == XML_ELEMENT_NODE && cur->children != nullptr) {
      cur = cur->children;
      continue;
    }
    while (cur != nullptr && cur->next == nullptr) {
      cur = cur->parent;
      if (cur == n_) return out;
    }
    if (cur != nullptr) cur = cur->next;
  }
  return out;
}

std::optional<std::string> Node::attribute(std::string_view local_name,
                                           std::string_view ns_uri) const {
  if (n_ == nullptr || n_->type != XML_ELEMENT_NODE) return std::nullopt;
  for (xmlAttrPtr a = n_->properties; a != nullptr; a = a->next) {
    if (View(a->name) != local_name) continue;
    std::string_view ns = a->ns != nullptr ? View(a->ns->href) : "";
    if (ns != ns_uri) continue;
    std::string value;
    for (xmlNodePtr c = a->children; c != nullptr; c = c->next) {
      AppendContent(c, &value);
    }
    return value;
  }
  return std::nullopt;
}

std::vector<Attribute> Node::attributes() const {
  std::vector<Attribute> out;
  if (n_ == nullptr || n_->type != XML_ELEMENT_NODE) return out;
  for (xmlAttrPtr a = n_->properties; a != nullptr; a = a->next) {
    Attribute attr;
    attr.local_name = View(a->name);
    attr.ns_uri = a->ns != nullptr ? View(a->ns->href) : "";
    for (xmlNodePtr c = a->children; c != nullptr; c = c->next) {
      AppendContent(c, &attr.value);
    }
    out.push_back(std::move(attr));
  }
  return out;
}

std::string Node::path() const {
  if (n_ == nullptr) return {};
  // Called for many elements by the document readers, so: no temporary
  // strings, and sibling names compared by pointer first (libxml2 interns
  // element names in the parser dictionary).
  const char* leaf = nullptr;
  xmlNodePtr cur = n_;
  if (cur->type != XML_ELEMENT_NODE) {
    switch (cur->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        leaf = "text()";
        break;
      case XML_COMMENT_NODE:
        leaf = "comment()";
        break;
      case XML_PI_NODE:
        leaf = "processing-instruction()";
        break;
      default:
        leaf = "node()";
    }
    cur = cur->parent;
  }
  struct Step {
    xmlNodePtr node;
    int position;  // 0 when the name does not repeat among siblings
  };
  std::vector<Step> steps;
  steps.reserve(16);
  size_t length = leaf != nullptr ? std::strlen(leaf) + 1 : 0;
  for (; cur != nullptr && cur->type == XML_ELEMENT_NODE; cur = cur->parent) {
    int position = 1;
    bool repeated = false;
    for (xmlNodePtr s = cur->prev; s != nullptr; s = s->prev) {
      if (s->type == XML_ELEMENT_NODE && SameName(s, cur)) ++position;
    }
    if (position > 1) {
      repeated = true;
    } else {
      for (xmlNodePtr s = cur->next; s != nullptr; s = s->next) {
        if (s->type == XML_ELEMENT_NODE && SameName(s, cur)) {
          repeated = true;
          break;
        }
      }
    }
    steps.push_back({cur, repeated ? position : 0});
    length += 1 + xmlStrlen(cur->name) + 8;
    if (cur->ns != nullptr && cur->ns->prefix != nullptr) {
      length += xmlStrlen(cur->ns->prefix) + 1;
    }
  }
  std::string out;
  out.reserve(length);
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    out.push_back('/');
    const xmlNode* n = it->node;
    if (n->ns != nullptr && n->ns->prefix != nullptr) {
      out.append(View(n->ns->prefix)).push_back(':');
    }
    out.append(View(n->name));
    if (it->position > 0) {
      out.push_back('[');
      out.append(std::to_string(it->position));
      out.push_back(']');
    }
  }
  if (leaf != nullptr) {
    out.push_back('/');
    out.append(leaf);
  }
  return out;
}

// --- Document ---------------------------------------------------------------

std::unique_ptr<Document> Document::Parse(std::string_view bytes,
                                          const ParseOptions& options,
                                          ParseError* error) {
  ParseError local;
  if (error == nullptr) error = &local;
  *error = ParseError();

  internal::InputProblem problem = internal::CheckInput(bytes, options);
  if (!problem.ok()) {
    error->code = problem.code;
    error->message = problem.message;
    error->line = problem.line;
    error->column = problem.column;
    return nullptr;
  }
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    error->code = "XML-TOO-LARGE";
    error->message = "the document is larger than 2 GiB";
    return nullptr;
  }

  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) {
    error->code = "XML-MALFORMED";
    error->message = "could not create a parser (out of memory)";
    return nullptr;
  }
  ParseState state;
  state.options = &options;
  ctxt->_private = &state;
  xmlSAXHandlerPtr sax = ctxt->sax;
  sax->internalSubset = OnInternalSubset;
  sax->externalSubset = nullptr;
  sax->startElementNs = OnStartElementNs;
  sax->endElementNs = OnEndElementNs;
  sax->characters = OnCharacters;
  sax->ignorableWhitespace = OnCharacters;
  sax->cdataBlock = OnCData;
  sax->comment = OnComment;
  sax->serror = OnStructuredError;
  sax->error = nullptr;
  sax->warning = nullptr;
  sax->fatalError = nullptr;

  xmlDocPtr doc =
      xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()),
                        nullptr, nullptr, kParseOptions);
  const bool well_formed = ctxt->wellFormed != 0;
  xmlFreeParserCtxt(ctxt);

  if (state.failed || doc == nullptr || !well_formed) {
    if (doc != nullptr) xmlFreeDoc(doc);
    if (state.failed || state.have_lib_error) {
      *error = state.error;
    } else {
      error->code = "XML-MALFORMED";
      error->message = "not well-formed XML";
    }
    return nullptr;
  }
  if (doc->intSubset != nullptr || doc->extSubset != nullptr) {
    xmlFreeDoc(doc);
    error->code = "XML-DOCTYPE";
    error->message = "the document has a DOCTYPE declaration";
    return nullptr;
  }
  if (xmlDocGetRootElement(doc) == nullptr) {
    xmlFreeDoc(doc);
    error->code = "XML-MALFORMED";
    error->message = "the document has no root element";
    return nullptr;
  }
  std::unique_ptr<Document> result(new Document(doc));
  result->declaration_ = std::string(internal::XmlDeclaration(bytes));
  return result;
}

Document::~Document() {
  if (doc_ != nullptr) xmlFreeDoc(doc_);
}

Node Document::root() const { return Node(xmlDocGetRootElement(doc_)); }

Result<std::string> Document::Canonicalize(
    C14nMethod method, bool with_comments, Node exclude,
    const std::vector<std::string>& inclusive_prefixes) const {
  if (exclude.null()) {
    return RunC14n(doc_, nullptr, method, with_comments, inclusive_prefixes);
  }
  if (exclude.raw()->doc != doc_) {
    return Status::InvalidArgument("c14n: excluded node is from another document");
  }
  Visibility vis;
  vis.exclude = exclude.raw();
  return RunC14n(doc_, &vis, method, with_comments, inclusive_prefixes);
}

Result<size_t> Document::CanonicalizeTo(
    C14nMethod method, bool with_comments, Node exclude,
    const std::vector<std::string>& inclusive_prefixes,
    const std::function<void(std::string_view)>& sink) const {
  Visibility vis;
  if (!exclude.null()) {
    if (exclude.raw()->doc != doc_) {
      return Status::InvalidArgument(
          "c14n: excluded node is from another document");
    }
    vis.exclude = exclude.raw();
  }
  SinkContext ctx{&sink};
  TRADEFIN_RETURN_IF_ERROR(RunC14nTo(doc_, exclude.null() ? nullptr : &vis,
                                     method, with_comments, inclusive_prefixes,
                                     WriteToSink, &ctx));
  return ctx.total;
}

Result<std::string> Document::CanonicalizeSubtree(
    Node node, C14nMethod method, bool with_comments,
    const std::vector<std::string>& inclusive_prefixes) const {
  if (node.null() || node.raw()->doc != doc_) {
    return Status::InvalidArgument("c14n: subtree node is null or from another document");
  }
  Visibility vis;
  vis.include = node.raw();
  return RunC14n(doc_, &vis, method, with_comments, inclusive_prefixes);
}

std::string Document::Serialize() const {
  std::string out;
  if (!declaration_.empty()) {
    out = declaration_;
    out.push_back('\n');
  }
  xmlSaveCtxtPtr save = xmlSaveToIO(AppendToString, nullptr, &out, "UTF-8",
                                    XML_SAVE_NO_DECL | XML_SAVE_AS_XML);
  if (save == nullptr) return {};
  xmlSaveDoc(save, doc_);
  xmlSaveClose(save);
  return out;
}

}  // namespace tradefin::xml
