// Tests for obligations: applicability in each case, due dates (Art. 52(1) two weeks, placement,
// Art. 111(3) legacy deadline), retention (Art. 54(3)(b)) and statuses as of a day.
#include "scope/scope_test_util.h"

namespace gpaikit::scope {
namespace {

using testing::Assess;
using testing::Find;
using testing::MakeProject;

std::map<std::string, bool> Applicability(const ModelAssessment& assessment) {
  std::map<std::string, bool> out;
  for (const Obligation& o : assessment.obligations) out[o.id] = o.applies;
  return out;
}

const char* kOpenSource7b = R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2025-09-15
    licence: {name: Apache-2.0, access: true, use: true, modify: true, distribute: true,
              monetised: false, weights_public: true, architecture_public: true,
              usage_information_public: true}
    compute:
      runs:
        - {stage: pre-training, flop: 3.4e23}
)";

TEST(ObligationsTest, OpenSourceGpaiKeepsCopyrightAndSummaryOnly) {
  ModelAssessment a = Assess(MakeProject(kOpenSource7b));
  std::map<std::string, bool> expected = {
      {"AIA-52-1", false},   {"AIA-53-1-a", false}, {"AIA-53-1-b", false}, {"AIA-53-1-c", true},
      {"AIA-53-1-d", true},  {"AIA-54", false},     {"AIA-55-1-a", false}, {"AIA-55-1-b", false},
      {"AIA-55-1-c", false}, {"AIA-55-1-d", false}};
  EXPECT_EQ(Applicability(a), expected);
  EXPECT_EQ(Find(a, "AIA-53-1-a").reason, "open-source exemption (AI Act Art. 53(2), 54(6))");
  EXPECT_EQ(Find(a, "AIA-53-1-c").due->ToString(), "2025-09-15");
  EXPECT_EQ(Find(a, "AIA-53-1-c").status, DueStatus::kOverdue);  // nothing recorded as done
}

TEST(ObligationsTest, OpenSourceNonEuProviderNeedsNoRepresentative) {
  ModelAssessment a = Assess(MakeProject(kOpenSource7b, /*in_eu=*/false));
  EXPECT_FALSE(Find(a, "AIA-54").applies);
}

const char* kFrontier = R"(  - id: m
    name: M
    modalities: {input: [text, image], output: [text]}
    union_market_date: 2026-12-20
    compute:
      runs:
        - {stage: pre-training, flop: 3e25, planned: true, known_on: 2026-02-27}
)";

TEST(ObligationsTest, SystemicRiskNonEuProviderHasEveryObligation) {
  ModelAssessment a = Assess(MakeProject(kFrontier, /*in_eu=*/false), "2026-11-26");
  for (const auto& [id, applies] : Applicability(a)) EXPECT_TRUE(applies) << id;
  // Art. 52(1): two weeks from the day it became known, across a month end (2026 not leap).
  EXPECT_EQ(Find(a, "AIA-52-1").due->ToString(), "2026-03-13");
  EXPECT_EQ(Find(a, "AIA-52-1").status, DueStatus::kOverdue);
  EXPECT_EQ(Find(a, "AIA-53-1-a").due->ToString(), "2026-12-20");
  EXPECT_EQ(Find(a, "AIA-53-1-a").status, DueStatus::kDueSoon);  // 24 days ahead
  EXPECT_EQ(Find(a, "AIA-53-1-a").retain_until->ToString(), "2036-12-20");
  EXPECT_EQ(Find(a, "AIA-54").due_basis.substr(0, 16), "before placement");
}

TEST(ObligationsTest, NotificationInLeapYearAndBeforeChapterVApplied) {
  std::string leap = kFrontier;
  leap.replace(leap.find("2026-02-27"), 10, "2028-02-20");
  EXPECT_EQ(Find(Assess(MakeProject(leap)), "AIA-52-1").due->ToString(), "2028-03-05");
  std::string early = kFrontier;
  early.replace(early.find("2026-02-27"), 10, "2025-03-01");
  // Guidelines section 5.3: notify within two weeks after 2 Aug 2025.
  EXPECT_EQ(Find(Assess(MakeProject(early)), "AIA-52-1").due->ToString(), "2025-08-16");
}

