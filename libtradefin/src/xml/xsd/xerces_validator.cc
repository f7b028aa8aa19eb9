// XSD validation with Xerces-C 3.2 (see schema_validator.h), and Xerces-C
// start-up and shutdown: the Xerces side of xsd_backend.h. This file and
// the embedded schemas are the only code in the plugin
// libtradefin-xsd-<version>.so (with what they use of core and xml).
//
// Hardening (docs/design/xmldsig-defences.md §2): grammars come only from
// the embedded schema set, are loaded once into an XMLGrammarPoolImpl and
// the pool is locked; instance parsers never load a schema
// (setLoadSchema(false)), never load an external DTD, never resolve an
// entity by default, expand at most kEntityExpansionLimit entities
// (SecurityManager), and refuse any DOCTYPE (XMLScanner::setDisallowDTD,
// reached through SAXParser::getScanner(); Xerces 3.2.4 has no parser
// feature for it). Xerces has no depth limit, so the document handler
// enforces ParseOptions' depth/attribute/text limits and aborts the scan.
//
// Speed: validation runs in "lanes". A lane is a grammar pool of its own,
// loaded once from the embedded schemas, plus one SAXParser (no DOM) over
// it; lanes are kept in a small free list and reused, because building a
// parser costs more than validating a 10 KB document. A lane is used by one
// thread at a time, so Xerces' lazily filled grammar state (content models,
// a pattern's character map) is never shared, and scans in different lanes
// run in parallel with no process-wide lock. The only state lanes share is
// Xerces' built-in datatype registry; its lazily built regex maps are
// built once, before any scan can race on them (PrebuildBuiltInRegexes).
#include "xml/schema_validator.h"

#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/framework/XMLDocumentHandler.hpp>
#include <xercesc/framework/XMLGrammarPoolImpl.hpp>
#include <xercesc/internal/XMLScanner.hpp>
#include <xercesc/parsers/SAXParser.hpp>
#include <xercesc/sax/ErrorHandler.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/util/OutOfMemoryException.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/XMLEntityResolver.hpp>
#include <xercesc/util/XMLException.hpp>
#include <xercesc/util/XMLResourceIdentifier.hpp>
#include <xercesc/util/regx/RangeToken.hpp>
#include <xercesc/util/regx/RegularExpression.hpp>
#include <xercesc/util/regx/Token.hpp>
#include <xercesc/validators/common/Grammar.hpp>
#include <xercesc/validators/datatype/DatatypeValidator.hpp>
#include <xercesc/validators/datatype/DatatypeValidatorFactory.hpp>
#include <xercesc/validators/datatype/ListDatatypeValidator.hpp>
#include <xercesc/validators/datatype/UnionDatatypeValidator.hpp>
#include <xercesc/validators/schema/ComplexTypeInfo.hpp>
#include <xercesc/validators/schema/SchemaElementDecl.hpp>
#include <xercesc/validators/schema/SchemaGrammar.hpp>

#include <atomic>
#include <cstring>
#include <mutex>
#include <new>

#include "xml/embedded_schemas.h"
#include "xml/input_checks.h"
#include "xml/xsd/xsd_backend.h"

