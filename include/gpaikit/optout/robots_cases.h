// Batch checking in the conformance case format of ../shared/conformance/robots (file, agent, URL).
#ifndef GPAIKIT_OPTOUT_ROBOTS_CASES_H_
#define GPAIKIT_OPTOUT_ROBOTS_CASES_H_

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"
#include "gpaikit/optout/robots.h"

namespace gpaikit::optout {

struct RobotsCaseStats {
  size_t cases = 0;
  size_t allowed = 0;
  size_t robots_files = 0;   // distinct robots.txt files parsed
  size_t robots_bytes = 0;   // bytes of robots.txt read
  size_t with_expected = 0;  // cases whose 4th column is 0 or 1
  size_t agree = 0;          // ... and agree with it
  size_t truncated_files = 0;
};

// Receives output in chunks (about 1 MiB each).
using RobotsCaseSink = std::function<void(std::string_view)>;

// Streams a case file (gzip or zstd, by its magic bytes, or plain): per line, TAB-separated, a
// robots.txt path relative to the case file's folder, a product token and a URL (further columns
// are kept). Emits each input line, a TAB and 1 (allowed) or 0 (disallowed) and a newline to
// `sink`. Each robots.txt file is read and parsed once. Fails on a line with fewer than three
// columns or an unreadable robots file, naming the case file and line (output already emitted stays
// valid).
Result<RobotsCaseStats> CheckRobotsCases(const std::filesystem::path& case_file,
                                         const RobotsParseOptions& options,
                                         const RobotsCaseSink& sink);

// Same, appending all output to `*out`.
Result<RobotsCaseStats> CheckRobotsCases(const std::filesystem::path& case_file,
                                         const RobotsParseOptions& options, std::string* out);

}  // namespace gpaikit::optout

#endif  // GPAIKIT_OPTOUT_ROBOTS_CASES_H_
