// `gpaikit import hf-card README.md`: prints a gpaikit.yaml model entry prefilled from a Hugging
// Face model card (src/docs/documentation_hf_card.cc) and lists what it could not map (Code of
// Practice, Transparency, Measure 1.1: drawing up the documentation).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "gpaikit/docs/import.h"
#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

struct ImportOptions {
  std::string card;
  std::string id;
};

int RunImport(const ImportOptions& options) {
  Result<std::string> text = ReadFile(options.card);
  if (!text.ok()) return ReportFailure(text.status());
  Result<docs::HfCardImport> imported = docs::ImportHfCard(*text, options.card, options.id);
  if (!imported.ok()) return ReportFailure(imported.status());
  std::cout << imported->entry << "\n";
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
  card->callback([options, &exit_code] { exit_code = RunImport(*options); });
}

}  // namespace gpaikit::cli
