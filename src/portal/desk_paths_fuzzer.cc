// libFuzzer target for what the staff desk parses from a request (desk_paths.h): the input is
// tried as a case path (its first byte chooses a prefix so that case paths are reached), as an
// action, as the queue's filters (split at the first 0x1F byte) and as a UTC time. Invariants:
// a parsed path is rebuilt from its parts byte for byte, with a tracking number of A-Z, 0-9 and
// '-'; an evidence hash is 64 lower-case hex digits; filters are one of the known values; a
// parsed time formats back to the same text.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <string_view>

#include "portal/desk_paths.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace gpaikit::portal;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string path = size > 0 && (data[0] & 1) ? std::string(kDeskCasePrefix) : std::string();
  path.append(input);
  std::string tracking, action;
  if (ParseCasePath(path, tracking, action)) {
    std::string rebuilt(kDeskCasePrefix);
    rebuilt.append(tracking);
    if (!action.empty()) rebuilt.append("/").append(action);
    Check(rebuilt == path);
    Check(!tracking.empty() && tracking.size() <= 32);
    Check(tracking.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == std::string::npos);
    Check(action.find("..") == std::string::npos);
  }
  std::string hash = EvidenceHashOfAction(input);
  if (!hash.empty()) {
    Check(hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos);
    Check(input == "evidence/" + hash);
  }
  size_t split = input.find('\x1f');
  QueueFilter filter = ParseQueueFilter(
      input.substr(0, split), split == std::string_view::npos ? "" : input.substr(split + 1));
  Check(filter.kind.empty() || filter.kind == "complaint" || filter.kind == "request");
  Check(filter.show == "open" || filter.show == "all" || filter.show == "received" ||
        filter.show == "in-review" || filter.show == "accepted" || filter.show == "duplicate" ||
        filter.show == "unfounded" || filter.show == "closed");
  if (std::optional<int64_t> seconds = ParseUtcTime(input)) {
    std::time_t time = static_cast<std::time_t>(*seconds);
    std::tm utc{};
    Check(gmtime_r(&time, &utc) != nullptr);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    Check(input == text);
  }
  return 0;
}