TEST(ObligationsTest, ModelsPlacedBeforeChapterVHaveUntil2027) {
  std::string legacy = kOpenSource7b;
  legacy.replace(legacy.find("2025-09-15"), 10, "2024-02-29");
  ModelAssessment a = Assess(MakeProject(legacy), "2026-11-26");
  const Obligation& summary = Find(a, "AIA-53-1-d");
  EXPECT_EQ(summary.due->ToString(), "2027-08-02");  // Art. 111(3)
  EXPECT_EQ(summary.status, DueStatus::kUpcoming);
  EXPECT_EQ(summary.enforceable_from->ToString(), "2027-08-02");
}

TEST(ObligationsTest, EnforcementStartsAugust2026AndRetentionClampsLeapDay) {
  std::string leap_day = kFrontier;
  leap_day.replace(leap_day.find("2026-12-20"), 10, "2028-02-29");
  ModelAssessment a = Assess(MakeProject(leap_day, false));
  EXPECT_EQ(Find(a, "AIA-53-1-a").retain_until->ToString(), "2038-02-28");
  ModelAssessment early = Assess(MakeProject(kOpenSource7b));
  EXPECT_EQ(Find(early, "AIA-53-1-c").enforceable_from->ToString(), "2026-08-02");
}

TEST(ObligationsTest, FulfilmentsAndRepresentativeMandateMarkObligationsMet) {
  std::string done = std::string(kOpenSource7b) +
                     "    fulfilled:\n      - {obligation: AIA-53-1-c, date: 2025-09-01, "
                     "evidence: policy/copyright.md}\n";
  ModelAssessment a = Assess(MakeProject(done));
  EXPECT_EQ(Find(a, "AIA-53-1-c").status, DueStatus::kMet);
  EXPECT_EQ(Find(a, "AIA-53-1-c").evidence, "policy/copyright.md");
  std::string typo = std::string(kOpenSource7b) +
                     "    fulfilled:\n      - {obligation: AIA-53-1-x, date: 2025-09-01, "
                     "evidence: e}\n";
  Result<ModelAssessment> bad =
      AssessModel(MakeProject(typo), MakeProject(typo).models[0], testing::Rules(),
                  testing::Catalogue(), ObligationOptions{testing::Date("2026-01-01"), 30});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown obligation 'AIA-53-1-x'"), std::string::npos);
}

