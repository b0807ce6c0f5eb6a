// Runs an external program (pandoc, weasyprint) with an argument vector, never through a shell,
// and turns a missing program or a failed run into a Status that names the program and its message.
#ifndef GPAIKIT_BASE_EXTERNAL_TOOL_H_
#define GPAIKIT_BASE_EXTERNAL_TOOL_H_

#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit {

// What a program wrote, when it exited 0.
struct ToolOutput {
  std::string stdout_text;
  std::string stderr_text;
};

// Runs `argv[0]` (looked up on PATH) with `argv`, writes `input` to its standard input and
// collects its standard output and error. Internal (exit 70: the machine, not the input, is at
// fault) when the program is not on PATH ("pandoc: not found on PATH; install Debian's pandoc
// (scripts/install-deps)"), cannot be started, is killed by a signal or exits non-zero (its last
// lines of standard error quoted). `install_hint` names the Debian package. `environment`:
// NAME=value entries that replace or add to the inherited environment (SOURCE_DATE_EPOCH).
Result<ToolOutput> RunTool(const std::vector<std::string>& argv, std::string_view input,
                           const std::string& install_hint,
                           const std::vector<std::string>& environment = {});

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_EXTERNAL_TOOL_H_
