// XSD validation with Xerces-C 3.2 (see schema_validator.h).
//
// Hardening, per shared/reference/xmldsig.md §5: grammars come only from
// the embedded schema set, are loaded once into an XMLGrammarPoolImpl and
// the pool is locked; instance parsers never load a schema
// (setLoadSchema(false)), never load an external DTD, never resolve an
// entity by default, expand at most kEntityExpansionLimit entities
// (SecurityManager), and refuse any DOCTYPE (XMLScanner::setDisallowDTD,
// reached through SAXParser::getScanner(); Xerces 3.2.4 has no parser
// feature for it). Xerces has no depth limit, so the document handler
// enforces ParseOptions' depth/attribute/text limits and aborts the scan.
//
// Speed: a SAXParser (no DOM) per concurrent call, kept in a small pool
// behind a mutex and reused, because building one (scanner, validator,
// buffers) costs more than validating a 10 KB document.
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
#include <xercesc/validators/common/Grammar.hpp>
#include <xercesc/validators/schema/ComplexTypeInfo.hpp>
#include <xercesc/validators/schema/SchemaElementDecl.hpp>
#include <xercesc/validators/schema/SchemaGrammar.hpp>

#include <cstring>
#include <mutex>

#include "xml/embedded_schemas.h"
#include "xml/input_checks.h"
#include "xml/runtime_state.h"

namespace tradefin::xml {
namespace {

namespace xc = XERCES_CPP_NAMESPACE;

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

class XercesValidator final : public SchemaValidator {
 public:
  explicit XercesValidator(const ParseOptions& options) : options_(options) {}

  ~XercesValidator() override {
    idle_.clear();  // parsers reference the pool: destroy them first
    pool_.reset();
  }

  static std::mutex& XercesScanMutex() {
    static std::mutex m;
    return m;
  }

  // Xerces builds a complex type's content model lazily, on the first
  // element that needs it (ComplexTypeInfo::getContentModel: "if
  // (!fContentModel) fContentModel = makeContentModel()"). Locking the pool
  // does not stop that, so two threads validating at once both built the
  // same model, one copy leaked (LeakSanitizer caught it in the store's
  // two-thread audit) and the pointer was written in a data race. Building
  // every model here, before the pool is shared, makes validation read-only
  // on the grammars.
  void BuildContentModels() {
    xc::RefHashTableOfEnumerator<xc::Grammar> grammars =
        pool_->getGrammarEnumerator();
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

  Status Load() {
    try {
      pool_ = std::make_unique<xc::XMLGrammarPoolImpl>(
          xc::XMLPlatformUtils::fgMemoryManager);
      size_t count = 0;
      const internal::EmbeddedSchema* schemas =
          internal::EmbeddedSchemas(&count);
      EmbeddedResolver resolver;
      CollectingErrorHandler errors;
      xc::SAXParser loader(nullptr, xc::XMLPlatformUtils::fgMemoryManager,
                           pool_.get());
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
          namespaces_.emplace_back(s.target_namespace);
        }
      }
      BuildContentModels();
      pool_->lockPool();
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
    return Status::Ok();
  }

  Status Validate(std::string_view bytes,
                  std::vector<SchemaError>* errors) const override {
    errors->clear();
    TRADEFIN_RETURN_IF_ERROR(RequireRuntime("schema validation"));
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
    std::unique_ptr<PooledParser> p;
    try {
      p = Acquire();
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
      // One Xerces scan at a time in the process: Xerces 3.2 fills some of
      // the shared grammar state lazily with no lock, e.g. a pattern
      // facet's RangeToken builds its character map on first match
      // ("Assertion `!fMap' failed" with four threads validating at once).
      // Content models are prebuilt at load (BuildContentModels); regex
      // tokens cannot be reached from outside, so the scan is serialised.
      // Everything around it (libxml2 parse, rules, signatures) stays
      // parallel.
      std::lock_guard<std::mutex> scan_lock(XercesScanMutex());
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
    if (reusable) Release(std::move(p));
    return status;
  }

 private:
  std::unique_ptr<PooledParser> Acquire() const {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<PooledParser> p = std::move(idle_.back());
        idle_.pop_back();
        return p;
      }
    }
    return std::make_unique<PooledParser>(pool_.get(), options_, namespaces_);
  }

  void Release(std::unique_ptr<PooledParser> p) const {
    std::lock_guard<std::mutex> lock(mu_);
    // Keep as many as have been used at once, up to a small cap.
    if (idle_.size() < 16) idle_.push_back(std::move(p));
  }

  ParseOptions options_;
  std::unique_ptr<xc::XMLGrammarPoolImpl> pool_;
  std::vector<std::string> namespaces_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<PooledParser>> idle_;
};

}  // namespace

SchemaValidator::~SchemaValidator() = default;

Result<std::unique_ptr<SchemaValidator>> SchemaValidator::Create() {
  return Create(ParseOptions());
}

Result<std::unique_ptr<SchemaValidator>> SchemaValidator::Create(
    const ParseOptions& options) {
  TRADEFIN_RETURN_IF_ERROR(RequireRuntime("schema validation"));
  auto v = std::make_unique<XercesValidator>(options);
  TRADEFIN_RETURN_IF_ERROR(v->Load());
  return std::unique_ptr<SchemaValidator>(std::move(v));
}

}  // namespace tradefin::xml
