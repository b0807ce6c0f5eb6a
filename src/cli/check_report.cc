// Builds the gpaikit.check/1 JSON and the report Document from every module's contribution.
#include "cli/check_report.h"

#include "cli/docs_check.h"
#include "cli/safety_check.h"
#include "cli/summary_check.h"
#include "gpaikit/scope/output.h"
#include "gpaikit/version.h"

namespace gpaikit::cli {
namespace {

ModelContribution ScopeContribution(const ProjectContext& context,
                                    const scope::ModelAssessment& assessment) {
  ModelContribution out;
  out.json = scope::AssessmentToJson(assessment, context.rules);
  out.section = scope::AssessmentSection(assessment, context.rules);
  for (const scope::Obligation& o : assessment.obligations) {
    out.blocking += o.status == scope::DueStatus::kOverdue;
  }
  return out;
}

report::Section ProjectSection(const ProjectContext& context, int blocking) {
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

}  // namespace

const std::vector<ModelContributor>& ModelContributors() {
  static const std::vector<ModelContributor> contributors = {
      ScopeContribution, DocumentationContribution, SummaryContribution, SafetyContribution,
      AssessmentContribution};
  return contributors;
}

CheckReport BuildCheckReport(const ProjectContext& context) {
  CheckReport out;
  nlohmann::json models = nlohmann::json::array();
  std::vector<report::Section> model_sections;
  for (const scope::ModelAssessment& assessment : context.assessments) {
    nlohmann::json model = nlohmann::json::object();
    report::Section section;
    for (const ModelContributor& contributor : ModelContributors()) {
      ModelContribution part = contributor(context, assessment);
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
