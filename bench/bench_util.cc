#include "bench_util.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "tradefin/signing/xmldsig.h"

namespace tradefin::bench {

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

std::vector<std::string> SignedWaybills(int n, const Signer& signer) {
  std::ifstream in(std::string(TRADEFIN_SOURCE_DIR) + "/samples/shipment/rail-waybill.xml");
  std::stringstream raw;
  raw << in.rdbuf();
  const std::string sample = raw.str();
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string xml = sample;
    char num[16];
    std::snprintf(num, sizeof num, "25CX%06d", i);
    size_t p;
    while ((p = xml.find("25CX050417")) != std::string::npos) xml.replace(p, 10, num);
    out.push_back(Need(SignDocument(xml, signer, SignOptions()), "sign"));
  }
  return out;
}

uint64_t DirBytes(const std::filesystem::path& dir) {
  uint64_t n = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

double MeasureOpsPerSec(const std::function<void()>& fn, double min_seconds) {
  // Warm-up: caches, allocator pools, lazily built parser objects.
  auto warm = std::chrono::steady_clock::now();
  while (Seconds(warm) < min_seconds / 10) fn();

  long long calls = 0;
  long long batch = 1;
  auto start = std::chrono::steady_clock::now();
  double elapsed = 0;
  // Batches keep the clock reads out of the measured loop for fast calls.
  while (elapsed < min_seconds) {
    for (long long i = 0; i < batch; ++i) fn();
    calls += batch;
    elapsed = Seconds(start);
    if (batch < (1 << 20)) batch *= 2;
  }
  return static_cast<double>(calls) / elapsed;
}

std::string MachineDescription() {
  std::string model = "unknown CPU";
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) {
        model = line.substr(colon + 1);
        while (!model.empty() && model.front() == ' ') model.erase(0, 1);
      }
      break;
    }
  }
  return model + " (nproc " +
         std::to_string(std::thread::hardware_concurrency()) + ")";
}

}  // namespace tradefin::bench
