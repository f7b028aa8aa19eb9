// XML-DSig profile (docs/formats/signature-profile.md). The verifier accepts
// one fixed shape and rejects everything else before any crypto runs; the
// reasons and the attacks each rule stops are in
// docs/design/xmldsig-defences.md (wrapping, duplicate IDs, key confusion,
// comment truncation, W3C XML Signature Best Practices).
#include "tradefin/signing/xmldsig.h"

#include <cryptopp/sha.h>

#include <memory>
#include <optional>
#include <unordered_map>

#include "signing/keys_internal.h"
#include "signing/xmldsig_internal.h"
#include "xml/xml_tree.h"

namespace tradefin {
namespace {

using signing_internal::HashAlg;
using xml::C14nMethod;
using xml::Node;

constexpr std::string_view kDs = kDsigNamespace;
constexpr std::string_view kXmlNamespace =
    "http://www.w3.org/XML/1998/namespace";
constexpr std::string_view kP256Urn = "urn:oid:1.2.840.10045.3.1.7";

// ---- algorithm tables ----

struct SignatureAlg {
  KeyType key;
  HashAlg hash;
  std::string_view name;
};

std::optional<SignatureAlg> LookupSignatureMethod(std::string_view uri) {
  if (uri == kEd25519Method)
    return SignatureAlg{KeyType::kEd25519, HashAlg::kSha512, "eddsa-ed25519"};
  if (uri == kEcdsaSha256Method)
    return SignatureAlg{KeyType::kEcdsaP256, HashAlg::kSha256, "ecdsa-sha256"};
  if (uri == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")
    return SignatureAlg{KeyType::kRsa, HashAlg::kSha256, "rsa-sha256"};
  if (uri == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384")
    return SignatureAlg{KeyType::kRsa, HashAlg::kSha384, "rsa-sha384"};
  if (uri == "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512")
    return SignatureAlg{KeyType::kRsa, HashAlg::kSha512, "rsa-sha512"};
  if (uri == "http://www.w3.org/2000/09/xmldsig#rsa-sha1")
    return SignatureAlg{KeyType::kRsa, HashAlg::kSha1, "rsa-sha1"};
  return std::nullopt;
}

std::optional<HashAlg> LookupDigestMethod(std::string_view uri) {
  if (uri == kSha256Digest) return HashAlg::kSha256;
  if (uri == "http://www.w3.org/2001/04/xmldsig-more#sha384")
    return HashAlg::kSha384;
  if (uri == "http://www.w3.org/2001/04/xmlenc#sha512") return HashAlg::kSha512;
  if (uri == "http://www.w3.org/2000/09/xmldsig#sha1") return HashAlg::kSha1;
  return std::nullopt;
}

size_t DigestSize(HashAlg h) {
  switch (h) {
    case HashAlg::kSha1:
      return 20;
    case HashAlg::kSha256:
      return 32;
    case HashAlg::kSha384:
      return 48;
    case HashAlg::kSha512:
      return 64;
  }
  return 0;
}

struct C14nAlg {
  C14nMethod method;
  bool with_comments;
};

std::optional<C14nAlg> LookupC14n(std::string_view uri) {
  if (uri == kExcC14n) return C14nAlg{C14nMethod::kExclusive10, false};
  if (uri == "http://www.w3.org/2001/10/xml-exc-c14n#WithComments")
    return C14nAlg{C14nMethod::kExclusive10, true};
  if (uri == "http://www.w3.org/TR/2001/REC-xml-c14n-20010315")
    return C14nAlg{C14nMethod::kInclusive10, false};
  if (uri == "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments")
    return C14nAlg{C14nMethod::kInclusive10, true};
  if (uri == "http://www.w3.org/2006/12/xml-c14n11")
    return C14nAlg{C14nMethod::kInclusive11, false};
  if (uri == "http://www.w3.org/2006/12/xml-c14n11#WithComments")
    return C14nAlg{C14nMethod::kInclusive11, true};
  return std::nullopt;
}

// Names for transforms that are recognised and always refused, so that the
// reason says what was found ("XPath transform"), not just "unknown".
std::string_view ForbiddenTransformName(std::string_view uri) {
  if (uri == "http://www.w3.org/TR/1999/REC-xpath-19991116") return "XPath";
  if (uri == "http://www.w3.org/2002/06/xmldsig-filter2")
    return "XPath Filter 2.0";
  if (uri == "http://www.w3.org/TR/1999/REC-xslt-19991116") return "XSLT";
  if (uri == "http://www.w3.org/2000/09/xmldsig#base64") return "base64";
  if (uri == "http://www.w3.org/2001/04/xmldsig-more/xptr") return "XPointer";
  return {};
}

// ---- helpers ----

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string QName(Node n) {
  return "{" + std::string(n.ns_uri()) + "}" + std::string(n.local_name());
}

std::string At(Node n) {
  return n.line() > 0 ? " (line " + std::to_string(n.line()) + ")" : "";
}

bool IsDs(Node n, std::string_view local) {
  return n.kind() == Node::Kind::kElement && n.ns_uri() == kDs &&
         n.local_name() == local;
}

std::string ElementName(Node n) {
  std::string p(n.prefix());
  return p.empty() ? std::string(n.local_name())
                   : p + ":" + std::string(n.local_name());
}

std::vector<Node> ChildElements(Node n) {
  std::vector<Node> out;
  for (Node c = n.first_child_element(); c; c = c.next_sibling_element()) {
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> SplitPrefixList(std::string_view list) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < list.size()) {
    size_t b = list.find_first_not_of(" \t\r\n", i);
    if (b == std::string_view::npos) break;
    size_t e = list.find_first_of(" \t\r\n", b);
    if (e == std::string_view::npos) e = list.size();
    out.emplace_back(list.substr(b, e - b));
    i = e;
  }
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

// Whole-document scan (the post-parse walk of reference section 5): every
// ds:Signature, comments/PIs inside the document element, forbidden
// dsig elements anywhere, duplicate ID values.
struct Scan {
  std::vector<Node> signatures;
  std::string problem;  // first policy problem found, "" if none
};

bool IsIdAttribute(const xml::Attribute& a) {
  if (a.ns_uri.empty()) {
    return a.local_name == "Id" || a.local_name == "ID" ||
           a.local_name == "id";
  }
  return a.ns_uri == kXmlNamespace && a.local_name == "id";
}

Scan ScanDocument(Node root) {
  Scan scan;
  std::unordered_map<std::string, int> ids;
  auto note = [&](std::string p) {
    if (scan.problem.empty()) scan.problem = std::move(p);
  };
  Node n = root;
  while (n) {
    switch (n.kind()) {
      case Node::Kind::kComment:
        note("a comment inside the document element" + At(n) +
             " is not allowed (comments are not signed, so they can hide "
             "content)");
        break;
      case Node::Kind::kPI:
        note("a processing instruction inside the document element" + At(n) +
             " is not allowed");
        break;
      case Node::Kind::kElement: {
        if (n.ns_uri() == kDs) {
          std::string_view ln = n.local_name();
          if (ln == "Signature") scan.signatures.push_back(n);
          if (ln == "Object" || ln == "Manifest" || ln == "RetrievalMethod") {
            note("ds:" + std::string(ln) + At(n) + " is not allowed");
          }
        }
        for (const xml::Attribute& a : n.attributes()) {
          if (!IsIdAttribute(a)) continue;
          auto [it, inserted] = ids.emplace(a.value, n.line());
          if (!inserted) {
            note("duplicate ID value '" + a.value + "' (lines " +
                 std::to_string(it->second) + " and " +
                 std::to_string(n.line()) + ")");
          }
        }
        break;
      }
      default:
        break;
    }
    // Pre-order walk without recursion.
    Node next = n.first_child();
    if (!next) {
      Node up = n;
      while (up && !(up == root)) {
        if (Node s = up.next_sibling()) {
          next = s;
          break;
        }
        up = up.parent();
      }
    }
    n = next;
  }
  return scan;
}

struct Outcome {
  SignatureVerdict verdict;
  std::string reason;
};

// ---- KeyInfo ----

struct KeyInfoData {
  std::string key_name;
  std::vector<PublicKey> candidates;
  std::vector<std::string> unusable;  // why a carried key could not be read
};

std::optional<Outcome> ReadBase64(Node n, const VerifyPolicy& policy,
                                  std::string_view what, std::string* out) {
  std::string text = n.text();
  if (text.size() > policy.max_base64_bytes) {
    return Outcome{SignatureVerdict::kPolicyViolation,
                   std::string(what) + " base64 is " +
                       std::to_string(text.size()) + " bytes; the limit is " +
                       std::to_string(policy.max_base64_bytes)};
  }
  // XML Schema base64Binary may be folded over lines; otherwise strict.
  auto decoded = Base64Decode(text, {.allow_whitespace = true});
  if (!decoded.ok()) {
    return Outcome{SignatureVerdict::kMalformed,
                   std::string(what) + At(n) + ": " +
                       std::string(decoded.status().message())};
  }
  *out = std::move(*decoded);
  return std::nullopt;
}

std::optional<Outcome> ReadKeyInfo(Node key_info, const VerifyPolicy& policy,
                                   KeyInfoData* data) {
  for (Node c : ChildElements(key_info)) {
    if (IsDs(c, "KeyName")) {
      data->key_name = Trim(c.text());
    } else if (IsDs(c, "X509Data")) {
      for (Node cert : c.children(kDs, "X509Certificate")) {
        std::string der;
        if (auto o = ReadBase64(cert, policy, "X509Certificate", &der)) return o;
        auto key = PublicKey::FromDer(der);
        if (key.ok()) {
          data->candidates.push_back(std::move(*key));
        } else {
          data->unusable.push_back("X509Certificate: " +
                                   std::string(key.status().message()));
        }
      }
    } else if (IsDs(c, "KeyValue")) {
      for (Node kv : ChildElements(c)) {
        if (kv.ns_uri() == kDsig11Namespace &&
            kv.local_name() == "ECKeyValue") {
          Node curve = kv.child(kDsig11Namespace, "NamedCurve");
          Node point = kv.child(kDsig11Namespace, "PublicKey");
          if (!curve || !point ||
              curve.attribute("URI").value_or("") != kP256Urn) {
            data->unusable.push_back(
                "ECKeyValue: only NamedCurve " + std::string(kP256Urn) +
                " with a PublicKey is supported");
            continue;
          }
          std::string raw;
          if (auto o = ReadBase64(point, policy, "ECKeyValue/PublicKey", &raw))
            return o;
          auto key = signing_internal::P256FromPoint(raw);
          if (key.ok()) {
            data->candidates.push_back(std::move(*key));
          } else {
            data->unusable.push_back("ECKeyValue: " +
                                     std::string(key.status().message()));
          }
        } else if (IsDs(kv, "RSAKeyValue")) {
          Node m = kv.child(kDs, "Modulus");
          Node e = kv.child(kDs, "Exponent");
          std::string mod, exp;
          if (!m || !e) {
            data->unusable.push_back("RSAKeyValue without Modulus/Exponent");
            continue;
          }
          if (auto o = ReadBase64(m, policy, "RSAKeyValue/Modulus", &mod))
            return o;
          if (auto o = ReadBase64(e, policy, "RSAKeyValue/Exponent", &exp))
            return o;
          auto key = signing_internal::RsaFromComponents(mod, exp);
          if (key.ok()) {
            data->candidates.push_back(std::move(*key));
          } else {
            data->unusable.push_back("RSAKeyValue: " +
                                     std::string(key.status().message()));
          }
        } else {
          data->unusable.push_back("KeyValue/" + ElementName(kv) +
                                   " is not supported");
        }
      }
    }
    // Other KeyInfo children (X509IssuerSerial, X509Digest, ...) are hints
    // tradefin does not use; RetrievalMethod was refused by the scan.
  }
  return std::nullopt;
}

// ---- the verifier ----

struct Parsed {
  Node signature;
  Node signed_info;
  C14nAlg si_c14n{C14nMethod::kExclusive10, false};
  std::vector<std::string> si_prefixes;
  SignatureAlg sig_alg{};
  C14nAlg ref_c14n{C14nMethod::kInclusive10, false};
  std::vector<std::string> ref_prefixes;
  HashAlg digest_alg = HashAlg::kSha256;
  std::string digest_value;
  std::string signature_value;
  KeyInfoData key_info;
};

std::optional<Outcome> Violation(std::string reason) {
  return Outcome{SignatureVerdict::kPolicyViolation, std::move(reason)};
}

// A c14n method element (CanonicalizationMethod or Transform) may carry
// only an exc-c14n InclusiveNamespaces child.
std::optional<Outcome> ReadC14nChildren(Node el, const C14nAlg& alg,
                                        std::vector<std::string>* prefixes) {
  for (Node c : ChildElements(el)) {
    if (alg.method == C14nMethod::kExclusive10 && c.ns_uri() == kExcC14n &&
        c.local_name() == "InclusiveNamespaces") {
      *prefixes = SplitPrefixList(c.attribute("PrefixList").value_or(""));
      continue;
    }
    return Violation("unexpected element " + ElementName(c) + " inside " +
                     ElementName(el) + At(c));
  }
  return std::nullopt;
}

std::optional<Outcome> CheckShape(const xml::Document& doc,
                                  const VerifyPolicy& policy,
                                  VerificationReport* report, Parsed* p) {
  Node root = doc.root();
  Scan scan = ScanDocument(root);
  if (scan.signatures.empty()) {
    return Violation("the document is not signed (no ds:Signature element)");
  }
  if (scan.signatures.size() > 1) {
    return Violation(std::to_string(scan.signatures.size()) +
                     " ds:Signature elements; exactly one is allowed");
  }
  if (!scan.problem.empty()) return Violation(scan.problem);
  Node sig = scan.signatures.front();
  if (sig == root) {
    return Violation("the document element is itself a ds:Signature "
                     "(enveloping signatures are not accepted)");
  }
  if (!(sig.parent() == root) || sig.next_sibling_element()) {
    return Violation("ds:Signature" + At(sig) +
                     " must be the last child element of the document "
                     "element; found at " + sig.path());
  }
  p->signature = sig;

  std::vector<Node> parts = ChildElements(sig);
  if (parts.size() < 2 || !IsDs(parts[0], "SignedInfo") ||
      !IsDs(parts[1], "SignatureValue") ||
      (parts.size() == 3 && !IsDs(parts[2], "KeyInfo")) || parts.size() > 3) {
    std::string found;
    for (Node c : parts) found += (found.empty() ? "" : ", ") + ElementName(c);
    return Violation("ds:Signature must contain SignedInfo, SignatureValue "
                     "and optionally KeyInfo, in that order; found: " +
                     found);
  }
  Node si = parts[0];
  p->signed_info = si;

  std::vector<Node> si_parts = ChildElements(si);
  if (si_parts.size() < 3 || !IsDs(si_parts[0], "CanonicalizationMethod") ||
      !IsDs(si_parts[1], "SignatureMethod")) {
    return Violation("ds:SignedInfo must start with CanonicalizationMethod "
                     "and SignatureMethod, followed by one Reference");
  }
  size_t refs = 0;
  for (size_t i = 2; i < si_parts.size(); ++i) {
    if (!IsDs(si_parts[i], "Reference")) {
      return Violation("unexpected element " + ElementName(si_parts[i]) +
                       " in ds:SignedInfo" + At(si_parts[i]));
    }
    ++refs;
  }
  if (refs != 1) {
    return Violation(std::to_string(refs) +
                     " ds:Reference elements; exactly one (URI=\"\") is "
                     "allowed");
  }

  // CanonicalizationMethod.
  std::string cm = si_parts[0].attribute("Algorithm").value_or("");
  report->canonicalization_method = cm;
  auto c14n = LookupC14n(cm);
  if (!c14n) {
    return Violation("CanonicalizationMethod '" + cm +
                     "' is not in the allow-list (exc-c14n, c14n 1.0, "
                     "c14n 1.1)");
  }
  if (c14n->with_comments) {
    return Violation("CanonicalizationMethod '" + cm +
                     "' keeps comments; WithComments is not allowed");
  }
  p->si_c14n = *c14n;
  if (auto o = ReadC14nChildren(si_parts[0], *c14n, &p->si_prefixes)) return o;

  // SignatureMethod.
  std::string sm = si_parts[1].attribute("Algorithm").value_or("");
  report->signature_method = sm;
  auto alg = LookupSignatureMethod(sm);
  if (!alg) {
    return Violation("SignatureMethod '" + sm +
                     "' is not in the allow-list (eddsa-ed25519, "
                     "ecdsa-sha256, rsa-sha256/384/512)");
  }
  if (alg->hash == HashAlg::kSha1 && !policy.allow_sha1) {
    return Violation("SignatureMethod " + std::string(alg->name) +
                     " uses SHA-1, which is refused unless allow_sha1 "
                     "(--allow-sha1) is set");
  }
  if (si_parts[1].first_child_element()) {
    return Violation("SignatureMethod must have no child elements (found " +
                     ElementName(si_parts[1].first_child_element()) + ")");
  }
  p->sig_alg = *alg;

  // Reference.
  Node ref = si_parts[2];
  auto uri = ref.attribute("URI");
  if (!uri) {
    return Violation("ds:Reference has no URI attribute; only URI=\"\" "
                     "(the whole document) is allowed");
  }
  if (!uri->empty()) {
    if (uri->rfind("#xpointer(", 0) == 0) {
      return Violation("XPointer reference URI=\"" + *uri +
                       "\" is not allowed; only URI=\"\"");
    }
    if ((*uri)[0] == '#') {
      return Violation("ID reference URI=\"" + *uri +
                       "\" is not allowed; only URI=\"\" (the whole "
                       "document), so no ID resolution can be fooled");
    }
    return Violation("external reference URI=\"" + *uri +
                     "\" is not allowed; only URI=\"\"");
  }
  std::vector<Node> ref_parts = ChildElements(ref);
  size_t k = 0;
  bool enveloped = false;
  bool have_c14n = false;
  if (k < ref_parts.size() && IsDs(ref_parts[k], "Transforms")) {
    std::vector<Node> ts = ChildElements(ref_parts[k]);
    for (size_t i = 0; i < ts.size(); ++i) {
      Node t = ts[i];
      if (!IsDs(t, "Transform")) {
        return Violation("unexpected element " + ElementName(t) +
                         " in ds:Transforms" + At(t));
      }
      std::string a = t.attribute("Algorithm").value_or("");
      report->transforms.push_back(a);
      std::string_view forbidden = ForbiddenTransformName(a);
      if (!forbidden.empty()) {
        return Violation(std::string(forbidden) + " transform '" + a +
                         "' is not allowed (transforms must be "
                         "enveloped-signature and one c14n method)");
      }
      if (a == kEnvelopedSignature) {
        if (i != 0) {
          return Violation("enveloped-signature must be the first transform");
        }
        if (t.first_child_element()) {
          return Violation("enveloped-signature transform has children");
        }
        enveloped = true;
        continue;
      }
      auto tc = LookupC14n(a);
      if (!tc) {
        return Violation("transform '" + a +
                         "' is not in the allow-list (enveloped-signature, "
                         "exc-c14n, c14n 1.0, c14n 1.1)");
      }
      if (tc->with_comments) {
        return Violation("transform '" + a +
                         "' keeps comments; WithComments is not allowed");
      }
      if (have_c14n) {
        return Violation("more than one canonicalization transform");
      }
      have_c14n = true;
      p->ref_c14n = *tc;
      if (auto o = ReadC14nChildren(t, *tc, &p->ref_prefixes)) return o;
    }
    ++k;
  }
  if (!enveloped) {
    return Violation("the Reference lacks the enveloped-signature transform "
                     "(required for URI=\"\" with an enveloped signature)");
  }
  if (k + 2 != ref_parts.size() || !IsDs(ref_parts[k], "DigestMethod") ||
      !IsDs(ref_parts[k + 1], "DigestValue")) {
    return Violation("ds:Reference must contain Transforms, DigestMethod "
                     "and DigestValue, in that order");
  }
  std::string dm = ref_parts[k].attribute("Algorithm").value_or("");
  report->digest_method = dm;
  auto digest = LookupDigestMethod(dm);
  if (!digest) {
    return Violation("DigestMethod '" + dm +
                     "' is not in the allow-list (sha256, sha384, sha512)");
  }
  if (*digest == HashAlg::kSha1 && !policy.allow_sha1) {
    return Violation("DigestMethod sha1 is refused unless allow_sha1 "
                     "(--allow-sha1) is set");
  }
  p->digest_alg = *digest;
  if (auto o = ReadBase64(ref_parts[k + 1], policy, "DigestValue",
                          &p->digest_value))
    return o;
  if (p->digest_value.size() != DigestSize(*digest)) {
    return Outcome{SignatureVerdict::kMalformed,
                   "DigestValue is " + std::to_string(p->digest_value.size()) +
                       " bytes; " + dm + " digests are " +
                       std::to_string(DigestSize(*digest))};
  }

  // SignatureValue: exact lengths where the algorithm fixes them.
  if (auto o = ReadBase64(parts[1], policy, "SignatureValue",
                          &p->signature_value))
    return o;
  size_t n = p->signature_value.size();
  if (alg->key == KeyType::kEcdsaP256 && n != 64) {
    bool der = n > 0 && p->signature_value[0] == 0x30;
    return Violation("ECDSA SignatureValue is " + std::to_string(n) +
                     " bytes; XML-DSig requires raw r||s of exactly 64 bytes" +
                     (der ? " (this looks like DER, which is not accepted)"
                          : ""));
  }
  if (alg->key == KeyType::kEd25519 && n != 64) {
    return Violation("Ed25519 SignatureValue is " + std::to_string(n) +
                     " bytes; it must be 64");
  }

  if (parts.size() == 3) {
    if (auto o = ReadKeyInfo(parts[2], policy, &p->key_info)) return o;
  }
  report->key_name = p->key_info.key_name;
  return std::nullopt;
}

std::string DescribeC14n(C14nMethod m) {
  switch (m) {
    case C14nMethod::kExclusive10:
      return "exc-c14n";
    case C14nMethod::kInclusive10:
      return "c14n 1.0";
    case C14nMethod::kInclusive11:
      return "c14n 1.1";
  }
  return "c14n";
}

}  // namespace

std::string_view SignatureVerdictName(SignatureVerdict verdict) {
  switch (verdict) {
    case SignatureVerdict::kValid:
      return "valid";
    case SignatureVerdict::kPolicyViolation:
      return "policy-violation";
    case SignatureVerdict::kUntrustedKey:
      return "untrusted-key";
    case SignatureVerdict::kBadSignatureValue:
      return "bad-signature-value";
    case SignatureVerdict::kDigestMismatch:
      return "digest-mismatch";
    case SignatureVerdict::kMalformed:
      return "malformed";
  }
  return "unknown";
}

namespace {

// The Reference's digest over the canonical document minus the Signature,
// hashed while libxml2 canonicalises, so the ~10 KB canonical form is never
// built as one string (docs/performance.md, issue 10).
Result<std::string> StreamedReferenceDigest(const xml::Document& doc,
                                            const Parsed& p, size_t* size) {
  std::unique_ptr<CryptoPP::HashTransformation> hash;
  switch (p.digest_alg) {
    case HashAlg::kSha1:
      hash = std::make_unique<CryptoPP::SHA1>();
      break;
    case HashAlg::kSha256:
      hash = std::make_unique<CryptoPP::SHA256>();
      break;
    case HashAlg::kSha384:
      hash = std::make_unique<CryptoPP::SHA384>();
      break;
    case HashAlg::kSha512:
      hash = std::make_unique<CryptoPP::SHA512>();
      break;
  }
  try {
    TRADEFIN_ASSIGN_OR_RETURN(
        *size, doc.CanonicalizeTo(
                   p.ref_c14n.method, false, p.signature, p.ref_prefixes,
                   [&](std::string_view piece) {
                     hash->Update(
                         reinterpret_cast<const CryptoPP::byte*>(piece.data()),
                         piece.size());
                   }));
    std::string out(hash->DigestSize(), '\0');
    hash->Final(reinterpret_cast<CryptoPP::byte*>(out.data()));
    return out;
  } catch (const std::bad_alloc&) {
    throw;
  } catch (...) {
    return Status::Internal("digest computation failed");
  }
}

}  // namespace

namespace signing_internal {

Result<VerificationReport> VerifyParsedDocument(const xml::Document& doc,
                                                const VerifyPolicy& policy,
                                                const TrustStore& trust) {
  VerificationReport report;
  Node root = doc.root();
  report.document_element = QName(root);
  auto finish = [&](SignatureVerdict v, std::string reason) {
    report.verdict = v;
    report.reason = std::move(reason);
    return report;
  };

  // 1. Shape and policy: nothing below runs on a document outside the
  // profile.
  Parsed p;
  if (auto o = CheckShape(doc, policy, &report, &p)) {
    return finish(o->verdict, o->reason);
  }
  TRADEFIN_ASSIGN_OR_RETURN(
      std::string signed_info,
      doc.CanonicalizeSubtree(p.signed_info, p.si_c14n.method, false,
                              p.si_prefixes));
  if (signed_info.size() > policy.max_signed_info_bytes) {
    return finish(SignatureVerdict::kPolicyViolation,
                  "canonical SignedInfo is " +
                      std::to_string(signed_info.size()) +
                      " bytes; the limit is " +
                      std::to_string(policy.max_signed_info_bytes));
  }
  if (policy.keep_canonical_bytes) report.canonical_signed_info = signed_info;
  auto reference_bytes = [&]() {
    return doc.Canonicalize(p.ref_c14n.method, false, p.signature,
                            p.ref_prefixes);
  };
  auto explain_reference = [&]() {
    if (!policy.keep_canonical_bytes) return;
    auto bytes = reference_bytes();
    if (bytes.ok()) report.canonical_reference = std::move(*bytes);
  };

  // 2. Key trust: KeyInfo keys are only lookup hints.
  const TrustedKey* trusted =
      trust.FindKey(p.key_info.key_name, p.key_info.candidates);
  if (trusted == nullptr) {
    std::string why = "no trusted key for this signature";
    if (!p.key_info.key_name.empty()) {
      why += " (KeyName '" + p.key_info.key_name + "')";
    }
    for (const PublicKey& c : p.key_info.candidates) {
      why += "; KeyInfo carries " + std::string(KeyTypeName(c.type())) +
             " key " + c.key_id() + ", which is not trusted";
    }
    for (const std::string& u : p.key_info.unusable) why += "; " + u;
    if (!p.key_info.candidates.empty()) {
      report.key_id = p.key_info.candidates.front().key_id();
    }
    explain_reference();
    return finish(SignatureVerdict::kUntrustedKey, why);
  }
  report.key_id = trusted->key.key_id();
  report.signer = trusted->name;
  if (!p.key_info.candidates.empty()) {
    // A KeyName may point at a trusted key while KeyInfo carries another
    // (the attacker's): the carried key is what the signer claims to have
    // used, so it must be the trusted one.
    bool carried = false;
    for (const PublicKey& c : p.key_info.candidates) {
      carried = carried || c.key_id() == report.key_id;
    }
    if (!carried) {
      explain_reference();
      return finish(SignatureVerdict::kUntrustedKey,
                    "KeyInfo carries " +
                        std::string(KeyTypeName(
                            p.key_info.candidates.front().type())) +
                        " key " + p.key_info.candidates.front().key_id() +
                        ", not the trusted key '" + trusted->name + "' (" +
                        report.key_id + ") its KeyName names");
    }
  }
  if (trusted->key.type() != p.sig_alg.key) {
    explain_reference();
    return finish(SignatureVerdict::kUntrustedKey,
                  "the trusted key '" + trusted->name + "' is " +
                      std::string(KeyTypeName(trusted->key.type())) +
                      " but the SignatureMethod is " +
                      std::string(p.sig_alg.name));
  }

  // 3. The SignedInfo signature.
  if (!signing_internal::VerifyWith(trusted->key, p.sig_alg.hash, signed_info,
                                    p.signature_value)) {
    explain_reference();
    return finish(SignatureVerdict::kBadSignatureValue,
                  "the SignedInfo signature (" + std::string(p.sig_alg.name) +
                      ") does not verify with trusted key '" + trusted->name +
                      "' (" + report.key_id + ")");
  }

  // 4. The reference digest, only now that SignedInfo is authenticated.
  // The canonical bytes stream into the hash as libxml2 writes them; they
  // are kept as one string only when the caller asked for them.
  std::string digest;
  size_t covered_size = 0;
  if (policy.keep_canonical_bytes) {
    TRADEFIN_ASSIGN_OR_RETURN(std::string covered, reference_bytes());
    covered_size = covered.size();
    digest = signing_internal::Digest(p.digest_alg, covered);
    report.canonical_reference = std::move(covered);
  } else {
    TRADEFIN_ASSIGN_OR_RETURN(digest,
                              StreamedReferenceDigest(doc, p, &covered_size));
  }
  report.covered_bytes = covered_size;
  report.covered = "whole document element " + report.document_element +
                   " minus the Signature, " + std::to_string(covered_size) +
                   " bytes canonical (" + DescribeC14n(p.ref_c14n.method) +
                   ")";
  if (!ConstantTimeEqual(digest, p.digest_value)) {
    return finish(SignatureVerdict::kDigestMismatch,
                  "the digest of the " + report.covered +
                      " does not match DigestValue: the document was "
                      "changed after signing");
  }
  return finish(SignatureVerdict::kValid, "signature valid; signed by '" +
                                     trusted->name + "' (" + report.key_id +
                                     ")");
}

}  // namespace signing_internal

Result<VerificationReport> VerifyDocument(std::string_view xml_bytes,
                                          const VerifyPolicy& policy,
                                          const TrustStore& trust) {
  xml::ParseError error;
  auto doc = xml::Document::Parse(xml_bytes, policy.parse, &error);
  if (doc == nullptr) {
    VerificationReport report;
    report.verdict = SignatureVerdict::kMalformed;
    report.reason = "not acceptable XML (" + error.code + ") at line " +
                    std::to_string(error.line) + ": " + error.message;
    return report;
  }
  return signing_internal::VerifyParsedDocument(*doc, policy, trust);
}

// ---- signing ----

namespace {

// Where the document element's end tag starts in `xml`, found textually:
// after the root only whitespace, comments and PIs may follow (XML 1.0
// [27] Misc). `self_closing` when the root is `<x/>`.
struct Insertion {
  size_t pos = 0;
  bool self_closing = false;
};

std::optional<Insertion> FindRootEnd(std::string_view xml,
                                     const std::string& qname) {
  size_t end = xml.size();
  for (;;) {
    while (end > 0 && (xml[end - 1] == ' ' || xml[end - 1] == '\t' ||
                       xml[end - 1] == '\r' || xml[end - 1] == '\n')) {
      --end;
    }
    std::string_view head = xml.substr(0, end);
    if (head.size() >= 3 && head.substr(head.size() - 3) == "-->") {
      size_t p = head.rfind("<!--", head.size() - 3);
      if (p == std::string_view::npos) return std::nullopt;
      end = p;
      continue;
    }
    if (head.size() >= 2 && head.substr(head.size() - 2) == "?>") {
      size_t p = head.rfind("<?", head.size() - 2);
      if (p == std::string_view::npos) return std::nullopt;
      end = p;
      continue;
    }
    break;
  }
  if (end < 2 || xml[end - 1] != '>') return std::nullopt;
  if (xml[end - 2] == '/') return Insertion{end - 2, true};
  size_t p = xml.rfind("</", end);
  if (p == std::string_view::npos) return std::nullopt;
  std::string name = Trim(xml.substr(p + 2, end - 1 - (p + 2)));
  if (name != qname) return std::nullopt;
  return Insertion{p, false};
}

}  // namespace

Result<std::string> SignDocument(std::string_view xml_bytes,
                                 const Signer& signer,
                                 const SignOptions& options) {
  xml::ParseError error;
  auto doc = xml::Document::Parse(xml_bytes, options.parse, &error);
  if (doc == nullptr) {
    return Status::InvalidArgument("not acceptable XML (" + error.code +
                                   ") at line " + std::to_string(error.line) +
                                   ": " + error.message);
  }
  Node root = doc->root();
  Scan scan = ScanDocument(root);
  if (!scan.signatures.empty()) {
    return Status::FailedPrecondition(
        "the document is already signed" + At(scan.signatures.front()) +
        "; later acts (endorsement, financing) are separate signed events, "
        "not extra signatures on the document");
  }
  if (!scan.problem.empty()) {
    return Status::InvalidArgument(
        "refusing to sign: " + scan.problem +
        "; tradefin verifiers would reject the signed document");
  }
  std::string_view method;
  if (signer.type() == KeyType::kEd25519) {
    method = kEd25519Method;
  } else if (signer.type() == KeyType::kEcdsaP256) {
    method = kEcdsaSha256Method;
  } else {
    return Status::Unsupported("signer key type " +
                               std::string(KeyTypeName(signer.type())) +
                               " cannot sign (Ed25519 or ECDSA P-256 only)");
  }
  std::string qname = ElementName(root);
  auto where = FindRootEnd(xml_bytes, qname);
  if (!where) {
    return Status::InvalidArgument("cannot locate the end tag </" + qname +
                                   "> of the document element");
  }

  // The digest over the document as it will be without the Signature;
  // checked again on the re-parsed output below.
  TRADEFIN_ASSIGN_OR_RETURN(
      std::string canonical,
      doc->Canonicalize(C14nMethod::kExclusive10, false));
  std::string digest_b64 = Base64Encode(HashBytes(Sha256(canonical)));

  std::string sig;
  sig += "<ds:Signature xmlns:ds=\"" + std::string(kDs) + "\">\n";
  sig += "<ds:SignedInfo>\n";
  sig += "<ds:CanonicalizationMethod Algorithm=\"" + std::string(kExcC14n) +
         "\"/>\n";
  sig += "<ds:SignatureMethod Algorithm=\"" + std::string(method) + "\"/>\n";
  sig += "<ds:Reference URI=\"\">\n<ds:Transforms>\n";
  sig += "<ds:Transform Algorithm=\"" + std::string(kEnvelopedSignature) +
         "\"/>\n";
  sig += "<ds:Transform Algorithm=\"" + std::string(kExcC14n) + "\"/>\n";
  sig += "</ds:Transforms>\n";
  sig += "<ds:DigestMethod Algorithm=\"" + std::string(kSha256Digest) +
         "\"/>\n";
  sig += "<ds:DigestValue>" + digest_b64 + "</ds:DigestValue>\n";
  sig += "</ds:Reference>\n</ds:SignedInfo>\n";
  const std::string value_open = "<ds:SignatureValue>";
  size_t value_at = sig.size() + value_open.size();
  sig += value_open + "</ds:SignatureValue>\n";
  std::string key_info;
  if (options.include_key_name) {
    key_info += "<ds:KeyName>" + signer.key_id() + "</ds:KeyName>\n";
  }
  PublicKey pub = signer.public_key();
  if (options.include_key_value && pub.type() == KeyType::kEcdsaP256) {
    key_info += "<ds:KeyValue>\n<dsig11:ECKeyValue xmlns:dsig11=\"" +
                std::string(kDsig11Namespace) + "\">\n";
    key_info += "<dsig11:NamedCurve URI=\"" + std::string(kP256Urn) +
                "\"/>\n";
    key_info += "<dsig11:PublicKey>" + Base64Encode(signing_internal::KeyAccess::Of(pub).ec_point) +
                "</dsig11:PublicKey>\n";
    key_info += "</dsig11:ECKeyValue>\n</ds:KeyValue>\n";
  }
  std::string cert = signer.certificate_der();
  if (options.include_certificate && !cert.empty()) {
    key_info += "<ds:X509Data>\n<ds:X509Certificate>" + Base64Encode(cert) +
                "</ds:X509Certificate>\n</ds:X509Data>\n";
  }
  if (!key_info.empty()) sig += "<ds:KeyInfo>\n" + key_info + "</ds:KeyInfo>\n";
  sig += "</ds:Signature>";

  std::string out;
  size_t sig_at = 0;
  if (where->self_closing) {
    out = std::string(xml_bytes.substr(0, where->pos)) + ">";
    sig_at = out.size();
    out += sig + "</" + qname + ">";
    out += xml_bytes.substr(where->pos + 2);
  } else {
    out = std::string(xml_bytes.substr(0, where->pos));
    sig_at = out.size();
    out += sig;
    out += xml_bytes.substr(where->pos);
  }

  // Re-parse what we will output and canonicalise *that* tree, so the bytes
  // returned are the bytes that were digested and signed.
  auto signed_doc = xml::Document::Parse(out, options.parse, &error);
  if (signed_doc == nullptr) {
    return Status::Internal("the document with the Signature inserted does "
                            "not parse: " + error.message);
  }
  Node sig_node = signed_doc->root().first_child_element();
  for (Node n = sig_node; n; n = n.next_sibling_element()) sig_node = n;
  if (!IsDs(sig_node, "Signature")) {
    return Status::Internal("the inserted Signature is not the last child "
                            "of the document element");
  }
  TRADEFIN_ASSIGN_OR_RETURN(
      std::string recheck,
      signed_doc->Canonicalize(C14nMethod::kExclusive10, false, sig_node));
  if (recheck != canonical) {
    return Status::Internal("inserting the Signature changed the signed "
                            "content; not signing");
  }
  TRADEFIN_ASSIGN_OR_RETURN(
      std::string signed_info,
      signed_doc->CanonicalizeSubtree(sig_node.child(kDs, "SignedInfo"),
                                      C14nMethod::kExclusive10, false));
  TRADEFIN_ASSIGN_OR_RETURN(std::string value, signer.SignRaw(signed_info));
  if (value.size() != 64) {
    return Status::Internal("the signer returned a " +
                            std::to_string(value.size()) +
                            "-byte signature; 64 bytes were expected");
  }
  out.insert(sig_at + value_at, Base64Encode(value));

  if (options.verify_after_signing) {
    PinnedKeyTrustStore self;
    self.Add("signer", pub);
    VerifyPolicy policy;
    policy.parse = options.parse;
    TRADEFIN_ASSIGN_OR_RETURN(VerificationReport check,
                              VerifyDocument(out, policy, self));
    if (!check.valid()) {
      return Status::Internal("the signed document does not verify with the "
                              "signer's own key (" + check.reason +
                              "); not returning it");
    }
  }
  return out;
}

}  // namespace tradefin
