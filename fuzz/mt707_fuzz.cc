// SWIFT MT707 amendments with MT708 continuations, as `tradefin import
// mt707` takes them: the input is split at fuzz::kSeparator into the MT707
// and its MT708s, applied to the credit of samples/swift (the original a
// counterparty amends is trusted; the amendment is not). Property: an
// amended credit is present iff there are no issues.
#include "fuzz_common.h"
#include "tradefin/document/swift.h"

namespace {

const tradefin::LetterOfCredit& Original() {
  static const tradefin::LetterOfCredit* lc = [] {
    std::string fin = tradefin::fuzz::Fixture("mt700-original.fin");
    auto imported = tradefin::ImportMt700({fin}, {});
    if (!imported.ok() || !imported->lc) tradefin::fuzz::Broken("fixture MT700 does not import");
    return new tradefin::LetterOfCredit(*imported->lc);
  }();
  return *lc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  const LetterOfCredit& original = Original();
  auto parts = fuzz::Split(fuzz::AsView(data, size));
  auto amended = ImportMt707Sequence(parts, original, {});
  if (!amended.ok()) return 0;
  for (const auto& issue : amended->issues) (void)FormatSwiftIssue(issue, "fuzz.fin");
  if (amended->issues.empty() != amended->amended.has_value()) {
    fuzz::Broken("Mt707Import: credit present iff no issues");
  }
  if (amended->amended) (void)LetterOfCreditToXml(*amended->amended);
  return 0;
}
