// Assembles `gpaikit check`'s report from the sections modules contribute, as JSON and a Document.
#ifndef GPAIKIT_CLI_CHECK_REPORT_H_
#define GPAIKIT_CLI_CHECK_REPORT_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "gpaikit/assess/assess.h"
#include "gpaikit/assess/crosswalk.h"
#include "gpaikit/docs/output.h"
#include "gpaikit/report/contribution.h"
#include "gpaikit/safety/output.h"

namespace gpaikit::cli {

// Everything `check` reads for a project, loaded once before the report is built: the assessed
// project context and what the safety, assess and docs modules read from the project folder.
struct CheckInputs {
  AssessedProject project;
  safety::ProjectSafety safety;
  assess::EvidenceRegister evidence;
  std::vector<assess::Crosswalk> crosswalks;  // check --crosswalk, in the order given
  docs::CheckInputs docs;
};

// Loads the project and every input of check's sections; every input error of every module is
// reported together (exit 2).
// `law` chooses law versions instead of the project's pins (project::LoadProjectContextPartly).
Result<CheckInputs> LoadCheckInputs(const ProjectOptions& options,
                                    const std::vector<std::string>& crosswalks,
                                    const std::map<std::string, std::string>& law = {});

// The gap assessment's input for one model; `log` must outlive it.
assess::AssessmentInput AssessmentInputFor(const CheckInputs& inputs,
                                           const scope::ModelAssessment& assessment,
                                           const store::LedgerFacts& log);

// A module's contribution for one model.
using ModelContributor =
    std::function<report::ModelContribution(const CheckInputs&, const scope::ModelAssessment&)>;
// scope, documentation, training summary, safety, gap assessment: in report order.
const std::vector<ModelContributor>& ModelContributors();

struct CheckReport {
  nlohmann::json json;  // schema gpaikit.check/1
  report::Document document;
  int blocking = 0;
};

CheckReport BuildCheckReport(const CheckInputs& inputs);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_CHECK_REPORT_H_
