// Assesses every model of a loaded project context as of one day (compute, classification and
// obligations; AI Act Arts 51-55), reporting the problems of all models together.
#include "gpaikit/base/status_list.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::scope {

Result<AssessedProject> AssessProject(project::ProjectContext context,
                                      const ObligationOptions& options) {
  AssessedProject out;
  static_cast<project::ProjectContext&>(out) = std::move(context);
  out.options = options;
  StatusList problems;
  for (const project::Model& model : out.project.models) {
    Result<ModelAssessment> assessment =
        AssessModel(out.project, model, out.rules, out.catalogue, out.options);
    if (!assessment.ok()) {
      problems.Add(assessment.status());
      continue;
    }
    out.assessments.push_back(std::move(*assessment));
  }
  if (!problems.ok()) return problems.ToStatus();
  return out;
}

}  // namespace gpaikit::scope
