// The desk's figures: median days to first reply, open items per age bucket.
#include "portal/desk_figures.h"

#include <algorithm>

namespace gpaikit::portal {

namespace {
constexpr int64_t kSecondsPerDay = 86400;
}  // namespace

std::optional<double> MedianDaysToFirstReply(const std::vector<CaseTimes>& cases) {
  std::vector<int64_t> waits;
  for (const CaseTimes& c : cases) {
    if (c.first_reply != 0) waits.push_back(std::max<int64_t>(0, c.first_reply - c.received));
  }
  if (waits.empty()) return std::nullopt;
  std::sort(waits.begin(), waits.end());
  size_t middle = waits.size() / 2;
  double seconds =
      waits.size() % 2 == 1
          ? static_cast<double>(waits[middle])
          : (static_cast<double>(waits[middle - 1]) + static_cast<double>(waits[middle])) / 2;
  return seconds / kSecondsPerDay;
}

int64_t DaysOpen(const CaseTimes& times, int64_t now) {
  int64_t end = times.closed != 0 ? times.closed : now;
  return std::max<int64_t>(0, end - times.received) / kSecondsPerDay;
}

std::vector<AgeBucket> OpenItemsPerAge(const std::vector<CaseTimes>& cases, int64_t now) {
  std::vector<AgeBucket> buckets;
  int64_t lower = 0;
  for (int64_t upper : kAgeBucketUpperDays) {
    buckets.push_back({std::to_string(lower) + "-" + std::to_string(upper) + " days", 0});
    lower = upper + 1;
  }
  buckets.push_back({"over " + std::to_string(kAgeBucketUpperDays.back()) + " days", 0});
  for (const CaseTimes& c : cases) {
    if (c.closed != 0) continue;
    int64_t days = DaysOpen(c, now);
    size_t index = 0;
    while (index < kAgeBucketUpperDays.size() && days > kAgeBucketUpperDays[index]) ++index;
    ++buckets[index].open;
  }
  return buckets;
}

}  // namespace gpaikit::portal
