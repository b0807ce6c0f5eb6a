// Tests for classification: GPAI criterion (Guidelines para. 17), systemic-risk presumption
// (Art. 51(2)), modification rule (Guidelines paras 60-61) and open-source exemption (Art. 53(2)).
#include "scope/scope_test_util.h"

namespace gpaikit::scope {
namespace {

using testing::Assess;
using testing::MakeProject;

std::string ModelWith(const std::string& outputs, const std::string& flop,
                      const std::string& extra = "") {
  return "  - id: m\n    name: M\n    modalities: {input: [text], output: [" + outputs +
         "]}\n    compute:\n      runs:\n        - {stage: pre-training, flop: " + flop + "}\n" +
         extra;
}

const char* kOpenLicence = R"(    licence:
      name: Apache-2.0
      access: true
      use: true
      modify: true
      distribute: true
      monetised: false
      weights_public: true
      architecture_public: true
      usage_information_public: true
)";

// Guidelines para. 17: above 1e23 and generating language, images from text or video.
TEST(ClassificationTest, IndicativeGpaiCriterion) {
  EXPECT_TRUE(Assess(MakeProject(ModelWith("text", "1.1e23"))).classification.gpai);
  EXPECT_FALSE(Assess(MakeProject(ModelWith("text", "1e23"))).classification.gpai);  // not above
  EXPECT_FALSE(Assess(MakeProject(ModelWith("other", "1e24"))).classification.gpai);
  EXPECT_TRUE(
      Assess(MakeProject(ModelWith("image", "1e24"))).classification.gpai);  // text-to-image
  EXPECT_TRUE(Assess(MakeProject(ModelWith("speech", "1e24"))).classification.gpai);
}

// Guidelines para. 18: the criterion is rebuttable both ways, with reasons.
TEST(ClassificationTest, RebuttalOverridesTheIndicativeCriterion) {
  ModelAssessment narrow = Assess(MakeProject(
      ModelWith("text", "1e24", "    gpai_rebuttal: {gpai: false, reason: transcription only}\n")));
  EXPECT_FALSE(narrow.classification.gpai);
  bool explained = false;
  for (const std::string& reason : narrow.classification.reasons) {
    explained = explained || reason.find("because transcription only") != std::string::npos;
  }
  EXPECT_TRUE(explained);
}

// AI Act Art. 51(2): strictly greater than 1e25.
TEST(ClassificationTest, SystemicRiskPresumptionIsStrict) {
  EXPECT_FALSE(Assess(MakeProject(ModelWith("text", "1e25"))).classification.systemic_risk);
  ModelAssessment above = Assess(MakeProject(ModelWith("text", "1.01e25")));
  EXPECT_TRUE(above.classification.systemic_risk);
  EXPECT_EQ(above.classification.systemic_risk_basis, "presumed");
}

// Art. 52(4) designation and Art. 52(2)-(3) accepted arguments.
TEST(ClassificationTest, DesignationAndAcceptedRebuttal) {
  ModelAssessment designated = Assess(
      MakeProject(ModelWith("text", "1e24", "    systemic_risk: {designated_on: 2026-03-01}\n")));
  EXPECT_TRUE(designated.classification.systemic_risk);
  EXPECT_EQ(designated.classification.systemic_risk_basis, "designated");
  ModelAssessment accepted = Assess(MakeProject(
      ModelWith("text", "2e25", "    systemic_risk: {rebuttal_accepted_on: 2026-03-01}\n")));
  EXPECT_FALSE(accepted.classification.systemic_risk);
}

std::string Modification(const std::string& own_flop, const std::string& base) {
  return ModelWith("text", own_flop, "    base_model: " + base + "\n");
}

// Guidelines para. 60: above one third of the original's training compute.
TEST(ClassificationTest, ModificationOneThirdBoundary) {
  // 3e23 / 3 = 1e23: exactly one third is not above it.
  ModelAssessment at = Assess(
      MakeProject(Modification("1e23", "{name: B, training_compute: 3e23, systemic_risk: false}")));
  EXPECT_TRUE(at.classification.modification);
  EXPECT_FALSE(at.classification.modifier_is_provider);
  EXPECT_FALSE(at.classification.gpai);
  ModelAssessment over = Assess(MakeProject(
      Modification("1.01e23", "{name: B, training_compute: 3e23, systemic_risk: false}")));
  EXPECT_TRUE(over.classification.modifier_is_provider);
  EXPECT_TRUE(over.classification.gpai);
  EXPECT_FALSE(over.classification.systemic_risk);
}

// Guidelines para. 61: unknown original compute falls back to 1e25/3 or 1e23/3.
TEST(ClassificationTest, ModificationFallbacks) {
  ModelAssessment systemic =
      Assess(MakeProject(Modification("3.4e24", "{name: B, systemic_risk: true}")));
  EXPECT_NEAR(systemic.classification.modification_threshold_flop, 1e25 / 3, 1e10);
  EXPECT_TRUE(systemic.classification.modifier_is_provider);
  EXPECT_TRUE(systemic.classification.systemic_risk);  // Guidelines section 3.2.2
  EXPECT_EQ(systemic.classification.systemic_risk_basis, "modified-systemic");
  EXPECT_FALSE(Assess(MakeProject(Modification("3.3e24", "{name: B, systemic_risk: true}")))
                   .classification.modifier_is_provider);
  ModelAssessment other =
      Assess(MakeProject(Modification("3.4e22", "{name: B, systemic_risk: false}")));
  EXPECT_NEAR(other.classification.modification_threshold_flop, 1e23 / 3, 1e8);
  EXPECT_TRUE(other.classification.modifier_is_provider);
}

// Art. 53(2): every licence condition, no monetisation, public weights; never for systemic risk.
TEST(ClassificationTest, OpenSourceExemption) {
  EXPECT_TRUE(Assess(MakeProject(ModelWith("text", "1e24", kOpenLicence)))
                  .classification.open_source_exempt);
  std::string monetised = kOpenLicence;
  monetised.replace(monetised.find("monetised: false"), 16, "monetised: true");
  ModelAssessment paid = Assess(MakeProject(ModelWith("text", "1e24", monetised)));
  EXPECT_FALSE(paid.classification.open_source_exempt);
  EXPECT_FALSE(Assess(MakeProject(ModelWith("text", "2e25", kOpenLicence)))
                   .classification.open_source_exempt);
}

}  // namespace
}  // namespace gpaikit::scope
