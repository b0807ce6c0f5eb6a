// Reading a password for `gpaikit serve user add`: from a file (its first line), or from the
// terminal with echo off, asked twice (docs/portal-desk.md).
#ifndef GPAIKIT_CLI_PASSWORD_INPUT_H_
#define GPAIKIT_CLI_PASSWORD_INPUT_H_

#include <string>

#include "gpaikit/base/status.h"

namespace gpaikit::cli {

// The first line of `file` without its line end; InvalidInput naming the file when it is empty.
Result<std::string> ReadPasswordFile(const std::string& file);
// Asks on the controlling terminal (/dev/tty) with echo off, twice; InvalidInput when there is
// no terminal (use --password-file) or the two differ.
Result<std::string> ReadPasswordFromTerminal(const std::string& prompt);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_PASSWORD_INPUT_H_
