// What the documentation subcommands share: the Form, each model's documentation with its header
// from the records log, the records database with a clear locked message, authors and retention.
#ifndef GPAIKIT_CLI_DOCS_COMMON_H_
#define GPAIKIT_CLI_DOCS_COMMON_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "gpaikit/docs/docs.h"
#include "gpaikit/docs/records.h"
#include "gpaikit/law/form.h"
#include "gpaikit/store/store.h"

namespace gpaikit::cli {

// The newest installed Form (data/forms/), loaded once.
Result<const form::Form*> DocumentationForm();

// Opens <root>/.gpaikit/records.sqlite; with `create` false, a project without records gives
// nullptr. A locked database gives a message saying so.
Result<std::unique_ptr<store::RecordsDatabase>> OpenRecords(const std::filesystem::path& root,
                                                            bool create);
// Rewrites a SQLite "database is locked" failure as a message for people.
Status ExplainLocked(const Status& status);

// The documentation of one model with its header: version N when it equals published version
// N, else "N+1 (draft)"; last updated on that version's day, else the evaluation day.
Result<docs::ModelDocumentation> ModelDocumentation(const ProjectContext& context,
                                                    const scope::ModelAssessment& assessment,
                                                    const store::RecordsDatabase* records);

// The models selected by --model (all when empty); NotFound names the known ids.
Result<std::vector<const scope::ModelAssessment*>> SelectModels(const ProjectContext& context,
                                                                const std::string& model);

// Until when published versions are kept: ten years (rulepack documentation_retention_years)
// after Union market placement; "" when the model is not placed yet.
std::string RetainUntil(const project::Model& model, const law::Rulepack& rules);

// --author, else $USER, else "unknown".
std::string Author(const std::string& flag);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_DOCS_COMMON_H_
