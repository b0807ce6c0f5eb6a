// StatusList: the failures of independent steps collected into one Status, so that a command
// reports every input error at once (DESIGN.md "Inputs, and what bad input gets").
#ifndef GPAIKIT_BASE_STATUS_LIST_H_
#define GPAIKIT_BASE_STATUS_LIST_H_

#include <string>

#include "gpaikit/base/status.h"

namespace gpaikit {

// Collects the failures of independent steps so that the user sees them all at once: one Status
// whose message lists each failure's message on its own line. Its code is that of the first failure
// the user cannot fix in the input (Io, Internal), else InvalidInput.
class StatusList {
 public:
  void Add(const Status& status) {
    if (status.ok()) return;
    if (status.code() != StatusCode::kInvalidInput && status.code() != StatusCode::kNotFound &&
        code_ == StatusCode::kInvalidInput) {
      code_ = status.code();
    }
    message_ += (message_.empty() ? "" : "\n") + status.message();
  }
  bool ok() const { return message_.empty(); }
  Status ToStatus() const { return ok() ? Status::Ok() : Status(code_, message_); }

 private:
  StatusCode code_ = StatusCode::kInvalidInput;
  std::string message_;
};

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_STATUS_LIST_H_