namespace tradefin::xml {
namespace {

namespace xc = XERCES_CPP_NAMESPACE;

// Xerces-C initialised and not yet terminated. Lives with the Xerces code
// (in the plugin, when there is one), so a validator used after its
// Runtime is gone gets an error instead of a crash in Xerces' null memory
// manager.
std::atomic<bool> g_xerces_ready{false};

Status XercesNotReady() {
  return Status::FailedPrecondition(
      "schema validation needs a live tradefin::Runtime: create one "
      "(tradefin::Runtime runtime;) before using the library and keep it "
      "until you are done");
}

constexpr size_t kMaxErrors = 100;
constexpr XMLSize_t kEntityExpansionLimit = 100;
const char kDocumentSystemId[] = "document.xml";

// UTF-16 (Xerces' XMLCh) to UTF-8, replacing unpaired surrogates.
std::string ToUtf8(const XMLCh* s, size_t n = static_cast<size_t>(-1)) {
  std::string out;
  if (s == nullptr) return out;
  for (size_t i = 0; i < n && s[i] != 0; ++i) {
    uint32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 &&
        s[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::basic_string<XMLCh> ToXmlCh(std::string_view ascii) {
  return std::basic_string<XMLCh>(ascii.begin(), ascii.end());
}

int ToInt(XMLFileLoc v) {
  return v > 0 && v < static_cast<XMLFileLoc>(INT32_MAX) ? static_cast<int>(v)
                                                          : 0;
}

// Thrown from our handlers to stop a scan; caught in Validate.
struct StopScan {};

// Resolves schema imports/includes from the embedded set only (by
// namespace, else by file name); anything else is refused.
class EmbeddedResolver final : public xc::XMLEntityResolver {
 public:
  xc::InputSource* resolveEntity(xc::XMLResourceIdentifier* id) override {
    if (id == nullptr) return nullptr;
    const bool is_schema =
        id->getResourceIdentifierType() ==
            xc::XMLResourceIdentifier::SchemaImport ||
        id->getResourceIdentifierType() ==
            xc::XMLResourceIdentifier::SchemaInclude ||
        id->getResourceIdentifierType() ==
            xc::XMLResourceIdentifier::SchemaGrammar;
    if (!is_schema) throw StopScan();
    std::string ns = ToUtf8(id->getNameSpace());
    std::string system_id = ToUtf8(id->getSystemId());
    size_t slash = system_id.find_last_of('/');
    std::string base =
        slash == std::string::npos ? system_id : system_id.substr(slash + 1);
    size_t count = 0;
    const internal::EmbeddedSchema* schemas = internal::EmbeddedSchemas(&count);
    for (size_t i = 0; i < count; ++i) {
      const auto& s = schemas[i];
      if ((!ns.empty() && ns == s.target_namespace) || base == s.file_name) {
        std::basic_string<XMLCh> sys = ToXmlCh(s.file_name);
        return new xc::MemBufInputSource(
            reinterpret_cast<const XMLByte*>(s.bytes), s.size, sys.c_str(),
            false);
      }
    }
    // Returning null with default resolution disabled makes Xerces report
    // the import as unresolvable.
    return nullptr;
  }
};

class CollectingErrorHandler final : public xc::ErrorHandler {
 public:
  std::vector<SchemaError> errors;
  bool overflow = false;

  void warning(const xc::SAXParseException&) override {}
  void error(const xc::SAXParseException& e) override { Add(e, false); }
  void fatalError(const xc::SAXParseException& e) override { Add(e, true); }
  void resetErrors() override {}

 private:
  void Add(const xc::SAXParseException& e, bool fatal) {
    // Past the cap, further errors are dropped but the scan goes on, so a
    // limit reached later is still reported (as the last error).
    if (errors.size() >= kMaxErrors) {
      overflow = true;
      return;
    }
    SchemaError err;
    err.message = ToUtf8(e.getMessage());
    err.line = ToInt(e.getLineNumber());
    err.column = ToInt(e.getColumnNumber());
    if (fatal) {
      // Validate() recodes the DOCTYPE refusal, which Xerces reports as a
      // plain structure error.
      err.code = "XML-MALFORMED";
      err.message = "not well-formed XML: " + err.message;
    }
    errors.push_back(std::move(err));
  }
};

// SAXParser exposes its scanner only to subclasses; we need it to disallow
// DOCTYPE, to map namespace ids to URIs and to locate our own errors.
class HardenedSaxParser final : public xc::SAXParser {
 public:
  explicit HardenedSaxParser(xc::XMLGrammarPool* pool)
      : xc::SAXParser(nullptr, xc::XMLPlatformUtils::fgMemoryManager, pool) {
    // getScanner() is const only to stop callers swapping the scanner; the
    // scanner belongs to this parser.
    const_cast<xc::XMLScanner&>(getScanner()).setDisallowDTD(true);
  }
  const xc::XMLScanner& scanner() const { return getScanner(); }
};

// Limits and the root namespace check, as a Xerces advanced document
// handler (sees every element with its namespace id).
class LimitHandler final : public xc::XMLDocumentHandler {
 public:
  LimitHandler(const ParseOptions& options, const HardenedSaxParser& parser,
               const std::vector<std::string>& namespaces,
               CollectingErrorHandler& errors)
      : options_(options),
        parser_(parser),
        namespaces_(namespaces),
        errors_(errors) {}

  void Reset() {
    depth_ = 0;
    text_run_ = 0;
    root_seen_ = false;
  }
  bool root_seen() const { return root_seen_; }

  void startElement(const xc::XMLElementDecl& decl, const unsigned int uri_id,
                    const XMLCh* const, const xc::RefVectorOf<xc::XMLAttr>& attrs,
                    const XMLSize_t attr_count, const bool is_empty,
                    const bool is_root) override {
    text_run_ = 0;
    if (is_root) {
      root_seen_ = true;
      std::string ns = ToUtf8(parser_.scanner().getURIText(uri_id));
      bool known = false;
      for (const std::string& n : namespaces_) known = known || n == ns;
      if (!known) {
        // Xerces has already reported "no declaration" errors for the
        // root; they say nothing useful, so replace them with one.
        errors_.errors.clear();
        Fail("XSD-UNKNOWN-NAMESPACE",
             "the root element <" + ToUtf8(decl.getBaseName()) +
                 "> is in namespace '" + ns +
                 "', which has no tradefin schema");
      }
    }
    if (depth_ + 1 > options_.max_depth) {
      Fail("XML-TOO-DEEP", "elements are nested more than " +
                               std::to_string(options_.max_depth) + " deep");
    }
    if (attr_count > static_cast<XMLSize_t>(options_.max_attributes)) {
      Fail("XML-TOO-MANY-ATTRIBUTES",
           "element '" + ToUtf8(decl.getBaseName()) + "' has " +
               std::to_string(attr_count) + " attributes; the limit is " +
               std::to_string(options_.max_attributes));
    }
    for (XMLSize_t i = 0; i < attr_count; ++i) {
      const XMLCh* v = attrs.elementAt(i)->getValue();
      if (v != nullptr && xc::XMLString::stringLen(v) > options_.max_text_bytes) {
        Fail("XML-TEXT-TOO-LARGE",
             "an attribute is longer than " +
                 std::to_string(options_.max_text_bytes) + " characters");
      }
    }
    if (!is_empty) ++depth_;
  }

  void endElement(const xc::XMLElementDecl&, const unsigned int, const bool,
                  const XMLCh* const) override {
    text_run_ = 0;
    if (depth_ > 0) --depth_;
  }

  void docCharacters(const XMLCh* const, const XMLSize_t length,
                     const bool) override {
    CountText(length);
  }
  void ignorableWhitespace(const XMLCh* const, const XMLSize_t length,
                           const bool) override {
    CountText(length);
  }
  void docComment(const XMLCh* const) override { text_run_ = 0; }
  void docPI(const XMLCh* const, const XMLCh* const) override {}
  void endDocument() override {}
  void endEntityReference(const xc::XMLEntityDecl&) override {}
  void resetDocument() override {}
  void startDocument() override {}
  void startEntityReference(const xc::XMLEntityDecl&) override {}
  void XMLDecl(const XMLCh* const, const XMLCh* const, const XMLCh* const,
               const XMLCh* const) override {}

 private:
  void CountText(XMLSize_t length) {
    text_run_ += length;
    if (text_run_ > options_.max_text_bytes) {
      Fail("XML-TEXT-TOO-LARGE",
           "a text node is longer than " +
               std::to_string(options_.max_text_bytes) + " characters");
    }
  }

  [[noreturn]] void Fail(const char* code, std::string message) {
    SchemaError err;
    err.code = code;
    err.message = std::move(message);
    const xc::Locator* loc = parser_.scanner().getLocator();
    if (loc != nullptr) {
      err.line = ToInt(loc->getLineNumber());
      err.column = ToInt(loc->getColumnNumber());
    }
    errors_.errors.push_back(std::move(err));
    throw StopScan();
  }

  const ParseOptions& options_;
  const HardenedSaxParser& parser_;
  const std::vector<std::string>& namespaces_;
  CollectingErrorHandler& errors_;
  int depth_ = 0;
  size_t text_run_ = 0;
  bool root_seen_ = false;
};

// One reusable instance parser with its handlers.
struct PooledParser {
  PooledParser(xc::XMLGrammarPool* pool, const ParseOptions& options,
               const std::vector<std::string>& namespaces)
      : parser(pool),
        limits(options, parser, namespaces, errors) {
    security.setEntityExpansionLimit(kEntityExpansionLimit);
    parser.setValidationScheme(xc::SAXParser::Val_Always);
    parser.setDoNamespaces(true);
    parser.setDoSchema(true);
    parser.setValidationSchemaFullChecking(false);
    parser.setLoadSchema(false);
    parser.useCachedGrammarInParse(true);
    parser.cacheGrammarFromParse(false);
    parser.setLoadExternalDTD(false);
    parser.setSkipDTDValidation(true);
    parser.setDisableDefaultEntityResolution(true);
    parser.setXMLEntityResolver(&resolver);
    parser.setSecurityManager(&security);
    parser.setExitOnFirstFatalError(true);
    parser.setValidationConstraintFatal(false);
    parser.setCalculateSrcOfs(false);
    parser.setErrorHandler(&errors);
    parser.installAdvDocHandler(&limits);
  }

  // Refuses every entity an instance document might name.
  class RefuseAll final : public xc::XMLEntityResolver {
   public:
    xc::InputSource* resolveEntity(xc::XMLResourceIdentifier*) override {
      return nullptr;
    }
  };

  xc::SecurityManager security;
  RefuseAll resolver;
  CollectingErrorHandler errors;
  HardenedSaxParser parser;
  LimitHandler limits;
};

// Reaches the token tree and first-character set of a compiled regex,
// which Xerces keeps protected: a member pointer named through a derived
// class is the standard way to read a protected member of another object.
struct RegexInternals : xc::RegularExpression {
  static xc::Token* Tree(const xc::RegularExpression& r) {
    return r.*(&RegexInternals::fTokenTree);
  }
  static xc::RangeToken* FirstChar(const xc::RegularExpression& r) {
    return r.*(&RegexInternals::fFirstChar);
  }
};

// DatatypeValidator::getRegex() is protected too; same technique.
struct DatatypeInternals : xc::DatatypeValidator {
  static xc::RegularExpression* Regex(const xc::DatatypeValidator& dv) {
    return (dv.*(&DatatypeInternals::getRegex))();
  }
};

void BuildRangeMaps(xc::Token* t, int depth) {
  if (t == nullptr || depth > 64) return;
  xc::Token::tokType type = t->getTokenType();
  if (type == xc::Token::T_RANGE || type == xc::Token::T_NRANGE) {
    static_cast<xc::RangeToken*>(t)->createMap();
  }
  for (XMLSize_t i = 0; i < t->size(); ++i) BuildRangeMaps(t->getChild(i), depth + 1);
}

void BuildRegexMaps(const xc::DatatypeValidator* dv, int depth) {
  for (; dv != nullptr && depth < 64; dv = dv->getBaseValidator(), ++depth) {
    if (xc::RegularExpression* re = DatatypeInternals::Regex(*dv)) {
      BuildRangeMaps(RegexInternals::Tree(*re), 0);
      if (xc::RangeToken* first = RegexInternals::FirstChar(*re)) {
        first->createMap();
      }
    }
    if (dv->getType() == xc::DatatypeValidator::List) {
      BuildRegexMaps(
          static_cast<const xc::ListDatatypeValidator*>(dv)->getItemTypeDTV(),
          depth + 1);
    } else if (dv->getType() == xc::DatatypeValidator::Union) {
      if (auto* members = static_cast<const xc::UnionDatatypeValidator*>(dv)
                              ->getMemberTypeValidators()) {
        for (XMLSize_t i = 0; i < members->size(); ++i) {
          BuildRegexMaps(members->elementAt(i), depth + 1);
        }
      }
    }
  }
}

// Every lane's grammars derive from Xerces' process-wide built-in datatypes
// (xs:integer carries a pattern facet, for one), and a pattern builds each
// character class's lookup map on its first match, with no lock: two scans
// racing there fail "Assertion `!fMap'". Building all of those maps once,
// after the registry is complete (the first grammar load completes it) and
// before any lane scans, leaves the shared part read-only.
void PrebuildBuiltInRegexes() {
  xc::DVHashTable* builtins = xc::DatatypeValidatorFactory::getBuiltInRegistry();
  if (builtins == nullptr) return;
  xc::RefHashTableOfEnumerator<xc::DatatypeValidator> it(builtins, false);
  while (it.hasMoreElements()) BuildRegexMaps(&it.nextElement(), 0);
}

// Loading a grammar touches process-wide Xerces state (the built-in datatype
// registry, the regex range map), so lanes are built one at a time. This is
// off the hot path: a validator builds at most as many lanes as it has had
// concurrent callers.
std::mutex& LaneBuildMutex() {
  static std::mutex m;
  return m;
}

// One validation lane: its own grammar pool and one instance parser over it.
// Used by one thread at a time.
struct Lane {
  ~Lane() {
    parser.reset();  // the parser references the pool: destroy it first
    grammars.reset();
  }
  std::unique_ptr<xc::XMLGrammarPoolImpl> grammars;
  std::unique_ptr<PooledParser> parser;
};

class XercesValidator final : public SchemaValidator {
 public:
  explicit XercesValidator(const ParseOptions& options) : options_(options) {}

  ~XercesValidator() override { idle_.clear(); }

  // Loads the first lane, so that a broken schema set fails Create().
  Status Load() {
    if (!g_xerces_ready.load()) return XercesNotReady();
    auto lane = NewLane(&namespaces_);
    if (!lane.ok()) return lane.status();
    idle_.push_back(std::move(*lane));
    return Status::Ok();
  }

  // Xerces builds a complex type's content model lazily, on the first
  // element that needs it (ComplexTypeInfo::getContentModel: "if
  // (!fContentModel) fContentModel = makeContentModel()"). Locking the pool
  // does not stop that, so two threads validating at once both built the
  // same model, one copy leaked (LeakSanitizer caught it in the store's
  // two-thread audit) and the pointer was written in a data race. Each lane
  // now owns its grammars, so this no longer guards a race; building every
  // model at load keeps the first validation in a lane as fast as the rest.
  static void BuildContentModels(xc::XMLGrammarPoolImpl* pool) {
    xc::RefHashTableOfEnumerator<xc::Grammar> grammars =
        pool->getGrammarEnumerator();
    while (grammars.hasMoreElements()) {
      xc::Grammar& g = grammars.nextElement();
      if (g.getGrammarType() != xc::Grammar::SchemaGrammarType) continue;
      auto& schema = static_cast<xc::SchemaGrammar&>(g);
      if (xc::RefHashTableOf<xc::ComplexTypeInfo>* types =
              schema.getComplexTypeRegistry()) {
        xc::RefHashTableOfEnumerator<xc::ComplexTypeInfo> it(types);
        while (it.hasMoreElements()) it.nextElement().getContentModel();
      }
      xc::RefHash3KeysIdPoolEnumerator<xc::SchemaElementDecl> elems =
          schema.getElemEnumerator();
      while (elems.hasMoreElements()) {
        if (xc::ComplexTypeInfo* info =
                elems.nextElement().getComplexTypeInfo()) {
          info->getContentModel();
        }
      }
    }
  }

  // A lane with every embedded grammar loaded and locked. `namespaces`, when
  // not null, receives the document namespaces (the first lane fills it).
  Result<std::unique_ptr<Lane>> NewLane(
      std::vector<std::string>* namespaces) const {
    std::lock_guard<std::mutex> build_lock(LaneBuildMutex());
    auto lane = std::make_unique<Lane>();
    try {
      lane->grammars = std::make_unique<xc::XMLGrammarPoolImpl>(
          xc::XMLPlatformUtils::fgMemoryManager);
      xc::XMLGrammarPoolImpl* pool = lane->grammars.get();
      size_t count = 0;
      const internal::EmbeddedSchema* schemas =
          internal::EmbeddedSchemas(&count);
      EmbeddedResolver resolver;
      CollectingErrorHandler errors;
      xc::SAXParser loader(nullptr, xc::XMLPlatformUtils::fgMemoryManager,
                           pool);
      loader.setDoNamespaces(true);
      loader.setDoSchema(true);
      loader.setValidationSchemaFullChecking(true);
      loader.setHandleMultipleImports(true);
      loader.useCachedGrammarInParse(true);
      loader.setLoadExternalDTD(false);
      loader.setDisableDefaultEntityResolution(true);
      loader.setXMLEntityResolver(&resolver);
      loader.setErrorHandler(&errors);
      // common.xsd and xmldsig.xsd first: the others import them.
      std::vector<size_t> order;
      for (size_t i = 0; i < count; ++i) {
        if (std::strcmp(schemas[i].file_name, "common.xsd") == 0 ||
            std::strcmp(schemas[i].file_name, "xmldsig.xsd") == 0) {
          order.insert(order.begin(), i);
        } else {
          order.push_back(i);
        }
      }
      for (size_t i : order) {
        const auto& s = schemas[i];
        std::basic_string<XMLCh> sys = ToXmlCh(s.file_name);
        xc::MemBufInputSource src(reinterpret_cast<const XMLByte*>(s.bytes),
                                  s.size, sys.c_str(), false);
        xc::Grammar* g =
            loader.loadGrammar(src, xc::Grammar::SchemaGrammarType, true);
        if (g == nullptr || !errors.errors.empty()) {
          std::string why = errors.errors.empty()
                                ? std::string("no grammar")
                                : errors.errors.front().message + " (line " +
                                      std::to_string(errors.errors.front().line) +
                                      ")";
          return Status::Internal(std::string("embedded schema ") +
                                  s.file_name + " failed to load: " + why);
        }
        // Only document namespaces may be a root: common.xsd types and the
        // ds:Signature declaration exist to be used inside documents.
        if (std::strcmp(s.file_name, "common.xsd") != 0 &&
            std::strcmp(s.file_name, "xmldsig.xsd") != 0) {
          if (namespaces != nullptr) {
            namespaces->emplace_back(s.target_namespace);
          }
        }
      }
      BuildContentModels(pool);
      pool->lockPool();
      // Idempotent and cheap (a few dozen datatypes); repeated per lane
      // because a new Runtime rebuilds the registry after the old one ends.
      PrebuildBuiltInRegexes();
      lane->parser =
          std::make_unique<PooledParser>(pool, options_, namespaces_);
    } catch (const StopScan&) {
      return Status::Internal("embedded schema refers outside the schema set");
    } catch (const xc::OutOfMemoryException&) {
      return Status::Internal("Xerces-C out of memory loading schemas");
    } catch (const xc::XMLException& e) {
      return Status::Internal("Xerces-C failed loading schemas: " +
                              ToUtf8(e.getMessage()));
    } catch (const std::bad_alloc&) {
      throw;
    } catch (...) {
      return Status::Internal("Xerces-C failed loading schemas");
    }
    return lane;
  }

  Status Validate(std::string_view bytes,
                  std::vector<SchemaError>* errors) const override {
    errors->clear();
    if (!g_xerces_ready.load()) return XercesNotReady();
    internal::InputProblem problem = internal::CheckInput(bytes, options_);
    if (!problem.ok()) {
      SchemaError e;
      e.code = problem.code;
      e.message = problem.message;
      e.line = problem.line;
      e.column = problem.column;
      errors->push_back(std::move(e));
      return Status::Ok();
    }
    std::unique_ptr<Lane> lane;
    PooledParser* p = nullptr;
    try {
      auto acquired = Acquire();
      if (!acquired.ok()) return acquired.status();
      lane = std::move(*acquired);
      p = lane->parser.get();
      p->errors.errors.clear();
      p->errors.overflow = false;
      p->limits.Reset();
    } catch (const std::bad_alloc&) {
      throw;
    } catch (...) {
      return Status::Internal("Xerces-C could not create a parser");
    }
    bool reusable = true;
    Status status;
    try {
      std::basic_string<XMLCh> sys = ToXmlCh(kDocumentSystemId);
      xc::MemBufInputSource src(reinterpret_cast<const XMLByte*>(bytes.data()),
                                bytes.size(), sys.c_str(), false);
      // No lock: this lane's grammars are this thread's alone while it
      // holds the lane (see the comment at the top of the file).
      p->parser.parse(src);
    } catch (const StopScan&) {
      // A limit, DOCTYPE or error cap stopped the scan; the error is
      // recorded. The scanner state after a thrown handler is not worth
      // trusting, so this parser is not reused.
      reusable = false;
    } catch (const xc::OutOfMemoryException&) {
      reusable = false;
      status = Status::Internal("Xerces-C ran out of memory validating");
    } catch (const xc::XMLException& e) {
      reusable = false;
      SchemaError err;
      err.code = "XML-MALFORMED";
      err.message = "Xerces-C refused the document: " + ToUtf8(e.getMessage());
      p->errors.errors.push_back(std::move(err));
    } catch (const std::bad_alloc&) {
      throw;
    } catch (...) {
      reusable = false;
      status = Status::Internal("Xerces-C failed unexpectedly validating");
    }
    // With setDisallowDTD, Xerces reports a DOCTYPE only as "invalid
    // document structure"; a fatal error before the root element in a
    // document that has a DOCTYPE is that refusal.
    std::vector<SchemaError>& found = p->errors.errors;
    if (!found.empty() && found.back().code == "XML-MALFORMED" &&
        !p->limits.root_seen() &&
        bytes.find("<!DOCTYPE") != std::string_view::npos) {
      found.back().code = "XML-DOCTYPE";
      found.back().message =
          "the document has a DOCTYPE declaration; DTDs and entity "
          "declarations are never accepted";
    }
    *errors = std::move(found);
    p->errors.errors.clear();
    if (reusable) Release(std::move(lane));
    return status;
  }

 private:
  Result<std::unique_ptr<Lane>> Acquire() const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<Lane> lane = std::move(idle_.back());
        idle_.pop_back();
        return lane;
      }
    }
    return NewLane(nullptr);
  }

  void Release(std::unique_ptr<Lane> lane) const {
    std::lock_guard<std::mutex> lock(mu_);
    // Keep as many lanes as have been used at once, up to a small cap.
    if (idle_.size() < 16) idle_.push_back(std::move(lane));
  }

  ParseOptions options_;
  std::vector<std::string> namespaces_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Lane>> idle_;
};

std::string XercesMessage(const xc::XMLException& e) {
  return ToUtf8(e.getMessage());
}

// The contract lets only std::bad_alloc escape; anything else Xerces throws
// becomes the error the Runtime keeps and reports (Runtime::status()).
Status InitializeXerces() {
  try {
    xc::XMLPlatformUtils::Initialize();
    g_xerces_ready.store(true);
    return Status::Ok();
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const xc::XMLException& e) {
    return Status::Internal("Xerces-C failed to initialise: " + XercesMessage(e));
  } catch (...) {
    return Status::Internal("Xerces-C failed to initialise (unknown exception)");
  }
}

void TerminateXerces() {
  if (g_xerces_ready.exchange(false)) xc::XMLPlatformUtils::Terminate();
}

Result<std::unique_ptr<SchemaValidator>> CreateXercesValidator(
    const ParseOptions& options) {
  auto v = std::make_unique<XercesValidator>(options);
  TRADEFIN_RETURN_IF_ERROR(v->Load());
  return std::unique_ptr<SchemaValidator>(std::move(v));
}

}  // namespace
}  // namespace tradefin::xml

namespace tradefin::xml_internal {

const XsdBackend& XercesBackend() {
  static constexpr XsdBackend kBackend{xml::InitializeXerces,
                                       xml::TerminateXerces,
                                       xml::CreateXercesValidator};
  return kBackend;
}

}  // namespace tradefin::xml_internal
