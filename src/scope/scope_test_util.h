// Test helpers for scope: the shipped rulepack and catalogue, and a project from YAML text.
#ifndef GPAIKIT_SCOPE_SCOPE_TEST_UTIL_H_
#define GPAIKIT_SCOPE_SCOPE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <deque>

#include "gpaikit/law/law.h"
#include "gpaikit/project/project.h"
#include "gpaikit/scope/scope.h"
#include "law/law_test_util.h"

namespace gpaikit::scope::testing {

using law::testing::Catalogue;
using law::testing::Rules;

inline CivilDate Date(const char* text) { return *CivilDate::Parse(text); }

// A one-model project; `provider` and `model` are YAML blocks indented as in gpaikit.yaml.
inline project::Project MakeProject(const std::string& model, bool in_eu = true) {
  std::string text = std::string("gpaikit: 1\nprovider:\n  legal_name: P\n  contact: c@p.eu\n") +
                     "  established_in_eu: " + (in_eu ? "true" : "false") + "\nmodels:\n" + model;
  Result<project::Project> project = project::ParseProject(text, "test.yaml");
  EXPECT_TRUE(project.ok()) << project.status().message();
  return project.ok() ? *project : project::Project{};
}

inline ModelAssessment Assess(const project::Project& project, const char* as_of = "2026-11-26") {
  Result<ModelAssessment> result = AssessModel(project, project.models.at(0), Rules(), Catalogue(),
                                               ObligationOptions{Date(as_of), 30});
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? *result : ModelAssessment{};
}

// The same for a temporary project (Assess(MakeProject(...))): the assessment points into the
// project's models, so the project is kept for the life of the test program (ASan found a test
// reading a freed model through ModelAssessment::TrainingSummaryDue).
inline ModelAssessment Assess(project::Project&& project, const char* as_of = "2026-11-26") {
  static std::deque<project::Project> kept;
  kept.push_back(std::move(project));
  return Assess(kept.back(), as_of);
}

inline const Obligation& Find(const ModelAssessment& assessment, const std::string& id) {
  for (const Obligation& obligation : assessment.obligations) {
    if (obligation.id == id) return obligation;
  }
  ADD_FAILURE() << "no obligation " << id;
  return assessment.obligations.at(0);
}

}  // namespace gpaikit::scope::testing

#endif  // GPAIKIT_SCOPE_SCOPE_TEST_UTIL_H_
