// libFuzzer target for the summaries' download path parser (summary_downloads.h). Invariants: a
// parsed path has a positive entry number and a non-empty name, and rebuilds into the input byte
// for byte; an input that does not start with /summaries/ is never parsed.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "portal/summary_downloads.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::portal;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first byte chooses whether the prefix is put in front, so that parsed paths are reached.
  std::string path = size > 0 && (data[0] & 1) ? std::string(kSummariesPrefix) : std::string();
  path.append(input.substr(size > 0 ? 1 : 0));
  std::optional<SummaryFilePath> parsed = ParseSummaryFilePath(path);
  if (!parsed) return 0;
  Check(path.starts_with(kSummariesPrefix));
  Check(parsed->seq > 0);
  Check(!parsed->name.empty());
  std::string rebuilt(kSummariesPrefix);
  rebuilt.append(std::to_string(parsed->seq)).append("/").append(parsed->name);
  Check(rebuilt == path);
  return 0;
}
