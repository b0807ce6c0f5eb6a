// Tests that data/code-of-practice/2025-07.yaml loads with the Code's structure (Code of Practice,
// all chapters) and that the loader rejects data errors with file:line:column.
#include "gpaikit/law/code_of_practice.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "gpaikit/base/files.h"

namespace gpaikit::law {
namespace {

const std::filesystem::path kData = GPAIKIT_SOURCE_DATA_DIR;

const CodeOfPractice& Code() {
  static const CodeOfPractice code = [] {
    Result<CodeOfPractice> loaded = LoadCodeOfPractice(kData);
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? *loaded : CodeOfPractice{};
  }();
  return code;
}

int CountMeasures(std::string_view chapter_id) {
  int count = 0;
  for (const CopMeasure* measure : Code().Measures()) count += measure->chapter_id == chapter_id;
  return count;
}

TEST(CodeOfPracticeTest, ChaptersCommitmentsAndMeasuresAsTheCodeHasThem) {
  EXPECT_EQ(Code().rulepack, "code-of-practice/2025-07");
  EXPECT_EQ(Code().published.ToString(), "2025-07-10");
  ASSERT_EQ(Code().chapters.size(), 3u);
  EXPECT_EQ(CountMeasures("CoP-T"), 3);    // Transparency Measures 1.1-1.3
  EXPECT_EQ(CountMeasures("CoP-C"), 5);    // Copyright Measures 1.1-1.5
  EXPECT_EQ(CountMeasures("CoP-SS"), 32);  // Safety and Security: 10 commitments, 32 measures
  EXPECT_EQ(Code().FindChapter("CoP-SS")->commitments.size(), 10u);
  const CopMeasure* m93 = Code().FindMeasure("CoP-SS-9.3");
  ASSERT_NE(m93, nullptr);
  EXPECT_EQ(m93->title, "Reporting timelines");
  EXPECT_EQ(m93->source, "Code of Practice, Safety and Security, Measure 9.3");
  EXPECT_EQ(m93->verified, "primary");
  EXPECT_TRUE(m93->applicability.systemic_risk_only);
  EXPECT_FALSE(m93->applicability.open_source_exempt);
}

// Every Safety and Security measure title verbatim as the final chapter (document 118119, 10 July
// 2025) gives it, typed from the official text; spec/code-of-practice.md §3 shortens ten of them
// (e.g. "M2.1 Identification process", "M4.2 Proceed or not", "M9.4 Retention").
TEST(CodeOfPracticeTest, SafetyAndSecurityMeasureTitlesAreVerbatim) {
  const std::vector<std::pair<std::string, std::string>> official = {
      {"1.1", "Creating the Framework"},
      {"1.2", "Implementing the Framework"},
      {"1.3", "Updating the Framework"},
      {"1.4", "Framework notifications"},
      {"2.1", "Systemic risk identification process"},
      {"2.2", "Systemic risk scenarios"},
      {"3.1", "Model-independent information"},
      {"3.2", "Model evaluations"},
      {"3.3", "Systemic risk modelling"},
      {"3.4", "Systemic risk estimation"},
      {"3.5", "Post-market monitoring"},
      {"4.1", "Systemic risk acceptance criteria and acceptance determination"},
      {"4.2", "Proceeding or not proceeding based on systemic risk acceptance determination"},
      {"5.1", "Appropriate safety mitigations"},
      {"6.1", "Security Goal"},
      {"6.2", "Appropriate security mitigations"},
      {"7.1", "Model description and behaviour"},
      {"7.2", "Reasons for proceeding"},
      {"7.3", "Documentation of systemic risk identification, analysis, and mitigation"},
      {"7.4", "External reports"},
      {"7.5", "Material changes to the systemic risk landscape"},
      {"7.6", "Model Report updates"},
      {"7.7", "Model Report notifications"},
      {"8.1", "Definition of clear responsibilities"},
      {"8.2", "Allocation of appropriate resources"},
      {"8.3", "Promotion of a healthy risk culture"},
      {"9.1", "Methods for serious incident identification"},
      {"9.2", "Relevant information for serious incident tracking, documentation, and reporting"},
      {"9.3", "Reporting timelines"},
      {"9.4", "Retention period"},
      {"10.1", "Additional documentation"},
      {"10.2", "Public transparency"},
  };
  std::vector<std::pair<std::string, std::string>> loaded;
  for (const CopMeasure* measure : Code().Measures()) {
    if (measure->chapter_id == "CoP-SS") loaded.emplace_back(measure->number, measure->title);
  }
  EXPECT_EQ(loaded, official);
}

TEST(CodeOfPracticeTest, EveryMeasureHasApplicabilityEvidenceAndSource) {
  for (const CopMeasure* measure : Code().Measures()) {
    EXPECT_FALSE(measure->evidence.empty()) << measure->id;
    EXPECT_FALSE(measure->source.empty()) << measure->id;
    EXPECT_FALSE(measure->verified.empty()) << measure->id;
    EXPECT_EQ(measure->applicability.systemic_risk_only, measure->chapter_id == "CoP-SS")
        << measure->id;
    for (const CopEvidence& evidence : measure->evidence) {
      EXPECT_FALSE(evidence.verified.empty()) << evidence.id;  // inherited when absent
    }
  }
}

TEST(CodeOfPracticeTest, ApplicabilityResolvesMeasureThenCommitmentThenChapter) {
  // Transparency: the Art. 53(2) open-source exemption removes it; Copyright never.
  EXPECT_TRUE(Code().FindMeasure("CoP-T-1.2")->applicability.open_source_exempt);
  EXPECT_FALSE(Code().FindMeasure("CoP-C-1.5")->applicability.open_source_exempt);
  EXPECT_EQ(Code().FindMeasure("CoP-C-1.3")->applicability.conditions,
            std::vector<std::string>{"crawls-web"});
  // Safety and Security Commitment 6: exempt when inferior to an open-weight model.
  EXPECT_EQ(Code().FindMeasure("CoP-SS-6.2")->applicability.exempt_when,
            std::vector<std::string>{"inferior-to-open-weight-model"});
}

// Spec code-of-practice.md section 5.2: draft 3 II.12 (serious incidents) became Commitment 9,
// II.8 (Model Reports) Commitment 7; Transparency I.1.x is inferred from the parallel structure.
TEST(CodeOfPracticeTest, ThirdDraftNumberingWithItsLevel) {
  const CopMeasure* m93 = Code().FindMeasure("CoP-SS-9.3");
  ASSERT_NE(m93, nullptr);
  EXPECT_EQ(m93->third_draft, std::vector<std::string>{"II.12"});
  EXPECT_EQ(m93->third_draft_verified, "primary");
  const CopMeasure* m76 = Code().FindMeasure("CoP-SS-7.6");
  ASSERT_NE(m76, nullptr);
  EXPECT_EQ(m76->third_draft, std::vector<std::string>{"II.8"});
  const CopMeasure* t12 = Code().FindMeasure("CoP-T-1.2");
  ASSERT_NE(t12, nullptr);
  EXPECT_EQ(t12->third_draft, std::vector<std::string>{"I.1.2"});
  EXPECT_EQ(t12->third_draft_verified, "unverified");
  EXPECT_FALSE(t12->third_draft_note.empty());
  for (const CopMeasure* measure : Code().Measures()) {
    for (const std::string& number : measure->third_draft) {
      EXPECT_TRUE(number.starts_with("I.") || number.starts_with("II.")) << measure->id;
    }
    if (!measure->third_draft.empty()) {
      EXPECT_FALSE(measure->third_draft_verified.empty()) << measure->id;
    }
  }
}

TEST(CodeOfPracticeTest, IncidentTypesAgreeWithMeasure93Clocks) {
  // Code of Practice, Safety and Security, Measure 9.3: 2, 5, 10 or 15 days by type.
  ASSERT_EQ(Code().incident_types.size(), 6u);
  const std::pair<const char*, int> expected[] = {
      {"critical-infrastructure", 2}, {"cybersecurity", 5},        {"death", 10}, {"health", 15},
      {"fundamental-rights", 15},     {"property-environment", 15}};
  for (const auto& [id, days] : expected) {
    const IncidentType* type = Code().FindIncidentType(id);
    ASSERT_NE(type, nullptr) << id;
    EXPECT_EQ(type->initial_report_days, days) << id;
    const CopClock* clock = Code().FindClock(std::string("incident-initial-report-") + id);
    ASSERT_NE(clock, nullptr);
    EXPECT_EQ(clock->unit, "days");
    EXPECT_EQ(clock->unit_verified, "unverified");
  }
  EXPECT_EQ(Code().FindClock("incident-final-report")->amount, 60);
  EXPECT_EQ(Code().FindClock("incident-intermediate-report")->unit, "weeks");
  EXPECT_EQ(Code().FindClock("framework-to-ai-office")->unit, "business-days");
  EXPECT_EQ(Code().FindClock("interface-access-review")->owner, "CoP-SS-A4.3(1)");
}

TEST(CodeOfPracticeTest, TemplateSpecifiedRisksAndSecurityObjectives) {
  ASSERT_EQ(Code().template_items.size(), 10u);
  // Code of Practice, Safety and Security, Measure 9.3: the initial report holds exactly M9.2
  // points (1)-(7); the submitter (template item 10) is not an M9.2 point and not required there.
  std::vector<std::string> initial;
  for (const TemplateItem& item : Code().template_items) {
    if (item.in_initial_report) initial.push_back(item.m9_2_point);
  }
  EXPECT_EQ(initial, (std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"}));
  EXPECT_FALSE(Code().template_items.back().in_initial_report);  // submitter
  EXPECT_EQ(Code().template_items.back().verified, "unverified");
  ASSERT_EQ(Code().specified_risks.size(), 4u);
  EXPECT_EQ(Code().specified_risks[0].id, "cbrn");
  EXPECT_EQ(Code().security_objectives.size(), 25u);
}

std::filesystem::path WriteVariant(const std::string& from, const std::string& to) {
  Result<std::string> text = ReadFile(kData / "code-of-practice" / "2025-07.yaml");
  EXPECT_TRUE(text.ok());
  std::string changed = *text;
  size_t at = changed.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) changed.replace(at, from.size(), to);
  std::filesystem::path path = std::filesystem::temp_directory_path() / "gpaikit_cop_variant.yaml";
  std::ofstream(path) << changed;
  return path;
}

TEST(CodeOfPracticeTest, RejectsUnknownKindsWithLocation) {
  Result<CodeOfPractice> code =
      LoadCodeOfPracticeFile(WriteVariant("kind: document\n", "kind: documnet\n"));
  ASSERT_FALSE(code.ok());
  EXPECT_NE(code.status().message().find("gpaikit_cop_variant.yaml:"), std::string::npos);
  EXPECT_NE(code.status().message().find("did you mean 'document'"), std::string::npos);
}

TEST(CodeOfPracticeTest, RejectsIncidentDaysThatDisagreeWithTheClocks) {
  Result<CodeOfPractice> code =
      LoadCodeOfPracticeFile(WriteVariant("initial_report_days: 10", "initial_report_days: 11"));
  ASSERT_FALSE(code.ok());
  EXPECT_NE(code.status().message().find("'death' says 11 days"), std::string::npos);
}

TEST(CodeOfPracticeTest, RejectsMeasureIdNotMatchingItsNumber) {
  Result<CodeOfPractice> code =
      LoadCodeOfPracticeFile(WriteVariant("- id: CoP-SS-9.4\n", "- id: CoP-SS-9.9\n"));
  ASSERT_FALSE(code.ok());
  EXPECT_NE(code.status().message().find("expected 'CoP-SS-9.4'"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::law
