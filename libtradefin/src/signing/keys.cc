// Keys on Crypto++. Every Crypto++ call is wrapped so that no exception
// leaves this file: bad input becomes kInvalidArgument/kUnsupported, anything
// else kInternal (style guide 2.4).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cryptopp/asn.h>
#include <cryptopp/misc.h>
#include <cryptopp/filters.h>
#include <cryptopp/osrng.h>
#include <cryptopp/pssr.h>
#include <cryptopp/queue.h>
#include <cryptopp/sha.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "signing/keys_internal.h"

namespace tradefin {
namespace {

using CryptoPP::BERSequenceDecoder;
using CryptoPP::ByteQueue;
using CryptoPP::OID;
using CryptoPP::StringSource;
using CryptoPP::StringSink;

const OID& OidEcPublicKey() {
  static const OID oid = OID(1) + 2 + 840 + 10045 + 2 + 1;
  return oid;
}
const OID& OidRsa() {
  static const OID oid = OID(1) + 2 + 840 + 113549 + 1 + 1 + 1;
  return oid;
}
const OID& OidEd25519() {
  static const OID oid = OID(1) + 3 + 101 + 112;
  return oid;
}

// The algorithm OID (and, for EC, the curve OID) of an SPKI or a PKCS#8
// PrivateKeyInfo. Both start with an AlgorithmIdentifier; PKCS#8 has a
// version INTEGER before it.
struct AlgorithmId {
  OID algorithm;
  OID curve;  // empty unless EC with a named curve
};

AlgorithmId ReadAlgorithmId(std::string_view der, bool pkcs8) {
  StringSource src(reinterpret_cast<const CryptoPP::byte*>(der.data()),
                   der.size(), true);
  BERSequenceDecoder outer(src);
  if (pkcs8) {
    CryptoPP::word32 version = 0;
    CryptoPP::BERDecodeUnsigned<CryptoPP::word32>(outer, version,
                                                  CryptoPP::INTEGER, 0, 1);
  }
  AlgorithmId id;
  BERSequenceDecoder alg(outer);
  id.algorithm.BERDecode(alg);
  if (!alg.EndReached()) {
    CryptoPP::byte tag = 0;
    if (alg.Peek(tag) && tag == CryptoPP::OBJECT_IDENTIFIER) {
      id.curve.BERDecode(alg);
    } else {
      alg.SkipAll();
    }
  }
  alg.MessageEnd();
  outer.SkipAll();
  return id;
}

// subjectPublicKeyInfo of an X.509 certificate, as DER, walking
// Certificate -> tbsCertificate -> [version] serial sigAlg issuer validity
// subject subjectPublicKeyInfo (RFC 5280 4.1).
std::string SpkiFromCertificate(std::string_view der) {
  StringSource src(reinterpret_cast<const CryptoPP::byte*>(der.data()),
                   der.size(), true);
  BERSequenceDecoder cert(src);
  BERSequenceDecoder tbs(cert);
  ByteQueue skip;
  CryptoPP::byte tag = 0;
  if (tbs.Peek(tag) && tag == 0xA0) CryptoPP::DERReencode(tbs, skip);
  for (int i = 0; i < 5; ++i) CryptoPP::DERReencode(tbs, skip);
  std::string spki;
  StringSink sink(spki);
  CryptoPP::DERReencode(tbs, sink);
  tbs.SkipAll();
  cert.SkipAll();
  return spki;
}

bool LooksLikeCertificate(std::string_view der) {
  // A certificate's first element is itself a SEQUENCE (tbsCertificate)
  // whose first element is [0] version or an INTEGER; an SPKI's first
  // element is a SEQUENCE (AlgorithmIdentifier) starting with an OID.
  try {
    StringSource src(reinterpret_cast<const CryptoPP::byte*>(der.data()),
                     der.size(), true);
    BERSequenceDecoder outer(src);
    BERSequenceDecoder first(outer);
    CryptoPP::byte tag = 0;
    if (!first.Peek(tag)) return false;
    return tag == 0xA0 || tag == CryptoPP::INTEGER;
  } catch (const CryptoPP::Exception&) {
    return false;
  }
}

// ---- Ed25519 canonical encodings (RFC 8032 §5.1.3, §5.1.7) ----
//
// Crypto++'s verifier (ed25519-donna) only checks the top three bits of S
// and reduces a point's y modulo p while decoding, so S + L and a y >= p
// still verify: the same signature (or key) then has several byte strings,
// and anyone can bend a signature into other bytes that verify under the
// same key. These checks run before every Ed25519 verification.

// L = 2^252 + 27742317777372353535851937790883648493, little-endian.
constexpr unsigned char kEd25519L[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
    0xa2, 0xde, 0xf9, 0xde, 0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10};

// True iff the 32-byte little-endian scalar is < L.
bool IsCanonicalScalar(const unsigned char* s) {
  for (int i = 31; i >= 0; --i) {
    if (s[i] < kEd25519L[i]) return true;
    if (s[i] > kEd25519L[i]) return false;
  }
  return false;  // equal to L
}

// True iff the 32-byte point encoding is the canonical one: y < p = 2^255-19
// (§5.1.3 step 1), and the sign bit is clear when x = 0, which happens only
// for y = 1 and y = p - 1 (step 4).
bool IsCanonicalPoint(const unsigned char* e) {
  const bool sign = (e[31] & 0x80) != 0;
  // y >= p iff y's bits are 2^255-19 .. 2^255-1: bytes 1..30 all 0xff, the
  // top byte 0x7f (without the sign bit) and the low byte >= 0xed.
  bool high_all_ones = (e[31] & 0x7f) == 0x7f;
  for (int i = 1; i < 31 && high_all_ones; ++i) high_all_ones = e[i] == 0xff;
  if (high_all_ones && e[0] >= 0xed) return false;
  if (!sign) return true;
  bool y_is_one = e[0] == 1 && (e[31] & 0x7f) == 0;
  for (int i = 1; i < 31 && y_is_one; ++i) y_is_one = e[i] == 0;
  const bool y_is_p_minus_1 = high_all_ones && e[0] == 0xec;
  return !(y_is_one || y_is_p_minus_1);
}

// True iff the (canonical) point encoding is one of the eight points of
// small order (order 1, 2, 4 or 8). Such a public key is not a key: with it
// one signature (R small order, S = 0) verifies for many messages under the
// cofactorless check, so a registry must never accept one. The list is the
// one libsodium refuses (crypto_core_ed25519_is_valid_point), restricted to
// canonical encodings, which is all IsCanonicalPoint lets through.
bool IsSmallOrderPoint(const unsigned char* e) {
  static constexpr unsigned char kSmallOrder[8][32] = {
      // identity (0, 1), order 1
      {0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      // (0, -1), order 2
      {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
       0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
       0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
      // (+-sqrt(-1), 0), order 4
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
      {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80},
      // order 8
      {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
       0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
       0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
      {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
       0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
       0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0xfa},
      {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
       0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
       0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
      {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
       0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
       0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x85},
  };
  for (const auto& point : kSmallOrder)
    if (std::memcmp(e, point, 32) == 0) return true;
  return false;
}

CryptoPP::RandomNumberGenerator& Rng() {
  // AutoSeededRandomPool is not thread-safe; one per thread.
  thread_local CryptoPP::AutoSeededRandomPool rng;
  return rng;
}

std::string Encode(const CryptoPP::ASN1Object& obj) {
  std::string out;
  StringSink sink(out);
  obj.DEREncode(sink);
  return out;
}

Result<PublicKey> BuildFromSpki(std::string_view der) {
  auto rep = std::make_shared<signing_internal::KeyAccess::PublicRep>();
  AlgorithmId alg = ReadAlgorithmId(der, /*pkcs8=*/false);
  StringSource src(reinterpret_cast<const CryptoPP::byte*>(der.data()),
                   der.size(), true);
  if (alg.algorithm == OidEd25519()) {
    rep->type = KeyType::kEd25519;
    rep->bits = 256;
    rep->ed25519 = std::make_unique<CryptoPP::ed25519::Verifier>(src);
    const auto& pk = dynamic_cast<const CryptoPP::ed25519PublicKey&>(
        rep->ed25519->GetPublicKey());
    rep->ed25519_raw.assign(reinterpret_cast<const char*>(
                                pk.GetPublicKeyBytePtr()),
                            32);
    if (!IsCanonicalPoint(pk.GetPublicKeyBytePtr())) {
      return Status::InvalidArgument(
          "Ed25519 public key is not canonically encoded (y >= p or a "
          "negative zero x; RFC 8032 5.1.3)");
    }
    if (IsSmallOrderPoint(pk.GetPublicKeyBytePtr())) {
      return Status::InvalidArgument(
          "Ed25519 public key is a point of small order, not a usable key "
          "(signatures under it can be forged)");
    }
    rep->spki_der = Encode(pk);
  } else if (alg.algorithm == OidEcPublicKey()) {
    if (!(alg.curve == CryptoPP::ASN1::secp256r1())) {
      return Status::Unsupported(
          "EC public key is not on P-256 (only prime256v1 is supported)");
    }
    rep->type = KeyType::kEcdsaP256;
    rep->bits = 256;
    rep->ecdsa = std::make_unique<EcdsaP256::Verifier>();
    auto& key = rep->ecdsa->AccessKey();
    key.BERDecode(src);
    key.AccessGroupParameters().SetEncodeAsOID(true);
    key.AccessGroupParameters().SetPointCompression(false);
    // Level 1: the point is on the curve and not infinity. P-256 has
    // cofactor 1, so that already means it is in the prime-order group;
    // level 2 would re-test the domain primes on every load (milliseconds).
    if (!key.Validate(Rng(), 1)) {
      return Status::InvalidArgument("EC public key fails validation");
    }
    rep->spki_der = Encode(key);
    const auto& q = key.GetPublicElement();
    std::string point(65, '\0');
    point[0] = 4;
    q.x.Encode(reinterpret_cast<CryptoPP::byte*>(&point[1]), 32);
    q.y.Encode(reinterpret_cast<CryptoPP::byte*>(&point[33]), 32);
    rep->ec_point = std::move(point);
  } else if (alg.algorithm == OidRsa()) {
    rep->type = KeyType::kRsa;
    rep->rsa.BERDecode(src);
    rep->bits = static_cast<int>(rep->rsa.GetModulus().BitCount());
    if (rep->bits < 2048) {
      return Status::Unsupported("RSA key has " + std::to_string(rep->bits) +
                                 " bits; at least 2048 are required");
    }
    rep->spki_der = Encode(rep->rsa);
  } else {
    return Status::Unsupported(
        "public key algorithm is not Ed25519, EC P-256 or RSA");
  }
  rep->key_id = HashHex(Sha256(rep->spki_der));
  return signing_internal::KeyAccess::Make(
      std::shared_ptr<const signing_internal::KeyAccess::PublicRep>(std::move(rep)));
}

template <typename Fn>
auto Guard(std::string_view what, Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const CryptoPP::BERDecodeErr& e) {
    return Status::InvalidArgument(std::string(what) +
                                   ": malformed DER (" + e.what() + ")");
  } catch (const CryptoPP::Exception& e) {
    if (e.GetErrorType() == CryptoPP::Exception::INVALID_DATA_FORMAT ||
        e.GetErrorType() == CryptoPP::Exception::INVALID_ARGUMENT) {
      return Status::InvalidArgument(std::string(what) + ": " + e.what());
    }
    return Status::Internal(std::string(what) + ": Crypto++: " + e.what());
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return Status::Internal(std::string(what) + ": " + e.what());
  } catch (...) {
    return Status::Internal(std::string(what) + ": unknown exception");
  }
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::IOError(path + ": cannot open (" + std::strerror(errno) +
                           ")");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return ss.str();
}

}  // namespace

namespace signing_internal {

void Wipe(std::string* secret) {
  if (secret->empty()) return;
  CryptoPP::SecureWipeBuffer(reinterpret_cast<CryptoPP::byte*>(secret->data()),
                             secret->size());
  secret->clear();
}

std::string Digest(HashAlg hash, std::string_view data) {
  auto run = [&](auto h) {
    std::string out(h.DigestSize(), '\0');
    h.CalculateDigest(reinterpret_cast<CryptoPP::byte*>(out.data()),
                      reinterpret_cast<const CryptoPP::byte*>(data.data()),
                      data.size());
    return out;
  };
  switch (hash) {
    case HashAlg::kSha1:
      return run(CryptoPP::SHA1());
    case HashAlg::kSha256:
      return run(CryptoPP::SHA256());
    case HashAlg::kSha384:
      return run(CryptoPP::SHA384());
    case HashAlg::kSha512:
      return run(CryptoPP::SHA512());
  }
  return {};
}

namespace {

// A verifier for `rep` that no other thread uses until it is returned. The
// copies are made from `rep.ecdsa`, which no thread ever verifies with, so
// copying it races with nothing.
std::unique_ptr<EcdsaP256::Verifier> TakeEcdsaVerifier(const KeyAccess::PublicRep& rep) {
  {
    std::lock_guard<std::mutex> l(rep.ecdsa_pool_mu);
    if (!rep.ecdsa_pool.empty()) {
      std::unique_ptr<EcdsaP256::Verifier> v = std::move(rep.ecdsa_pool.back());
      rep.ecdsa_pool.pop_back();
      return v;
    }
  }
  auto fast = std::make_unique<EcdsaP256::Verifier>(rep.ecdsa->GetKey());
  fast->AccessKey().AccessGroupParameters().Precompute(16);
  fast->AccessKey().Precompute(16);
  return fast;
}

void ReturnEcdsaVerifier(const KeyAccess::PublicRep& rep, std::unique_ptr<EcdsaP256::Verifier> v) {
  // Bounded: as many as threads ever verified at once with this key, and
  // never more than a handful (each holds its precomputed tables).
  constexpr size_t kMaxPooled = 8;
  std::lock_guard<std::mutex> l(rep.ecdsa_pool_mu);
  if (rep.ecdsa_pool.size() < kMaxPooled) rep.ecdsa_pool.push_back(std::move(v));
}

}  // namespace

bool VerifyWith(const PublicKey& key, HashAlg hash, std::string_view message,
                std::string_view signature) {
  try {
    const KeyAccess::PublicRep& rep = KeyAccess::Of(key);
    const auto* msg = reinterpret_cast<const CryptoPP::byte*>(message.data());
    const auto* sig = reinterpret_cast<const CryptoPP::byte*>(signature.data());
    switch (rep.type) {
      case KeyType::kEd25519:
        // RFC 8032 5.1.7: R and A must be canonical points and S < L, or
        // the same signature has other encodings that also verify.
        if (signature.size() != 64 || !IsCanonicalPoint(sig) ||
            !IsCanonicalScalar(sig + 32) ||
            !IsCanonicalPoint(reinterpret_cast<const unsigned char*>(
                rep.ed25519_raw.data()))) {
          return false;
        }
        return rep.ed25519->VerifyMessage(msg, message.size(), sig, 64);
      case KeyType::kEcdsaP256: {
        // XML-DSig 1.1 6.4.3: raw r||s, each 32 bytes. DER is never accepted.
        if (hash != HashAlg::kSha256 || signature.size() != 64) return false;
        if (rep.ecdsa_uses.fetch_add(1, std::memory_order_relaxed) == 0) {
          EcdsaP256::Verifier once(rep.ecdsa->GetKey());
          return once.VerifyMessage(msg, message.size(), sig, 64);
        }
        std::unique_ptr<EcdsaP256::Verifier> v = TakeEcdsaVerifier(rep);
        bool ok = v->VerifyMessage(msg, message.size(), sig, 64);
        ReturnEcdsaVerifier(rep, std::move(v));
        return ok;
      }
      case KeyType::kRsa: {
        if (signature.size() != (static_cast<size_t>(rep.bits) + 7) / 8) {
          return false;
        }
        auto run = [&](auto verifier) {
          return verifier.VerifyMessage(msg, message.size(), sig,
                                        signature.size());
        };
        switch (hash) {
          case HashAlg::kSha1:
            return run(CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA1>::
                           Verifier(rep.rsa));
          case HashAlg::kSha256:
            return run(CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA256>::
                           Verifier(rep.rsa));
          case HashAlg::kSha384:
            return run(CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA384>::
                           Verifier(rep.rsa));
          case HashAlg::kSha512:
            return run(CryptoPP::RSASS<CryptoPP::PKCS1v15, CryptoPP::SHA512>::
                           Verifier(rep.rsa));
        }
        return false;
      }
    }
  } catch (...) {
    // A malformed signature must read as "does not verify", not an error.
  }
  return false;
}

Result<PemBlock> ParsePem(std::string_view text) {
  const std::string_view begin = "-----BEGIN ";
  size_t b = text.find(begin);
  if (b == std::string_view::npos) {
    return Status::InvalidArgument("no PEM '-----BEGIN' line found");
  }
  size_t label_start = b + begin.size();
  size_t label_end = text.find("-----", label_start);
  if (label_end == std::string_view::npos) {
    return Status::InvalidArgument("malformed PEM BEGIN line");
  }
  PemBlock block;
  block.label = std::string(text.substr(label_start, label_end - label_start));
  std::string end_line = "-----END " + block.label + "-----";
  size_t body_start = label_end + 5;
  size_t e = text.find(end_line, body_start);
  if (e == std::string_view::npos) {
    return Status::InvalidArgument("PEM block '" + block.label +
                                   "' has no matching END line");
  }
  std::string_view body = text.substr(body_start, e - body_start);
  if (body.find(':') != std::string_view::npos) {
    return Status::Unsupported("PEM block '" + block.label +
                               "' has headers (encrypted keys are not "
                               "supported)");
  }
  // RFC 7468 folds the body over lines of 64 characters.
  auto der = Base64Decode(body, {.allow_whitespace = true});
  if (!der.ok()) {
    return Status::InvalidArgument("PEM block '" + block.label +
                                   "': " + std::string(der.status().message()));
  }
  block.der = std::move(*der);
  return block;
}

std::string ToPem(std::string_view label, std::string_view der) {
  std::string b64 = Base64Encode(der);
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (size_t i = 0; i < b64.size(); i += 64) {
    out.append(b64, i, 64);
    out.push_back('\n');
  }
  out += "-----END " + std::string(label) + "-----\n";
  return out;
}

Result<PublicKey> RsaFromComponents(std::string_view modulus,
                                    std::string_view exponent) {
  return Guard("RSAKeyValue", [&]() -> Result<PublicKey> {
    CryptoPP::RSA::PublicKey key;
    key.Initialize(
        CryptoPP::Integer(
            reinterpret_cast<const CryptoPP::byte*>(modulus.data()),
            modulus.size()),
        CryptoPP::Integer(
            reinterpret_cast<const CryptoPP::byte*>(exponent.data()),
            exponent.size()));
    return BuildFromSpki(Encode(key));
  });
}

Result<PublicKey> P256FromPoint(std::string_view point) {
  if (point.size() != 65 || point[0] != 4) {
    return Status::InvalidArgument(
        "EC public key is not an uncompressed P-256 point (65 bytes, 0x04)");
  }
  // SubjectPublicKeyInfo { id-ecPublicKey, prime256v1 } BIT STRING header.
  static constexpr unsigned char kPrefix[] = {
      0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d,
      0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01,
      0x07, 0x03, 0x42, 0x00};
  std::string der(reinterpret_cast<const char*>(kPrefix), sizeof(kPrefix));
  der.append(point);
  return PublicKey::FromDer(der);
}

}  // namespace signing_internal

using signing_internal::HashAlg;

std::string_view KeyTypeName(KeyType type) {
  switch (type) {
    case KeyType::kEd25519:
      return "ed25519";
    case KeyType::kEcdsaP256:
      return "ecdsa-p256";
    case KeyType::kRsa:
      return "rsa";
  }
  return "unknown";
}

// ---- PublicKey ----

PublicKey::PublicKey(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}
PublicKey::PublicKey(const PublicKey&) = default;
PublicKey& PublicKey::operator=(const PublicKey&) = default;
PublicKey::PublicKey(PublicKey&&) noexcept = default;
PublicKey& PublicKey::operator=(PublicKey&&) noexcept = default;
PublicKey::~PublicKey() = default;

Result<PublicKey> PublicKey::FromDer(std::string_view der) {
  return Guard("public key", [&]() -> Result<PublicKey> {
    if (LooksLikeCertificate(der)) return BuildFromSpki(SpkiFromCertificate(der));
    return BuildFromSpki(der);
  });
}

Result<PublicKey> PublicKey::FromPem(std::string_view pem) {
  TRADEFIN_ASSIGN_OR_RETURN(auto block, signing_internal::ParsePem(pem));
  if (block.label == "PUBLIC KEY" || block.label == "CERTIFICATE") {
    return FromDer(block.der);
  }
  if (block.label == "PRIVATE KEY") {
    return Status::InvalidArgument(
        "this is a private key; a public key (SPKI 'PUBLIC KEY' or "
        "'CERTIFICATE') was expected");
  }
  return Status::Unsupported("PEM block '" + block.label +
                             "' is not a PUBLIC KEY or CERTIFICATE");
}

Result<PublicKey> PublicKey::FromFile(const std::string& path) {
  TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  Result<PublicKey> key = bytes.find("-----BEGIN") != std::string::npos
                              ? FromPem(bytes)
                              : FromDer(bytes);
  if (!key.ok()) return key.status().WithPrefix(path);
  return key;
}

Result<PublicKey> PublicKey::FromEd25519Raw(std::string_view raw32) {
  if (raw32.size() != 32) {
    return Status::InvalidArgument("Ed25519 public key must be 32 bytes");
  }
  return Guard("Ed25519 public key", [&]() -> Result<PublicKey> {
    CryptoPP::ed25519::Verifier v(
        reinterpret_cast<const CryptoPP::byte*>(raw32.data()));
    return BuildFromSpki(Encode(
        dynamic_cast<const CryptoPP::ed25519PublicKey&>(v.GetPublicKey())));
  });
}

KeyType PublicKey::type() const { return rep_->type; }
int PublicKey::bits() const { return rep_->bits; }
std::string PublicKey::spki_der() const { return rep_->spki_der; }
std::string PublicKey::ToPem() const {
  return signing_internal::ToPem("PUBLIC KEY", rep_->spki_der);
}
std::string PublicKey::key_id() const { return rep_->key_id; }
std::string PublicKey::ed25519_raw() const { return rep_->ed25519_raw; }

bool PublicKey::Verify(std::string_view message,
                       std::string_view signature) const {
  return signing_internal::VerifyWith(*this, HashAlg::kSha256, message,
                                      signature);
}

// ---- PrivateKey ----

PrivateKey::PrivateKey(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}
PrivateKey::PrivateKey(const PrivateKey&) = default;
PrivateKey& PrivateKey::operator=(const PrivateKey&) = default;
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;
PrivateKey::~PrivateKey() = default;
PrivateKey::Rep::~Rep() { signing_internal::Wipe(&pkcs8_der); }

namespace {

Result<PrivateKey> Finish(std::shared_ptr<signing_internal::KeyAccess::PrivateRep> rep) {
  std::string spki;
  if (rep->type == KeyType::kEd25519) {
    CryptoPP::ed25519::Verifier v(*rep->ed25519);
    spki = Encode(
        dynamic_cast<const CryptoPP::ed25519PublicKey&>(v.GetPublicKey()));
  } else {
    EcdsaP256::PublicKey pub;
    rep->ecdsa->AccessKey().MakePublicKey(pub);
    pub.AccessGroupParameters().SetEncodeAsOID(true);
    pub.AccessGroupParameters().SetPointCompression(false);
    spki = Encode(pub);
  }
  TRADEFIN_ASSIGN_OR_RETURN(rep->public_key, BuildFromSpki(spki));
  return signing_internal::KeyAccess::Make(
      std::shared_ptr<const signing_internal::KeyAccess::PrivateRep>(std::move(rep)));
}

}  // namespace

Result<PrivateKey> PrivateKey::Generate(KeyType type) {
  return Guard("key generation", [&]() -> Result<PrivateKey> {
    auto rep = std::make_shared<Rep>();
    rep->type = type;
    if (type == KeyType::kEd25519) {
      rep->ed25519 = std::make_unique<CryptoPP::ed25519::Signer>(Rng());
      rep->pkcs8_der = Encode(dynamic_cast<const CryptoPP::ed25519PrivateKey&>(
          rep->ed25519->GetPrivateKey()));
    } else if (type == KeyType::kEcdsaP256) {
      rep->ecdsa = std::make_unique<EcdsaP256::Signer>();
      rep->ecdsa->AccessKey().Initialize(Rng(), CryptoPP::ASN1::secp256r1());
      rep->ecdsa->AccessKey().AccessGroupParameters().SetEncodeAsOID(true);
      rep->pkcs8_der = Encode(rep->ecdsa->GetKey());
    } else {
      return Status::Unsupported(
          "RSA key generation is not supported (use Ed25519 or ECDSA P-256)");
    }
    return Finish(std::move(rep));
  });
}

Result<PrivateKey> PrivateKey::FromPem(std::string_view pem) {
  TRADEFIN_ASSIGN_OR_RETURN(auto block, signing_internal::ParsePem(pem));
  // The decoded PKCS#8 is secret: wiped on every way out.
  struct WipeOnExit {
    std::string* s;
    ~WipeOnExit() { signing_internal::Wipe(s); }
  } wipe_der{&block.der};
  if (block.label != "PRIVATE KEY") {
    return Status::Unsupported(
        "PEM block '" + block.label +
        "' is not an unencrypted PKCS#8 'PRIVATE KEY' (convert with "
        "'openssl pkcs8 -topk8 -nocrypt')");
  }
  return Guard("private key", [&]() -> Result<PrivateKey> {
    AlgorithmId alg = ReadAlgorithmId(block.der, /*pkcs8=*/true);
    auto rep = std::make_shared<Rep>();
    StringSource src(reinterpret_cast<const CryptoPP::byte*>(block.der.data()),
                     block.der.size(), true);
    if (alg.algorithm == OidEd25519()) {
      rep->type = KeyType::kEd25519;
      rep->ed25519 = std::make_unique<CryptoPP::ed25519::Signer>(src);
      rep->pkcs8_der = Encode(dynamic_cast<const CryptoPP::ed25519PrivateKey&>(
          rep->ed25519->GetPrivateKey()));
    } else if (alg.algorithm == OidEcPublicKey()) {
      if (!(alg.curve == CryptoPP::ASN1::secp256r1())) {
        return Status::Unsupported("EC private key is not on P-256");
      }
      rep->type = KeyType::kEcdsaP256;
      rep->ecdsa = std::make_unique<EcdsaP256::Signer>();
      rep->ecdsa->AccessKey().BERDecode(src);
      rep->ecdsa->AccessKey().AccessGroupParameters().SetEncodeAsOID(true);
      if (!rep->ecdsa->GetKey().Validate(Rng(), 1)) {
        return Status::InvalidArgument("EC private key fails validation");
      }
      rep->pkcs8_der = Encode(rep->ecdsa->GetKey());
    } else if (alg.algorithm == OidRsa()) {
      return Status::Unsupported(
          "RSA private keys cannot sign in tradefin (verify only); use "
          "Ed25519 or ECDSA P-256");
    } else {
      return Status::Unsupported("private key algorithm is not Ed25519 or "
                                 "EC P-256");
    }
    return Finish(std::move(rep));
  });
}

Result<PrivateKey> PrivateKey::FromFile(const std::string& path) {
  TRADEFIN_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  Result<PrivateKey> key = FromPem(bytes);
  signing_internal::Wipe(&bytes);
  if (!key.ok()) return key.status().WithPrefix(path);
  return key;
}

KeyType PrivateKey::type() const { return rep_->type; }
PublicKey PrivateKey::public_key() const { return rep_->public_key; }
std::string PrivateKey::ToPem() const {
  return signing_internal::ToPem("PRIVATE KEY", rep_->pkcs8_der);
}

Status PrivateKey::WriteFile(const std::string& path) const {
  // O_EXCL: never replace an existing key; 0600 from creation, so the key
  // is never readable by others even for an instant.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    int err = errno;
    if (err == EEXIST) {
      return Status::AlreadyExists(path + ": file exists; refusing to "
                                          "overwrite a key");
    }
    return Status::IOError(path + ": cannot create (" + std::strerror(err) +
                           ")");
  }
  ::fchmod(fd, 0600);  // in case a umask-free filesystem ignored the mode
  std::string pem = ToPem();
  struct WipeOnExit {
    std::string* s;
    ~WipeOnExit() { signing_internal::Wipe(s); }
  } wipe_pem{&pem};
  size_t done = 0;
  while (done < pem.size()) {
    ssize_t n = ::write(fd, pem.data() + done, pem.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      return Status::IOError(path + ": write failed (" + std::strerror(err) +
                             ")");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    return Status::IOError(path + ": could not flush the key file");
  }
  return Status::Ok();
}

Result<std::string> PrivateKey::Sign(std::string_view message) const {
  return Guard("signing", [&]() -> Result<std::string> {
    const auto* msg = reinterpret_cast<const CryptoPP::byte*>(message.data());
    if (rep_->type == KeyType::kEd25519) {
      std::string sig(64, '\0');
      size_t n = rep_->ed25519->SignMessage(
          Rng(), msg, message.size(),
          reinterpret_cast<CryptoPP::byte*>(sig.data()));
      sig.resize(n);
      return sig;
    }
    std::lock_guard<std::mutex> l(rep_->ecdsa_mu);
    std::string sig(rep_->ecdsa->MaxSignatureLength(), '\0');
    size_t n = rep_->ecdsa->SignMessage(
        Rng(), msg, message.size(),
        reinterpret_cast<CryptoPP::byte*>(sig.data()));
    sig.resize(n);  // P1363 r||s, 64 bytes
    return sig;
  });
}

// ---- encodings ----

// Declared in tradefin/core/hash.h; defined here because Crypto++ lives in
// this module only.
Sha256Hash Sha256(std::string_view data) {
  Sha256Hash out;
  CryptoPP::SHA256().CalculateDigest(
      out.data(), reinterpret_cast<const CryptoPP::byte*>(data.data()), data.size());
  return out;
}

}  // namespace tradefin
