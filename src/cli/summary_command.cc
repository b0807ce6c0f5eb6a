// `gpaikit summary [DIR] [--stats FILE...] [--out DIR] [--json] [--format html|md|json]`: the
// public summary of training content per model, filled from gpaikit.yaml and corpus statistics
// (AI Act Art. 53(1)(d); template C(2025) 5235 final). Exit 1 when a field is missing.
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "gpaikit/base/files.h"
#include "gpaikit/docs/output.h"

namespace gpaikit::cli {
namespace {

struct SummaryOptions {
  std::string dir = ".";
  std::vector<std::string> stats;
  std::string out_dir;
  bool json = false;
  std::string format;  // "" : md on stdout, all three with --out
  std::string model;
  std::string as_of;
};

std::string Render(const summary::TrainingSummary& filled, const summary::Template& form,
                   const std::string& format) {
  if (format == "html") return summary::RenderSummaryHtml(filled, form);
  if (format == "json") return summary::SummaryJson(filled, form).dump(2) + "\n";
  return summary::RenderSummaryMarkdown(filled, form);
}

void PrintStatus(const summary::TrainingSummary& filled,
                 const std::vector<docs::CurrencyFinding>& currency) {
  int fields = static_cast<int>(filled.fields.size()) + 2;
  std::cerr << filled.model_id << ": " << filled.CountStatus(summary::FieldStatus::kFilled)
            << " of " << fields << " fields filled, "
            << filled.CountStatus(summary::FieldStatus::kNotApplicable) << " not applicable, "
            << filled.CountStatus(summary::FieldStatus::kOptionalEmpty) << " optional left empty, "
            << filled.CountStatus(summary::FieldStatus::kMissing) << " missing\n";
  for (const summary::FieldValue* field : {&filled.version, &filled.last_update}) {
    if (field->status == summary::FieldStatus::kMissing) {
      std::cerr << "  missing " << field->id << ": " << field->why << "\n";
    }
  }
  for (const summary::FieldValue& field : filled.fields) {
    if (field.status == summary::FieldStatus::kMissing) {
      std::cerr << "  missing " << field.section << " " << field.id << ": " << field.why << "\n";
    }
  }
  for (const docs::CurrencyFinding& finding : currency) {
    std::cerr << "  not current: " << finding.message << "\n";
  }
}

int RunSummary(SummaryOptions options) {
  if (options.json) {
    if (!options.format.empty() && options.format != "json") {
      return ReportFailure(
          Status::InvalidInput("--json and --format " + options.format + " contradict each other"));
    }
    options.format = "json";
  }
  Result<AssessedProject> project = LoadAndAssess(options.dir, options.as_of, 30);
  if (!project.ok()) return ReportFailure(project.status());
  const summary::Template& form = project->summary_template;
  std::vector<const scope::ModelAssessment*> models;
  std::string known;
  for (const scope::ModelAssessment& assessment : project->assessments) {
    known += " " + assessment.model->id;
    if (options.model.empty() || assessment.model->id == options.model) {
      models.push_back(&assessment);
    }
  }
  if (models.empty()) {
    return ReportFailure(
        Status::NotFound("no model '" + options.model + "' (models:" + known + ")"));
  }
  if (options.out_dir.empty() && models.size() > 1 && options.format == "json") {
    return ReportFailure(Status::InvalidInput(
        "--json prints one document: choose a model with --model, or use --out DIR"));
  }
  bool missing = false;
  for (const scope::ModelAssessment* assessment : models) {
    const project::Model* model = assessment->model;
    Result<std::optional<summary::CorpusStats>> stats =
        docs::StatsFor(project->project, *model, options.stats);
    if (!stats.ok()) return ReportFailure(stats.status());
    const summary::CorpusStats* measured = stats->has_value() ? &**stats : nullptr;
    summary::TrainingSummary filled =
        summary::BuildTrainingSummary(project->project, *model, form, measured);
    if (options.out_dir.empty()) {
      std::cout << Render(filled, form, options.format.empty() ? "md" : options.format);
    } else {
      std::vector<std::string> formats = {"html", "md", "json"};
      if (!options.format.empty()) formats = {options.format};
      for (const std::string& format : formats) {
        std::filesystem::path file =
            std::filesystem::path(options.out_dir) / (model->id + "-training-summary." + format);
        Status written = WriteFile(file, Render(filled, form, format));
        if (!written.ok()) return ReportFailure(written);
        std::cerr << "Wrote " << file.string() << "\n";
      }
    }
    PrintStatus(filled, docs::CurrencyFindings(filled, *assessment, form, project->options.as_of));
    missing |= !filled.complete();
  }
  return missing ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterSummaryCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SummaryOptions>();
  CLI::App* command = app.add_subcommand(
      "summary", "Fill the public summary of training content (AI Act Art. 53(1)(d))");
  AddProjectDirOption(command, options->dir, /*positional=*/true);
  command
      ->add_option("--stats", options->stats,
                   "gpaikit corpus scan --json output (repeatable; merged); default: the "
                   "model's training_data.stats")
      ->allow_extra_args(false);
  command->add_option("--out", options->out_dir,
                      "Write <model>-training-summary.{html,md,json} here");
  command->add_flag("--json", options->json, "Print JSON gpaikit.training-summary/1");
  command->add_option("--format", options->format, "md (default), html or json")
      ->check(CLI::IsMember({"md", "html", "json"}));
  command->add_option("--model", options->model, "Only this model id");
  command->add_option("--as-of", options->as_of,
                      "Day for the currency findings YYYY-MM-DD (default: today)");
  command->callback([options, &exit_code] { exit_code = RunSummary(*options); });
}

}  // namespace gpaikit::cli
