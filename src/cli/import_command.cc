// `gpaikit import hf-card README.md`: prints a gpaikit.yaml model entry prefilled from a Hugging
// Face model card (src/docs/documentation_hf_card.cc) and lists what it could not map (Code of
// Practice, Transparency, Measure 1.1: drawing up the documentation).
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/docs/import.h"

namespace gpaikit::cli {
namespace {

struct ImportOptions {
  std::string card;
  std::string id;
  OutputOptions output;
};

int RunImport(const ImportOptions& options) {
  Result<std::string> text = ReadFile(options.card);
  if (!text.ok()) return ReportFailure(text.status());
  Result<docs::HfCardImport> imported = docs::ImportHfCard(*text, options.card, options.id);
  if (!imported.ok()) return ReportFailure(imported.status());
  nlohmann::json json = {{"schema", "gpaikit.import.hf-card/1"},
                         {"entry", imported->entry},
                         {"unmapped", imported->unmapped},
                         {"ai_act", nullptr}};
  if (imported->ai_act) json["ai_act"] = docs::AiActJson(*imported->ai_act);
  Status written = EmitTextOrJson(options.output, imported->entry + "\n", json);
  if (!written.ok()) return ReportFailure(written);
  std::cerr << "could not map " << imported->unmapped.size() << " item(s):\n";
  for (const std::string& item : imported->unmapped) std::cerr << "  - " << item << "\n";
  return kExitOk;
}

}  // namespace

void RegisterImportCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* import = app.add_subcommand("import", "Prefill project values from other formats");
  import->require_subcommand(1);
  CLI::App* card = import->add_subcommand(
      "hf-card", "Print a gpaikit.yaml model entry prefilled from a Hugging Face model card");
  card->add_option("card", options->card, "The model card (README.md)")->required();
  card->add_option("--id", options->id, "Model id to use (default: from the name)");
  AddOutputOptions(card, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the gpaikit.yaml entry (text: YAML; JSON schema gpaikit.import.hf-card/1)");
  SetHelpFooter(import, {"gpaikit import hf-card README.md --id my-model >> gpaikit.yaml"});
  SetHelpFooter(card, {"gpaikit import hf-card README.md --id my-model >> gpaikit.yaml"});
  card->callback([options, &exit_code] { exit_code = RunImport(*options); });
}

}  // namespace gpaikit::cli
