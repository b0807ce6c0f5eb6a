// Shared by docs, publish, ledger, request and check's documentation section: the Form,
// documentation with its ledger header, and the ledger (Code of Practice, Transparency,
// Measure 1.3).
#include "cli/docs_common.h"

#include <cstdlib>

#include "gpaikit/base/files.h"

namespace gpaikit::cli {

Status ExplainLocked(const Status& status) {
  if (status.message().find("database is locked") == std::string::npos &&
      status.message().find("database is busy") == std::string::npos) {
    return status;
  }
  return Status::Io(status.message() +
                    "\nthe ledger is locked by another process (another gpaikit "
                    "publish, ledger or request, or an open SQLite session); nothing was "
                    "written: try again when it has finished");
}

Result<std::unique_ptr<store::Ledger>> OpenLedger(const std::filesystem::path& root, bool create) {
  Result<std::unique_ptr<store::Ledger>> ledger =
      create ? store::Ledger::Open(root) : store::Ledger::OpenIfPresent(root);
  if (!ledger.ok()) return ExplainLocked(ledger.status());
  return ledger;
}

Result<docs::ModelDocumentation> ModelDocumentation(const AssessedProject& context,
                                                    const scope::ModelAssessment& assessment,
                                                    const store::Ledger* ledger) {
  std::vector<docs::PublishedVersion> published;
  if (ledger) {
    Result<std::vector<docs::PublishedVersion>> versions =
        docs::PublishedVersions(*ledger, assessment.model->id);
    if (!versions.ok()) return versions.status();
    published = docs::VersionsAsOf(*versions, context.options.as_of);  // none later than --as-of
  }
  return docs::DocumentationWithHeader(context, assessment, published);
}

Result<std::vector<const scope::ModelAssessment*>> SelectModels(const AssessedProject& context,
                                                                const std::string& model) {
  std::vector<const scope::ModelAssessment*> out;
  std::string known;
  for (const scope::ModelAssessment& assessment : context.assessments) {
    known += (known.empty() ? "" : ", ") + assessment.model->id;
    if (model.empty() || assessment.model->id == model) out.push_back(&assessment);
  }
  if (out.empty()) {
    return Status::NotFound("--model: no model '" + model + "' in " + context.project.file +
                            " (models: " + known + ")");
  }
  return out;
}

std::string RetainUntil(const project::Model& model, const law::Rulepack& rules) {
  std::optional<CivilDate> until = scope::RetainedUntil(model, rules);
  return until ? until->ToString() : "";
}

std::string Author(const std::string& flag) {
  if (!flag.empty()) return flag;
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

}  // namespace gpaikit::cli
