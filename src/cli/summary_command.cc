// `gpaikit summary [DIR] [--stats FILE...] [--out DIR] [--format md|html|json|docx|pdf]`: the
// public summary of training content per model, filled from gpaikit.yaml and corpus statistics
// (AI Act Art. 53(1)(d); template C(2025) 5235 final). Exit 1 when a field is missing.
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/docs/exchange.h"
#include "gpaikit/docs/output.h"
#include "gpaikit/report/exchange.h"

namespace gpaikit::cli {
namespace {

struct SummaryOptions {
  std::string dir = ".";
  std::vector<std::string> stats;
  OutputOptions output;  // md on stdout by default; every format in the --out folder
  std::string model;
  std::string as_of;
  bool draft = false;  // keep the working notes
};

// `recorded`: the ledger version that records this summary (the DOCX and PDF footer); `as_of`
// dates the DOCX and PDF files when the summary gives no date of its last update.
Result<std::string> Render(const docs::TrainingSummary& filled, const law::summary::Template& form,
                           Format format, bool draft, const docs::PublishedVersion* recorded,
                           const CivilDate& as_of, const std::filesystem::path& templates) {
  if (format == Format::kDocx || format == Format::kPdf) {
    report::Document document = docs::SummaryDocument(filled, form, false);
    auto shown = [](const docs::FieldValue& field) {
      return field.status == docs::FieldStatus::kFilled ? field.text : std::string("not provided");
    };
    std::string footer =
        docs::PageFooter("Public summary of training content, " + filled.model_id,
                         shown(filled.version), shown(filled.last_update), recorded);
    std::string date =
        CivilDate::Parse(filled.last_update.text) ? filled.last_update.text : as_of.ToString();
    return format == Format::kDocx ? report::RenderDocx(document, footer, date, templates)
                                   : report::RenderPdf(document, footer, date, templates);
  }
  if (format == Format::kHtml) return docs::RenderSummaryHtml(filled, form, draft, templates);
  if (format == Format::kJson) return docs::SummaryJson(filled, form).dump(2) + "\n";
  return docs::RenderSummaryMarkdown(filled, form, draft);
}

void PrintStatus(const docs::TrainingSummary& filled,
                 const std::vector<docs::CurrencyFinding>& currency) {
  std::cerr << filled.model_id << ": " << filled.CountsText() << "\n";
  for (const docs::FieldValue* field : {&filled.version, &filled.last_update}) {
    if (field->status == docs::FieldStatus::kMissing) {
      std::cerr << "  missing " << field->id << ": " << field->why << "\n";
    }
  }
  for (const docs::FieldValue& field : filled.fields) {
    if (field.status == docs::FieldStatus::kMissing) {
      std::cerr << "  missing " << field.section << " " << field.id << ": " << field.why << "\n";
    }
  }
  for (const std::string& finding : filled.findings) std::cerr << "  finding: " << finding << "\n";
  for (const docs::CurrencyFinding& finding : currency) {
    std::cerr << "  not current: " << finding.message << "\n";
  }
}

int RunSummary(const SummaryOptions& options) {
  Result<std::vector<Format>> formats = options.output.ChosenAll();
  if (!formats.ok()) return ReportFailure(formats.status());
  Result<AssessedProject> project = LoadAndAssess(options.dir, options.as_of, 30);
  if (!project.ok()) return ReportFailure(project.status());
  const law::summary::Template& form = project->summary_template;
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
  if (options.output.out.empty() && models.size() > 1 && formats->front() == Format::kJson) {
    return ReportFailure(Status::InvalidInput(
        "--json prints one document: choose a model with --model, or use --out DIR"));
  }
  Result<std::unique_ptr<store::Ledger>> ledger = OpenLedger(project->project.root, false);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  bool missing = false;
  for (const scope::ModelAssessment* assessment : models) {
    const project::Model* model = assessment->model;
    Result<std::optional<docs::CorpusStats>> stats =
        docs::StatsFor(project->project, *model, options.stats);
    if (!stats.ok()) return ReportFailure(stats.status());
    const docs::CorpusStats* measured = stats->has_value() ? &**stats : nullptr;
    docs::TrainingSummary filled =
        docs::BuildTrainingSummary(project->project, *assessment, form, measured);
    std::vector<docs::PublishedVersion> versions;
    if (*ledger) {
      Result<std::vector<docs::PublishedVersion>> all =
          docs::PublishedVersions(**ledger, model->id, docs::kSummaryVersionKind);
      if (!all.ok()) return ReportFailure(ExplainLocked(all.status()));
      versions = docs::VersionsAsOf(*all, project->options.as_of);
    }
    const docs::PublishedVersion* recorded =
        docs::RecordingVersion(versions, docs::SummaryJson(filled, form));
    for (Format format : *formats) {
      Result<std::string> text = Render(filled, form, format, options.draft, recorded,
                                        project->options.as_of, options.output.templates);
      if (!text.ok()) return ReportFailure(text.status());
      Status written =
          options.output.out.empty()
              ? Emit(options.output, *text)
              : WriteOutputFileIn(
                    options.output.out,
                    model->id + "-training-summary." + std::string(FormatExtension(format)), *text);
      if (!written.ok()) return ReportFailure(written);
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
  AddOutputOptions(command, options->output,
                   {Format::kMarkdown, Format::kHtml, Format::kJson, Format::kDocx, Format::kPdf},
                   OutKind::kFolder,
                   "<model>-training-summary.<md|html|json> (JSON schema "
                   "gpaikit.training-summary/1); docx and pdf (pandoc, weasyprint; "
                   "docs/exchange.md) only when asked for with --format");
  SetHelpFooter(command, {"gpaikit summary my-project --stats stats.json --format html > s.html",
                          "gpaikit summary -C my-project --out public   (md, html and json)",
                          "gpaikit summary my-project --format pdf > summary.pdf"});
  command->add_option("--model", options->model, "Only this model id");
  command->add_option("--as-of", options->as_of,
                      "Day for the currency findings YYYY-MM-DD (default: today)");
  command->add_flag(
      "--draft", options->draft,
      "keep the working notes (why a field is missing or not applicable, the "
      "gpaikit.yaml keys, sources, findings); the default is the document to publish");
  command->callback([options, &exit_code] { exit_code = RunSummary(*options); });
}

}  // namespace gpaikit::cli
