// The training-content summary for `gpaikit summary` and the summary section of `gpaikit check`:
// complete? current? (AI Act Art. 53(1)(d); template C(2025) 5235 final; docs/summary.md).
#ifndef GPAIKIT_CLI_SUMMARY_CHECK_H_
#define GPAIKIT_CLI_SUMMARY_CHECK_H_

#include <optional>
#include <string>
#include <vector>

#include "cli/check_report.h"
#include "gpaikit/docs/training_summary.h"

namespace gpaikit::cli {

// The newest installed template (data/forms/training-content-summary-*.yaml), loaded once.
Result<const summary::Template*> SummaryTemplate();

// The statistics for `model`: `stats_files` when given (paths as typed), else the files its
// training_data.stats names; nullopt when there are neither.
Result<std::optional<summary::CorpusStats>> StatsFor(const project::Project& project,
                                                     const project::Model& model,
                                                     const std::vector<std::string>& stats_files);

// One finding about whether the summary is current, as a sentence.
struct CurrencyFinding {
  std::string message;
  bool blocking_tone = false;  // shown as bad (overdue) rather than as a warning
};

// Whether `summary` is current on `as_of`: published by placement, updated every
// template.update_months while training continues, not older than the data in its statistics.
std::vector<CurrencyFinding> CurrencyFindings(const summary::TrainingSummary& summary,
                                              const project::Model& model,
                                              const summary::Template& form, CivilDate as_of);

ModelContribution SummaryContribution(const ProjectContext& context,
                                      const scope::ModelAssessment& assessment);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_SUMMARY_CHECK_H_
