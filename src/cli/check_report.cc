// Builds the gpaikit.check/1 JSON and the report Document from every module's contribution.
#include "cli/check_report.h"

#include "gpaikit/assess/output.h"
#include "gpaikit/base/files.h"
#include "gpaikit/scope/output.h"
#include "gpaikit/version.h"

namespace gpaikit::cli {
namespace {

using report::ModelContribution;

ModelContribution ScopeContribution(const CheckInputs& inputs,
                                    const scope::ModelAssessment& assessment) {
  ModelContribution out;
  out.json = scope::AssessmentToJson(assessment, inputs.project.rules);
  out.section = scope::AssessmentSection(assessment, inputs.project.rules);
  for (const scope::Obligation& o : assessment.obligations) {
    out.blocking += o.status == scope::DueStatus::kOverdue;
  }
  return out;
}

ModelContribution DocumentationContribution(const CheckInputs& inputs,
                                            const scope::ModelAssessment& assessment) {
  return docs::DocumentationContribution(inputs.project, inputs.docs, assessment);
}

ModelContribution SummaryContribution(const CheckInputs& inputs,
                                      const scope::ModelAssessment& assessment) {
  return docs::SummaryContribution(inputs.project, inputs.docs, assessment);
}

ModelContribution SafetyContribution(const CheckInputs& inputs,
                                     const scope::ModelAssessment& assessment) {
  return safety::SafetyContribution(inputs.project, inputs.safety, assessment);
}

ModelContribution AssessmentContribution(const CheckInputs& inputs,
                                         const scope::ModelAssessment& assessment) {
  assess::LogFacts log = LogFactsFor(inputs, *assessment.model);
  return assess::AssessmentContribution(AssessmentInputFor(inputs, assessment, log),
                                        inputs.evidence, inputs.crosswalks);
}

report::Section ProjectSection(const AssessedProject& context, int blocking) {
  const project::Provider& provider = context.project.provider;
  report::Section section{"project", "Provider and project", {}, {}};
  std::string signatory;
  if (provider.signatory.transparency) signatory += "Transparency ";
  if (provider.signatory.copyright) signatory += "Copyright ";
  if (provider.signatory.safety_security) signatory += "Safety-and-Security ";
  std::vector<report::Fact> facts = {
      {"Provider", {provider.legal_name}},
      {"Contact", {provider.contact}},
      {"Established in the Union", {provider.established_in_eu ? "yes" : "no"}},
      {"Code of Practice chapters signed", {signatory.empty() ? "none" : signatory}},
      {"Models", {std::to_string(context.project.models.size())}},
      {"Blocking findings",
       {std::to_string(blocking), blocking ? report::Tone::kBad : report::Tone::kGood}}};
  if (provider.authorised_representative) {
    facts.insert(facts.begin() + 3, {"Authorised representative",
                                     {provider.authorised_representative->name + ", " +
                                      provider.authorised_representative->contact}});
  }
  section.blocks.push_back(report::FactList{facts});
  return section;
}

// {"rulepack": {"version", "pinned"}, "code_of_practice": ..., ...}: the law the report used.
nlohmann::json LawJson(const AssessedProject& context) {
  nlohmann::json out = nlohmann::json::object();
  for (const project::LawVersion& v : context.Versions()) {
    out[v.key] = {{"version", v.version}, {"pinned", v.pinned}};
  }
  return out;
}

}  // namespace

assess::LogFacts LogFactsFor(const CheckInputs& inputs, const project::Model& model) {
  const docs::LedgerSnapshot& log = inputs.docs.log;
  const CivilDate& as_of = inputs.project.options.as_of;
  assess::LogFacts out;
  out.present = log.present;
  out.verified = log.verification.ok();
  out.problem = log.verification.problem;
  out.entries = log.verification.entries_checked;
  for (const docs::PublishedVersion& v : log.versions) {
    if (v.model == model.id) {
      out.versions.push_back("version " + std::to_string(v.number) + " published " + v.time);
    }
  }
  for (const docs::Request& r : log.requests) {
    if (r.model != model.id) continue;
    ++out.requests;
    out.requests_overdue += r.Overdue(as_of);
  }
  return out;
}

assess::AssessmentInput AssessmentInputFor(const CheckInputs& inputs,
                                           const scope::ModelAssessment& assessment,
                                           const assess::LogFacts& log) {
  const AssessedProject& project = inputs.project;
  return {&project.project,      &assessment,
          &project.code,         &inputs.safety.documentation,
          &inputs.evidence,      &inputs.safety.calendar,
          project.options.as_of, &log};
}

const std::vector<ModelContributor>& ModelContributors() {
  static const std::vector<ModelContributor> contributors = {
      ScopeContribution, DocumentationContribution, SummaryContribution, SafetyContribution,
      AssessmentContribution};
  return contributors;
}

Result<CheckInputs> LoadCheckInputs(const ProjectOptions& options,
                                    const std::vector<std::string>& crosswalks) {
  Result<AssessedProject> project = LoadAndAssess(options);
  if (!project.ok()) return project.status();
  const std::filesystem::path& root = project->project.root;
  Result<safety::ProjectSafety> safety = safety::LoadProjectSafety(*project);
  Result<std::vector<assess::Crosswalk>> loaded =
      assess::LoadCrosswalks(project->data_dir, crosswalks, project->code);
  Result<assess::EvidenceRegister> evidence =
      assess::LoadEvidenceRegister(root, project->code, project->project);
  Result<docs::LedgerSnapshot> log = docs::ReadLedger(root);
  Result<docs::CheckInputs> docs = log.ok() ? docs::PrepareCheck(*project, std::move(*log))
                                            : Result<docs::CheckInputs>(log.status());
  if (Status all = AllOf({safety.status(), loaded.status(), evidence.status(), docs.status()});
      !all.ok()) {
    return all;
  }
  return CheckInputs{std::move(*project), std::move(*safety), std::move(*evidence),
                     std::move(*loaded), std::move(*docs)};
}

CheckReport BuildCheckReport(const CheckInputs& inputs) {
  const AssessedProject& context = inputs.project;
  CheckReport out;
  nlohmann::json models = nlohmann::json::array();
  std::vector<report::Section> model_sections;
  for (const scope::ModelAssessment& assessment : context.assessments) {
    nlohmann::json model = nlohmann::json::object();
    report::Section section;
    for (const ModelContributor& contributor : ModelContributors()) {
      ModelContribution part = contributor(inputs, assessment);
      if (part.json_key.empty()) {
        model.update(part.json);
      } else {
        model[part.json_key] = part.json;
      }
      if (section.title.empty()) {
        section = std::move(part.section);
      } else {
        section.children.push_back(std::move(part.section));
      }
      out.blocking += part.blocking;
    }
    models.push_back(std::move(model));
    model_sections.push_back(std::move(section));
  }
  out.json = {{"schema", "gpaikit.check/1"},
              {"gpaikit_version", kVersion},
              {"rulepack", context.rules.version},
              {"law", LawJson(context)},
              {"as_of", context.options.as_of.ToString()},
              {"provider", context.project.provider.legal_name},
              {"models", models},
              {"blocking", out.blocking}};
  out.document.title = "gpaikit compliance check: " + context.project.provider.legal_name;
  out.document.header = {{"As of", {context.options.as_of.ToString()}},
                         {"Rulepack", {context.rules.version + " (" + context.rules.title + ")"}},
                         {"Project file", {context.project.file}}};
  out.document.sections.push_back(ProjectSection(context, out.blocking));
  for (report::Section& section : model_sections) {
    out.document.sections.push_back(std::move(section));
  }
  return out;
}

}  // namespace gpaikit::cli
