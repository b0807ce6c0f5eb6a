// Assembles `gpaikit check`'s report from the sections modules contribute, as JSON and a Document.
#ifndef GPAIKIT_CLI_CHECK_REPORT_H_
#define GPAIKIT_CLI_CHECK_REPORT_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "gpaikit/report/report.h"

namespace gpaikit::cli {

// What one module adds for one model: a key in the model's JSON object, a report section, and
// how many blocking findings (overdue obligations, blocking gaps) it found.
struct ModelContribution {
  std::string json_key;  // "" to merge `json` into the model object itself
  nlohmann::json json;
  report::Section section;
  int blocking = 0;
};

// A module's contribution function. Later modules (documentation, training-content summary,
// opt-out audit, safety, gap assessment) add theirs to ModelContributors().
using ModelContributor =
    std::function<ModelContribution(const ProjectContext&, const scope::ModelAssessment&)>;
const std::vector<ModelContributor>& ModelContributors();

struct CheckReport {
  nlohmann::json json;  // schema gpaikit.check/1
  report::Document document;
  int blocking = 0;
};

CheckReport BuildCheckReport(const ProjectContext& context);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_CHECK_REPORT_H_
