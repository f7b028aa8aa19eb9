// Financing events (schemas/financing-event.xsd), as the store reads a
// signed event before deciding whether to accept it (`tradefin finance`,
// bundles): FinancingEventReader::Parse over untrusted XML. Property: a
// parsed event written back with FinancingEventXml parses again to the same
// XML (the writer's output is valid for every event the reader accepts).
#include "fuzz_common.h"
#include "tradefin/document/financing_event.h"

namespace {

const tradefin::FinancingEventReader& Reader() {
  static const tradefin::FinancingEventReader* reader = [] {
    tradefin::fuzz::GlobalRuntime();
    auto r = tradefin::FinancingEventReader::Create();
    if (!r.ok()) tradefin::fuzz::Broken("FinancingEventReader::Create", r.status().ToString());
    return r->release();
  }();
  return *reader;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tradefin;
  const FinancingEventReader& reader = Reader();
  auto event = reader.Parse(fuzz::AsView(data, size));
  if (!event.ok()) return 0;
  (void)FinancingEventKindName(event->kind);
  std::string xml = FinancingEventXml(*event);
  auto again = reader.Parse(xml);
  if (!again.ok()) {
    fuzz::Broken("FinancingEventXml of an accepted event does not parse",
                 again.status().ToString() + "\n" + xml);
  }
  if (FinancingEventXml(*again) != xml) {
    fuzz::Broken("financing event changed on a write/read round trip", xml);
  }
  return 0;
}
