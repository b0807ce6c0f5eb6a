// `gpaikit check --law-from OLD`: how the project's findings change between an older version of
// the law and the newest installed (docs/law-changes.md).
#ifndef GPAIKIT_CLI_CHECK_LAW_CHANGE_H_
#define GPAIKIT_CLI_CHECK_LAW_CHANGE_H_

#include <string>

#include "cli/check_report.h"
#include "cli/output_options.h"

namespace gpaikit::cli {

// Runs the comparison and prints it (text, or JSON schema gpaikit.check-law-change/1); returns
// the exit code. `law_from` is "pinned" (the versions gpaikit.yaml pins) or
// KIND=VERSION[,KIND=VERSION] (rulepack, code, form, template; code=third-draft for the Code's
// third draft, which the final Code's data maps).
int RunCheckLawChange(const ProjectOptions& project, const OutputOptions& output,
                      const std::string& law_from);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_CHECK_LAW_CHANGE_H_
