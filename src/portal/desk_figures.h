// The desk's figures over complaints and requests: median days to the first reply, and open
// items per age bucket (issue 15; Code of Practice, Copyright, Measure 1.5 "within a reasonable
// time"; Transparency, Measure 1.2: downstream providers answered within 14 days).
#ifndef GPAIKIT_PORTAL_DESK_FIGURES_H_
#define GPAIKIT_PORTAL_DESK_FIGURES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gpaikit::portal {

// Upper bounds (days open, inclusive) of the age buckets; a last bucket holds everything older.
// 14 is the downstream providers' deadline of Transparency Measure 1.2.
inline constexpr std::array<int64_t, 4> kAgeBucketUpperDays = {7, 14, 30, 90};

// When a case was received, first replied to and closed, in seconds since the epoch (0: not yet).
struct CaseTimes {
  int64_t received = 0;
  int64_t first_reply = 0;
  int64_t closed = 0;
};

struct AgeBucket {
  std::string label;  // "0-7 days", "8-14 days", ..., "over 90 days"
  int64_t open = 0;
};

// The median, in days (fractional), of first_reply - received over the cases with a reply;
// std::nullopt when none has one. An even count gives the mean of the middle two.
std::optional<double> MedianDaysToFirstReply(const std::vector<CaseTimes>& cases);

// Whole days a case has been open at `now` (0 on the day it arrived).
int64_t DaysOpen(const CaseTimes& times, int64_t now);

// The cases still open (closed == 0) at `now`, counted per bucket of kAgeBucketUpperDays.
std::vector<AgeBucket> OpenItemsPerAge(const std::vector<CaseTimes>& cases, int64_t now);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_DESK_FIGURES_H_
