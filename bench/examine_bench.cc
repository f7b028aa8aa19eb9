// Examination throughput on one core: the sample presentation (credit +
// waybill + invoice + customs declaration, samples/shipment). Goal
// (issue 5): >= 2,000 examinations/s with four documents.
//
//   build/bin/examine_bench            (run pinned: taskset -c 0 ...)
//
// Three figures from the same run:
//   examine (pre-parsed)    Examine() on models parsed once up front
//   parse 4 docs (anchor)   Validator::Parse of the four XML files only
//   parse + examine         both, i.e. what `tradefin examine` does per run
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/validate.h"
#include "tradefin/rules/examine.h"

namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main() {
  tradefin::Runtime runtime;
  const std::string dir = std::string(TRADEFIN_SOURCE_DIR) + "/samples/shipment/";
  const std::vector<std::string> names = {
      "letter-of-credit.xml", "rail-waybill.xml", "commercial-invoice.xml",
      "customs-declaration.xml"};
  std::vector<std::string> bytes;
  for (const std::string& n : names) bytes.push_back(Read(dir + n));
  auto validator = tradefin::Validator::Create({});
  if (!validator.ok()) {
    std::fprintf(stderr, "%s\n", validator.status().ToString().c_str());
    return 2;
  }
  auto build = [&](tradefin::LetterOfCredit* lc,
                   tradefin::Presentation* p) -> bool {
    for (size_t i = 0; i < bytes.size(); ++i) {
      auto doc = (*validator)->Parse(bytes[i], names[i]);
      if (!doc.ok()) {
        std::fprintf(stderr, "%s\n", doc.status().ToString().c_str());
        return false;
      }
      switch (doc->type) {
        case tradefin::DocumentType::kLetterOfCredit:
          *lc = std::get<tradefin::LetterOfCredit>(doc->model);
          break;
        case tradefin::DocumentType::kRailWaybill:
          p->waybills.push_back(std::get<tradefin::RailWaybill>(doc->model));
          break;
        case tradefin::DocumentType::kCommercialInvoice:
          p->invoices.push_back(
              std::get<tradefin::CommercialInvoice>(doc->model));
          break;
        case tradefin::DocumentType::kCustomsDeclaration:
          p->customs_declarations.push_back(
              std::get<tradefin::CustomsDeclaration>(doc->model));
          break;
      }
    }
    p->other_documents = {"packing list", "certificate of origin"};
    p->presentation_date = tradefin::Date{2025, 5, 28};
    return true;
  };
  tradefin::LetterOfCredit lc;
  tradefin::Presentation presentation;
  if (!build(&lc, &presentation)) return 2;
  auto first = tradefin::Examine(lc, presentation, {});
  if (!first.ok() || first->verdict == tradefin::Verdict::kDiscrepant) {
    std::fprintf(stderr, "sample presentation does not examine cleanly\n");
    return 2;
  }
  size_t sink = 0;
  const tradefin::ExamineOptions options;
  double examine = tradefin::bench::MeasureOpsPerSec([&] {
    auto r = tradefin::Examine(lc, presentation, options);
    sink += r->findings.size();
  });
  double parse = tradefin::bench::MeasureOpsPerSec([&] {
    tradefin::LetterOfCredit l;
    tradefin::Presentation p;
    sink += build(&l, &p) ? 1 : 0;
  });
  double both = tradefin::bench::MeasureOpsPerSec([&] {
    tradefin::LetterOfCredit l;
    tradefin::Presentation p;
    build(&l, &p);
    auto r = tradefin::Examine(l, p, options);
    sink += r->findings.size();
  });
  std::printf("machine: %s\n", tradefin::bench::MachineDescription().c_str());
  std::printf("examine (pre-parsed models, 4 documents): %10.0f /s  (%.1f us)\n",
              examine, 1e6 / examine);
  std::printf("parse 4 docs, Validator (anchor):         %10.0f /s  (%.1f us)\n",
              parse, 1e6 / parse);
  std::printf("parse + examine:                          %10.0f /s  (%.1f us)\n",
              both, 1e6 / both);
  std::printf("(sink %zu)\n", sink);
  return 0;
}
