// Deadline arithmetic: business days over the default holiday calendar, month ends and leap years
// for every clock unit (Code of Practice, Safety and Security, Measures 1.1, 1.3, 1.4, 7.7, 9.3).
#include <gtest/gtest.h>

#include <fstream>

#include "safety/safety_test_util.h"

namespace gpaikit::safety {
namespace {

using testing::Calendar;
using testing::Code;
using testing::D;

CivilDate Due(const char* clock, const char* from) {
  const law::CopClock* found = Code().FindClock(clock);
  EXPECT_NE(found, nullptr) << clock;
  if (!found) return CivilDate();
  return ClockDue(*found, D(from), Calendar()).value_or(CivilDate());
}

TEST(BusinessDaysTest, DefaultCalendarLoads) {
  EXPECT_EQ(Calendar().id, "eu-institutions-brussels");
  EXPECT_TRUE(Calendar().Covers(D("2026-06-30")));
  EXPECT_FALSE(Calendar().Covers(D("2028-01-03")));
  EXPECT_FALSE(Calendar().IsBusinessDay(D("2026-11-28")));  // Saturday
  EXPECT_FALSE(Calendar().IsBusinessDay(D("2025-12-29")));  // end-of-year day, Monday
  EXPECT_TRUE(Calendar().IsBusinessDay(D("2026-11-26")));   // Thursday
}

TEST(BusinessDaysTest, AnchorDayIsNotCountedAndWeekendsAreSkipped) {
  // Friday + 5 business days = next Friday (Monday 9 Nov 2026 is an ordinary day).
  EXPECT_EQ(AddBusinessDays(D("2026-11-06"), 5, Calendar()), D("2026-11-13"));
  // From a Saturday, counting starts on Monday.
  EXPECT_EQ(AddBusinessDays(D("2026-11-07"), 1, Calendar()), D("2026-11-09"));
  EXPECT_EQ(AddBusinessDays(D("2026-11-13"), -5, Calendar()), D("2026-11-06"));
}

TEST(BusinessDaysTest, HolidaysAreSkipped) {
  // Measure 1.4: Framework confirmed Tue 23 Dec 2025; 24-31 Dec and 1-2 Jan are holidays.
  // Business days after 23 Dec: Mon 5 Jan (1), Tue 6 (2), Wed 7 (3), Thu 8 (4), Fri 9 (5).
  EXPECT_EQ(Due("framework-to-ai-office", "2025-12-23"), D("2026-01-09"));
  // Easter 2026: Maundy Thursday 2 Apr to Easter Monday 6 Apr are holidays.
  EXPECT_EQ(Due("framework-to-ai-office", "2026-04-01"), D("2026-04-13"));
  // Measure 7.7: 15 business days over Ascension (14-15 May 2026) and Whit Monday (25 May):
  // 11-13 May (3), 18-22 (8), 26-29 (12), 1-3 June (15).
  EXPECT_EQ(Due("model-report-delay-allowance", "2026-05-08"), D("2026-06-03"));
}

TEST(BusinessDaysTest, OutsideCoverageCountsWeekendsOnlyAndIsFlagged) {
  const law::CopClock* clock = Code().FindClock("framework-to-ai-office");
  ASSERT_NE(clock, nullptr);
  CivilDate due = *ClockDue(*clock, D("2028-03-03"), Calendar());
  EXPECT_EQ(due, D("2028-03-10"));
  EXPECT_TRUE(OutsideCoverage(*clock, D("2028-03-03"), due, Calendar()));
  EXPECT_FALSE(OutsideCoverage(*clock, D("2026-03-03"), D("2026-03-10"), Calendar()));
}

TEST(ClockArithmeticTest, WeeksBeforeAndAfter) {
  // Measure 1.1: 4 weeks after the Art. 52(1) notification; 2 weeks before placement.
  EXPECT_EQ(Due("framework-confirmed-after-notification", "2025-10-24"), D("2025-11-21"));
  EXPECT_EQ(Due("framework-confirmed-before-placement", "2026-12-15"), D("2026-12-01"));
  EXPECT_EQ(Due("framework-confirmed-before-placement", "2026-03-10"), D("2026-02-24"));
}

TEST(ClockArithmeticTest, MonthEndsAndLeapYears) {
  // Measure 1.3: every 12 months; placement on 29 Feb 2028 -> 28 Feb 2029 (clamped).
  EXPECT_EQ(Due("framework-assessment", "2028-02-29"), D("2029-02-28"));
  // Measure 7.6: six-monthly; 31 Aug + 6 months = 28 Feb (2027) or 29 Feb (2028).
  EXPECT_EQ(Due("model-report-periodic", "2026-08-31"), D("2027-02-28"));
  EXPECT_EQ(Due("model-report-periodic", "2027-08-31"), D("2028-02-29"));
  // Measure 9.4: five years; 29 Feb 2028 -> 28 Feb 2033.
  EXPECT_EQ(Due("incident-documentation-retention", "2028-02-29"), D("2033-02-28"));
}

TEST(ClockArithmeticTest, EveryIncidentTypeInitialReport) {
  // Measure 9.3: calendar days from awareness, by type; across a month end and 29 Feb.
  struct Case {
    const char* type;
    const char* aware;
    const char* due;
  } cases[] = {
      {"critical-infrastructure", "2028-02-28", "2028-03-01"},  // leap year: 29 Feb counted
      {"critical-infrastructure", "2027-02-28", "2027-03-02"},
      {"cybersecurity", "2026-12-29", "2027-01-03"},  // year end; Sunday, calendar days
      {"death", "2026-01-25", "2026-02-04"},
      {"health", "2026-02-20", "2026-03-07"},
      {"fundamental-rights", "2028-02-20", "2028-03-06"},
      {"property-environment", "2026-11-20", "2026-12-05"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Due((std::string("incident-initial-report-") + c.type).c_str(), c.aware), D(c.due))
        << c.type;
  }
  // Intermediate every 4 weeks; final within 60 days of resolution.
  EXPECT_EQ(Due("incident-intermediate-report", "2026-12-20"), D("2027-01-17"));
  EXPECT_EQ(Due("incident-final-report", "2026-12-31"), D("2027-03-01"));
  EXPECT_EQ(Due("incident-final-report", "2027-12-31"), D("2028-02-29"));
}

TEST(BusinessDaysTest, RejectsBadCalendarWithLocation) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / "gpaikit_holidays.yaml";
  std::ofstream(path) << "schema: gpaikit.holidays/1\ncalendar: x\ntitle: t\ndescription: d\n"
                         "chosen_by: me\nlegal_status: s\nweekend: [saturday, sundy]\n"
                         "covers: {from: \"2026-01-01\", to: \"2026-12-31\"}\n"
                         "outside_coverage: unknown\nsources: []\nyears:\n"
                         "  - year: 2026\n    verified: primary\n    holidays:\n"
                         "      - {date: \"2027-01-01\", name: n}\n";
  Result<HolidayCalendar> calendar = LoadHolidayCalendar(path);
  ASSERT_FALSE(calendar.ok());
  EXPECT_NE(calendar.status().message().find("gpaikit_holidays.yaml:7:"), std::string::npos)
      << calendar.status().message();
  EXPECT_NE(calendar.status().message().find("did you mean 'sunday'"), std::string::npos);
  EXPECT_NE(calendar.status().message().find("is not in year 2026"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::safety
