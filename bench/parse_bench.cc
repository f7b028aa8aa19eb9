// Parse and validation throughput on the sample documents (issue 2 goal:
// parse + XSD + semantic checks of a ~10 KB document at >= 40% of the raw
// libxml2 parse rate, one core).
//
// Rows, per document, docs/s on one thread:
//   raw libxml2   xmlReadMemory + xmlFreeDoc, default options (the floor;
//                 xml/raw_parse.h, since only the xml module sees libxml2)
//   hardened      xml::Document::Parse (limits, DOCTYPE hook, UTF-8 check)
//   + XSD         hardened parse, then Xerces SchemaValidator::Validate
//   full          tradefin::Validator::Validate (parse + XSD + semantic)
//
// Usage: parse_bench [seconds-per-measurement]   (default 1.0)
//        parse_bench --profile STAGE DOC N
//          runs one stage (raw|hardened|xsd|full) N times on document DOC
//          (0-4, in table order) and nothing else, for callgrind/perf:
//          valgrind --tool=callgrind build/bin/parse_bench --profile xsd 4 200
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_util.h"
#include "tradefin/core/runtime.h"
#include "tradefin/document/validate.h"
#include "xml/raw_parse.h"
#include "xml/schema_validator.h"
#include "xml/xml_tree.h"

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// ISO 6346 check digit for the first 10 characters of a container number.
char CheckDigit(const std::string& s) {
  static const int kLetter[26] = {10, 12, 13, 14, 15, 16, 17, 18, 19,
                                  20, 21, 23, 24, 25, 26, 27, 28, 29,
                                  30, 31, 32, 34, 35, 36, 37, 38};
  int sum = 0;
  for (int i = 0; i < 10; ++i) {
    int v = (s[i] >= 'A' && s[i] <= 'Z') ? kLetter[s[i] - 'A'] : s[i] - '0';
    sum += v << i;
  }
  return static_cast<char>('0' + (sum % 11) % 10);
}

void ReplaceBetween(std::string* s, const std::string& open,
                    const std::string& close, const std::string& with) {
  size_t a = s->find(open);
  size_t b = s->find(close, a);
  if (a == std::string::npos || b == std::string::npos) return;
  s->replace(a, b + close.size() - a, with);
}

// The sample waybill grown to about 10 KB with more containers and goods
// lines, keeping check digits and totals consistent.
std::string SynthesizeWaybill(const std::string& sample) {
  std::string doc = sample;
  std::string goods = "<wb:Goods>\n";
  for (int i = 0; i < 10; ++i) {
    goods +=
        "    <wb:GoodsItem>\n"
        "      <wb:Description>INDUSTRIAL SERVO MOTORS MODEL TF-750W, 500 "
        "SETS, LOT " + std::to_string(i + 1) + "</wb:Description>\n"
        "      <wb:GngCode>85015100</wb:GngCode>\n"
        "      <wb:HsCode>850151</wb:HsCode>\n"
        "      <wb:Packing>PALLETS</wb:Packing>\n"
        "      <wb:Packages>10</wb:Packages>\n"
        "      <wb:GrossMassKg>2150</wb:GrossMassKg>\n"
        "      <wb:Marks>CHEMTRADE / DEL25LC0001234 / LODZ / " +
        std::to_string(i * 10 + 1) + "-" + std::to_string(i * 10 + 10) +
        "</wb:Marks>\n"
        "    </wb:GoodsItem>\n";
  }
  goods += "  </wb:Goods>";
  ReplaceBetween(&doc, "<wb:Goods>", "</wb:Goods>", goods);
  std::string containers = "<wb:Containers>\n";
  for (int i = 0; i < 20; ++i) {
    char serial[16];
    std::snprintf(serial, sizeof serial, "TFRU%06d", 2500100 + i * 7);
    std::string number = std::string(serial).substr(0, 10);
    number.push_back(CheckDigit(number));
    char seal[16];
    std::snprintf(seal, sizeof seal, "CX250520%02d", i + 1);
    containers += "    <wb:Container>\n      <wb:Number>" + number +
                  "</wb:Number>\n      <wb:SizeType>45G1</wb:SizeType>\n"
                  "      <wb:Seals>\n        <wb:Seal>" + seal +
                  "</wb:Seal>\n      </wb:Seals>\n    </wb:Container>\n";
  }
  containers += "  </wb:Containers>";
  ReplaceBetween(&doc, "<wb:Containers>", "</wb:Containers>", containers);
  return doc;
}

