// What several subcommands share: loading the project with its pinned rulepack, --as-of, output.
#ifndef GPAIKIT_CLI_CLI_COMMON_H_
#define GPAIKIT_CLI_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"
#include "gpaikit/law/law.h"
#include "gpaikit/project/project.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::cli {

// The project context (project::ProjectContext: the project and the law it pins) with every model
// assessed as of one day.
using scope::AssessedProject;

// The options every project-reading subcommand takes: the folder, the evaluation day and the
// warning window for due dates.
struct ProjectOptions {
  std::string dir = ".";
  std::string as_of;  // YYYY-MM-DD; empty: today
  int due_soon_days = 30;
};

// Adds the project folder to `command` the one way every subcommand takes it: `-C,--project DIR`,
// and, when `positional` (commands without positional arguments of their own), a bare DIR too.
void AddProjectDirOption(CLI::App* command, std::string& dir, bool positional);

// Adds DIR (positional and -C), --as-of and --due-soon-days to `command`, bound to `options`.
void AddProjectOptions(CLI::App* command, ProjectOptions& options);

// Loads the project context once (project::LoadProjectContext) and assesses every model.
Result<AssessedProject> LoadAndAssess(const ProjectOptions& options);

// Loads and assesses the project in `dir` as of `as_of` (empty: today).
Result<AssessedProject> LoadAndAssess(const std::filesystem::path& dir, const std::string& as_of,
                                      int due_soon_days);

// One status whose message lists the messages of every failed one (Ok when none failed), so that
// a command reports all its input errors at once; the code as base's StatusList gives it.
Status AllOf(const std::vector<Status>& statuses);

// The rulepack (newest, or a given version) and the accelerator catalogue from data/.
Result<law::Rulepack> LoadRules(const std::string& version);
Result<law::AcceleratorCatalogue> LoadCatalogue();

// Parses the YYYY-MM-DD value of `option`; the error names the option and the text given.
Result<CivilDate> ParseDateOption(std::string_view option, const std::string& text);
// The same with an empty value meaning today.
Result<CivilDate> ParseDateOrToday(std::string_view option, const std::string& text);
// Parses --as-of; empty means today.
Result<CivilDate> ParseAsOf(const std::string& text);

// InvalidInput when one of `urls` is empty ("" on the command line checks nothing): the message
// starts with `command` ("robots check: a URL is empty ..."); Ok otherwise.
Status CheckUrlsGiven(std::string_view command, std::span<const std::string> urls);

// True when stdout is a terminal and NO_COLOR is unset.
bool ColourOnStdout();

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_CLI_COMMON_H_
