// Test helpers for every module that reads the law: the shipped data/ files, each loaded once; a
// failed load fails the test that asked.
#ifndef GPAIKIT_LAW_LAW_TEST_UTIL_H_
#define GPAIKIT_LAW_LAW_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>

#include "gpaikit/law/code_of_practice.h"
#include "gpaikit/law/form.h"
#include "gpaikit/law/law.h"
#include "gpaikit/law/summary_template.h"

namespace gpaikit::law::testing {

// The value of `loaded`, or T{} after failing the current test with its message.
template <typename T>
T OrFail(Result<T> loaded) {
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? std::move(*loaded) : T{};
}

inline const Rulepack& Rules() {
  static const Rulepack rules = OrFail(LoadRulepack(GPAIKIT_SOURCE_DATA_DIR, "2025-07"));
  return rules;
}

inline const AcceleratorCatalogue& Catalogue() {
  static const AcceleratorCatalogue catalogue = OrFail(LoadAcceleratorCatalogue(
      std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "accelerators.yaml"));
  return catalogue;
}

inline const CodeOfPractice& Code() {
  static const CodeOfPractice code = OrFail(LoadCodeOfPractice(GPAIKIT_SOURCE_DATA_DIR));
  return code;
}

inline const form::Form& DocumentationForm() {
  static const form::Form form = OrFail(form::LoadDocumentationForm(GPAIKIT_SOURCE_DATA_DIR));
  return form;
}

inline const summary::Template& SummaryTemplate() {
  static const summary::Template form =
      OrFail(summary::LoadSummaryTemplate(GPAIKIT_SOURCE_DATA_DIR));
  return form;
}

}  // namespace gpaikit::law::testing

#endif  // GPAIKIT_LAW_LAW_TEST_UTIL_H_
