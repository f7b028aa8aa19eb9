// Issue 13: Result<T> and Status must stay consistent in a release build,
// where an assert() would be compiled out. This file is compiled with
// NDEBUG defined, whatever the build type, so the test proves the release
// behaviour and not the assert.
#ifndef NDEBUG
#define NDEBUG 1
#endif

#include "tradefin/core/result.h"

#include <string>

#include "testing/testing.h"
#include "tradefin/core/status.h"

namespace tradefin {
namespace {

Result<int> FromOkStatus() { return Status(); }

Result<int> Forward() {
  TRADEFIN_ASSIGN_OR_RETURN(int v, FromOkStatus());
  return v + 1;
}

}  // namespace

TEST_CASE("issue 13: a Result built from an OK Status is an internal error") {
  Result<int> r = FromOkStatus();
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r.status().ok());
  CHECK(r.status().code() == StatusCode::kInternal);
  CHECK(r.status().IsInternal());
  CHECK(std::string(r.status().message()).find("OK Status") != std::string::npos);
  // ASSIGN_OR_RETURN passes a failure upward, never a valueless "success".
  Result<int> f = Forward();
  CHECK_FALSE(f.ok());
  CHECK(f.status().code() == StatusCode::kInternal);
}

TEST_CASE("issue 13: Status(kOk, message) is OK, with code and ok() agreeing") {
  Status s(StatusCode::kOk, "ignored");
  CHECK(s.ok());
  CHECK(s.code() == StatusCode::kOk);
  CHECK(s.message().empty());
  CHECK(s.ToString() == "OK");
}

TEST_CASE("Status predicates name one code each") {
  CHECK(Status::InvalidArgument("x").IsInvalidArgument());
  CHECK(Status::NotFound("x").IsNotFound());
  CHECK(Status::AlreadyExists("x").IsAlreadyExists());
  CHECK(Status::FailedPrecondition("x").IsFailedPrecondition());
  CHECK(Status::Corruption("x").IsCorruption());
  CHECK(Status::IOError("x").IsIOError());
  CHECK(Status::Unsupported("x").IsUnsupported());
  CHECK(Status::Internal("x").IsInternal());
  CHECK_FALSE(Status::NotFound("x").IsInvalidArgument());
  CHECK_FALSE(Status().IsNotFound());
}

TEST_CASE("a default-constructed Result holds no value and says so") {
  Result<std::string> r;
  CHECK_FALSE(r.ok());
  CHECK(r.status().IsInternal());
  r = std::string("later");
  REQUIRE_OK(r);
  CHECK(*r == "later");
}

TEST_CASE("Result keeps a value and a non-OK Status apart") {
  Result<int> v = 7;
  REQUIRE_OK(v);
  CHECK(*v == 7);
  CHECK(v.status().ok());
  Result<int> e = Status::NotFound("entry 9");
  CHECK_FALSE(e.ok());
  CHECK(e.status().IsNotFound());
  CHECK(e.status().message() == "entry 9");
}

}  // namespace tradefin
