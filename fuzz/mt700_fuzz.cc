// SWIFT MT700 with its MT701 continuations, as `tradefin import mt700`
// takes them: the input is split at fuzz::kSeparator into the MT700 and up
// to 7 MT701s. Properties: an import with issues carries no credit and one
// without carries one (the documented Mt700Import contract); an imported
// credit renders as LC XML, and when ExportMt700 can write it back as FIN,
// that FIN imports again to the same credit (same LC XML).
#include "fuzz_common.h"
#include "tradefin/document/swift.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  auto parts = fuzz::Split(fuzz::AsView(data, size));
  if (parts.size() > 8) return 0;
  auto imported = ImportMt700(parts, {});
  if (!imported.ok()) return 0;
  for (const auto& issue : imported->issues) (void)FormatSwiftIssue(issue, "fuzz.fin");
  if (imported->issues.empty() != imported->lc.has_value()) {
    fuzz::Broken("Mt700Import: credit present iff no issues");
  }
  if (!imported->lc) return 0;
  std::string xml = LetterOfCreditToXml(*imported->lc);
  auto fin = ExportMt700(*imported->lc, {});
  if (!fin.ok()) return 0;  // not expressible in FIN: a refusal, not a bug
  std::vector<std::string_view> again_parts(fin->begin(), fin->end());
  auto again = ImportMt700(again_parts, {});
  if (!again.ok() || !again->lc) {
    std::string why = again.ok() && !again->issues.empty()
                          ? FormatSwiftIssue(again->issues.front(), "export")
                          : std::string("import failed");
    fuzz::Broken("exported MT700 does not import again", why + "\n" + (*fin)[0]);
  }
  if (LetterOfCreditToXml(*again->lc) != xml) {
    fuzz::Broken("MT700 import -> export -> import changed the credit",
                 xml + "\n----\n" + LetterOfCreditToXml(*again->lc));
  }
  return 0;
}
