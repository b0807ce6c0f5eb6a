// `gpaikit incident open|update|resolve|list|show`: serious incidents as entries in the project's
// hash-chained ledger (Code of Practice, Safety and Security, Measures 9.1-9.4).
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/project/context.h"
#include "gpaikit/safety/incident_writer.h"
#include "gpaikit/safety/output.h"

namespace gpaikit::cli {
namespace {

struct IncidentOptions {
  std::string dir = ".";
  std::string model, type, aware, title, author, report, submitted, date, note, as_of;
  std::vector<std::string> items;
  int id = 0;
  int similar_to = 0;
  OutputOptions list_output;  // text, json, md, html
  OutputOptions show_output;  // md, json
  bool draft = false;         // show: keep the working notes
};

// --item ID=TEXT, repeatable; the ids are checked against the Code's template by safety.
Result<std::map<std::string, std::string>> ParseItems(const std::vector<std::string>& items) {
  std::map<std::string, std::string> out;
  for (const std::string& item : items) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::InvalidInput("--item '" + item +
                                  "': expected ID=TEXT with ID a template item (docs/safety.md)");
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

std::string Author(const std::string& given) {
  if (!given.empty()) return given;
  const char* user = std::getenv("USER");
  return user && *user ? user : "gpaikit";
}

Result<safety::RecordedIncident> Write(const std::string& action, const IncidentOptions& options,
                                       const project::ProjectContext& context,
                                       const safety::ProjectSafety& safety) {
  Result<std::map<std::string, std::string>> items = ParseItems(options.items);
  if (!items.ok()) return items.status();
  safety::IncidentWrite write{Author(options.author), std::move(*items)};
  if (action == "open") {
    Result<CivilDate> aware = ParseDateOption("--aware", options.aware);
    if (!aware.ok()) return aware.status();
    safety::IncidentOpening opening{options.model, options.type, *aware, options.title,
                                    options.similar_to};
    return safety::OpenIncident(context, safety, opening, write);
  }
  if (action == "update") {
    safety::IncidentUpdate update{options.report, std::nullopt, options.note};
    if (!options.submitted.empty()) {
      Result<CivilDate> submitted = ParseDateOption("--submitted", options.submitted);
      if (!submitted.ok()) return submitted.status();
      update.submitted = *submitted;
    }
    return safety::UpdateIncident(context, safety, options.id, update, write);
  }
  Result<CivilDate> resolved = ParseDateOption("--date", options.date);
  if (!resolved.ok()) return resolved.status();
  return safety::ResolveIncident(context, safety, options.id, *resolved, write);
}

int RunWrite(const std::string& action, const IncidentOptions& options) {
  Result<AssessedProject> loaded = LoadAndAssess(options.dir, "", 30);
  if (!loaded.ok()) return ReportFailure(loaded.status());
  Result<safety::ProjectSafety> safety = safety::LoadProjectSafety(*loaded);
  if (!safety.ok()) return ReportFailure(safety.status());
  Result<safety::RecordedIncident> done = Write(action, options, *loaded, *safety);
  if (!done.ok()) return ReportFailure(done.status());
  if (action == "open" && !safety::ChapterBinds(*loaded, *safety, options.model)) {
    std::cerr << "note: the Safety and Security chapter does not bind model '" << options.model
              << "' (not a model with systemic risk, nor named in a voluntarily signed Framework): "
                 "a voluntary record; its clocks are not binding findings\n";
  }
  std::cout << "incident " << done->id << ": " << done->entry.kind << " recorded as entry "
            << done->entry.seq << " of " << done->ledger.string() << "\n";
  Status flushed = FlushStdout();
  return flushed.ok() ? kExitOk : ReportFailure(flushed);
}

int RunRead(const std::string& action, const IncidentOptions& options) {
  Result<AssessedProject> loaded = LoadAndAssess(options.dir, options.as_of, 30);
  if (!loaded.ok()) return ReportFailure(loaded.status());
  const CivilDate* as_of = &loaded->options.as_of;
  Result<safety::ProjectSafety> context = safety::LoadProjectSafety(*loaded);
  if (!context.ok()) return ReportFailure(context.status());
  if (action == "list") {
    Result<Format> format = options.list_output.Chosen();
    if (!format.ok()) return ReportFailure(format.status());
    Result<safety::IncidentListing> listing = safety::ListIncidents(*loaded, *context);
    if (!listing.ok()) return ReportFailure(listing.status());
    Result<std::string> rendered = RenderReport(listing->document, listing->json, *format,
                                                options.list_output.out.empty() && ColourOnStdout(),
                                                options.list_output.templates);
    if (!rendered.ok()) return ReportFailure(rendered.status());
    Status written = Emit(options.list_output, *rendered);
    if (!written.ok()) return ReportFailure(written);
    return listing->overdue > 0 ? kExitBlocking : kExitOk;
  }
  Result<const safety::Incident*> incident = safety::FindIncident(*context, options.id);
  if (!incident.ok()) return ReportFailure(incident.status());
  Result<Format> format = options.show_output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  Result<std::string> shown = safety::ShowIncident(loaded->code, *context, **incident, *as_of,
                                                   std::string(FormatName(*format)), options.draft);
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
  show->add_flag("--draft", options->draft,
                 "keep the working notes (the template's source and verification level)");
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
