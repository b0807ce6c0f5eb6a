// `gpaikit export hf-card -C DIR --model ID [--into README.md]`: writes the AI Act metadata block
// (GPAI and systemic-risk status, compute, energy, placement date, summary and policy links,
// contact, open-source exemption; AI Act Art. 51, 53, 54(6)) into a Hugging Face model card's
// front matter, or prints it (src/docs/hf_card_*.cc; docs/hf-card.md).
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/docs_common.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/docs/hf_card.h"

namespace gpaikit::cli {
namespace {

struct ExportOptions {
  ProjectOptions project;
  std::string model;
  std::string into;
  std::string summary_url;
  std::string policy_url;
  OutputOptions output;
};

int RunExport(const ExportOptions& options) {
  Result<AssessedProject> context = LoadAndAssess(options.project);
  if (!context.ok()) return ReportFailure(context.status());
  Result<std::vector<const scope::ModelAssessment*>> models = SelectModels(*context, options.model);
  if (!models.ok()) return ReportFailure(models.status());
  if (models->size() != 1) {
    return ReportFailure(
        Status::InvalidInput("--model: the project has " + std::to_string(models->size()) +
                             " models and a card describes one: choose it with --model ID"));
  }
  const scope::ModelAssessment& assessment = *models->front();
  Result<std::unique_ptr<store::Ledger>> ledger = OpenLedger(context->project.root, false);
  if (!ledger.ok()) return ReportFailure(ledger.status());
  Result<docs::ModelDocumentation> documentation =
      ModelDocumentation(*context, assessment, ledger->get());
  if (!documentation.ok()) return ReportFailure(documentation.status());
  docs::HfCardAiAct facts =
      docs::AiActFacts(context->project, assessment, context->rules, *documentation,
                       options.summary_url, options.policy_url);
  if (options.into.empty()) {
    Result<std::string> block = docs::AiActBlockText(facts);
    if (!block.ok()) return ReportFailure(block.status());
    Status written = EmitTextOrJson(options.output, *block, docs::AiActJson(facts));
    return written.ok() ? kExitOk : ReportFailure(written);
  }
  Result<std::string> card = ReadFile(options.into);
  if (!card.ok()) return ReportFailure(card.status());
  Result<std::string> updated = docs::WriteAiActBlock(*card, facts, options.into);
  if (!updated.ok()) return ReportFailure(updated.status());
  if (Status written = WriteFile(options.into, *updated); !written.ok()) {
    return ReportFailure(written);
  }
  std::cerr << "gpaikit: wrote the " << docs::kAiActKey << " block of model '" << facts.model
            << "' into " << options.into << "\n";
  return kExitOk;
}

}  // namespace

void RegisterExportCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand("export", "Write project facts into other formats");
  command->require_subcommand(1);
  CLI::App* card = command->add_subcommand(
      "hf-card",
      "Write AI Act metadata into a Hugging Face model card's front matter (eu_ai_act: block)");
  AddProjectOptions(card, options->project);
  card->add_option("--model", options->model, "Model id in gpaikit.yaml (needed with several)");
  card->add_option("--into", options->into,
                   "The model card (README.md) to update in place; without it the block is "
                   "printed");
  card->add_option("--summary-url", options->summary_url,
                   "Where the public training-content summary is (default: the evidence of the "
                   "fulfilled AIA-53-1-d)");
  card->add_option("--policy-url", options->policy_url,
                   "Where the copyright policy is (default: the evidence of the fulfilled "
                   "AIA-53-1-c)");
  AddOutputOptions(card, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the block without --into (text: YAML; JSON schema gpaikit.hf-card.ai-act/1)");
  SetHelpFooter(command, {"gpaikit export hf-card -C my-project --model m-7b --into README.md"});
  SetHelpFooter(card, {"gpaikit export hf-card -C my-project --model m-7b --into README.md"});
  card->callback([options, &exit_code] { exit_code = RunExport(*options); });
}

}  // namespace gpaikit::cli
