// Business days over a holiday calendar and clock due dates (Code of Practice, Safety and
// Security, Measures 1.4, 3.5 and 7.7 count business days; the Code names no calendar, so the
// default data/law/holidays/default.yaml is gpaikit's documented choice: docs/safety.md).
#include <array>

#include "base/yaml_reader.h"
#include "gpaikit/safety/safety.h"

namespace gpaikit::safety {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

void ReadYear(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics,
              HolidayCalendar& calendar) {
  MapReader map(node, path, diagnostics, {"year", "verified", "sources", "note", "holidays"});
  std::optional<int> year = map.Integer("year", true);
  map.Choice("verified", {"primary", "secondary", "unverified"}, true);
  map.StringList("sources");
  YAML::Node list = map.Sequence("holidays", true);
  for (size_t i = 0; i < list.size(); ++i) {
    MapReader holiday(list[i], map.PathOf("holidays") + "[" + std::to_string(i) + "]", diagnostics,
                      {"date", "name"});
    std::optional<CivilDate> date = holiday.Date("date", true);
    holiday.String("name", true);
    if (!date) continue;
    if (year && date->year() != *year) {
      diagnostics.Error(holiday.MarkOf("date"), holiday.PathOf("date") + ": " + date->ToString() +
                                                    " is not in year " + std::to_string(*year));
    } else if (!calendar.holidays.insert(*date).second) {
      diagnostics.Error(holiday.MarkOf("date"),
                        holiday.PathOf("date") + ": " + date->ToString() + " is listed twice");
    }
  }
}

}  // namespace

bool HolidayCalendar::IsBusinessDay(const CivilDate& day) const {
  return !weekend.contains(day.IsoWeekday()) && !holidays.contains(day);
}

Result<HolidayCalendar> LoadHolidayCalendar(const std::filesystem::path& path) {
  Result<YAML::Node> root = LoadYamlFile(path);
  if (!root.ok()) return root.status();
  Diagnostics diagnostics(path.string());
  MapReader map(*root, "", diagnostics,
                {"schema", "calendar", "title", "description", "chosen_by", "legal_status",
                 "weekend", "covers", "outside_coverage", "sources", "years"});
  HolidayCalendar calendar;
  calendar.file = path.string();
  map.Choice("schema", {"gpaikit.holidays/1"}, true);
  calendar.id = map.String("calendar", true).value_or("");
  map.String("title", true);
  map.String("description", true);
  map.String("chosen_by", true);
  map.String("legal_status", true);
  map.Choice("outside_coverage", {"unknown"}, true);
  for (const std::string& day : map.StringList("weekend", std::span(kWeekdays), true)) {
    for (size_t i = 0; i < kWeekdays.size(); ++i) {
      if (kWeekdays[i] == day) calendar.weekend.insert(static_cast<unsigned>(i + 1));
    }
  }
  MapReader covers(map.Get("covers"), "covers", diagnostics, {"from", "to"});
  if (!map.Has("covers")) diagnostics.Error(map.node().Mark(), "covers: required key is missing");
  calendar.covers_from = covers.Date("from", true).value_or(CivilDate());
  calendar.covers_to = covers.Date("to", true).value_or(CivilDate());
  YAML::Node sources = map.Sequence("sources", true);
  for (size_t i = 0; i < sources.size(); ++i) {
    MapReader source(sources[i], "sources[" + std::to_string(i) + "]", diagnostics,
                     {"id", "title", "url", "used_for"});
    source.String("id", true);
    source.String("title", true);
  }
  YAML::Node years = map.Sequence("years", true);
  for (size_t i = 0; i < years.size(); ++i) {
    ReadYear(years[i], "years[" + std::to_string(i) + "]", diagnostics, calendar);
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return calendar;
}

CivilDate AddBusinessDays(const CivilDate& from, int count, const HolidayCalendar& calendar) {
  int step = count < 0 ? -1 : 1;
  CivilDate day = from;
  for (int left = count < 0 ? -count : count; left > 0;) {
    day = day.AddDays(step);
    if (calendar.IsBusinessDay(day)) --left;
  }
  return day;
}

std::optional<CivilDate> ClockDue(const law::CopClock& clock, const CivilDate& from,
                                  const HolidayCalendar& calendar) {
  if (clock.kind == "by-event") return from;
  if (!clock.amount) return std::nullopt;
  int amount = clock.kind == "deadline-before" ? -*clock.amount : *clock.amount;
  if (clock.unit == "days") return from.AddDays(amount);
  if (clock.unit == "weeks") return from.AddDays(7 * amount);
  if (clock.unit == "months") return from.AddMonths(amount);
  if (clock.unit == "years") return from.AddYears(amount);
  if (clock.unit == "business-days") return AddBusinessDays(from, amount, calendar);
  return std::nullopt;
}

bool OutsideCoverage(const law::CopClock& clock, const CivilDate& from, const CivilDate& due,
                     const HolidayCalendar& calendar) {
  if (clock.unit != "business-days") return false;
  return !calendar.Covers(from) || !calendar.Covers(due);
}

}  // namespace gpaikit::safety
