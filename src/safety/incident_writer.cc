// Serious incidents written to the ledger (open, update, resolve), checked before anything is
// appended (Code of Practice, Safety and Security, Measures 9.1-9.4).
#include "gpaikit/safety/incident_writer.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "gpaikit/base/text.h"

namespace gpaikit::safety {
namespace {

using nlohmann::json;

// The entry's content started with the write's template items ("items", absent when there are
// none), each id checked against the Code's reporting template.
Result<json> ContentWithItems(const IncidentWrite& write, const law::CodeOfPractice& code) {
  std::vector<std::string_view> ids;
  for (const law::TemplateItem& item : code.template_items) ids.push_back(item.id);
  json content = json::object();
  for (const auto& [id, text] : write.items) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      return Status::InvalidInput("item '" + id + "' is not an item of the reporting template (" +
                                  JoinWords(ids) + ")" + DidYouMean(id, ids));
    }
    content["items"][id] = text;
  }
  return content;
}

constexpr int kNextNumber = 0;

// Appends `content` as incident.<action> in the ledger's write transaction. The incident number
// (`kNextNumber`: one more than the incidents opened so far) and `check` are decided against the
// ledger as it is inside the transaction, so concurrent writers never share a number or both
// pass a check (issue 14: numbers assigned inside the write transaction).
Result<RecordedIncident> Append(
    const project::ProjectContext& context, const std::string& action, int id,
    const IncidentWrite& write, const json& content,
    const std::function<Status(const store::Ledger&, int)>& check = nullptr) {
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(context.project.root);
  if (!ledger.ok()) return ledger.status();
  int number = id;
  auto build = [&](const store::Ledger& now) -> Result<store::Draft> {
    if (number == kNextNumber) {
      Result<std::vector<store::Entry>> opened = now.Entries("incident.open");
      if (!opened.ok()) return opened.status();
      number = static_cast<int>(opened->size()) + 1;
    }
    if (check) {
      Status checked = check(now, number);
      if (!checked.ok()) return checked;
    }
    return store::Draft{"incident/" + std::to_string(number), content.dump()};
  };
  Result<store::Entry> entry = (*ledger)->Append("incident." + action, write.author, build);
  if (!entry.ok()) return entry.status();
  return RecordedIncident{number, std::move(*entry), (*ledger)->path()};
}

Status NotBeforeAwareness(const Incident& incident, std::string_view what, const CivilDate& day) {
  if (day >= incident.aware) return Status::Ok();
  return Status::InvalidInput("incident " + std::to_string(incident.id) + ": " + std::string(what) +
                              " " + day.ToString() + " is before awareness on " +
                              incident.aware.ToString());
}

}  // namespace

Result<const Incident*> FindIncident(const ProjectSafety& safety, int id) {
  for (const Incident& incident : safety.documentation.incidents) {
    if (incident.id == id) return &incident;
  }
  return Status::InvalidInput("no incident " + std::to_string(id) + " (there are " +
                              std::to_string(safety.documentation.incidents.size()) + ")");
}

Result<RecordedIncident> OpenIncident(const project::ProjectContext& context,
                                      const ProjectSafety& safety, const IncidentOpening& opening,
                                      const IncidentWrite& write) {
  const project::Project& project = context.project;
  bool known = std::any_of(project.models.begin(), project.models.end(),
                           [&](const project::Model& m) { return m.id == opening.model; });
  if (!known) {
    return Status::InvalidInput("model '" + opening.model + "' is not a model in " + project.file);
  }
  if (!context.code.FindIncidentType(opening.type)) {
    std::vector<std::string_view> types = context.code.IncidentTypeIds();
    return Status::InvalidInput("type '" + opening.type +
                                "' is not an incident type of Measure 9.3 (" + JoinWords(types) +
                                ")" + DidYouMean(opening.type, types));
  }
  Result<json> started = ContentWithItems(write, context.code);
  if (!started.ok()) return started.status();
  json& content = *started;
  content["model"] = opening.model;
  content["type"] = opening.type;
  content["aware"] = opening.aware.ToString();
  if (!opening.title.empty()) content["title"] = opening.title;
  if (opening.similar_to != 0) {
    Result<FirstIncident> first =
        FirstIncidentFor(safety.documentation.incidents, opening.similar_to);
    if (!first.ok()) return first.status();
    content["similar_to"] = opening.similar_to;
  }
  if (!write.items.contains("model")) {
    content["items"]["model"] = opening.model;  // template item 4: the model involved
  }
  return Append(context, "open", kNextNumber, write, content);
}

Result<RecordedIncident> UpdateIncident(const project::ProjectContext& context,
                                        const ProjectSafety& safety, int id,
                                        const IncidentUpdate& update, const IncidentWrite& write) {
  Result<const Incident*> found = FindIncident(safety, id);
  if (!found.ok()) return found.status();
  const Incident& incident = **found;
  if (update.report.empty() != !update.submitted.has_value()) {
    return Status::InvalidInput("a report and the day it was submitted go together");
  }
  Result<json> started = ContentWithItems(write, context.code);
  if (!started.ok()) return started.status();
  json& content = *started;
  if (!update.report.empty()) {
    if (incident.reported_with) {
      return Status::InvalidInput("incident " + std::to_string(id) + " is reported with incident " +
                                  std::to_string(incident.reported_with->id) +
                                  "; record the report there");
    }
    Status order = NotBeforeAwareness(incident, "report submitted on", *update.submitted);
    if (!order.ok()) return order;
    content["report"] = update.report;
    content["submitted"] = update.submitted->ToString();
  }
  if (!update.note.empty()) content["note"] = update.note;
  if (content.empty()) {
    return Status::InvalidInput("an update needs template items, a submitted report or a note");
  }
  return Append(context, "update", id, write, content);
}

Result<RecordedIncident> ResolveIncident(const project::ProjectContext& context,
                                         const ProjectSafety& safety, int id,
                                         const CivilDate& resolved, const IncidentWrite& write) {
  Result<const Incident*> found = FindIncident(safety, id);
  if (!found.ok()) return found.status();
  const Incident& incident = **found;
  Status order = NotBeforeAwareness(incident, "resolution on", resolved);
  if (!order.ok()) return order;
  if (incident.resolved) {
    return Status::InvalidInput("incident " + std::to_string(id) + " was already resolved on " +
                                incident.resolved->ToString());
  }
  Result<json> started = ContentWithItems(write, context.code);
  if (!started.ok()) return started.status();
  json& content = *started;
  content["resolved"] = resolved.ToString();
  // Checked again inside the transaction: two resolutions at once cannot both be recorded.
  auto not_resolved = [](const store::Ledger& now, int number) -> Status {
    Result<std::vector<store::Entry>> resolutions =
        now.Entries("incident.resolve", "incident/" + std::to_string(number));
    if (!resolutions.ok()) return resolutions.status();
    if (resolutions->empty()) return Status::Ok();
    return Status::InvalidInput("incident " + std::to_string(number) +
                                " was already resolved (ledger entry " +
                                std::to_string(resolutions->front().seq) + ")");
  };
  return Append(context, "resolve", id, write, content, not_resolved);
}

}  // namespace gpaikit::safety