// Every unknown obligation id of a model is reported in one round, each with its place
// (DESIGN.md "Inputs, and what bad input gets": all errors at once).
TEST(ObligationsTest, EveryUnknownFulfilmentIsReportedAtOnce) {
  std::string typos = std::string(kOpenSource7b) +
                      "    fulfilled:\n      - {obligation: AIA-53-1-x, date: 2025-09-01, "
                      "evidence: e}\n      - {obligation: AIA-53-1-y, date: 2025-09-01, "
                      "evidence: e}\n";
  project::Project project = MakeProject(typos);
  Result<ModelAssessment> bad =
      AssessModel(project, project.models[0], testing::Rules(), testing::Catalogue(),
                  ObligationOptions{testing::Date("2026-01-01"), 30});
  ASSERT_FALSE(bad.ok());
  const std::string& message = bad.status().message();
  EXPECT_NE(message.find("unknown obligation 'AIA-53-1-x'"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown obligation 'AIA-53-1-y'"), std::string::npos) << message;
  EXPECT_NE(message.find('\n'), std::string::npos) << "one line per problem: " << message;
}

TEST(ObligationsTest, ModifierBelowThresholdHasNoObligations) {
  std::string below = R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    base_model: {name: Base, training_compute: 1e24, systemic_risk: false}
    compute:
      runs:
        - {stage: fine-tuning, flop: 1e22}
)";
  ModelAssessment a = Assess(MakeProject(below));
  for (const Obligation& o : a.obligations) EXPECT_FALSE(o.applies) << o.id;
}

TEST(ObligationsTest, SummaryUpdatesEverySixMonthsWhileTrainingContinues) {
  std::string continuing = std::string(kOpenSource7b) + "    training_continues: true\n";
  ModelAssessment a = Assess(MakeProject(continuing), "2026-11-26");
  const Obligation& summary = Find(a, "AIA-53-1-d");
  EXPECT_EQ(summary.next_update->ToString(), "2027-03-15");
  EXPECT_TRUE(summary.limited_to_modification == false);
}

TEST(ObligationsTest, UnplacedModelHasNoDateButReasonSaysWhen) {
  std::string unplaced = kOpenSource7b;
  std::string line = "    union_market_date: 2025-09-15\n";
  unplaced.replace(unplaced.find(line), line.size(), "");
  ModelAssessment a = Assess(MakeProject(unplaced));
  const Obligation& o = Find(a, "AIA-53-1-c");
  EXPECT_FALSE(o.due.has_value());
  EXPECT_EQ(o.status, DueStatus::kNoDate);
  EXPECT_NE(o.due_basis.find("no union_market_date"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::scope

namespace gpaikit::scope {
namespace {

using testing::Assess;
using testing::MakeProject;

// A proprietary GPAI model from an EU provider: Art. 53 in full, no Art. 54 or 55.
TEST(ObligationsApplicabilityTest, ProprietaryGpaiFromAnEuProvider) {
  ModelAssessment a = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-03-01
    compute:
      runs:
        - {stage: pre-training, flop: 5e24}
)"));
  std::map<std::string, bool> expected = {
      {"AIA-52-1", false},   {"AIA-53-1-a", true}, {"AIA-53-1-b", true},  {"AIA-53-1-c", true},
      {"AIA-53-1-d", true},  {"AIA-54", false},    {"AIA-55-1-a", false}, {"AIA-55-1-b", false},
      {"AIA-55-1-c", false}, {"AIA-55-1-d", false}};
  std::map<std::string, bool> actual;
  for (const Obligation& o : a.obligations) actual[o.id] = o.applies;
  EXPECT_EQ(actual, expected);
}

// Guidelines section 3.2.1: a modifier above the one-third criterion has Art. 53 duties limited
// to the modification, and Art. 54 when established outside the Union.
TEST(ObligationsApplicabilityTest, ModifierAboveThresholdOutsideTheUnion) {
  ModelAssessment a = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-03-01
    base_model: {name: Base, training_compute: 3e23, systemic_risk: false}
    compute:
      runs:
        - {stage: fine-tuning, flop: 1.2e23}
)",
                                         /*in_eu=*/false));
  std::map<std::string, bool> actual;
  for (const Obligation& o : a.obligations) {
    actual[o.id] = o.applies;
    if (o.id.starts_with("AIA-53")) {
      EXPECT_TRUE(o.limited_to_modification) << o.id;
    }
  }
  std::map<std::string, bool> expected = {
      {"AIA-52-1", false},   {"AIA-53-1-a", true}, {"AIA-53-1-b", true},  {"AIA-53-1-c", true},
      {"AIA-53-1-d", true},  {"AIA-54", true},     {"AIA-55-1-a", false}, {"AIA-55-1-b", false},
      {"AIA-55-1-c", false}, {"AIA-55-1-d", false}};
  EXPECT_EQ(actual, expected);
}

// Guidelines section 3.2.2: modifying a systemic-risk model above the criterion makes the
// modifier notify (from the modification's first dated run) and carry Art. 55.
TEST(ObligationsApplicabilityTest, ModifierOfASystemicRiskModel) {
  ModelAssessment a = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    base_model: {name: Frontier, systemic_risk: true}
    compute:
      runs:
        - {stage: fine-tuning, flop: 4e24, start: 2026-01-31}
)"));
  for (const Obligation& o : a.obligations) {
    EXPECT_EQ(o.applies, o.id != "AIA-54") << o.id;
  }
  EXPECT_EQ(testing::Find(a, "AIA-52-1").due->ToString(), "2026-02-14");
}

}  // namespace
}  // namespace gpaikit::scope
