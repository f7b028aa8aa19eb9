// Checks shared by the store's fault and crash tests: reopen a store with
// the default file system, and require a clean audit.
#ifndef TRADEFIN_TESTS_TESTING_STORE_CHECKS_H_
#define TRADEFIN_TESTS_TESTING_STORE_CHECKS_H_

#include <memory>
#include <string>

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

}  // namespace tradefin::testing

#endif  // TRADEFIN_TESTS_TESTING_STORE_CHECKS_H_
