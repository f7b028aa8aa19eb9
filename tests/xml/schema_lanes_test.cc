// Validation lanes (schema_validator.cc): each concurrent caller validates in
// a lane with its own grammars and no process-wide lock. The risky moment
// is the first validations, when Xerces fills lazily built state (content
// models, a pattern's character map); these tests start several threads at
// once on fresh validators so those first fills race if anything is shared.
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "testing/testing.h"
#include "xml/schema_validator.h"

namespace tradefin::xml {
namespace {

using testing::ReadFile;
using testing::SourceDir;

std::vector<std::string> Samples() {
  std::vector<std::string> docs;
  for (const char* name : {"letter-of-credit.xml", "rail-waybill.xml",
                           "customs-declaration.xml", "commercial-invoice.xml"}) {
    docs.push_back(ReadFile(SourceDir() / "samples/shipment" / name));
  }
  return docs;
}

TEST_CASE("lanes: first validations on a fresh validator race safely"
          * doctest::test_suite("concurrency")) {
  const std::vector<std::string> docs = Samples();
  // A pattern-facet violation, so the regex path runs on the first scan too.
  std::string bad = docs[0];
  const std::string currency = "currency=\"EUR\"";
  size_t at = bad.find(currency);
  REQUIRE(at != std::string::npos);
  bad.replace(at, currency.size(), "currency=\"eur\"");
  for (int round = 0; round < 8; ++round) {
    CAPTURE(round);
    auto v = SchemaValidator::Create();
    REQUIRE_OK(v);
    constexpr int kThreads = 4;
    std::atomic<int> ready{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        ++ready;
        while (ready.load() < kThreads) std::this_thread::yield();
        for (int i = 0; i < 12; ++i) {
          const bool use_bad = (i + t) % 4 == 0;
          std::vector<SchemaError> errors;
          Status s = (*v)->Validate(use_bad ? bad : docs[(i + t) % docs.size()],
                                    &errors);
          if (!s.ok() || errors.empty() != !use_bad) ++failures;
        }
      });
    }
    for (auto& th : threads) th.join();
    CHECK(failures.load() == 0);
  }
}

TEST_CASE("lanes: a validator keeps working after its concurrent peak"
          * doctest::test_suite("concurrency")) {
  const std::vector<std::string> docs = Samples();
  auto v = SchemaValidator::Create();
  REQUIRE_OK(v);
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&, t] {
      std::vector<SchemaError> errors;
      if (!(*v)->Validate(docs[t], &errors).ok() || !errors.empty()) ++failures;
    });
  }
  for (auto& th : threads) th.join();
  CHECK(failures.load() == 0);
  // Reused lanes, one thread: same verdicts as before.
  for (const std::string& d : docs) {
    std::vector<SchemaError> errors;
    REQUIRE_STATUS_OK((*v)->Validate(d, &errors));
    CHECK(errors.empty());
  }
}

}  // namespace
}  // namespace tradefin::xml
