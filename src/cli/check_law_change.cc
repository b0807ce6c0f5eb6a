// `gpaikit check -C DIR --law-from OLD`: the project's findings under the older law (the pinned
// versions, or KIND=VERSION, or code=third-draft) against the newest installed, compared by
// assess::CompareFindings (docs/law-changes.md).
#include "cli/check_law_change.h"

#include <map>

#include "cli/exit_codes.h"
#include "gpaikit/assess/law_change.h"
#include "gpaikit/base/files.h"
#include "gpaikit/docs/output.h"
#include "gpaikit/law/law_diff.h"
#include "gpaikit/law/law_selection.h"
#include "gpaikit/law/law_versions.h"

namespace gpaikit::cli {
namespace {

// The project key each kind --law-from names pins (law::SelectableLawKinds).
const std::map<std::string, std::string>& PinKeys() {
  static const std::map<std::string, std::string> keys = {{"rulepack", "rulepack"},
                                                          {"code", "code_of_practice"},
                                                          {"form", "documentation_form"},
                                                          {"template", "summary_template"}};
  return keys;
}

// The older law's versions per project key ("" = newest) from --law-from, each one installed.
Result<std::map<std::string, std::string>> OlderVersions(const law::LawSelection& selection) {
  std::map<std::string, std::string> out;
  for (const auto& [kind, version] : selection.versions) {
    Result<std::filesystem::path> file = law::LawFileFor(DataDir(), kind, version);
    if (!file.ok()) return Status::InvalidInput("--law-from: " + file.status().message());
    out[PinKeys().at(kind)] = version;
  }
  if (selection.third_draft) out["code_of_practice"] = "";  // the draft is mapped, not loaded
  return out;
}

// The findings `check` makes with `inputs`, as the comparison reads them: what applies to each
// model (obligations with their due dates, measures with their status and missing evidence) and
// the Form rows each audience's documentation requires.
assess::LawFindings FindingsOf(const CheckInputs& inputs) {
  assess::LawFindings out;
  for (const project::LawVersion& version : inputs.project.Versions()) {
    out.law.push_back({version.key, version.version});
  }
  for (const scope::ModelAssessment& assessment : inputs.project.assessments) {
    assess::ModelFindings model{assessment.model->id, assessment.model->name, {}, {}};
    for (const scope::Obligation& obligation : assessment.obligations) {
      if (!obligation.applies) continue;
      model.duties.push_back({"obligation",
                              obligation.id,
                              obligation.title,
                              "",
                              scope::DueStatusName(obligation.status),
                              obligation.due,
                              {},
                              {}});
    }
    store::LedgerFacts log =
        docs::LedgerFactsFor(inputs.docs.log, assessment.model->id, inputs.project.options.as_of);
    assess::ModelGapAssessment gaps =
        assess::AssessModel(AssessmentInputFor(inputs, assessment, log));
    for (const assess::MeasureAssessment& measure : gaps.measures) {
      if (measure.status == assess::MeasureStatus::kNotApplicable) continue;
      std::vector<std::string> missing;
      for (const std::string& item : measure.missing)
        missing.push_back(item.substr(0, item.find(':')));
      model.duties.push_back({"measure", measure.measure->id, measure.measure->title,
                              measure.measure->chapter_id,
                              assess::MeasureStatusName(measure.status), std::nullopt, missing,
                              measure.measure->third_draft});
    }
    auto documentation = inputs.docs.documentation.find(assessment.model->id);
    if (documentation != inputs.docs.documentation.end() && documentation->second.required) {
      for (const docs::RowValue& row : documentation->second.rows) {
        if (row.status == docs::RowStatus::kNotRequired) continue;
        for (const std::string& audience : row.row->audiences) {
          model.required_rows.push_back(
              {row.row->id, row.row->name, audience, docs::RowStatusName(row.status)});
        }
      }
    }
    out.models.push_back(std::move(model));
  }
  return out;
}

// The installed file of the Code the findings used ("code-of-practice/2025-07" -> its file).
Result<std::filesystem::path> CodeFileOf(const CheckInputs& inputs) {
  const std::string& named = inputs.project.code.rulepack;
  return law::LawFileFor(DataDir(), "code", named.substr(named.find('/') + 1));
}

}  // namespace

int RunCheckLawChange(const ProjectOptions& project, const OutputOptions& output,
                      const std::string& law_from) {
  if (!output.out.empty()) {
    return ReportFailure(
        Status::InvalidInput("--law-from: the comparison is printed on stdout; "
                             "--out is for check's report files"));
  }
  Result<Format> format = output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  if (*format != Format::kText && *format != Format::kJson) {
    return ReportFailure(
        Status::InvalidInput("--law-from: the comparison is printed as text or JSON"));
  }
  Result<law::LawSelection> from = law::ParseLawSelection(law_from);
  if (!from.ok()) return ReportFailure(from.status());
  Result<std::map<std::string, std::string>> older = OlderVersions(*from);
  if (!older.ok()) return ReportFailure(older.status());
  std::map<std::string, std::string> newest;
  for (const auto& [kind, key] : PinKeys()) newest[key] = "";
  Result<CheckInputs> before = LoadCheckInputs(project, {}, *older);
  if (!before.ok()) {
    return ReportFailure(
        Status(before.status().code(), "under the older law: " + before.status().message()));
  }
  Result<CheckInputs> after = LoadCheckInputs(project, {}, newest);
  if (!after.ok()) {
    return ReportFailure(
        Status(after.status().code(), "under the newest law: " + after.status().message()));
  }
  assess::LawFindings findings_after = FindingsOf(*after);
  assess::LawChange change = assess::CompareFindings(FindingsOf(*before), findings_after);
  if (from->third_draft) {
    Result<std::filesystem::path> code_file = CodeFileOf(*after);
    if (!code_file.ok()) return ReportFailure(code_file.status());
    const std::string& named = after->project.code.rulepack;
    Result<law::LawDiff> draft =
        law::DiffThirdDraftToCode(named.substr(named.find('/') + 1), *code_file);
    if (!draft.ok()) return ReportFailure(draft.status());
    assess::AddThirdDraftChanges(*draft, findings_after, change);
  }
  const CivilDate& as_of = after->project.options.as_of;
  Status written = EmitTextOrJson(output, assess::LawChangeText(change, as_of),
                                  assess::LawChangeJson(change, as_of));
  return written.ok() ? kExitOk : ReportFailure(written);
}

}  // namespace gpaikit::cli
