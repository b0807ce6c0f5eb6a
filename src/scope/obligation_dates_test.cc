// Tests of due days and statuses: done after the due day is late with its days, never met (AI Act
// Art. 54(1) "prior to placing"); models placed before 2 Aug 2025 (Art. 111(3), Guidelines section
// 5.3); Art. 55 from the day the systemic-risk condition is met (Guidelines section 2.3).
#include "scope/scope_test_util.h"

namespace gpaikit::scope {
namespace {

using testing::Assess;
using testing::Find;
using testing::MakeProject;

// A proprietary GPAI model placed on 2026-03-01.
std::string Proprietary(const std::string& extra = "") {
  return R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-03-01
    compute:
      runs:
        - {stage: pre-training, flop: 5e24}
)" + extra;
}

std::string Fulfilled(const std::string& obligation, const std::string& date) {
  return "    fulfilled:\n      - {obligation: " + obligation + ", date: " + date +
         ", evidence: e}\n";
}

// A duty done after its due day is "late" with the days, never "met"; on the due day it is met.
TEST(ObligationDatesTest, DoneAfterTheDueDayIsLateWithTheDays) {
  ModelAssessment late = Assess(MakeProject(Proprietary(Fulfilled("AIA-53-1-c", "2026-03-13"))));
  const Obligation& policy = Find(late, "AIA-53-1-c");
  EXPECT_EQ(policy.status, DueStatus::kLate);
  EXPECT_EQ(policy.days_late, 12);
  EXPECT_EQ(DueStatusText(policy), "late (12 days)");
  EXPECT_STREQ(DueStatusName(policy.status), "late");
  ModelAssessment on_time = Assess(MakeProject(Proprietary(Fulfilled("AIA-53-1-c", "2026-03-01"))));
  EXPECT_EQ(Find(on_time, "AIA-53-1-c").status, DueStatus::kMet);
  EXPECT_EQ(Find(on_time, "AIA-53-1-c").days_late, 0);
  // Done after the evaluation day is not yet done: overdue as of 2026-03-10.
  ModelAssessment before =
      Assess(MakeProject(Proprietary(Fulfilled("AIA-53-1-c", "2026-03-13"))), "2026-03-10");
  EXPECT_EQ(Find(before, "AIA-53-1-c").status, DueStatus::kOverdue);
}

// AI Act Art. 54(1): the mandate "prior to placing": on the placement day it is one day late.
TEST(ObligationDatesTest, RepresentativeMandateMustPrecedePlacement) {
  auto with_mandate = [](const std::string& day) {
    std::string project =
        "gpaikit: 1\nprovider:\n  legal_name: P\n  contact: c@p.com\n"
        "  established_in_eu: false\n  authorised_representative:\n"
        "    name: R\n    contact: r@r.eu\n    mandate_date: " +
        day + "\nmodels:\n" + Proprietary();
    Result<project::Project> parsed = project::ParseProject(project, "p.yaml");
    EXPECT_TRUE(parsed.ok()) << parsed.status().message();
    return Assess(*parsed);
  };
  ModelAssessment same_day = with_mandate("2026-03-01");
  const Obligation* representative = same_day.AuthorisedRepresentative();
  ASSERT_NE(representative, nullptr);
  EXPECT_EQ(representative->due->ToString(), "2026-02-28");
  EXPECT_EQ(representative->status, DueStatus::kLate);
  EXPECT_EQ(representative->days_late, 1);
  EXPECT_EQ(with_mandate("2026-02-28").AuthorisedRepresentative()->status, DueStatus::kMet);
}

// Art. 111(3) and Guidelines section 5.3: a model placed before 2 Aug 2025 has until 2 Aug 2027 for
// every Chapter V duty, the Art. 52(1) notification and Art. 55 included; a clock of its own that
// runs later keeps its later day.
TEST(ObligationDatesTest, ModelPlacedBeforeChapterVHasEveryDutyBy2027) {
  ModelAssessment a = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2024-11-01
    compute:
      runs:
        - {stage: pre-training, flop: 3e25, start: 2024-03-01}
)",
                                         /*in_eu=*/false));
  for (const Obligation& o : a.obligations) {
    ASSERT_TRUE(o.applies) << o.id;
    ASSERT_TRUE(o.due.has_value()) << o.id;
    EXPECT_EQ(o.due->ToString(), "2027-08-02") << o.id;
    EXPECT_EQ(o.status, DueStatus::kUpcoming) << o.id;
    EXPECT_NE(o.due_basis.find("Art. 111(3)"), std::string::npos) << o.id << ": " << o.due_basis;
  }
  // Training goes on after placement and crosses 1e25 only in 2027-10: notify two weeks later.
  ModelAssessment later = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2024-11-01
    compute:
      runs:
        - {stage: pre-training, flop: 8e24, start: 2024-03-01}
        - {stage: post-training, flop: 4e24, start: 2027-10-01}
)"));
  EXPECT_EQ(Find(later, "AIA-52-1").due->ToString(), "2027-10-15");
  EXPECT_EQ(Find(later, "AIA-53-1-d").due->ToString(), "2027-08-02");
}

