// `gpaikit check [DIR]`: validates the project and reports compute, classification and obligations
// per model (text, --json, or report.json/.md/.html with --out); --crosswalk adds other frameworks.
// Exit 1 when something is overdue.
#include <iostream>
#include <memory>

#include "cli/check_report.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "gpaikit/assess/output.h"
#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

struct CheckOptions {
  ProjectOptions project;
  std::string out_dir;
  bool json = false;
  std::vector<std::string> crosswalks;
};

int RunCheck(const CheckOptions& options) {
  Result<CheckInputs> inputs = LoadCheckInputs(options.project, options.crosswalks);
  if (!inputs.ok()) return ReportFailure(inputs.status());
  CheckReport report = BuildCheckReport(*inputs);
  if (!options.out_dir.empty()) {
    std::filesystem::path out = options.out_dir;
    for (const auto& [name, contents] :
         {std::pair<std::string, std::string>{"report.json", report.json.dump(2) + "\n"},
          {"report.md", report::RenderMarkdown(report.document)},
          {"report.html", report::RenderHtml(report.document)}}) {
      Status written = WriteFile(out / name, contents);
      if (!written.ok()) return ReportFailure(written);
    }
  }
  if (options.json) {
    std::cout << report.json.dump(2) << "\n";
  } else {
    std::cout << report::RenderTerminal(report.document, ColourOnStdout());
    if (!options.out_dir.empty()) {
      std::cout << "\nReport written to "
                << (std::filesystem::path(options.out_dir) / "report.html").string()
                << " (also report.md, report.json)\n";
    }
  }
  return report.blocking > 0 ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterCheckCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Validate the project; report compute, classification and obligations per model");
  AddProjectOptions(command, options->project);
  command->add_flag("--json", options->json, "Print one JSON document (schema gpaikit.check/1)");
  command->add_option("--out", options->out_dir,
                      "Write report.json, report.md and report.html here");
  command
      ->add_option("--crosswalk", options->crosswalks,
                   "Also show how far the evidence covers another framework (repeatable or "
                   "comma-separated; docs/crosswalks.md)")
      ->delimiter(',')
      ->check(CLI::IsMember(assess::CrosswalkChoices()));
  command->callback([options, &exit_code] { exit_code = RunCheck(*options); });
}

}  // namespace gpaikit::cli
