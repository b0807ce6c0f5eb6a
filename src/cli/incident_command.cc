// `gpaikit incident open|update|resolve|list|show`: serious incidents as entries in the project's
// hash-chained records log (Code of Practice, Safety and Security, Measures 9.1-9.4).
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/text.h"
#include "gpaikit/project/context.h"
#include "gpaikit/safety/output.h"

namespace gpaikit::cli {
namespace {

using nlohmann::json;

struct IncidentOptions {
  std::string dir = ".";
  std::string model, type, aware, title, author, report, submitted, date, note, as_of;
  std::vector<std::string> items;
  int id = 0;
  int similar_to = 0;
  OutputOptions list_output;  // text, json, md, html
  OutputOptions show_output;  // md, json
};

Result<CivilDate> ParseDate(const std::string& option, const std::string& text) {
  std::optional<CivilDate> date = CivilDate::Parse(text);
  if (!date)
    return Status::InvalidInput(option + ": expected a date YYYY-MM-DD, got '" + text + "'");
  return *date;
}

// --item id=text, each id an item of the AI Office's reporting template.
Result<json> ParseItems(const std::vector<std::string>& items, const law::CodeOfPractice& code) {
  std::vector<std::string_view> ids;
  for (const law::TemplateItem& item : code.template_items) ids.push_back(item.id);
  json out = json::object();
  for (const std::string& item : items) {
    size_t eq = item.find('=');
    std::string id = item.substr(0, eq);
    if (eq == std::string::npos || std::find(ids.begin(), ids.end(), id) == ids.end()) {
      std::string message = "--item '" + item + "': expected ID=TEXT with ID a template item (";
      for (std::string_view known : ids)
        message += std::string(known) + (known == ids.back() ? ")" : ", ");
      std::string nearest = NearestWord(id, ids);
      if (!nearest.empty()) message += "; did you mean '" + nearest + "'?";
      return Status::InvalidInput(message);
    }
    out[id] = item.substr(eq + 1);
  }
  return out;
}

std::string Author(const std::string& given) {
  if (!given.empty()) return given;
  const char* user = std::getenv("USER");
  return user && *user ? user : "gpaikit";
}

Result<const safety::Incident*> FindIncident(const safety::ProjectSafety& context, int id) {
  for (const safety::Incident& incident : context.records.incidents) {
    if (incident.id == id) return &incident;
  }
  return Status::InvalidInput("no incident " + std::to_string(id) + " (there are " +
                              std::to_string(context.records.incidents.size()) + ")");
}

Result<std::string> Append(const std::string& dir, const std::string& kind, int id,
                           const IncidentOptions& options, const json& content) {
  Result<std::unique_ptr<store::RecordsDatabase>> db = store::RecordsDatabase::Open(dir);
  if (!db.ok()) return db.status();
  Result<store::Entry> entry =
      (*db)->Append(kind, "incident/" + std::to_string(id), Author(options.author), content.dump());
  if (!entry.ok()) return entry.status();
  return "incident " + std::to_string(id) + ": " + kind + " recorded as entry " +
         std::to_string(entry->seq) + " of " + (*db)->path().string();
}

int RunWrite(const std::string& action, const IncidentOptions& options) {
  Result<project::ProjectContext> loaded = project::LoadProjectContext(options.dir, DataDir());
  if (!loaded.ok()) return ReportFailure(loaded.status());
  const project::Project* project = &loaded->project;
  Result<safety::ProjectSafety> context = safety::LoadProjectSafety(*loaded);
  if (!context.ok()) return ReportFailure(context.status());
  const law::CodeOfPractice& code = loaded->code;
  Result<json> items = ParseItems(options.items, code);
  if (!items.ok()) return ReportFailure(items.status());
  json content = json::object();
  if (!items->empty()) content["items"] = *items;
  int id = options.id;
  const safety::Incident* incident = nullptr;
  if (action == "open") {
    bool known = std::any_of(project->models.begin(), project->models.end(),
                             [&](const project::Model& m) { return m.id == options.model; });
    if (!known) {
      return ReportFailure(Status::InvalidInput("--model: '" + options.model +
                                                "' is not a model in " + project->file));
    }
    if (!code.FindIncidentType(options.type)) {
      std::vector<std::string_view> types = code.IncidentTypeIds();
      std::string nearest = NearestWord(options.type, types);
      return ReportFailure(Status::InvalidInput(
          "--type: '" + options.type + "' is not an incident type of Measure 9.3" +
          (nearest.empty() ? "" : "; did you mean '" + nearest + "'?")));
    }
    Result<CivilDate> aware = ParseDate("--aware", options.aware);
    if (!aware.ok()) return ReportFailure(aware.status());
    id = static_cast<int>(context->records.incidents.size()) + 1;
    content["model"] = options.model;
    content["type"] = options.type;
    content["aware"] = aware->ToString();
    if (!options.title.empty()) content["title"] = options.title;
    if (options.similar_to != 0) {
      Result<safety::FirstIncident> first =
          safety::FirstIncidentFor(context->records.incidents, options.similar_to);
      if (!first.ok()) return ReportFailure(first.status());
      content["similar_to"] = options.similar_to;
    }
    if (!content.contains("items") || !content["items"].contains("model")) {
      content["items"]["model"] = options.model;  // template item 4: the model involved
    }
  } else {
    Result<const safety::Incident*> found = FindIncident(*context, id);
    if (!found.ok()) return ReportFailure(found.status());
    incident = *found;
  }
  if (action == "update") {
    if (options.report.empty() != options.submitted.empty()) {
      return ReportFailure(Status::InvalidInput("--report and --submitted go together"));
    }
    if (!options.report.empty() && incident->reported_with) {
      return ReportFailure(Status::InvalidInput(
          "--report: incident " + std::to_string(id) + " is reported with incident " +
          std::to_string(incident->reported_with->id) + "; record the report there"));
    }
    if (!options.report.empty()) {
      Result<CivilDate> submitted = ParseDate("--submitted", options.submitted);
      if (!submitted.ok()) return ReportFailure(submitted.status());
      if (*submitted < incident->aware) {
        return ReportFailure(Status::InvalidInput("--submitted: " + submitted->ToString() +
                                                  " is before awareness " +
                                                  incident->aware.ToString()));
      }
      content["report"] = options.report;
      content["submitted"] = submitted->ToString();
    }
    if (!options.note.empty()) content["note"] = options.note;
    if (content.empty()) {
      return ReportFailure(
          Status::InvalidInput("update: give --item, --report/--submitted or --note"));
    }
  } else if (action == "resolve") {
    Result<CivilDate> resolved = ParseDate("--date", options.date);
    if (!resolved.ok()) return ReportFailure(resolved.status());
    if (*resolved < incident->aware) {
      return ReportFailure(Status::InvalidInput("--date: " + resolved->ToString() +
                                                " is before awareness " +
                                                incident->aware.ToString()));
    }
    if (incident->resolved) {
      return ReportFailure(Status::InvalidInput("incident " + std::to_string(id) +
                                                " was already resolved on " +
                                                incident->resolved->ToString()));
    }
    content["resolved"] = resolved->ToString();
  }
  Result<std::string> done =
      Append(project->root.string(), "incident." + action, id, options, content);
  if (!done.ok()) return ReportFailure(done.status());
  std::cout << *done << "\n";
  return kExitOk;
}

int RunRead(const std::string& action, const IncidentOptions& options) {
  Result<project::ProjectContext> loaded = project::LoadProjectContext(options.dir, DataDir());
  if (!loaded.ok()) return ReportFailure(loaded.status());
  Result<CivilDate> as_of = ParseAsOf(options.as_of);
  if (!as_of.ok()) return ReportFailure(as_of.status());
  Result<safety::ProjectSafety> context = safety::LoadProjectSafety(*loaded);
  if (!context.ok()) return ReportFailure(context.status());
  if (action == "list") {
    Result<Format> format = options.list_output.Chosen();
    if (!format.ok()) return ReportFailure(format.status());
    Result<safety::IncidentListing> listing = safety::ListIncidents(loaded->code, *context, *as_of);
    if (!listing.ok()) return ReportFailure(listing.status());
    Status written = Emit(options.list_output,
                          RenderReport(listing->document, listing->json, *format,
                                       options.list_output.out.empty() && ColourOnStdout()));
    if (!written.ok()) return ReportFailure(written);
    return listing->overdue > 0 ? kExitBlocking : kExitOk;
  }
  Result<const safety::Incident*> incident = FindIncident(*context, options.id);
  if (!incident.ok()) return ReportFailure(incident.status());
  Result<Format> format = options.show_output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  Result<std::string> shown = safety::ShowIncident(loaded->code, *context, **incident, *as_of,
                                                   std::string(FormatName(*format)));
  if (!shown.ok()) return ReportFailure(shown.status());
  Status written = Emit(options.show_output, *shown);
  return written.ok() ? kExitOk : ReportFailure(written);
}

}  // namespace

void RegisterIncidentCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<IncidentOptions>();
  CLI::App* command = app.add_subcommand(
      "incident", "Serious incidents and their reporting clocks (Code of Practice, Measure 9.3)");
  command->require_subcommand(1);
  command->fallthrough();  // -C may also come before the action: `incident -C DIR list`
  AddProjectDirOption(command, options->dir, /*positional=*/false);
  SetHelpFooter(command, {"gpaikit incident list my-project --as-of 2026-06-01"});
  auto items = [&](CLI::App* sub) {
    sub->add_option("--item", options->items,
                    "Template item as ID=TEXT (repeatable; ids in docs/safety.md)");
    sub->add_option("--author", options->author, "Who records this (default: $USER)");
  };
  CLI::App* open = command->add_subcommand("open", "Record a new serious incident");
  open->add_option("--model", options->model, "Model id from gpaikit.yaml")->required();
  open->add_option("--type", options->type,
                   "critical-infrastructure|cybersecurity|death|health|fundamental-rights|"
                   "property-environment")
      ->required();
  open->add_option("--aware", options->aware, "Day of awareness of the model's involvement")
      ->required();
  open->add_option("--title", options->title, "Short title");
  open->add_option("--similar-to", options->similar_to,
                   "Include in incident N's reports, keeping its deadlines (Measure 9.3)");
  items(open);
  CLI::App* update = command->add_subcommand("update", "Add information or a submitted report");
  update->add_option("id", options->id, "Incident number")->required();
  update->add_option("--report", options->report, "Report submitted: initial|intermediate|final")
      ->check(CLI::IsMember({"initial", "intermediate", "final"}));
  update->add_option("--submitted", options->submitted, "Day the report was submitted");
  update->add_option("--note", options->note, "Free note");
  items(update);
  CLI::App* resolve = command->add_subcommand("resolve", "Record the incident's resolution");
  resolve->add_option("id", options->id, "Incident number")->required();
  resolve->add_option("--date", options->date, "Day of resolution")->required();
  items(resolve);
  CLI::App* list = command->add_subcommand("list", "Every incident with its next report due");
  AddOutputOptions(list, options->list_output,
                   {Format::kText, Format::kJson, Format::kMarkdown, Format::kHtml}, OutKind::kFile,
                   "the list (JSON schema gpaikit.incidents/1)");
  CLI::App* show = command->add_subcommand("show", "One incident as the report to submit");
  show->add_option("id", options->id, "Incident number")->required();
  AddOutputOptions(show, options->show_output, {Format::kMarkdown, Format::kJson}, OutKind::kFile,
                   "the report");
  AddProjectDirOption(open, options->dir, /*positional=*/true);
  AddProjectDirOption(list, options->dir, /*positional=*/true);
  for (CLI::App* sub : {update, resolve, show}) {
    AddProjectDirOption(sub, options->dir, /*positional=*/false);
  }
  SetHelpFooter(open, {"gpaikit incident open my-project --model m1 --type health --aware "
                       "2026-05-04 --title \"harmful advice\""});
  SetHelpFooter(update, {"gpaikit incident update 1 -C my-project --report initial --submitted "
                         "2026-05-06"});
  SetHelpFooter(resolve, {"gpaikit incident resolve 1 -C my-project --date 2026-06-20"});
  SetHelpFooter(list, {"gpaikit incident list my-project --as-of 2026-06-01"});
  SetHelpFooter(show, {"gpaikit incident show 1 -C my-project --format json"});
  for (CLI::App* sub : {list, show}) {
    sub->add_option("--as-of", options->as_of, "Evaluation day YYYY-MM-DD (default: today)");
  }
  for (auto [sub, name] : {std::pair{open, "open"}, {update, "update"}, {resolve, "resolve"}}) {
    sub->callback([options, &exit_code, action = std::string(name)] {
      exit_code = RunWrite(action, *options);
    });
  }
  for (auto [sub, name] : {std::pair{list, "list"}, {show, "show"}}) {
    sub->callback([options, &exit_code, action = std::string(name)] {
      exit_code = RunRead(action, *options);
    });
  }
}

}  // namespace gpaikit::cli
