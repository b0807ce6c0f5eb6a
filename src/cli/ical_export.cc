// iCalendar export of due dates through libical (escaping and line folding are libical's).
#include "cli/ical_export.h"

#include <libical/ical.h>

#include <memory>

namespace gpaikit::cli {
namespace {

icaltimetype AllDay(const CivilDate& date) {
  icaltimetype time = icaltime_null_date();
  time.year = date.year();
  time.month = static_cast<int>(date.month());
  time.day = static_cast<int>(date.day());
  time.is_date = 1;
  return time;
}

void AddEvent(icalcomponent* calendar, const std::string& uid, const CivilDate& date,
              const std::string& summary, const std::string& description, const CivilDate& stamp) {
  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
  // RFC 5545 3.8.7.2: DTSTAMP is a UTC date-time; the evaluation day at midnight keeps the file
  // reproducible. icaltime_null_date() leaves the time fields at -1, so they are set here.
  icaltimetype dtstamp = AllDay(stamp);
  dtstamp.is_date = 0;
  dtstamp.hour = dtstamp.minute = dtstamp.second = 0;
  dtstamp.zone = icaltimezone_get_utc_timezone();
  icalcomponent_add_property(event, icalproperty_new_dtstamp(dtstamp));
  icalcomponent_add_property(event, icalproperty_new_dtstart(AllDay(date)));
  icalcomponent_add_property(event, icalproperty_new_dtend(AllDay(date.AddDays(1))));
  icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  icalcomponent_add_property(event, icalproperty_new_categories("AI Act"));
  icalcomponent_add_component(calendar, event);
}

}  // namespace

std::string ObligationsCalendar(const AssessedProject& context) {
  icalcomponent* calendar = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
  icalcomponent_add_property(calendar, icalproperty_new_version("2.0"));
  icalcomponent_add_property(calendar, icalproperty_new_prodid("-//gpaikit//obligations//EN"));
  icalcomponent_add_property(calendar, icalproperty_new_calscale("GREGORIAN"));
  const CivilDate& stamp = context.options.as_of;
  for (const scope::ModelAssessment& a : context.assessments) {
    const std::string& model = a.model->id;
    for (const scope::Obligation& o : a.obligations) {
      if (!o.applies) continue;
      std::string base = o.id + "." + model + "@gpaikit";
      std::string detail = o.title + "\nSource: " + o.provenance.source + "\nDue " + o.due_basis;
      if (o.due) {
        AddEvent(calendar, "due." + base, *o.due, "[" + model + "] " + o.id + " due: " + o.title,
                 detail, stamp);
      }
      if (o.retain_until) {
        AddEvent(calendar, "retain." + base, *o.retain_until,
                 "[" + model + "] " + o.id + ": retention period ends", detail, stamp);
      }
      if (o.next_update) {
        AddEvent(calendar, "update." + base, *o.next_update,
                 "[" + model + "] " + o.id + ": summary update due", detail, stamp);
      }
    }
  }
  char* text = icalcomponent_as_ical_string_r(calendar);
  std::string out = text;
  free(text);
  icalcomponent_free(calendar);
  return out;
}

}  // namespace gpaikit::cli
