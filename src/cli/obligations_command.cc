// `gpaikit obligations [DIR]`: each model's obligations with due dates; --ical exports them.
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/ical_export.h"
#include "gpaikit/base/files.h"
#include "gpaikit/scope/output.h"

namespace gpaikit::cli {
namespace {

struct ObligationsOptions {
  ProjectOptions project;
  std::string ical;
  bool json = false;
};

int RunObligations(const ObligationsOptions& options) {
  Result<AssessedProject> context = LoadAndAssess(options.project);
  if (!context.ok()) return ReportFailure(context.status());
  int overdue = 0;
  nlohmann::json models = nlohmann::json::array();
  report::Document document{"Obligations as of " + context->options.as_of.ToString(), {}, {}};
  for (const scope::ModelAssessment& a : context->assessments) {
    nlohmann::json list = nlohmann::json::array();
    report::Table table{{"Id", "Status", "Due", "Obligation"}, {}};
    for (const scope::Obligation& o : a.obligations) {
      overdue += o.status == scope::DueStatus::kOverdue;
      list.push_back(scope::ObligationToJson(o));
      if (!o.applies) continue;
      table.rows.push_back({{o.id},
                            {scope::DueStatusName(o.status), scope::StatusTone(o.status)},
                            {o.due ? o.due->ToString() : "-"},
                            {o.title}});
    }
    models.push_back({{"id", a.model->id}, {"obligations", list}});
    document.sections.push_back({"model-" + a.model->id, a.model->name, {table}, {}});
  }
  if (!options.ical.empty()) {
    Status written = WriteFile(options.ical, ObligationsCalendar(*context));
    if (!written.ok()) return ReportFailure(written);
  }
  if (options.json) {
    std::cout << nlohmann::json{{"schema", "gpaikit.obligations/1"},
                                {"as_of", context->options.as_of.ToString()},
                                {"models", models}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << report::RenderTerminal(document, ColourOnStdout());
    if (!options.ical.empty()) std::cout << "\nCalendar written to " << options.ical << "\n";
  }
  return overdue > 0 ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterObligationsCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ObligationsOptions>();
  CLI::App* command =
      app.add_subcommand("obligations", "List each model's obligations with due dates");
  AddProjectOptions(command, options->project);
  command->add_option("--ical", options->ical, "Also write the due dates as an iCalendar file");
  command->add_flag("--json", options->json, "Print JSON (schema gpaikit.obligations/1)");
  command->callback([options, &exit_code] { exit_code = RunObligations(*options); });
}

}  // namespace gpaikit::cli
