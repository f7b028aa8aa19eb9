#include "tradefin/core/status.h"

#include <ostream>

namespace tradefin {

struct Status::Rep {
  StatusCode code;
  std::string message;
};

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kAlreadyExists: return "AlreadyExists";
    case StatusCode::kFailedPrecondition: return "FailedPrecondition";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kIOError: return "IOError";
    case StatusCode::kUnsupported: return "Unsupported";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

Status::Status(StatusCode code, std::string_view message) {
  // An OK code stays OK (rep_ null): a non-null rep with kOk would make
  // ok() false while code() says kOk, and callers would disagree on it.
  if (code == StatusCode::kOk) return;
  rep_ = std::make_shared<const Rep>(Rep{code, std::string(message)});
}

Status Status::InvalidArgument(std::string_view m) { return {StatusCode::kInvalidArgument, m}; }
Status Status::NotFound(std::string_view m) { return {StatusCode::kNotFound, m}; }
Status Status::AlreadyExists(std::string_view m) { return {StatusCode::kAlreadyExists, m}; }
Status Status::FailedPrecondition(std::string_view m) { return {StatusCode::kFailedPrecondition, m}; }
Status Status::Corruption(std::string_view m) { return {StatusCode::kCorruption, m}; }
Status Status::IOError(std::string_view m) { return {StatusCode::kIOError, m}; }
Status Status::Unsupported(std::string_view m) { return {StatusCode::kUnsupported, m}; }
Status Status::Internal(std::string_view m) { return {StatusCode::kInternal, m}; }

StatusCode Status::code() const { return rep_ ? rep_->code : StatusCode::kOk; }

std::string_view Status::message() const {
  return rep_ ? std::string_view(rep_->message) : std::string_view();
}

std::ostream& operator<<(std::ostream& os, const Status& status) {
  return os << status.ToString();
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(rep_->code));
  out += ": ";
  out += rep_->message;
  return out;
}

Status Status::WithPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  std::string m(prefix);
  m += ": ";
  m += rep_->message;
  return Status(rep_->code, m);
}

}  // namespace tradefin
