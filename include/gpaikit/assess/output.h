// What the assess module contributes to outputs: `gpaikit check`'s gap assessment against every
// measure of the Code of Practice ("assessment") and, with --crosswalk, how far the same evidence
// covers other frameworks ("crosswalk"; docs/crosswalks.md).
#ifndef GPAIKIT_ASSESS_OUTPUT_H_
#define GPAIKIT_ASSESS_OUTPUT_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gpaikit/assess/assess.h"
#include "gpaikit/assess/crosswalk.h"
#include "gpaikit/report/contribution.h"
#include "gpaikit/report/report.h"

namespace gpaikit::assess {

// The framework names `check --crosswalk` accepts.
std::vector<std::string> CrosswalkChoices();

// Loads data_dir/crosswalks/<framework>-<code version>.yaml for each name, in the order given;
// the errors of all together.
Result<std::vector<Crosswalk>> LoadCrosswalks(const std::filesystem::path& data_dir,
                                              const std::vector<std::string>& frameworks,
                                              const law::CodeOfPractice& code);

// {"<framework>": {"crosswalk", "title", "summary": {...}, "items": [...]}, ...} and one report
// section per framework, for one model's gap assessment.
struct CrosswalkOutput {
  nlohmann::json json = nlohmann::json::object();
  std::vector<report::Section> sections;
};
CrosswalkOutput CrosswalkReport(const std::vector<Crosswalk>& crosswalks,
                                const ModelGapAssessment& gaps, const std::string& model_id);

// `gpaikit check`'s gap assessment of one model, merged into the model object as "assessment"
// (and "crosswalk" when `crosswalks` is not empty); missing measures of signed chapters block
// once the model is placed.
report::ModelContribution AssessmentContribution(const AssessmentInput& input,
                                                 const EvidenceRegister& evidence,
                                                 const std::vector<Crosswalk>& crosswalks);

// `gpaikit evidence list` for one model (json_key: the model id): the Code's conditions, derived
// from the project's facts or stated in evidence.yaml, and every evidence item of the measures
// that apply, found or not and where.
report::ModelContribution EvidenceListing(const AssessmentInput& input);

// `gpaikit evidence init`: the text of an evidence.yaml to fill in, listing as comments the
// conditions only the register can state and the items gpaikit does not find by itself, project
// wide or per model (Safety and Security measures).
std::string EvidenceRegisterTemplate(const std::vector<AssessmentInput>& inputs);

}  // namespace gpaikit::assess

#endif  // GPAIKIT_ASSESS_OUTPUT_H_
