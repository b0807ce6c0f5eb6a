// Loads the project and the law versions it pins (gpaikit.yaml rulepack, code_of_practice,
// documentation_form, summary_template; docs/project-file.md) once, reporting every problem at
// once.
#include "gpaikit/project/context.h"

#include <algorithm>

#include "gpaikit/base/files.h"
#include "gpaikit/base/status_list.h"
#include "project/project_loader.h"

namespace gpaikit::project {
namespace {

// A pinned version that is not installed names the place of the pin (file:line:column), the key
// and what is installed.
template <typename T, typename Loader>
void LoadPinned(const Project& project, const std::string& key, const std::string& pinned,
                const std::vector<std::string>& installed, Loader load, T& out,
                StatusList& problems) {
  if (!pinned.empty() && std::find(installed.begin(), installed.end(), pinned) == installed.end()) {
    std::string known;
    for (const std::string& v : installed) known += " " + v;
    auto pin = project.pinned_at.find(key);
    std::string where = pin != project.pinned_at.end() ? pin->second.ToString() : project.file;
    problems.Add(Status::InvalidInput(where + ": " + key + " '" + pinned +
                                      "' is not installed (available:" + known + ")"));
    return;
  }
  Result<T> loaded = load(pinned);
  if (!loaded.ok()) {
    problems.Add(loaded.status());
    return;
  }
  out = std::move(*loaded);
}

// Accelerators named in compute runs that the catalogue does not know, or precisions it has no
// figure for, with the place each is named.
void CheckAccelerators(const Project& project, const law::AcceleratorCatalogue& catalogue,
                       StatusList& problems) {
  for (const Model& model : project.models) {
    for (const ComputeRun& run : model.runs) {
      for (const HardwarePeriod& period : run.hardware) {
        if (period.peak_flops || period.accelerator.empty()) continue;
        Result<double> peak = catalogue.PeakFlops(period.accelerator, period.precision);
        if (!peak.ok()) {
          problems.Add(
              Status::InvalidInput(period.location.ToString() + ": " + peak.status().message()));
        }
      }
    }
  }
}

// The Documentation Form names the rulepack obligations it fulfils; a pinned pair that does not
// fit (an obligation the rulepack lacks) would make the documentation never required.
void CheckFormObligations(const ProjectContext& context, StatusList& problems) {
  if (context.rules.obligations.empty()) return;  // the rulepack did not load: already reported
  for (const std::string& id : context.form.obligations) {
    bool known = std::any_of(context.rules.obligations.begin(), context.rules.obligations.end(),
                             [&](const law::ObligationRule& rule) { return rule.id == id; });
    if (!known) {
      problems.Add(Status::InvalidInput("documentation form " + context.form.form +
                                        " fulfils obligation '" + id + "', which rulepack " +
                                        context.rules.version + " does not define"));
    }
  }
}

}  // namespace

std::vector<LawVersion> ProjectContext::Versions() const {
  return {{"rulepack", rules.version, !project.rulepack.empty()},
          {"code_of_practice", code.rulepack, !project.code_of_practice.empty()},
          {"documentation_form", form.form, !project.documentation_form.empty()},
          {"summary_template", summary_template.form, !project.summary_template.empty()}};
}

ProjectContext LoadProjectContextPartly(const std::filesystem::path& dir_or_file,
                                        const std::filesystem::path& data_dir, Status& status,
                                        const std::map<std::string, std::string>& law) {
  ProjectContext context;
  context.data_dir = data_dir;
  Status parsed;
  context.project = LoadProjectPartly(dir_or_file, parsed);
  if (parsed.code() == StatusCode::kNotFound || parsed.code() == StatusCode::kIo) {
    status = parsed;
    return context;
  }
  for (const auto& [key, version] : law) {
    std::string* pin = key == "rulepack"             ? &context.project.rulepack
                       : key == "code_of_practice"   ? &context.project.code_of_practice
                       : key == "documentation_form" ? &context.project.documentation_form
                       : key == "summary_template"   ? &context.project.summary_template
                                                     : nullptr;
    if (pin == nullptr) continue;
    *pin = version;
    context.project.pinned_at.erase(key);
  }
  StatusList problems;
  problems.Add(parsed);
  const Project& project = context.project;
  LoadPinned(
      project, "rulepack", project.rulepack, law::AvailableRulepacks(data_dir),
      [&](const std::string& v) { return law::LoadRulepack(data_dir, v); }, context.rules,
      problems);
  LoadPinned(
      project, "code_of_practice", project.code_of_practice,
      DataFileVersions(data_dir / "code-of-practice", ""),
      [&](const std::string& v) { return law::LoadCodeOfPractice(data_dir, v); }, context.code,
      problems);
  LoadPinned(
      project, "documentation_form", project.documentation_form,
      DataFileVersions(data_dir / "forms", "model-documentation-form-"),
      [&](const std::string& v) { return law::form::LoadDocumentationForm(data_dir, v); },
      context.form, problems);
  LoadPinned(
      project, "summary_template", project.summary_template,
      DataFileVersions(data_dir / "forms", "training-content-summary-"),
      [&](const std::string& v) { return law::summary::LoadSummaryTemplate(data_dir, v); },
      context.summary_template, problems);
  CheckFormObligations(context, problems);
  Result<law::AcceleratorCatalogue> catalogue =
      law::LoadAcceleratorCatalogue(data_dir / "accelerators.yaml");
  if (catalogue.ok()) {
    context.catalogue = std::move(*catalogue);
    CheckAccelerators(project, context.catalogue, problems);
  } else {
    problems.Add(catalogue.status());
  }
  status = problems.ToStatus();
  return context;
}

Result<ProjectContext> LoadProjectContext(const std::filesystem::path& dir_or_file,
                                          const std::filesystem::path& data_dir) {
  Status status;
  ProjectContext context = LoadProjectContextPartly(dir_or_file, data_dir, status);
  if (!status.ok()) return status;
  return context;
}

}  // namespace gpaikit::project
