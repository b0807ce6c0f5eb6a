// What the docs module contributes to outputs: the documentation and training-content summary
// parts of `gpaikit check` (Code of Practice, Transparency, Measures 1.1-1.2; AI Act Art.
// 53(1)(d)), the ledger read once, and the documentation's version header.
#ifndef GPAIKIT_DOCS_OUTPUT_H_
#define GPAIKIT_DOCS_OUTPUT_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/docs/docs.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/docs/training_summary.h"
#include "gpaikit/report/contribution.h"
#include "gpaikit/scope/scope.h"
#include "gpaikit/store/ledger.h"
#include "gpaikit/store/ledger_facts.h"

namespace gpaikit::docs {

// What `check` reads from the ledger (.gpaikit/ledger.sqlite) once: whether its hash chain
// verifies, the published versions and the downstream requests. Empty when the project has no
// log (check never creates one).
struct LedgerSnapshot {
  bool present = false;
  store::Verification verification;
  std::vector<PublishedVersion> versions;
  std::vector<Request> requests;
};
Result<LedgerSnapshot> ReadLedger(const std::filesystem::path& project_root);

// What `log` holds for `model` as the gap assessment reads it: its published versions, its
// downstream requests and how many are overdue on `as_of` (Request::Overdue, Measure 1.2(4)).
store::LedgerFacts LedgerFactsFor(const LedgerSnapshot& log, const std::string& model,
                                  const CivilDate& as_of);

// The documentation of one model with its header: version N when it equals published version N
// (`published`: that model's versions, oldest first), else "N+1 (draft)"; last updated on that
// version's day, else the evaluation day.
Result<ModelDocumentation> DocumentationWithHeader(const scope::AssessedProject& project,
                                                   const scope::ModelAssessment& assessment,
                                                   const std::vector<PublishedVersion>& published);

// The corpus statistics for `model`: `stats_files` when given (paths as typed), else the files
// its training_data.stats names; nullopt when there are neither.
Result<std::optional<docs::CorpusStats>> StatsFor(const project::Project& project,
                                                  const project::Model& model,
                                                  const std::vector<std::string>& stats_files);

// One finding about whether the summary is current, as a sentence.
struct CurrencyFinding {
  std::string message;
  bool blocking_tone = false;  // shown as bad (overdue) rather than as a warning
};

// Whether `summary` is current on `as_of`: published by placement when it is due
// (ModelAssessment::TrainingSummaryDue), updated every template.update_months while training
// continues, not older than the data in its statistics.
std::vector<CurrencyFinding> CurrencyFindings(const docs::TrainingSummary& summary,
                                              const scope::ModelAssessment& assessment,
                                              const law::summary::Template& form, CivilDate as_of);

// What check's documentation and summary parts need for every model, built before the report so
// that every model's input errors (artefacts, Form values, statistics files) are reported at once.
struct CheckInputs {
  LedgerSnapshot log;
  std::map<std::string, ModelDocumentation> documentation;        // model id ->
  std::map<std::string, std::optional<docs::CorpusStats>> stats;  // model id ->
};
Result<CheckInputs> PrepareCheck(const scope::AssessedProject& project, LedgerSnapshot log);

// `gpaikit check`'s "documentation" part: Form completeness per audience, blocking gaps once
// placed (Measure 1.1), versions kept ten years, downstream requests within 14 days (1.2(4)).
report::ModelContribution DocumentationContribution(const scope::AssessedProject& project,
                                                    const CheckInputs& inputs,
                                                    const scope::ModelAssessment& assessment);
// `gpaikit check`'s "training_summary" part: complete? current? due? (AI Act Art. 53(1)(d)).
report::ModelContribution SummaryContribution(const scope::AssessedProject& project,
                                              const CheckInputs& inputs,
                                              const scope::ModelAssessment& assessment);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_OUTPUT_H_