// Guidelines section 2.3: Art. 55 duties run from the moment the condition is met (Art. 55(1)(b)
// covers risks from development), not from placement; before 2 Aug 2025, from then.
TEST(ObligationDatesTest, Article55RunsFromTheSystemicRiskCondition) {
  ModelAssessment a = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-12-20
    compute:
      runs:
        - {stage: pre-training, flop: 3e25, planned: true, known_on: 2026-02-27}
)"),
                             "2026-11-26");
  for (const char* id : {"AIA-55-1-a", "AIA-55-1-b", "AIA-55-1-c", "AIA-55-1-d"}) {
    const Obligation& o = Find(a, id);
    EXPECT_EQ(o.due->ToString(), "2026-02-27") << id;
    EXPECT_EQ(o.status, DueStatus::kOverdue) << id;
    EXPECT_NE(o.due_basis.find("Guidelines section 2.3"), std::string::npos) << o.due_basis;
  }
  EXPECT_EQ(Find(a, "AIA-53-1-a").due->ToString(), "2026-12-20");  // Art. 53: by placement
  // Designated by the Commission: from the designation decision (Guidelines section 2.3).
  ModelAssessment designated = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-01-10
    systemic_risk: {designated_on: 2026-06-30}
    compute:
      runs:
        - {stage: pre-training, flop: 5e24}
)"));
  EXPECT_EQ(Find(designated, "AIA-55-1-b").due->ToString(), "2026-06-30");
  EXPECT_FALSE(Find(designated, "AIA-52-1").applies);
  // Met before Chapter V applied: from 2 Aug 2025.
  ModelAssessment early = Assess(MakeProject(R"(  - id: m
    name: M
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-12-20
    compute:
      runs:
        - {stage: pre-training, flop: 3e25, start: 2025-05-01}
)"));
  EXPECT_EQ(Find(early, "AIA-55-1-a").due->ToString(), "2025-08-02");
  std::optional<CivilDate> met =
      SystemicRiskConditionMet(*early.model, early.compute, early.classification);
  ASSERT_TRUE(met.has_value());
  EXPECT_EQ(met->ToString(), "2025-05-01");
}

// Guidelines section 2.1: below 1e23 FLOP the criterion is indicative; the classification says
// so and how to declare the model, and obligations say "indicatively".
TEST(ObligationDatesTest, BelowTheIndicativeCriterionSaysHowToDeclare) {
  ModelAssessment small = Assess(MakeProject(R"(  - id: m
    name: M 3B
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-03-01
    compute:
      runs:
        - {stage: pre-training, tokens: 2T, parameters: 3B}
)"));
  EXPECT_FALSE(small.classification.gpai);
  std::string reasons;
  for (const std::string& reason : small.classification.reasons) reasons += reason + "\n";
  EXPECT_NE(reasons.find("criterion is indicative only"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("gpai_rebuttal: {gpai: true"), std::string::npos) << reasons;
  EXPECT_NE(Find(small, "AIA-53-1-d").reason.find("indicatively not a GPAI model"),
            std::string::npos);
  EXPECT_FALSE(small.TrainingSummaryDue(testing::Date("2026-11-26")));
  // Declared a GPAI model: the summary is owed, and the classification no longer says "not".
  ModelAssessment declared = Assess(MakeProject(R"(  - id: m
    name: M 3B
    modalities: {input: [text], output: [text]}
    union_market_date: 2026-03-01
    gpai_rebuttal: {gpai: true, reason: "broad generality across tasks"}
    compute:
      runs:
        - {stage: pre-training, tokens: 2T, parameters: 3B}
)"));
  EXPECT_TRUE(declared.classification.gpai);
  EXPECT_TRUE(declared.TrainingSummaryDue(testing::Date("2026-11-26")));
}

}  // namespace
}  // namespace gpaikit::scope
