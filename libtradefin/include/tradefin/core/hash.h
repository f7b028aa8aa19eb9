// Sha256Hash: the one type for a SHA-256 value across the public API (leaf
// hashes, tree roots, document digests, inclusion paths), with hex text.
// Computing SHA-256 needs Crypto++ and so lives elsewhere: Sha256() in
// tradefin/signing/keys.h, EntryLeafHash() in tradefin/store/entry.h,
// TlogLeafHash() in tradefin/store/proof.h.
//
//   tradefin::Sha256Hash leaf = tradefin::TlogLeafHash(entry_bytes);
//   std::cout << tradefin::HashHex(leaf);   // 64 lowercase hex digits
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

// Lowercase hex of a hash (64 characters).
TRADEFIN_EXPORT std::string HashHex(const Sha256Hash& hash);

// The hash written as 64 hex digits (either case); kInvalidArgument for any
// other text.
TRADEFIN_EXPORT Result<Sha256Hash> Sha256HashFromHex(std::string_view hex);

// The hash held in exactly 32 raw bytes (e.g. the output of Sha256());
// kInvalidArgument for any other length.
TRADEFIN_EXPORT Result<Sha256Hash> Sha256HashFromBytes(std::string_view raw);

}  // namespace tradefin

#endif  // TRADEFIN_CORE_HASH_H_
