// Builds the gpaikit.check/1 JSON and the report Document from every module's contribution.
#include "cli/check_report.h"

#include "gpaikit/assess/output.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/status_list.h"
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
  store::LedgerFacts log =
      docs::LedgerFactsFor(inputs.docs.log, assessment.model->id, inputs.project.options.as_of);
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

assess::AssessmentInput AssessmentInputFor(const CheckInputs& inputs,
                                           const scope::ModelAssessment& assessment,
                                           const store::LedgerFacts& log) {
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
                                    const std::vector<std::string>& crosswalks,
                                    const std::map<std::string, std::string>& law) {
  Status loaded;
  project::ProjectContext context =
      project::LoadProjectContextPartly(options.dir, DataDir(), loaded, law);
  if (loaded.code() == StatusCode::kNotFound || loaded.code() == StatusCode::kIo) return loaded;
  // The project folder's other inputs are read even when the project file has errors, so that
  // the user sees every input error in one round (DESIGN.md "Inputs, and what bad input gets").
  StatusList problems;
  problems.Add(loaded);
  Result<CivilDate> day = ParseAsOf(options.as_of);
  problems.Add(day.status());
  const std::filesystem::path& root = context.project.root;
  Result<safety::ProjectSafety> safety = safety::LoadProjectSafety(context);
  Result<std::vector<assess::Crosswalk>> walks =
      assess::LoadCrosswalks(context.data_dir, crosswalks, context.code);
  // The register names models: checked against the project's only when its models were read.
  Result<assess::EvidenceRegister> evidence =
      loaded.ok() || !context.project.models.empty()
          ? assess::LoadEvidenceRegister(root, context.code, context.project)
          : Result<assess::EvidenceRegister>(assess::EvidenceRegister{});
  Result<docs::LedgerSnapshot> log = docs::ReadLedger(root);
  for (const Status& status : {safety.status(), walks.status(), evidence.status(), log.status()}) {
    problems.Add(status);
  }
  if (!loaded.ok() || !day.ok()) return problems.ToStatus();
  // Assessing and the documentation's inputs need a project that loaded whole.
  Result<AssessedProject> project = scope::AssessProject(
      std::move(context), scope::ObligationOptions{*day, options.due_soon_days});
  if (!project.ok()) {
    problems.Add(project.status());
    return problems.ToStatus();
  }
  Result<docs::CheckInputs> docs = log.ok() ? docs::PrepareCheck(*project, std::move(*log))
                                            : Result<docs::CheckInputs>(log.status());
  if (log.ok()) problems.Add(docs.status());  // a failed ledger read is listed already
  if (!problems.ok()) return problems.ToStatus();
  return CheckInputs{std::move(*project), std::move(*safety), std::move(*evidence),
                     std::move(*walks), std::move(*docs)};
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
