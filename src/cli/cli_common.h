// What several subcommands share: loading the project with its pinned rulepack, --as-of, output.
#ifndef GPAIKIT_CLI_CLI_COMMON_H_
#define GPAIKIT_CLI_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/law/law.h"
#include "gpaikit/project/project.h"
#include "gpaikit/scope/scope.h"
#include "gpaikit/base/status.h"

namespace gpaikit::cli {

// A loaded project with the rulepack it pins and the accelerator catalogue.
struct ProjectContext {
  project::Project project;
  law::Rulepack rules;
  law::AcceleratorCatalogue catalogue;
  std::vector<scope::ModelAssessment> assessments;  // one per model, in file order
  scope::ObligationOptions options;
};

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

// Loads and assesses the project in `options.dir`.
Result<ProjectContext> LoadAndAssess(const ProjectOptions& options);

// Loads and assesses the project in `dir` as of `as_of` (empty: today).
Result<ProjectContext> LoadAndAssess(const std::filesystem::path& dir, const std::string& as_of,
                                     int due_soon_days);

// The rulepack (newest, or a given version) and the accelerator catalogue from data/.
Result<law::Rulepack> LoadRules(const std::string& version);
Result<law::AcceleratorCatalogue> LoadCatalogue();

// Parses --as-of; empty means today.
Result<CivilDate> ParseAsOf(const std::string& text);

// True when stdout is a terminal and NO_COLOR is unset.
bool ColourOnStdout();

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_CLI_COMMON_H_
