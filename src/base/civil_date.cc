// Civil date arithmetic on std::chrono calendar types, with month-end clamping.
#include "gpaikit/base/civil_date.h"

#include <cstdio>

namespace gpaikit {

namespace chr = std::chrono;
using chr::sys_days;
using chr::year_month_day;
using chr::year_month_day_last;

CivilDate::CivilDate(int y, unsigned m, unsigned d)
    : ymd_(chr::year{y}, chr::month{m}, chr::day{d}) {}

bool CivilDate::IsValid(int y, unsigned m, unsigned d) {
  return year_month_day(chr::year{y}, chr::month{m}, chr::day{d}).ok();
}

std::optional<CivilDate> CivilDate::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8};
  const size_t lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (size_t k = 0; k < lengths[i]; ++k) {
      char c = text[starts[i] + k];
      if (c < '0' || c > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (c - '0');
    }
  }
  if (!IsValid(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]))) {
    return std::nullopt;
  }
  return CivilDate(parts[0], static_cast<unsigned>(parts[1]), static_cast<unsigned>(parts[2]));
}

CivilDate CivilDate::Today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return CivilDate(year_month_day(now));
}

CivilDate CivilDate::OfUnixTime(std::time_t seconds) {
  return CivilDate(year_month_day(
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::from_time_t(seconds))));
}

std::string UtcTimestamp(std::time_t seconds) {
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

CivilDate CivilDate::AddDays(int days) const {
  return CivilDate(year_month_day(sys_days(ymd_) + std::chrono::days(days)));
}

CivilDate CivilDate::AddMonths(int count) const {
  year_month_day target = ymd_.year() / ymd_.month() / chr::day{1};
  target += chr::months(count);
  auto last = year_month_day_last(target.year(), chr::month_day_last(target.month()));
  chr::day d = ymd_.day() > last.day() ? last.day() : ymd_.day();
  return CivilDate(target.year() / target.month() / d);
}

CivilDate CivilDate::AddYears(int years) const { return AddMonths(12 * years); }

int CivilDate::DaysUntil(const CivilDate& later) const {
  return static_cast<int>((sys_days(later.ymd_) - sys_days(ymd_)).count());
}

unsigned CivilDate::IsoWeekday() const {
  return std::chrono::weekday(sys_days(ymd_)).iso_encoding();
}

std::string CivilDate::ToString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year(), month(), day());
  return buffer;
}

std::string CivilDate::ToBasicString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", year(), month(), day());
  return buffer;
}

}  // namespace gpaikit
