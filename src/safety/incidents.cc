// Serious incidents folded from the ledger and their reporting clocks (Code of Practice,
// Safety and Security, Measures 9.2-9.4; AI Act Art. 55(1)(c); AI Office reporting template).
#include <nlohmann/json.hpp>

#include "gpaikit/safety/safety.h"

namespace gpaikit::safety {
namespace {

using nlohmann::json;

Result<CivilDate> DateField(const json& content, const char* key, const store::Entry& entry) {
  std::string text =
      content.contains(key) && content[key].is_string() ? content[key].get<std::string>() : "";
  std::optional<CivilDate> date = CivilDate::Parse(text);
  if (!date) {
    return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) + " (" + entry.kind +
                                "): '" + key + "' is not a date YYYY-MM-DD");
  }
  return *date;
}

void MergeItems(const json& content, Incident& incident) {
  if (!content.contains("items") || !content["items"].is_object()) return;
  for (const auto& [id, text] : content["items"].items()) {
    if (text.is_string()) incident.items[id] = text.get<std::string>();
  }
}

// The Measure 9.3/9.4 clock with `from` as anchor (and `type` for initial reports).
const law::CopClock* FindIncidentClock(const law::CodeOfPractice& code, std::string_view owner,
                                       std::string_view from, std::string_view type) {
  const law::CopMeasure* measure = code.FindMeasure(owner);
  if (!measure) return nullptr;
  for (const law::CopClock& clock : measure->clocks) {
    if (clock.from == from && clock.incident_type == type) return &clock;
  }
  return nullptr;
}

std::string Describe(const law::CopClock& clock) {
  std::string text = clock.name + ": " + std::to_string(clock.amount.value_or(0)) + " " +
                     clock.unit + " (" + clock.source + ", verified " + clock.verified;
  if (!clock.unit_verified.empty()) text += "; unit " + clock.unit_verified;
  return text + ")";
}

}  // namespace

// Measure 9.3: a similar incident may be included in an earlier incident's reports while they
// are still being made (no final report yet), keeping that incident's deadlines. An incident
// similar to one that is itself included joins the first of the chain.
Result<FirstIncident> FirstIncidentFor(const std::vector<Incident>& earlier, int similar_to) {
  if (similar_to < 1 || similar_to > static_cast<int>(earlier.size())) {
    return Status::InvalidInput("similar to " + std::to_string(similar_to) +
                                ": not an earlier incident (there are " +
                                std::to_string(earlier.size()) + ")");
  }
  const Incident* target = &earlier[similar_to - 1];
  if (target->reported_with) target = &earlier[target->reported_with->id - 1];
  for (const IncidentReport& report : target->reports) {
    if (report.kind == "final") {
      return Status::InvalidInput("similar to " + std::to_string(similar_to) + ": incident " +
                                  std::to_string(target->id) + " has its final report (" +
                                  report.submitted.ToString() +
                                  "); a similar incident can only join reports still being made");
    }
  }
  return FirstIncident{target->id, target->aware, target->type, target->resolved};
}

Result<std::vector<Incident>> FoldIncidents(const std::vector<store::Entry>& entries) {
  std::vector<Incident> incidents;
  for (const store::Entry& entry : entries) {
    if (!entry.kind.starts_with("incident.")) continue;
    json content = json::parse(entry.content, nullptr, false);
    if (content.is_discarded() || !content.is_object()) {
      return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) +
                                  ": content is not a JSON object");
    }
    int id = entry.subject.starts_with("incident/") ? std::atoi(entry.subject.c_str() + 9) : 0;
    if (entry.kind == "incident.open") {
      if (id != static_cast<int>(incidents.size()) + 1) {
        return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) + ": opens '" +
                                    entry.subject + "', expected incident/" +
                                    std::to_string(incidents.size() + 1));
      }
      Incident incident;
      incident.id = id;
      incident.model = content.value("model", "");
      incident.type = content.value("type", "");
      incident.title = content.value("title", "");
      Result<CivilDate> aware = DateField(content, "aware", entry);
      if (!aware.ok()) return aware.status();
      incident.aware = *aware;
      MergeItems(content, incident);
      if (content.contains("similar_to")) {
        const json& similar = content["similar_to"];
        Result<FirstIncident> first =
            FirstIncidentFor(incidents, similar.is_number_integer() ? similar.get<int>() : 0);
        if (!first.ok()) {
          return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) + ": " +
                                      first.status().message());
        }
        incident.reported_with = *first;
      }
      incidents.push_back(std::move(incident));
    } else if (id < 1 || id > static_cast<int>(incidents.size())) {
      return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) + " (" + entry.kind +
                                  "): no incident '" + entry.subject + "'");
    }
    Incident& incident = incidents[id - 1];
    if (entry.kind == "incident.update") {
      MergeItems(content, incident);
      if (content.contains("report") && incident.reported_with) {
        return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) + ": incident " +
                                    std::to_string(id) + " is reported with incident " +
                                    std::to_string(incident.reported_with->id) +
                                    "; its reports are recorded there");
      }
      if (content.contains("report")) {
        std::string kind = content.value("report", "");
        if (kind != "initial" && kind != "intermediate" && kind != "final") {
          return Status::InvalidInput("ledger entry " + std::to_string(entry.seq) +
                                      ": report must be initial, intermediate or final");
        }
        Result<CivilDate> submitted = DateField(content, "submitted", entry);
        if (!submitted.ok()) return submitted.status();
        incident.reports.push_back({kind, *submitted});
      }
    } else if (entry.kind == "incident.resolve") {
      Result<CivilDate> resolved = DateField(content, "resolved", entry);
      if (!resolved.ok()) return resolved.status();
      incident.resolved = *resolved;
    }
    std::optional<CivilDate> day = CivilDate::Parse(entry.time.substr(0, 10));
    if (day && *day > incident.last_documented) incident.last_documented = *day;
    incident.entries.push_back(entry.seq);
  }
  // A similar incident's reports and deadlines are its first incident's, as they stand now.
  for (Incident& incident : incidents) {
    if (!incident.reported_with) continue;
    const Incident& first = incidents[incident.reported_with->id - 1];
    incident.reported_with->resolved = first.resolved;
    incident.reports = first.reports;
  }
  return incidents;
}

