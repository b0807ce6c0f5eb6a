// What the documentation subcommands share: the Form, each model's documentation with its header
// from the ledger, the ledger with a clear locked message, authors and retention.
#ifndef GPAIKIT_CLI_DOCS_COMMON_H_
#define GPAIKIT_CLI_DOCS_COMMON_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_common.h"
#include "gpaikit/docs/docs.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/docs/output.h"
#include "gpaikit/law/form.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::cli {

// Opens <root>/.gpaikit/ledger.sqlite; with `create` false, a project without ledger gives
// nullptr. A locked database gives a message saying so.
Result<std::unique_ptr<store::Ledger>> OpenLedger(const std::filesystem::path& root, bool create);
// Rewrites a SQLite "database is locked" failure as a message for people.
Status ExplainLocked(const Status& status);

// The documentation of one model with the header docs::DocumentationWithHeader gives it from the
// versions published in `ledger` (none when null).
Result<docs::ModelDocumentation> ModelDocumentation(const AssessedProject& context,
                                                    const scope::ModelAssessment& assessment,
                                                    const store::Ledger* ledger);

// The models selected by --model (all when empty); NotFound names the known ids.
Result<std::vector<const scope::ModelAssessment*>> SelectModels(const AssessedProject& context,
                                                                const std::string& model);

// Until when published versions are kept (scope::RetainedUntil) as YYYY-MM-DD; "" when the model
// has no placement day yet.
std::string RetainUntil(const project::Model& model, const law::Rulepack& rules);

// --author, else $USER, else "unknown".
std::string Author(const std::string& flag);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_DOCS_COMMON_H_
