// Store entry decoding (docs/formats/store.md §2): the exact leaf bytes a
// bundle, `tradefin verify-proof --entry` and the store's audit decode.
// Property, from entry.h: "DecodeEntry accepts only bytes EncodeEntry could
// have produced", so every decoded entry re-encodes to the same bytes (and
// its signing input is a prefix of them).
#include "fuzz_common.h"
#include "tradefin/store/entry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  std::string_view in = fuzz::AsView(data, size);
  auto entry = DecodeEntry(in);
  if (!entry.ok()) return 0;
  std::string again = EncodeEntry(*entry);
  if (again != in) {
    fuzz::Broken("DecodeEntry accepted bytes EncodeEntry does not produce",
                 "decoded " + std::to_string(in.size()) + " bytes, re-encoded " +
                     std::to_string(again.size()));
  }
  (void)EntryTypeName(entry->type);
  (void)EntrySigningInput(*entry);
  (void)HashHex(EntryLeafHash(in));
  return 0;
}
