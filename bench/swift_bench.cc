// MT700 import and export throughput on one core: the sample MT700
// (samples/swift/mt700-DEL25LC0001234.fin). Goal (issue 5): >= 20,000 imports/s.
//
//   build/bin/swift_bench [path/to/mt700.fin]
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "bench_util.h"
#include "tradefin/document/swift.h"

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1]
                              : std::string(TRADEFIN_SOURCE_DIR) +
                                    "/samples/swift/mt700-DEL25LC0001234.fin";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    return 2;
  }
  std::ostringstream s;
  s << in.rdbuf();
  const std::string fin = s.str();
  const std::string_view view = fin;
  auto first = tradefin::ImportMt700({view}, {});
  if (!first.ok() || !first->ok()) {
    std::fprintf(stderr, "sample does not import cleanly\n");
    return 2;
  }
  const tradefin::LetterOfCredit lc = *first->lc;
  std::size_t sink = 0;
  double imports = tradefin::bench::MeasureOpsPerSec([&] {
    auto r = tradefin::ImportMt700({view}, {});
    sink += r->issues.size() + (r->lc ? r->lc->goods_description.size() : 0);
  });
  double exports = tradefin::bench::MeasureOpsPerSec([&] {
    auto r = tradefin::ExportMt700(lc, {});
    sink += (*r)[0].size();
  });
  double xml = tradefin::bench::MeasureOpsPerSec([&] {
    sink += tradefin::LetterOfCreditToXml(lc).size();
  });
  std::printf("machine: %s\n", tradefin::bench::MachineDescription().c_str());
  std::printf("message: %s (%zu bytes)\n", path.c_str(), fin.size());
  std::printf("MT700 import (parse + all rules): %.0f msgs/s (goal >= 20000)\n",
              imports);
  std::printf("MT700 export (FIN text):          %.0f msgs/s\n", exports);
  std::printf("LC XML writer:                    %.0f docs/s\n", xml);
  return sink == 0 ? 1 : 0;
}
