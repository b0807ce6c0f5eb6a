// Status and Result<T>: how every fallible gpaikit call reports failure (no exceptions across
// modules).
#ifndef GPAIKIT_BASE_STATUS_H_
#define GPAIKIT_BASE_STATUS_H_

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gpaikit {

// What kind of failure a Status carries; maps onto the CLI exit codes of DESIGN.md.
enum class StatusCode {
  kOk = 0,
  kInvalidInput,  // bad file contents or usage: exit 2
  kNotFound,      // a named file, model or record does not exist: exit 2
  kIo,            // the operating system refused a read or write: exit 2
  kInternal,      // a bug in gpaikit: exit 70
};

// The outcome of an operation: ok, or a code with a message naming file and place.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string message) {
    return Status(StatusCode::kInvalidInput, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status Io(std::string message) { return Status(StatusCode::kIo, std::move(message)); }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_STATUS_H_
