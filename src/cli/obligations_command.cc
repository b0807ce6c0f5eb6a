// `gpaikit obligations [DIR]`: each model's obligations with due dates; --ical exports them.
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/ical_export.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/scope/output.h"

namespace gpaikit::cli {
namespace {

struct ObligationsOptions {
  ProjectOptions project;
  std::string ical;
  OutputOptions output;
};

int RunObligations(const ObligationsOptions& options) {
  Result<Format> format = options.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
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
                            {scope::DueStatusText(o), scope::StatusTone(o.status)},
                            {o.due ? o.due->ToString() : "-"},
                            {o.title}});
    }
    models.push_back({{"id", a.model->id}, {"obligations", list}});
    document.sections.push_back({"model-" + a.model->id, a.model->name, {table}, {}});
  }
  if (!options.ical.empty()) {
    Status written = WriteOutputFile(options.ical, ObligationsCalendar(*context));
    if (!written.ok()) return ReportFailure(written);
  }
  nlohmann::json json = {{"schema", "gpaikit.obligations/1"},
                         {"as_of", context->options.as_of.ToString()},
                         {"models", models}};
  Result<std::string> rendered =
      RenderReport(document, json, *format, options.output.out.empty() && ColourOnStdout(),
                   options.output.templates);
  if (!rendered.ok()) return ReportFailure(rendered.status());
  Status written = Emit(options.output, *rendered);
  if (!written.ok()) return ReportFailure(written);
  return overdue > 0 ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterObligationsCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ObligationsOptions>();
  CLI::App* command =
      app.add_subcommand("obligations", "List each model's obligations with due dates");
  AddProjectOptions(command, options->project);
  command->add_option("--ical", options->ical, "Also write the due dates as an iCalendar file");
  AddOutputOptions(command, options->output,
                   {Format::kText, Format::kJson, Format::kMarkdown, Format::kHtml}, OutKind::kFile,
                   "the list (JSON schema gpaikit.obligations/1)");
  SetHelpFooter(command, {"gpaikit obligations my-project --as-of 2026-08-02 --ical due.ics"});
  command->callback([options, &exit_code] { exit_code = RunObligations(*options); });
}

}  // namespace gpaikit::cli
