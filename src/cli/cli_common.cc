// Project loading, rulepack selection, --as-of parsing and terminal detection for subcommands.
#include "cli/cli_common.h"

#include <unistd.h>

#include <cstdlib>

#include "gpaikit/base/files.h"
#include "gpaikit/base/status_list.h"

namespace gpaikit::cli {

Result<law::Rulepack> LoadRules(const std::string& version) {
  return law::LoadRulepack(DataDir(), version);
}

Result<law::AcceleratorCatalogue> LoadCatalogue() {
  return law::LoadAcceleratorCatalogue(DataDir() / "accelerators.yaml");
}

Result<CivilDate> ParseDateOption(std::string_view option, const std::string& text) {
  std::optional<CivilDate> date = CivilDate::Parse(text);
  if (!date) {
    return Status::InvalidInput(std::string(option) + ": expected a date YYYY-MM-DD, got '" + text +
                                "'");
  }
  return *date;
}

Result<CivilDate> ParseDateOrToday(std::string_view option, const std::string& text) {
  if (text.empty()) return CivilDate::Today();
  return ParseDateOption(option, text);
}

Result<CivilDate> ParseAsOf(const std::string& text) { return ParseDateOrToday("--as-of", text); }

Status CheckUrlsGiven(std::string_view command, std::span<const std::string> urls) {
  for (const std::string& url : urls) {
    if (url.empty()) {
      return Status::InvalidInput(std::string(command) +
                                  ": a URL is empty (expected an absolute URL such as "
                                  "https://example.com/page)");
    }
  }
  return Status::Ok();
}

Result<AssessedProject> LoadAndAssess(const std::filesystem::path& dir, const std::string& as_of,
                                      int due_soon_days) {
  Result<CivilDate> day = ParseAsOf(as_of);
  Result<project::ProjectContext> context = project::LoadProjectContext(dir, DataDir());
  if (Status status = AllOf({day.status(), context.status()}); !status.ok()) return status;
  return scope::AssessProject(std::move(*context), scope::ObligationOptions{*day, due_soon_days});
}

Status AllOf(const std::vector<Status>& statuses) {
  StatusList all;
  for (const Status& status : statuses) all.Add(status);
  return all.ToStatus();
}

void AddProjectDirOption(CLI::App* command, std::string& dir, bool positional) {
  command->add_option("-C,--project", dir, "Project folder holding gpaikit.yaml (default: .)");
  if (positional) command->add_option("dir", dir, "Project folder (same as -C)");
}

void AddProjectOptions(CLI::App* command, ProjectOptions& options) {
  AddProjectDirOption(command, options.dir, /*positional=*/true);
  command->add_option("--as-of", options.as_of, "Evaluation day YYYY-MM-DD (default: today)");
  command->add_option("--due-soon-days", options.due_soon_days,
                      "Flag obligations due within this many days (default: 30)");
}

Result<AssessedProject> LoadAndAssess(const ProjectOptions& options) {
  return LoadAndAssess(options.dir, options.as_of, options.due_soon_days);
}

bool ColourOnStdout() {
  const char* no_colour = std::getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) != 0 && (no_colour == nullptr || *no_colour == '\0');
}

}  // namespace gpaikit::cli
