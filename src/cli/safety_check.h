// `gpaikit check` contributions for Safety and Security clocks and incidents ("safety") and the
// gap assessment against every measure of the Code of Practice ("assessment").
#ifndef GPAIKIT_CLI_SAFETY_CHECK_H_
#define GPAIKIT_CLI_SAFETY_CHECK_H_

#include <string>
#include <vector>

#include "cli/check_report.h"

namespace gpaikit::cli {

// Loads the Code, calendar, safety records, evidence register and the crosswalks named by
// `check --crosswalk` for the project (cached), so that bad input is reported (exit 2) before
// the report is built.
Status PrepareSafetySections(const ProjectContext& context,
                             const std::vector<std::string>& crosswalks = {});

ModelContribution SafetyContribution(const ProjectContext& context,
                                     const scope::ModelAssessment& assessment);
ModelContribution AssessmentContribution(const ProjectContext& context,
                                         const scope::ModelAssessment& assessment);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_SAFETY_CHECK_H_
