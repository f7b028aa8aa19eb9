// Trust for signature verification: which public keys tradefin accepts.
//
// A key found in a document's KeyInfo is never trusted by itself: it is a
// lookup hint, and only counts if it is equal to a key the TrustStore
// already holds. Trust comes from pinned keys (files, `--key`), a trust
// list file (`--trust`, format below and in docs/formats/
// signature-profile.md), or the store's party registry, which implements
// this interface.
//
// Thread safety: FindKey is const and must be safe to call concurrently;
// PinnedKeyTrustStore is safe for concurrent reads once built.
#ifndef TRADEFIN_SIGNING_TRUST_STORE_H_
#define TRADEFIN_SIGNING_TRUST_STORE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"
#include "tradefin/signing/keys.h"

namespace tradefin {

struct TrustedKey {
  // Who the key belongs to ("Bank of Example", a party id, or the file name
  // it was pinned from). Reported as the signer.
  std::string name;
  PublicKey key;
};

class TRADEFIN_EXPORT TrustStore {
 public:
  virtual ~TrustStore();
  // The trusted key to verify a signature with, or nullptr if none is
  // trusted. `key_name_hint` is the document's KeyName ("" if none);
  // `keyinfo_candidates` are the keys the document carries in KeyInfo
  // (KeyValue, X509Certificate), untrusted. The returned pointer lives as
  // long as the store.
  virtual const TrustedKey* FindKey(
      std::string_view key_name_hint,
      const std::vector<PublicKey>& keyinfo_candidates) const = 0;
};

// Keys pinned explicitly. Lookup order:
//  1. KeyName equal to a trusted key's key id or name;
//  2. a KeyInfo candidate whose key id equals a trusted key's;
//  3. if the document carries no KeyInfo key at all, its KeyName (if any)
//     is not a key id (64 hex digits), and exactly one key is pinned: that
//     key (like `xmlsec1 --pubkey-pem:NAME`);
// otherwise nullptr. A document whose KeyInfo carries only keys that are not
// pinned is therefore untrusted even when one key is pinned.
class TRADEFIN_EXPORT PinnedKeyTrustStore final : public TrustStore {
 public:
  PinnedKeyTrustStore();
  ~PinnedKeyTrustStore() override;

  // Adds `key` under `name` ("" = its key id).
  void Add(std::string name, PublicKey key);
  // Reads a public key file (SPKI PEM, certificate PEM/DER) and pins it
  // under its file name. Errors as PublicKey::FromFile.
  Status AddKeyFile(const std::string& path);
  // Reads a trust list: UTF-8 text, one key per line,
  //   <name-or-key-id> <path to public key or certificate>
  // blank lines and lines starting with '#' ignored; relative paths are
  // relative to the list's directory. If the first field is 64 hex digits
  // it must equal the key's id (a pin check). Errors: kIOError,
  // kInvalidArgument naming the file and line.
  Status AddTrustList(const std::string& path);

  size_t size() const { return keys_.size(); }
  const std::vector<TrustedKey>& keys() const { return keys_; }

  const TrustedKey* FindKey(
      std::string_view key_name_hint,
      const std::vector<PublicKey>& keyinfo_candidates) const override;

 private:
  std::vector<TrustedKey> keys_;
};

}  // namespace tradefin

#endif  // TRADEFIN_SIGNING_TRUST_STORE_H_
