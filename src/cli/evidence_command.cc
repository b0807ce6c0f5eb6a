// `gpaikit evidence list|init [DIR]`: the Code of Practice conditions and evidence items per model,
// and a commented evidence.yaml to fill in (the rules live in assess; docs/safety.md).
#include <deque>
#include <iostream>
#include <memory>

#include "cli/check_report.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/assess/output.h"
#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

struct EvidenceOptions {
  ProjectOptions project;
  std::string model;
  bool force = false;
  OutputOptions output;
};

int RunList(const EvidenceOptions& options) {
  Result<Format> format = options.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  Result<CheckInputs> inputs = LoadCheckInputs(options.project, {});
  if (!inputs.ok()) return ReportFailure(inputs.status());
  nlohmann::json models = nlohmann::json::object();
  report::Document document{
      "Evidence for the Code of Practice (" + inputs->project.code.rulepack + ")",
      {{"As of", {inputs->project.options.as_of.ToString()}},
       {"Evidence register",
        {inputs->evidence.file.empty() ? "none (gpaikit evidence init)" : "evidence.yaml"}}},
      {}};
  std::string known;
  for (const scope::ModelAssessment& assessment : inputs->project.assessments) {
    known += " " + assessment.model->id;
    if (!options.model.empty() && assessment.model->id != options.model) continue;
    store::LedgerFacts log =
        docs::LedgerFactsFor(inputs->docs.log, assessment.model->id, inputs->project.options.as_of);
    report::ModelContribution part =
        assess::EvidenceListing(AssessmentInputFor(*inputs, assessment, log));
    models[part.json_key] = std::move(part.json);
    document.sections.push_back(std::move(part.section));
  }
  if (models.empty()) {
    return ReportFailure(
        Status::NotFound("no model '" + options.model + "' (models:" + known + ")"));
  }
  nlohmann::json json = {{"schema", "gpaikit.evidence/1"},
                         {"as_of", inputs->project.options.as_of.ToString()},
                         {"code_of_practice", inputs->project.code.rulepack},
                         {"models", models}};
  Result<std::string> rendered =
      RenderReport(document, json, *format, options.output.out.empty() && ColourOnStdout(),
                   options.output.templates);
  if (!rendered.ok()) return ReportFailure(rendered.status());
  Status written = Emit(options.output, *rendered);
  if (!written.ok()) return ReportFailure(written);
  return kExitOk;
}

int RunInit(const EvidenceOptions& options) {
  Result<CheckInputs> inputs = LoadCheckInputs(options.project, {});
  if (!inputs.ok()) return ReportFailure(inputs.status());
  std::filesystem::path file = inputs->project.project.root / "evidence.yaml";
  if (std::filesystem::exists(file) && !options.force) {
    return ReportFailure(Status::InvalidInput(
        file.string() +
        ": exists; gpaikit evidence list shows what it gives (--force replaces it)"));
  }
  std::deque<store::LedgerFacts> logs;  // stable addresses for the inputs
  std::vector<assess::AssessmentInput> models;
  for (const scope::ModelAssessment& assessment : inputs->project.assessments) {
    logs.push_back(docs::LedgerFactsFor(inputs->docs.log, assessment.model->id,
                                        inputs->project.options.as_of));
    models.push_back(AssessmentInputFor(*inputs, assessment, logs.back()));
  }
  Status written = WriteFile(file, assess::EvidenceRegisterTemplate(models));
  if (!written.ok()) return ReportFailure(written);
  std::cerr << "wrote " << file.string() << "\n";
  return kExitOk;
}

}  // namespace

void RegisterEvidenceCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<EvidenceOptions>();
  CLI::App* evidence = app.add_subcommand(
      "evidence", "The Code of Practice's conditions and evidence items for each model");
  evidence->require_subcommand(1);
  SetHelpFooter(evidence, {"gpaikit evidence list my-project"});
  CLI::App* list = evidence->add_subcommand(
      "list", "List conditions (derived from facts or stated) and evidence items per model");
  AddProjectOptions(list, options->project);
  list->add_option("--model", options->model, "Only this model");
  AddOutputOptions(list, options->output,
                   {Format::kText, Format::kJson, Format::kMarkdown, Format::kHtml}, OutKind::kFile,
                   "the list (JSON schema gpaikit.evidence/1)");
  SetHelpFooter(list, {"gpaikit evidence list my-project --model m1 --json"});
  list->callback([options, &exit_code] { exit_code = RunList(*options); });
  CLI::App* init = evidence->add_subcommand(
      "init", "Write evidence.yaml listing, as comments, what only the register can give");
  AddProjectOptions(init, options->project);
  init->add_flag("--force", options->force, "Replace an existing evidence.yaml");
  SetHelpFooter(init, {"gpaikit evidence init my-project"});
  init->callback([options, &exit_code] { exit_code = RunInit(*options); });
}

}  // namespace gpaikit::cli