// One stage, n times, on one document (for profilers).
int Profile(const std::string& stage,
            const std::pair<std::string, std::string>& doc, int n) {
  const std::string& bytes = doc.second;
  auto xsd = tradefin::xml::SchemaValidator::Create();
  auto validator = tradefin::Validator::Create(tradefin::ValidateOptions());
  if (!xsd.ok() || !validator.ok()) return 2;
  for (int i = 0; i < n; ++i) {
    if (stage == "raw") {
      if (!tradefin::xml::internal::RawLibxml2ParseAndFree(bytes)) return 2;
    } else if (stage == "hardened") {
      tradefin::xml::ParseError e;
      if (tradefin::xml::Document::Parse(bytes, tradefin::ParseOptions(), &e) ==
          nullptr) {
        return 2;
      }
    } else if (stage == "xsd") {
      std::vector<tradefin::xml::SchemaError> errors;
      if (!(*xsd)->Validate(bytes, &errors).ok() || !errors.empty()) return 2;
    } else if (stage == "full") {
      auto r = (*validator)->Validate(bytes, doc.first);
      if (!r.ok() || !r->valid()) return 2;
    } else {
      std::fprintf(stderr, "unknown stage %s\n", stage.c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  tradefin::Runtime runtime;
  const double seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  const std::string dir = std::string(TRADEFIN_SOURCE_DIR) + "/samples/shipment/";
  std::vector<std::pair<std::string, std::string>> docs;
  for (const char* name : {"letter-of-credit.xml", "rail-waybill.xml",
                           "customs-declaration.xml",
                           "commercial-invoice.xml"}) {
    docs.emplace_back(name, ReadAll(dir + name));
  }
  docs.emplace_back("rail-waybill ~10 KB (synth.)",
                    SynthesizeWaybill(docs[1].second));

  if (argc == 5 && std::string(argv[1]) == "--profile") {
    return Profile(argv[2], docs.at(std::strtoul(argv[3], nullptr, 10)),
                   std::atoi(argv[4]));
  }

  auto xsd = tradefin::xml::SchemaValidator::Create();
  if (!xsd.ok()) {
    std::fprintf(stderr, "%s\n", xsd.status().ToString().c_str());
    return 2;
  }
  tradefin::ValidateOptions vopts;
  auto validator = tradefin::Validator::Create(vopts);
  if (!validator.ok()) {
    std::fprintf(stderr, "%s\n", validator.status().ToString().c_str());
    return 2;
  }

  std::printf("Machine: %s\n\n", tradefin::bench::MachineDescription().c_str());
  std::printf(
      "| document | bytes | raw libxml2 | hardened parse | parse + XSD | "
      "parse + XSD + semantic (Validator) | full / raw |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& [name, bytes] : docs) {
    // Sanity: every row must be doing real work on a valid document.
    tradefin::xml::ParseError perr;
    std::vector<tradefin::xml::SchemaError> serr;
    auto report = (*validator)->Validate(bytes, name);
    if (tradefin::xml::Document::Parse(bytes, tradefin::ParseOptions(), &perr) ==
            nullptr ||
        !(*xsd)->Validate(bytes, &serr).ok() || !serr.empty() || !report.ok() ||
        !report->valid()) {
      std::fprintf(stderr, "%s is not valid; not measuring it\n", name.c_str());
      if (report.ok()) {
        for (const auto& i : report->issues) {
          std::fprintf(stderr, "  %s\n", tradefin::FormatIssue(i).c_str());
        }
      }
      continue;
    }
    double raw = tradefin::bench::MeasureOpsPerSec(
        [&] {
          if (!tradefin::xml::internal::RawLibxml2ParseAndFree(bytes)) {
            std::abort();
          }
        },
        seconds);
    double hardened = tradefin::bench::MeasureOpsPerSec(
        [&] {
          tradefin::xml::ParseError e;
          auto d = tradefin::xml::Document::Parse(bytes, tradefin::ParseOptions(), &e);
          if (d == nullptr) std::abort();
        },
        seconds);
    double with_xsd = tradefin::bench::MeasureOpsPerSec(
        [&] {
          tradefin::xml::ParseError e;
          auto d = tradefin::xml::Document::Parse(bytes, tradefin::ParseOptions(), &e);
          std::vector<tradefin::xml::SchemaError> errors;
          if (d == nullptr || !(*xsd)->Validate(bytes, &errors).ok()) std::abort();
        },
        seconds);
    double full = tradefin::bench::MeasureOpsPerSec(
        [&] {
          auto r = (*validator)->Validate(bytes, name);
          if (!r.ok()) std::abort();
        },
        seconds);
    std::printf("| %s | %zu | %.0f | %.0f | %.0f | %.0f | %.0f%% |\n", name.c_str(),
                bytes.size(), raw, hardened, with_xsd, full, 100.0 * full / raw);
    std::fflush(stdout);
  }
  return 0;
}
