// The documentation section of `gpaikit check`: completeness per audience, blocking gaps, Annex
// coverage, published versions with retention dates and downstream requests.
#ifndef GPAIKIT_CLI_DOCS_CHECK_H_
#define GPAIKIT_CLI_DOCS_CHECK_H_

#include "cli/check_report.h"

namespace gpaikit::cli {

ModelContribution DocumentationContribution(const ProjectContext& context,
                                            const scope::ModelAssessment& assessment);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_DOCS_CHECK_H_
