// Test helpers for safety: dates from text and the Code of Practice and holiday calendar in data/.
#ifndef GPAIKIT_SAFETY_SAFETY_TEST_UTIL_H_
#define GPAIKIT_SAFETY_SAFETY_TEST_UTIL_H_

#include <gtest/gtest.h>

#include "gpaikit/safety/safety.h"
#include "law/law_test_util.h"

namespace gpaikit::safety::testing {

inline CivilDate D(const char* text) { return *CivilDate::Parse(text); }

using law::testing::Code;

// The default holiday calendar of data/, loaded once.
inline const HolidayCalendar& Calendar() {
  static const HolidayCalendar calendar = [] {
    Result<HolidayCalendar> loaded =
        LoadHolidayCalendar(std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / kDefaultHolidayFile);
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? *loaded : HolidayCalendar{};
  }();
  return calendar;
}

}  // namespace gpaikit::safety::testing

#endif  // GPAIKIT_SAFETY_SAFETY_TEST_UTIL_H_
