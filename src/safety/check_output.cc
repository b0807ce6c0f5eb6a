// `gpaikit check`'s "safety" part: whether the Safety and Security chapter applies to a model, its
// Framework and Model Report clocks and its serious incidents (Code of Practice, Safety and
// Security, Measures 1.1-1.4, 7.6-7.7, 9.3); and the project's safety documentation, loaded once.
#include <filesystem>

#include "gpaikit/base/status_list.h"
#include "gpaikit/safety/output.h"

namespace gpaikit::safety {
namespace {

using nlohmann::json;

json DateOrNull(const std::optional<CivilDate>& date) {
  return date ? json(date->ToString()) : json();
}

}  // namespace

Result<HolidayCalendar> LoadProjectCalendar(const project::ProjectContext& context) {
  std::filesystem::path own = context.project.root / "safety" / "holidays.yaml";
  return LoadHolidayCalendar(std::filesystem::exists(own) ? own
                                                          : context.data_dir / kDefaultHolidayFile);
}

Result<ProjectSafety> LoadProjectSafety(const project::ProjectContext& context) {
  ProjectSafety out;
  Result<HolidayCalendar> calendar = LoadProjectCalendar(context);
  Result<SafetyDocumentation> documentation =
      LoadSafetyDocumentation(context.project.root, context.code);
  StatusList problems;  // the errors of both at once
  problems.Add(calendar.status());
  problems.Add(documentation.status());
  if (!problems.ok()) return problems.ToStatus();
  out.calendar = std::move(*calendar);
  out.documentation = std::move(*documentation);
  return out;
}

report::ModelContribution SafetyContribution(const scope::AssessedProject& project,
                                             const ProjectSafety& safety,
                                             const scope::ModelAssessment& assessment) {
  const project::Model& model = *assessment.model;
  const CivilDate& as_of = project.options.as_of;
  report::ModelContribution out;
  out.json_key = "safety";
  out.section = {
      "model-" + model.id + "-safety", "Safety and Security documentation and clocks", {}, {}};
  if (!ChapterApplies(assessment, project.project.provider.signatory, safety.documentation)) {
    out.json = {{"applies", false}};
    out.section.blocks.push_back(report::Paragraph{
        {"Not a model with systemic risk: the Safety and Security chapter does not apply.",
         report::Tone::kMuted}});
    return out;
  }
  std::vector<ClockInstance> clocks =
      SafetyClocks(safety.documentation, FactsOf(assessment), project.code, safety.calendar, as_of);
  json clock_json = json::array();
  report::Table clock_table{{"Clock", "Due", "Done", "Status", "Source"}, {}};
  for (const ClockInstance& c : clocks) {
    out.blocking += c.status == "overdue";
    clock_json.push_back({{"clock", c.clock},
                          {"what", c.what},
                          {"due", DateOrNull(c.due)},
                          {"done", DateOrNull(c.done)},
                          {"status", c.status},
                          {"basis", c.basis},
                          {"source", c.source},
                          {"verified", c.verified}});
    clock_table.rows.push_back({{c.what},
                                {c.due ? c.due->ToString() : "-"},
                                {c.done ? c.done->ToString() : "-"},
                                {c.status, report::StatusWordTone(c.status)},
                                {c.source, report::Tone::kMuted}});
  }
  json incidents = json::array();
  report::Table incident_table{{"#", "Type", "Aware", "Next report", "Due", "Status"}, {}};
  for (const Incident& recorded : safety.documentation.incidents) {
    std::optional<Incident> as_then = IncidentAsOf(recorded, as_of);
    if (recorded.model != model.id || !as_then) continue;
    const Incident& incident = *as_then;
    Result<IncidentClocks> c =
        ComputeIncidentClocks(incident, project.code, safety.calendar, as_of);
    if (!c.ok()) {
      return report::FailedContribution("safety", "Safety and Security documentation and clocks",
                                        c.status());
    }
    out.blocking += c->status == "overdue";
    incidents.push_back({{"id", incident.id},
                         {"type", incident.type},
                         {"aware", incident.aware.ToString()},
                         {"initial_due", c->initial_due.ToString()},
                         {"next_report", c->next_report},
                         {"next_due", DateOrNull(c->next_due)},
                         {"status", c->status},
                         {"missing_initial_items", c->missing_initial_items}});
    incident_table.rows.push_back({{std::to_string(incident.id)},
                                   {incident.type},
                                   {incident.aware.ToString()},
                                   {c->next_report.empty() ? "-" : c->next_report},
                                   {c->next_due ? c->next_due->ToString() : "-"},
                                   {c->status, report::StatusWordTone(c->status)}});
  }
  out.json = {{"applies", true},
              {"calendar", safety.calendar.id},
              {"clocks", clock_json},
              {"incidents", incidents}};
  out.section.blocks.push_back(clock_table);
  if (incident_table.rows.empty()) {
    out.section.blocks.push_back(report::Paragraph{{"No serious incident recorded."}});
  } else {
    out.section.blocks.push_back(incident_table);
  }
  out.section.blocks.push_back(
      report::Paragraph{{"Business days counted on calendar '" + safety.calendar.id +
                             "' (gpaikit's default, not named by the Code; see docs/safety.md).",
                         report::Tone::kMuted}});
  return out;
}

}  // namespace gpaikit::safety
