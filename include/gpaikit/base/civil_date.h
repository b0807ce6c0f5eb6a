// Civil (calendar) dates for deadlines: parsing, ISO printing, day/month/year arithmetic.
#ifndef GPAIKIT_BASE_CIVIL_DATE_H_
#define GPAIKIT_BASE_CIVIL_DATE_H_

#include <chrono>
#include <compare>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace gpaikit {

// A day of the proleptic Gregorian calendar, without time zone.
class CivilDate {
 public:
  CivilDate() = default;
  // Requires a valid date (see IsValid); use Parse for untrusted text.
  CivilDate(int year, unsigned month, unsigned day);

  // Parses exactly "YYYY-MM-DD"; nullopt when the text is not a real date (e.g. 2025-02-29).
  static std::optional<CivilDate> Parse(std::string_view text);
  static bool IsValid(int year, unsigned month, unsigned day);
  // Today in UTC.
  static CivilDate Today();
  // The UTC day of `seconds` since 1970-01-01T00:00:00Z.
  static CivilDate OfUnixTime(std::time_t seconds);

  int year() const { return static_cast<int>(ymd_.year()); }
  unsigned month() const { return static_cast<unsigned>(ymd_.month()); }
  unsigned day() const { return static_cast<unsigned>(ymd_.day()); }

  CivilDate AddDays(int days) const;
  // Calendar months/years; a day past the target month's end is clamped to its last day
  // (31 Jan + 1 month = 28/29 Feb; 29 Feb + 1 year = 28 Feb).
  CivilDate AddMonths(int months) const;
  CivilDate AddYears(int years) const;
  // Days from this date to `later` (negative when `later` is earlier).
  int DaysUntil(const CivilDate& later) const;
  // Monday = 1 ... Sunday = 7 (ISO 8601).
  unsigned IsoWeekday() const;

  // "YYYY-MM-DD".
  std::string ToString() const;
  // "YYYYMMDD" (iCalendar DATE value).
  std::string ToBasicString() const;

  auto operator<=>(const CivilDate& other) const {
    return std::chrono::sys_days(ymd_) <=> std::chrono::sys_days(other.ymd_);
  }
  bool operator==(const CivilDate& other) const = default;

 private:
  explicit CivilDate(std::chrono::year_month_day ymd) : ymd_(ymd) {}
  std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::month{1},
                                   std::chrono::day{1}};
};

// "YYYY-MM-DDTHH:MM:SSZ" (RFC 3339 in UTC, whole seconds) for `seconds` since the epoch.
std::string UtcTimestamp(std::time_t seconds);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_CIVIL_DATE_H_
