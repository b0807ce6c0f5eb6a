// Tests of the per-key sliding-window rate limit (rate_limit.h).
#include "portal/rate_limit.h"

#include <gtest/gtest.h>

namespace gpaikit::portal {
namespace {

TEST(RateLimitTest, AllowsTheLimitPerWindowAndPerKey) {
  RateLimit limit(3, 60);
  EXPECT_TRUE(limit.Allow("a", 1000));
  EXPECT_TRUE(limit.Allow("a", 1010));
  EXPECT_TRUE(limit.Allow("a", 1020));
  EXPECT_FALSE(limit.Allow("a", 1030));
  EXPECT_EQ(limit.RetryAfter("a", 1030), 30);  // the event at 1000 leaves the window at 1060
  EXPECT_TRUE(limit.Allow("b", 1030));         // another key has its own count
  EXPECT_EQ(limit.RetryAfter("b", 1030), 0);
  EXPECT_FALSE(limit.Allow("a", 1059));
  EXPECT_TRUE(limit.Allow("a", 1060));  // refused events were not counted
  EXPECT_FALSE(limit.Allow("a", 1061));
}

TEST(RateLimitTest, TracksAtMostMaxKeys) {
  RateLimit limit(1, 3600, 2);
  EXPECT_TRUE(limit.Allow("a", 1));
  EXPECT_TRUE(limit.Allow("b", 2));
  EXPECT_TRUE(limit.Allow("c", 3));  // "a", whose newest event is oldest, is forgotten
  EXPECT_TRUE(limit.Allow("a", 4));
  EXPECT_FALSE(limit.Allow("c", 5));
}

}  // namespace
}  // namespace gpaikit::portal
