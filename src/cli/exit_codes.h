// Process exit codes (DESIGN.md "Interfaces") and the mapping from a Status to one.
#ifndef GPAIKIT_CLI_EXIT_CODES_H_
#define GPAIKIT_CLI_EXIT_CODES_H_

#include <iostream>

#include "gpaikit/base/status.h"

namespace gpaikit::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBlocking = 1;      // completed, found blocking gaps or overdue items
inline constexpr int kExitInvalidInput = 2;  // invalid input or usage
inline constexpr int kExitInternal = 70;     // a bug in gpaikit

// Prints `status` to stderr as "gpaikit: <message>" and returns its exit code.
inline int ReportFailure(const Status& status) {
  std::cerr << "gpaikit: " << status.message() << "\n";
  return status.code() == StatusCode::kInternal ? kExitInternal : kExitInvalidInput;
}

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_EXIT_CODES_H_
