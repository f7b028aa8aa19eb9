// Status: whether an operation could be carried out.
//
// A Status never carries a verdict. "The signature is invalid" or "the
// document breaks rule X" are data in a report; a non-OK Status only ever
// means "could not check" (unreadable file, corrupt store, internal error).
//
// Messages name the object concerned (file, key, element path) and never
// contain key material.
//
// Thread safety: a Status is an immutable value; copies may be used from
// any thread.
#ifndef TRADEFIN_CORE_STATUS_H_
#define TRADEFIN_CORE_STATUS_H_

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "tradefin/core/export.h"

namespace tradefin {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,     // bad input: malformed file, bad option value
  kNotFound = 2,            // a named object does not exist
  kAlreadyExists = 3,       // e.g. creating a store that exists
  kFailedPrecondition = 4,  // state forbids the operation (store in use...)
  kCorruption = 5,          // stored data fails its own integrity checks
  kIOError = 6,             // the operating system refused a read or write
  kUnsupported = 7,         // valid request this version cannot carry out
  kInternal = 8,            // a bug or an unexpected third-party failure
};

// Returns a stable name such as "InvalidArgument".
TRADEFIN_EXPORT std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] TRADEFIN_EXPORT Status {
 public:
  // OK. Costs one null pointer.
  Status() noexcept = default;
  // A status with `code` and `message`. With code == kOk the result is OK
  // and the message is dropped (as abseil does), so ok() and code() always
  // agree, in release builds too.
  Status(StatusCode code, std::string_view message);

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string_view msg);
  static Status NotFound(std::string_view msg);
  static Status AlreadyExists(std::string_view msg);
  static Status FailedPrecondition(std::string_view msg);
  static Status Corruption(std::string_view msg);
  static Status IOError(std::string_view msg);
  static Status Unsupported(std::string_view msg);
  static Status Internal(std::string_view msg);

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const;

  // One predicate per code, so callers need not compare code() by hand:
  //   if (r.status().IsNotFound()) ...
  bool IsInvalidArgument() const { return code() == StatusCode::kInvalidArgument; }
  bool IsNotFound() const { return code() == StatusCode::kNotFound; }
  bool IsAlreadyExists() const { return code() == StatusCode::kAlreadyExists; }
  bool IsFailedPrecondition() const {
    return code() == StatusCode::kFailedPrecondition;
  }
  bool IsCorruption() const { return code() == StatusCode::kCorruption; }
  bool IsIOError() const { return code() == StatusCode::kIOError; }
  bool IsUnsupported() const { return code() == StatusCode::kUnsupported; }
  bool IsInternal() const { return code() == StatusCode::kInternal; }
  // Empty for OK.
  std::string_view message() const;
  // "OK" or "<CodeName>: <message>".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>". OK stays OK.
  Status WithPrefix(std::string_view prefix) const;

 private:
  struct Rep;
  std::shared_ptr<const Rep> rep_;  // null iff OK
};

// Writes ToString(): "OK" or "<CodeName>: <message>".
TRADEFIN_EXPORT std::ostream& operator<<(std::ostream& os, const Status& status);

}  // namespace tradefin

// Evaluates `expr` (a Status); returns it from the enclosing function if it
// is not OK.
#define TRADEFIN_RETURN_IF_ERROR(expr)                 \
  do {                                                 \
    ::tradefin::Status _tradefin_status = (expr);      \
    if (!_tradefin_status.ok()) return _tradefin_status; \
  } while (0)

#endif  // TRADEFIN_CORE_STATUS_H_
