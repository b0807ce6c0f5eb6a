// Test helpers for docs: a one-model project from YAML, its assessment and its documentation.
#ifndef GPAIKIT_DOCS_DOCS_TEST_UTIL_H_
#define GPAIKIT_DOCS_DOCS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>

#include "gpaikit/docs/docs.h"
#include "law/law_test_util.h"

namespace gpaikit::docs::testing {

using law::testing::Catalogue;
using law::testing::Rules;
inline const law::form::Form& Form() { return law::testing::DocumentationForm(); }

// Everything a documentation test needs, kept alive together (the assessment points at the model).
struct Fixture {
  project::Project project;
  scope::ModelAssessment assessment;
  Result<ModelDocumentation> documentation = Status::Internal("not built");
};

// `model` is one `models:` entry indented as in gpaikit.yaml.
inline std::unique_ptr<Fixture> Build(const std::string& model) {
  const law::AcceleratorCatalogue& catalogue = Catalogue();
  auto fixture = std::make_unique<Fixture>();
  std::string text =
      "gpaikit: 1\nprovider:\n  legal_name: Example AI SAS\n  contact: c@p.eu\n"
      "  established_in_eu: true\nmodels:\n" +
      model;
  Result<project::Project> project = project::ParseProject(text, "test.yaml");
  EXPECT_TRUE(project.ok()) << project.status().message();
  if (!project.ok()) return fixture;
  fixture->project = *project;
  fixture->project.root = std::filesystem::temp_directory_path();
  Result<scope::ModelAssessment> assessment =
      scope::AssessModel(fixture->project, fixture->project.models.at(0), Rules(), catalogue,
                         scope::ObligationOptions{*CivilDate::Parse("2026-11-26"), 30});
  EXPECT_TRUE(assessment.ok()) << assessment.status().message();
  if (!assessment.ok()) return fixture;
  fixture->assessment = *assessment;
  fixture->documentation =
      BuildDocumentation(fixture->project, fixture->assessment, Form(), Rules(), catalogue);
  return fixture;
}

// A proprietary 7.3B text model trained on 3.9T tokens (6 x 7.3e9 x 3.9e12 = 1.7e23 FLOP).
inline std::string Model(const std::string& extra = "") {
  return "  - id: m\n    name: M 7B\n    modalities: {input: [text, image], output: [text]}\n"
         "    parameters: {total: 7.3B}\n    release_date: 2026-03-01\n"
         "    union_market_date: 2026-03-01\n"
         "    compute: {runs: [{name: pre-training, stage: pre-training, tokens: 3.9T}]}\n" +
         extra;
}

// The row `id` of `documentation`; a missing row fails the test.
inline const RowValue& Row(const ModelDocumentation& documentation, const char* id) {
  const RowValue* value = documentation.Find(id);
  EXPECT_NE(value, nullptr) << id;
  return *value;
}

inline bool HasFinding(const ModelDocumentation& documentation, Severity severity,
                       const std::string& row, const std::string& needle) {
  for (const Finding& finding : documentation.findings) {
    if (finding.severity == severity && finding.row == row &&
        finding.message.find(needle) != std::string::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace gpaikit::docs::testing

#endif  // GPAIKIT_DOCS_DOCS_TEST_UTIL_H_
