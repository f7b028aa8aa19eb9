// Checks shared by the store's fault and crash tests: reopen a store with
// the default file system, require a clean audit, and make many distinct
// shipments from the sample one.
#ifndef TRADEFIN_TESTS_TESTING_STORE_CHECKS_H_
#define TRADEFIN_TESTS_TESTING_STORE_CHECKS_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "testing/testing.h"
#include "tradefin/store/store.h"

namespace tradefin::testing {

// Opens the store in `dir` as a user would (default Env); fails the test if
// it does not open.
inline std::unique_ptr<Store> OpenDefault(const std::string& dir) {
  OpenStoreOptions o;
  o.dir = dir;
  auto st = Store::Open(o);
  REQUIRE_OK(st);
  return std::move(*st);
}

// Fails the test unless `s` audits clean.
inline void RequireClean(Store& s) {
  auto audit = s.Audit(AuditOptions());
  REQUIRE_OK(audit);
  REQUIRE_MESSAGE(audit->clean, audit->problem);
}

// samples/shipment/<name> with every occurrence of each `from` replaced by
// its `to` (e.g. the credit and consignment numbers, so that each shipment
// of a test has its own natural keys).
inline std::string RenumberedSample(
    const char* name, const std::vector<std::pair<std::string, std::string>>& swaps) {
  std::string xml = ReadFile(SourceDir() / "samples" / "shipment" / name);
  for (const auto& [from, to] : swaps)
    for (size_t p = xml.find(from); p != std::string::npos; p = xml.find(from, p + to.size()))
      xml.replace(p, from.size(), to);
  return xml;
}

}  // namespace tradefin::testing

#endif  // TRADEFIN_TESTS_TESTING_STORE_CHECKS_H_
