// Renders serious incidents: the gpaikit.incidents/1 listing and the report to submit with the
// AI Office template's ten items (Code of Practice, Safety and Security, Measures 9.2-9.4).
#include "gpaikit/safety/output.h"

namespace gpaikit::safety {
namespace {

using nlohmann::json;

std::string Or(const std::optional<CivilDate>& date, const char* none) {
  return date ? date->ToString() : none;
}

report::Tone StatusTone(const std::string& status) {
  return status == "overdue"  ? report::Tone::kBad
         : status == "closed" ? report::Tone::kMuted
                              : report::Tone::kWarn;
}

}  // namespace

bool ChapterBinds(const scope::AssessedProject& project, const ProjectSafety& safety,
                  const std::string& model) {
  for (const scope::ModelAssessment& assessment : project.assessments) {
    if (assessment.model->id == model) {
      return ChapterApplies(assessment, project.project.provider.signatory, safety.documentation);
    }
  }
  return false;
}

Result<IncidentListing> ListIncidents(const scope::AssessedProject& project,
                                      const ProjectSafety& safety) {
  const law::CodeOfPractice& code = project.code;
  const CivilDate& as_of = project.options.as_of;
  IncidentListing out;
  json incidents = json::array();
  report::Table table{{"#", "Model", "Type", "Aware", "Initial due", "Next due", "Status"}, {}};
  for (const Incident& recorded : safety.documentation.incidents) {
    std::optional<Incident> incident = IncidentAsOf(recorded, as_of);
    if (!incident) continue;
    Result<IncidentClocks> clocks = ComputeIncidentClocks(*incident, code, safety.calendar, as_of);
    if (!clocks.ok()) return clocks.status();
    bool binding = ChapterBinds(project, safety, incident->model);
    out.overdue += binding && clocks->status == "overdue";
    incidents.push_back(
        {{"id", incident->id},
         {"model", incident->model},
         {"type", incident->type},
         {"aware", incident->aware.ToString()},
         {"initial_due", clocks->initial_due.ToString()},
         {"next_due", clocks->next_due ? json(clocks->next_due->ToString()) : json()},
         {"status", clocks->status},
         {"binding", binding},
         {"reported_with", incident->reported_with ? json(incident->reported_with->id) : json()}});
    table.rows.push_back({{std::to_string(incident->id)},
                          {incident->model},
                          {incident->type},
                          {incident->aware.ToString()},
                          {clocks->initial_due.ToString()},
                          {Or(clocks->next_due, "-") +
                           (clocks->next_report.empty() ? "" : " (" + clocks->next_report + ")")},
                          {clocks->status + (binding ? "" : " (voluntary)"),
                           binding ? StatusTone(clocks->status) : report::Tone::kMuted}});
  }
  out.json = {{"schema", "gpaikit.incidents/1"}, {"incidents", incidents}};
  report::Section section{"incidents", "Reporting clocks (Measure 9.3)", {}, {}};
  if (table.rows.empty()) {
    section.blocks.push_back(report::Paragraph{{"No serious incidents recorded."}});
  } else {
    section.blocks.push_back(table);
    section.blocks.push_back(report::Paragraph{
        {"(voluntary): a model the Safety and Security chapter does not bind (not a model with "
         "systemic risk, nor named in a voluntarily signed Framework); its clocks are not binding "
         "findings.",
         report::Tone::kMuted}});
  }
  out.document.title = "Serious incidents";
  out.document.header = {{"As of", {as_of.ToString()}}};
  out.document.sections.push_back(std::move(section));
  return out;
}

Result<std::string> ShowIncident(const law::CodeOfPractice& code, const ProjectSafety& safety,
                                 const Incident& recorded, const CivilDate& as_of,
                                 const std::string& format, bool draft) {
  std::optional<Incident> as_then = IncidentAsOf(recorded, as_of);
  if (!as_then) {
    return Status::NotFound("incident " + std::to_string(recorded.id) + ": the provider became " +
                            "aware of it on " + recorded.aware.ToString() + ", after " +
                            as_of.ToString());
  }
  const Incident& incident = *as_then;
  Result<IncidentClocks> clocks = ComputeIncidentClocks(incident, code, safety.calendar, as_of);
  if (!clocks.ok()) return clocks.status();
  const law::IncidentType* type = code.FindIncidentType(incident.type);
  json items = json::array();
  report::Table table{{"#", "Item", "In initial report", "Content"}, {}};
  for (const law::TemplateItem& item : code.template_items) {
    auto found = incident.items.find(item.id);
    bool known = found != incident.items.end() && !found->second.empty();
    items.push_back({{"number", item.number},
                     {"id", item.id},
                     {"description", item.description},
                     {"in_initial_report", item.in_initial_report},
                     {"content", known ? json(found->second) : json()},
                     {"verified", item.verified}});
    table.rows.push_back(
        {{std::to_string(item.number)},
         {item.description},
         {item.in_initial_report ? "yes" : "no"},
         known ? report::Text{found->second}
               : report::Text{"not yet known",
                              item.in_initial_report ? report::Tone::kBad : report::Tone::kWarn}});
  }
  json reports = json::array();
  for (const IncidentReport& r : incident.reports) {
    reports.push_back({{"report", r.kind}, {"submitted", r.submitted.ToString()}});
  }
  if (format == "json") {
    json out = {{"schema", "gpaikit.incident/1"},
                {"id", incident.id},
                {"model", incident.model},
                {"type", incident.type},
                {"title", incident.title},
                {"aware", incident.aware.ToString()},
                {"initial_due", clocks->initial_due.ToString()},
                {"next_due", clocks->next_due ? json(clocks->next_due->ToString()) : json()},
                {"next_report", clocks->next_report},
                {"final_due", clocks->final_due ? json(clocks->final_due->ToString()) : json()},
                {"resolved", incident.resolved ? json(incident.resolved->ToString()) : json()},
                {"retain_until", clocks->retain_until.ToString()},
                {"status", clocks->status},
                {"basis", clocks->basis},
                {"reports", reports},
                {"items", items},
                {"missing_initial_items", clocks->missing_initial_items},
                {"entries", incident.entries},
                {"template_source", code.template_source}};
    return out.dump(2) + "\n";
  }
  report::Document document;
  document.title = "Serious incident report " + std::to_string(incident.id) +
                   (incident.title.empty() ? "" : ": " + incident.title);
  document.header = {
      {"Model", {incident.model}},
      {"Type", {incident.type + (type ? " (" + type->description + ")" : "")}},
      {"Aware of the model's involvement", {incident.aware.ToString()}},
      {"Initial report due", {clocks->initial_due.ToString()}},
      {"Next report",
       {clocks->next_report.empty() ? "none (final report submitted)"
                                    : clocks->next_report + " due " + Or(clocks->next_due, "-"),
        StatusTone(clocks->status)}},
      {"Status", {clocks->status, StatusTone(clocks->status)}},
      {"Resolved", {Or(incident.resolved, "not yet")}},
      {"Keep documentation until", {clocks->retain_until.ToString()}},
      {"Due-date basis", {clocks->basis}}};
  report::Section section{"template", "Reporting template items", {table}, {}};
  if (!clocks->missing_initial_items.empty()) {
    std::string missing;
    for (const std::string& id : clocks->missing_initial_items) {
      missing += (missing.empty() ? "" : ", ") + id;
    }
    section.blocks.push_back(
        report::Paragraph{{"Not yet known for the initial report: " + missing +
                               ". Measure 9.2 asks to say so and to report what is known.",
                           report::Tone::kWarn}});
  }
  if (draft) {  // a working note: where the template comes from and how sure it is
    section.blocks.push_back(
        report::Paragraph{{"Template: " + code.template_source + " (verified " +
                               code.template_verified + "; item labels unverified).",
                           report::Tone::kMuted}});
  }
  document.sections.push_back(std::move(section));
  return report::RenderMarkdown(document);
}

}  // namespace gpaikit::safety
