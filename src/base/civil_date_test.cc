// Tests for CivilDate: parsing, month-end and leap-year arithmetic used by every deadline.
#include "gpaikit/base/civil_date.h"

#include <gtest/gtest.h>

namespace gpaikit {
namespace {

CivilDate D(const char* text) { return *CivilDate::Parse(text); }

TEST(CivilDateTest, ParsesIsoDatesAndRejectsImpossibleOnes) {
  EXPECT_EQ(D("2025-08-02").ToString(), "2025-08-02");
  EXPECT_TRUE(CivilDate::Parse("2024-02-29").has_value());   // leap year
  EXPECT_FALSE(CivilDate::Parse("2025-02-29").has_value());  // not a leap year
  EXPECT_FALSE(CivilDate::Parse("1900-02-29").has_value());  // century rule
  EXPECT_TRUE(CivilDate::Parse("2000-02-29").has_value());   // 400-year rule
  EXPECT_FALSE(CivilDate::Parse("2025-13-01").has_value());
  EXPECT_FALSE(CivilDate::Parse("2025-8-2").has_value());
  EXPECT_FALSE(CivilDate::Parse("2025-08-02T00:00").has_value());
  EXPECT_FALSE(CivilDate::Parse("").has_value());
}

// AI Act Art. 52(1): two weeks, counted across a month and a year end.
TEST(CivilDateTest, OfUnixTimeIsTheUtcDay) {
  EXPECT_EQ(CivilDate::OfUnixTime(0), CivilDate(1970, 1, 1));
  EXPECT_EQ(CivilDate::OfUnixTime(1764979199), CivilDate(2025, 12, 5));  // 23:59:59Z
  EXPECT_EQ(CivilDate::OfUnixTime(1764979200), CivilDate(2025, 12, 6));  // 00:00:00Z
  EXPECT_EQ(CivilDate::OfUnixTime(-1), CivilDate(1969, 12, 31));
}

TEST(CivilDateTest, UtcTimestampIsRfc3339InUtc) {
  EXPECT_EQ(UtcTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(UtcTimestamp(1764979199), "2025-12-05T23:59:59Z");
  EXPECT_EQ(UtcTimestamp(1772400000), "2026-03-01T21:20:00Z");
}

TEST(CivilDateTest, AddsDaysAcrossMonthAndYearEnds) {
  EXPECT_EQ(D("2025-08-02").AddDays(14), D("2025-08-16"));
  EXPECT_EQ(D("2025-12-25").AddDays(14), D("2026-01-08"));
  EXPECT_EQ(D("2024-02-20").AddDays(14), D("2024-03-05"));  // 29 days in Feb 2024
  EXPECT_EQ(D("2025-02-20").AddDays(14), D("2025-03-06"));
  EXPECT_EQ(D("2025-08-16").AddDays(-14), D("2025-08-02"));
}

// Retention "ten years after placing on the market" (AI Act Art. 54(3)(b)).
TEST(CivilDateTest, AddsYearsClampingLeapDay) {
  EXPECT_EQ(D("2025-08-02").AddYears(10), D("2035-08-02"));
  EXPECT_EQ(D("2024-02-29").AddYears(10), D("2034-02-28"));
  EXPECT_EQ(D("2024-02-29").AddYears(4), D("2028-02-29"));
}

TEST(CivilDateTest, AddsMonthsClampingToMonthEnd) {
  EXPECT_EQ(D("2025-01-31").AddMonths(1), D("2025-02-28"));
  EXPECT_EQ(D("2024-01-31").AddMonths(1), D("2024-02-29"));
  EXPECT_EQ(D("2025-08-31").AddMonths(6), D("2026-02-28"));
  EXPECT_EQ(D("2025-11-30").AddMonths(3), D("2026-02-28"));
  EXPECT_EQ(D("2025-03-31").AddMonths(-1), D("2025-02-28"));
}

TEST(CivilDateTest, ComparesCountsDaysAndWeekdays) {
  EXPECT_LT(D("2025-08-01"), D("2025-08-02"));
  EXPECT_EQ(D("2024-01-01").DaysUntil(D("2025-01-01")), 366);
  EXPECT_EQ(D("2025-01-01").DaysUntil(D("2024-12-31")), -1);
  EXPECT_EQ(D("2025-08-02").IsoWeekday(), 6u);  // a Saturday
  EXPECT_EQ(D("2025-08-02").ToBasicString(), "20250802");
}

}  // namespace
}  // namespace gpaikit
