// Sha256Hash: the one type for a SHA-256 value across the public API (leaf
// hashes, tree roots, document digests, inclusion paths), SHA-256 itself,
// and hex text. (Base64: tradefin/core/base64.h. The hashes of the log's
// own records: EntryLeafHash() in tradefin/store/entry.h, TlogLeafHash() in
// tradefin/store/proof.h.)
//
//   tradefin::Sha256Hash digest = tradefin::Sha256(document_bytes);
//   std::cout << tradefin::HashHex(digest);   // 64 lowercase hex digits
//
// Thread safety: pure functions.
#ifndef TRADEFIN_CORE_HASH_H_
#define TRADEFIN_CORE_HASH_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "tradefin/core/export.h"
#include "tradefin/core/result.h"

namespace tradefin {

// A SHA-256 output, 32 bytes. Value-initialise it (`Sha256Hash h{};`) for
// all zeros.
using Sha256Hash = std::array<uint8_t, 32>;

// SHA-256 (FIPS 180-4) of `data`. The digest is computed with Crypto++,
// which the library links in any case; declaring it here gives every caller
// the one hash type.
TRADEFIN_EXPORT Sha256Hash Sha256(std::string_view data);

// Lowercase hex of a hash (64 characters).
TRADEFIN_EXPORT std::string HashHex(const Sha256Hash& hash);

// Lowercase hex of any bytes (two characters per byte), e.g. a key id
// shortened for display or a raw signature in a diagnostic.
TRADEFIN_EXPORT std::string HexEncode(std::string_view bytes);

// The hash as 32 raw bytes (e.g. for a storage key or a byte comparison
// with a digest read from a file).
TRADEFIN_EXPORT std::string HashBytes(const Sha256Hash& hash);

// The hash written as 64 hex digits (either case); kInvalidArgument for any
// other text.
TRADEFIN_EXPORT Result<Sha256Hash> Sha256HashFromHex(std::string_view hex);

// The hash held in exactly 32 raw bytes (e.g. a digest read from a file);
// kInvalidArgument for any other length.
TRADEFIN_EXPORT Result<Sha256Hash> Sha256HashFromBytes(std::string_view raw);

}  // namespace tradefin

#endif  // TRADEFIN_CORE_HASH_H_
