// `gpaikit init DIR`: writes a commented starting gpaikit.yaml (from data/templates/).
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "gpaikit/base/files.h"
#include "gpaikit/project/project.h"

namespace gpaikit::cli {
namespace {

struct InitOptions {
  std::string dir = ".";
  bool force = false;
};

int RunInit(const InitOptions& options) {
  std::filesystem::path target = std::filesystem::path(options.dir) / project::kProjectFileName;
  std::error_code error;
  if (std::filesystem::exists(target, error) && !options.force) {
    return ReportFailure(
        Status::InvalidInput(target.string() + ": already exists (use --force to overwrite)"));
  }
  Result<std::string> text = ReadFile(DataDir() / "templates" / project::kProjectFileName);
  if (!text.ok()) return ReportFailure(text.status());
  Status written = WriteFile(target, *text);
  if (!written.ok()) return ReportFailure(written);
  std::cout << "Wrote " << target.string() << ". Edit it, then run: gpaikit check " << options.dir
            << "\n";
  return kExitOk;
}

}  // namespace

void RegisterInitCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* command = app.add_subcommand("init", "Write a commented starting gpaikit.yaml");
  AddProjectDirOption(command, options->dir, /*positional=*/true);
  command->add_flag("--force", options->force, "Overwrite an existing gpaikit.yaml");
  SetHelpFooter(command, {"gpaikit init my-project"});
  command->callback([options, &exit_code] { exit_code = RunInit(*options); });
}

}  // namespace gpaikit::cli
