// Result<T>: a value of type T, or a non-OK Status saying why there is none.
//
//   Result<Money> r = Money::Parse("EUR", "1250000.00");
//   if (!r.ok()) return r.status();
//   int64_t cents = r->minor_units;
//
// A Result always either holds a value (ok()) or a non-OK status(); there
// is no third state. Building one from an OK Status (a bug in the caller,
// since there is no value to hold) gives a kInternal error instead, in every
// build type, so TRADEFIN_ASSIGN_OR_RETURN can never pass "success" upward
// without a value (abseil's StatusOr does the same).
//
// Thread safety: as for T.
#ifndef TRADEFIN_CORE_RESULT_H_
#define TRADEFIN_CORE_RESULT_H_

#include <utility>
#include <variant>

#include "tradefin/core/status.h"

namespace tradefin {

template <typename T>
class [[nodiscard]] Result {
 public:
  // No value yet: status() is kInternal ("Result holds no value") until a
  // value or a Status is assigned. Lets callers declare a Result before the
  // branch that fills it.
  Result()
      : rep_(std::in_place_index<0>,
             Status(StatusCode::kInternal,
                    "Result holds no value (default-constructed)")) {}
  // Implicit, so that `return value;` works.
  Result(T value) : rep_(std::in_place_index<1>, std::move(value)) {}
  // Implicit, so that `return status;` works. Should be non-OK; an OK
  // status becomes kInternal (see above).
  Result(Status status)
      : rep_(std::in_place_index<0>,
             status.ok() ? Status(StatusCode::kInternal,
                                  "Result built from an OK Status and no "
                                  "value (a bug in the code that returned it)")
                         : std::move(status)) {}

  bool ok() const { return rep_.index() == 1; }
  // OK when a value is present.
  Status status() const { return ok() ? Status() : std::get<0>(rep_); }

  // REQUIRES: ok().
  const T& value() const& { return std::get<1>(rep_); }
  T& value() & { return std::get<1>(rep_); }
  T&& value() && { return std::get<1>(std::move(rep_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<Status, T> rep_;
};

}  // namespace tradefin

#define TRADEFIN_RESULT_CONCAT_INNER_(a, b) a##b
#define TRADEFIN_RESULT_CONCAT_(a, b) TRADEFIN_RESULT_CONCAT_INNER_(a, b)

// TRADEFIN_ASSIGN_OR_RETURN(auto x, Expr()); declares x from the value, or
// returns the Status from the enclosing function.
#define TRADEFIN_ASSIGN_OR_RETURN(lhs, expr)                                  \
  auto TRADEFIN_RESULT_CONCAT_(_tradefin_result_, __LINE__) = (expr);          \
  if (!TRADEFIN_RESULT_CONCAT_(_tradefin_result_, __LINE__).ok())              \
    return TRADEFIN_RESULT_CONCAT_(_tradefin_result_, __LINE__).status();      \
  lhs = std::move(TRADEFIN_RESULT_CONCAT_(_tradefin_result_, __LINE__)).value()

#endif  // TRADEFIN_CORE_RESULT_H_
