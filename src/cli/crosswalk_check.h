// `gpaikit check --crosswalk FRAMEWORK`: how far the evidence behind a model's Code of Practice
// measures covers NIST AI RMF, ISO/IEC 42001 or the G7 Hiroshima reporting framework, as the
// model's "crosswalk" JSON and a report section (docs/crosswalks.md).
#ifndef GPAIKIT_CLI_CROSSWALK_CHECK_H_
#define GPAIKIT_CLI_CROSSWALK_CHECK_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gpaikit/assess/crosswalk.h"
#include "gpaikit/report/report.h"

namespace gpaikit::cli {

// The framework names `--crosswalk` accepts.
std::vector<std::string> CrosswalkChoices();

// Loads data/crosswalks/<framework>-<code version>.yaml for each name, in the order given.
Result<std::vector<assess::Crosswalk>> LoadCrosswalks(const std::vector<std::string>& frameworks,
                                                      const law::CodeOfPractice& code);

// {"<framework>": {"crosswalk", "title", "summary": {...}, "items": [...]}, ...} and one report
// section per framework, for one model's gap assessment.
struct CrosswalkOutput {
  nlohmann::json json = nlohmann::json::object();
  std::vector<report::Section> sections;
};
CrosswalkOutput CrosswalkReport(const std::vector<assess::Crosswalk>& crosswalks,
                                const assess::ModelGapAssessment& gaps,
                                const std::string& model_id);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_CROSSWALK_CHECK_H_
