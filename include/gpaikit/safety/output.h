// What the safety module contributes to outputs: the project's Safety and Security documentation
// loaded once, the "safety" part of `gpaikit check` (Code of Practice, Safety and Security,
// Measures 1.1-1.4, 7.6-7.7, 9.3), and the serious-incident listing and report (Measures 9.2-9.4).
#ifndef GPAIKIT_SAFETY_OUTPUT_H_
#define GPAIKIT_SAFETY_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "gpaikit/project/context.h"
#include "gpaikit/report/contribution.h"
#include "gpaikit/report/report.h"
#include "gpaikit/safety/safety.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::safety {

// The business-day calendar and the safety documentation of one project, loaded once per command.
struct ProjectSafety {
  HolidayCalendar calendar;
  SafetyDocumentation documentation;
};

// The calendar: <project>/safety/holidays.yaml when present, else the data folder's
// law/holidays/default.yaml (docs/safety.md "Business days").
Result<HolidayCalendar> LoadProjectCalendar(const project::ProjectContext& context);
// The calendar and the documentation (safety/*.yaml, incidents in the ledger), read against the
// Code of Practice version the context pins; the errors of both together.
Result<ProjectSafety> LoadProjectSafety(const project::ProjectContext& context);

// `gpaikit check`'s "safety" part for one model: whether the chapter applies (ChapterApplies),
// then its Framework and Model Report clocks and serious incidents; overdue ones block.
report::ModelContribution SafetyContribution(const scope::AssessedProject& project,
                                             const ProjectSafety& safety,
                                             const scope::ModelAssessment& assessment);

// The listing of every incident (schema gpaikit.incidents/1) with its next report due, as of the
// project's evaluation day (IncidentAsOf). An incident of a model the chapter does not bind
// (ChapterApplies) is a voluntary record: shown, marked "binding": false, never counted overdue.
struct IncidentListing {
  nlohmann::json json;  // {"schema": "gpaikit.incidents/1", "incidents": [...]}
  report::Document document;
  int overdue = 0;  // binding incidents only
};
Result<IncidentListing> ListIncidents(const scope::AssessedProject& project,
                                      const ProjectSafety& safety);
// Whether the Safety and Security chapter binds `model` of `project` (ChapterApplies); false
// for an unknown model.
bool ChapterBinds(const scope::AssessedProject& project, const ProjectSafety& safety,
                  const std::string& model);
// One incident as the report to submit; `format` "md" (default) or "json" (gpaikit.incident/1).
// The Markdown is the document to hand over; `draft` adds the working note on the template's
// source and verification level.
Result<std::string> ShowIncident(const law::CodeOfPractice& code, const ProjectSafety& safety,
                                 const Incident& incident, const CivilDate& as_of,
                                 const std::string& format, bool draft = false);

}  // namespace gpaikit::safety

#endif  // GPAIKIT_SAFETY_OUTPUT_H_