Result<std::vector<Incident>> LoadIncidents(const std::filesystem::path& project_root) {
  Result<std::unique_ptr<store::Ledger>> db = store::Ledger::OpenIfPresent(project_root);
  if (!db.ok()) return db.status();
  if (!*db) return std::vector<Incident>{};
  Result<std::vector<store::Entry>> entries = (*db)->Entries("incident.");
  if (!entries.ok()) return entries.status();
  return FoldIncidents(*entries);
}

Result<IncidentClocks> ComputeIncidentClocks(const Incident& incident,
                                             const law::CodeOfPractice& code,
                                             const HolidayCalendar& calendar,
                                             const CivilDate& as_of) {
  // A similar incident included in an earlier one's reports keeps that incident's deadlines.
  const bool joined = incident.reported_with.has_value();
  const CivilDate& aware = joined ? incident.reported_with->aware : incident.aware;
  const std::string& type = joined ? incident.reported_with->type : incident.type;
  const std::optional<CivilDate>& resolved =
      joined ? incident.reported_with->resolved : incident.resolved;
  const law::CopClock* initial =
      FindIncidentClock(code, "CoP-SS-9.3", "aware-of-model-involvement", type);
  const law::CopClock* intermediate =
      FindIncidentClock(code, "CoP-SS-9.3", "initial-report-submitted", "");
  const law::CopClock* final_clock = FindIncidentClock(code, "CoP-SS-9.3", "incident-resolved", "");
  const law::CopMeasure* retention_measure = code.FindMeasure("CoP-SS-9.4");
  if (!initial || !intermediate || !final_clock || !retention_measure ||
      retention_measure->clocks.empty()) {
    return Status::InvalidInput("incident " + std::to_string(incident.id) +
                                ": the rulepack has no Measure 9.3 clocks for incident type '" +
                                type + "'");
  }
  IncidentClocks out;
  out.initial_due = ClockDue(*initial, aware, calendar).value_or(aware);
  std::optional<CivilDate> last_report;
  bool initial_sent = false, final_sent = false;
  for (const IncidentReport& report : incident.reports) {
    initial_sent = initial_sent || report.kind == "initial";
    final_sent = final_sent || report.kind == "final";
    if (!last_report || report.submitted > *last_report) last_report = report.submitted;
  }
  if (resolved) out.final_due = ClockDue(*final_clock, *resolved, calendar);
  if (!initial_sent) {
    out.next_report = "initial";
    out.next_due = out.initial_due;
    out.basis = "initial report from awareness " + aware.ToString() + "; " + Describe(*initial);
  } else if (!resolved) {
    out.next_report = "intermediate";
    out.next_due = ClockDue(*intermediate, *last_report, calendar);
    out.basis = "intermediate report from the last report " + last_report->ToString() + "; " +
                Describe(*intermediate);
  } else if (!final_sent) {
    out.next_report = "final";
    out.next_due = out.final_due;
    out.basis =
        "final report from resolution " + resolved->ToString() + "; " + Describe(*final_clock);
  }
  if (joined) {
    out.basis = "reported with incident " + std::to_string(incident.reported_with->id) +
                ", whose deadlines it keeps (Measure 9.3, similar incidents): " + out.basis;
  }
  CivilDate anchor = std::max(incident.last_documented, incident.aware);
  if (incident.resolved) anchor = std::max(anchor, *incident.resolved);
  out.retain_until = ClockDue(retention_measure->clocks.front(), anchor, calendar).value_or(anchor);
  if (final_sent) {
    out.status = "closed";
  } else if (out.next_due && *out.next_due < as_of) {
    out.status = "overdue";
  } else {
    out.status = resolved ? "resolved" : "open";
  }
  for (const law::TemplateItem& item : code.template_items) {
    auto found = incident.items.find(item.id);
    bool known = found != incident.items.end() && !found->second.empty();
    if (known) continue;
    out.missing_items.push_back(item.id);
    if (item.in_initial_report) out.missing_initial_items.push_back(item.id);
  }
  return out;
}

std::optional<Incident> IncidentAsOf(const Incident& incident, const CivilDate& as_of) {
  if (as_of < incident.aware) return std::nullopt;
  Incident out = incident;
  std::erase_if(out.reports, [&](const IncidentReport& r) { return as_of < r.submitted; });
  if (out.resolved && as_of < *out.resolved) out.resolved.reset();
  return out;
}

}  // namespace gpaikit::safety
