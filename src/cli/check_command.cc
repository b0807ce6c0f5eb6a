// `gpaikit check [DIR]`: validates the project and reports compute, classification and obligations
// per model (--format text|json|md|html, or report.json/.md/.html in the --out folder);
// --crosswalk adds other frameworks.
// Exit 1 when something is overdue.
#include <iostream>
#include <memory>

#include "cli/check_law_change.h"
#include "cli/check_report.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/assess/output.h"
#include "gpaikit/base/files.h"

namespace gpaikit::cli {
namespace {

struct CheckOptions {
  ProjectOptions project;
  OutputOptions output;
  std::vector<std::string> crosswalks;
  std::string law_from;
};

int RunCheck(const CheckOptions& options) {
  if (!options.law_from.empty()) {
    return RunCheckLawChange(options.project, options.output, options.law_from);
  }
  Result<std::vector<Format>> formats = options.output.ChosenAll();
  if (!formats.ok()) return ReportFailure(formats.status());
  Result<CheckInputs> inputs = LoadCheckInputs(options.project, options.crosswalks);
  if (!inputs.ok()) return ReportFailure(inputs.status());
  CheckReport report = BuildCheckReport(*inputs);
  for (Format format : *formats) {
    Result<std::string> rendered =
        RenderReport(report.document, report.json, format,
                     options.output.out.empty() && ColourOnStdout(), options.output.templates);
    if (!rendered.ok()) return ReportFailure(rendered.status());
    Status written = options.output.out.empty()
                         ? Emit(options.output, *rendered)
                         : WriteOutputFile(std::filesystem::path(options.output.out) /
                                               ("report." + std::string(FormatExtension(format))),
                                           *rendered);
    if (!written.ok()) return ReportFailure(written);
  }
  return report.blocking > 0 ? kExitBlocking : kExitOk;
}

}  // namespace

void RegisterCheckCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Validate the project; report compute, classification and obligations per model");
  AddProjectOptions(command, options->project);
  AddOutputOptions(command, options->output,
                   {Format::kText, Format::kJson, Format::kMarkdown, Format::kHtml},
                   OutKind::kFolder,
                   "report.json, report.md, report.html (JSON schema "
                   "gpaikit.check/1)");
  CLI::Option* crosswalk =
      command->add_option("--crosswalk", options->crosswalks,
                          "Also show how far the evidence covers another framework (repeatable or "
                          "comma-separated; docs/crosswalks.md)");
  crosswalk->delimiter(',')->check(CLI::IsMember(assess::CrosswalkChoices()));
  command
      ->add_option("--law-from", options->law_from,
                   "Instead of the report, show how the findings change from this law to the "
                   "newest installed: 'pinned' (as gpaikit.yaml pins it) or KIND=VERSION,... "
                   "(rulepack, code, form, template; code=third-draft); text or JSON "
                   "(gpaikit.check-law-change/1; docs/law-changes.md)")
      ->excludes(crosswalk);
  SetHelpFooter(command, {"gpaikit check my-project --as-of 2026-08-02",
                          "gpaikit check -C my-project --out report   (report.json, .md, .html)",
                          "gpaikit check -C my-project --law-from pinned   (the pinned law -> the "
                          "newest)"});
  command->callback([options, &exit_code] { exit_code = RunCheck(*options); });
}

}  // namespace gpaikit::cli
