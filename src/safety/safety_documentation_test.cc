// The project's Framework, risk register and Model Report records and their clocks (Code of
// Practice, Safety and Security, Measures 1.1, 1.3, 1.4, 2.1, 7.6, 7.7), on the frontier example.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "safety/safety_test_util.h"

namespace gpaikit::safety {
namespace {

namespace fs = std::filesystem;
const fs::path kExample = fs::path(GPAIKIT_SOURCE_DIR) / "examples" / "frontier-multimodal-non-eu";

using testing::Calendar;
using testing::Code;
using testing::D;

// Parses `yaml` as the project's safety/model-reports.yaml (errors name it r.yaml).
Status ParseModelReports(const char* yaml, SafetyDocumentation& out) {
  return ParseSafetyFile("model-reports.yaml", yaml, "r.yaml", kExample, Code(), out);
}

TEST(SafetyDocumentationTest, RequiredContentsComeFromTheRulepack) {
  EXPECT_EQ(FrameworkContentIds(Code()),
            (std::vector<std::string>{"SS-1.1.trigger-points", "SS-1.1.acceptance-criteria",
                                      "SS-1.1.tier-mitigations", "SS-1.1.timeline-estimates",
                                      "SS-1.1.external-input", "SS-1.1.responsibility-allocation",
                                      "SS-1.1.update-process"}));
  EXPECT_EQ(ModelReportSectionIds(Code()).size(), 10u);
}

TEST(SafetyDocumentationTest, ExampleLoadsWithFourSpecifiedRisks) {
  Result<SafetyDocumentation> records = LoadSafetyDocumentation(kExample, Code());
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_TRUE(records->framework.has_value());
  EXPECT_EQ(records->framework->versions.size(), 2u);
  const RiskRegister* reg = records->RegisterFor("vista-400b");
  ASSERT_NE(reg, nullptr);
  for (const law::AppendixItem& risk : Code().specified_risks) {
    EXPECT_TRUE(std::any_of(reg->risks.begin(), reg->risks.end(), [&](const Risk& r) {
      return r.id == risk.id;
    })) << risk.id;
  }
  ASSERT_NE(records->ReportFor("vista-400b"), nullptr);
}

// Measure 1.1 runs from the Art. 52(1) notification, not from placement (issue 13). While the
// notification is not recorded as made, its due day is the anchor (the latest it may be made):
// 2025-10-24 + 4 weeks = 2025-11-21, earlier than placement 2026-12-15 - 2 weeks.
TEST(SafetyDocumentationTest, FrameworkClockRunsFromTheNotificationDueDayWhenNotRecorded) {
  SafetyDocumentation records = *LoadSafetyDocumentation(kExample, Code());
  ModelFacts facts{"vista-400b", /*systemic_risk=*/true, D("2026-12-15"), std::nullopt,
                   D("2025-10-24")};
  for (const ClockInstance& clock :
       SafetyClocks(records, facts, Code(), Calendar(), D("2026-11-26"))) {
    if (clock.what != "Framework confirmed") continue;
    EXPECT_EQ(clock.due, D("2025-11-21"));
    EXPECT_NE(clock.basis.find("not recorded as made: its due day"), std::string::npos)
        << clock.basis;
    return;
  }
  ADD_FAILURE() << "no Framework confirmed clock";
}

TEST(SafetyDocumentationTest, FrameworkAndReportClocksOnTheExample) {
  SafetyDocumentation records = *LoadSafetyDocumentation(kExample, Code());
  ModelFacts facts{"vista-400b", /*systemic_risk=*/true, D("2026-12-15"), D("2025-10-24"),
                   std::nullopt};
  std::vector<ClockInstance> clocks =
      SafetyClocks(records, facts, Code(), Calendar(), D("2026-11-26"));
  auto find = [&](const std::string& what) -> const ClockInstance* {
    for (const ClockInstance& c : clocks) {
      if (c.what == what) return &c;
    }
    return nullptr;
  };
  // Measure 1.1: earliest of notification + 4 weeks (2025-11-21) and placement - 2 weeks.
  const ClockInstance* confirmed = find("Framework confirmed");
  ASSERT_NE(confirmed, nullptr);
  EXPECT_EQ(confirmed->due, D("2025-11-21"));
  EXPECT_EQ(confirmed->status, "met");
  // Measure 1.4: v1.1 confirmed Wed 30 Sep 2026 -> 5 business days -> Wed 7 Oct 2026.
  const ClockInstance* sent = find("Framework 1.1 to the AI Office");
  ASSERT_NE(sent, nullptr);
  EXPECT_EQ(sent->due, D("2026-10-07"));
  EXPECT_EQ(sent->status, "met");
  // Measure 1.3: twelve months from placement (the September assessment is earlier).
  EXPECT_EQ(find("Framework assessment")->due, D("2027-12-15"));
  // Measure 7.7: by placement; Measure 7.6: six months from the report given on 24 Nov 2026.
  EXPECT_EQ(find("Model Report to the AI Office")->due, D("2026-12-15"));
  EXPECT_EQ(find("Model Report to the AI Office")->status, "met");
  EXPECT_EQ(find("Six-monthly Model Report update")->due, D("2027-05-24"));
}

TEST(SafetyDocumentationTest, MissingFrameworkIsOverdueAfterItsClock) {
  SafetyDocumentation empty;
  ModelFacts facts{"m", /*systemic_risk=*/true, D("2026-12-15"), D("2025-10-24"), std::nullopt};
  std::vector<ClockInstance> clocks =
      SafetyClocks(empty, facts, Code(), Calendar(), D("2026-01-05"));
  ASSERT_FALSE(clocks.empty());
  EXPECT_EQ(clocks.front().what, "Framework confirmed");
  EXPECT_EQ(clocks.front().status, "overdue");
}

TEST(SafetyDocumentationTest, BadRecordsNameFileLineAndColumn) {
  fs::path root = fs::temp_directory_path() / "gpaikit_bad_safety";
  fs::remove_all(root);
  fs::create_directories(root / "safety");
  std::ofstream(root / "safety" / "framework.yaml")
      << "title: F\ncontents:\n  SS-1.1.trigger-pionts: missing.md\nversions:\n"
         "  - {version: \"1\", confirmed: 2026-02-30, changelog: c}\n";
  Result<SafetyDocumentation> records = LoadSafetyDocumentation(root, Code());
  ASSERT_FALSE(records.ok());
  const std::string& message = records.status().message();
  EXPECT_NE(message.find("framework.yaml:3:3: contents.SS-1.1.trigger-pionts: not a required "
                         "item of the Code; did you mean 'SS-1.1.trigger-points'?"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("framework.yaml:5:"), std::string::npos) << message;
  fs::remove_all(root);
}

// Measure 10.2: the published summaries the provider marks with public_summary.
TEST(SafetyDocumentationTest, PublicSummariesOfTheExample) {
  Result<SafetyDocumentation> records = LoadSafetyDocumentation(kExample, Code());
  ASSERT_TRUE(records.ok()) << records.status().message();
  EXPECT_EQ(records->framework->title, "Northwind Safety and Security Framework");
  EXPECT_EQ(records->framework->public_summary, "framework-summary.md");
  EXPECT_EQ(records->ReportFor("vista-400b")->public_summary, "model-report-vista-400b-summary.md");
}

TEST(SafetyDocumentationTest, PublicSummaryMustBeAFileInSafetyOrAnHttpsAddress) {
  SafetyDocumentation out;
  EXPECT_TRUE(ParseModelReports("reports:\n  - model: m\n    public_summary: https://x.example/s\n"
                                "    versions: []\n",
                                out)
                  .ok());
  EXPECT_EQ(out.reports.at(0).public_summary, "https://x.example/s");
  struct Case {
    const char* value;
    const char* error;
  };
  for (const Case& c :
       {Case{"missing.md",
             "r.yaml:3:21: reports[0].public_summary: file 'missing.md' does not "
             "exist next to this file"},
        Case{"http://x.example/s", "r.yaml:3:21: reports[0].public_summary: expected an https://"},
        Case{"../gpaikit.yaml",
             "r.yaml:3:21: reports[0].public_summary: expected a file in the "
             "safety/ folder"},
        Case{"framework.md#updates", "r.yaml:3:21: reports[0].public_summary: expected a file"},
        // A name longer than the file system takes (found by safety_documentation_fuzzer).
        Case{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
             ".md",
             "r.yaml:3:21: reports[0].public_summary: file 'xxxx"}}) {
    SafetyDocumentation bad;
    std::string yaml = std::string("reports:\n  - model: m\n    public_summary: ")
                           .append(c.value)
                           .append("\n    versions: []\n");
    Status status = ParseModelReports(yaml.c_str(), bad);
    ASSERT_FALSE(status.ok()) << c.value;
    EXPECT_NE(status.message().find(c.error), std::string::npos) << status.message();
  }
}

const ClockInstance* FindClock(const std::vector<ClockInstance>& clocks, std::string_view what) {
  for (const ClockInstance& clock : clocks) {
    if (clock.what.find(what) != std::string::npos) return &clock;
  }
  return nullptr;
}

// Measure 7.6: an update "within a reasonable time" of grounds has no due date and is never
// overdue; a deliberate change must be covered before it is made available. Measure 1.3: an
// update "without undue delay" after a Framework assessment.
TEST(SafetyDocumentationTest, UpdatesWithoutAFixedPeriodShowTheirTrigger) {
  SafetyDocumentation records;
  Status parsed = ParseModelReports(
      "reports:\n  - model: m\n    versions:\n"
      "      - {version: '1', date: 2026-11-20, changelog: c}\n"
      "      - {version: '2', date: 2027-01-10, changelog: c}\n"
      "    update_grounds:\n"
      "      - {trigger: use-change, aware: 2027-01-20}\n"
      "      - {trigger: capability-change, aware: 2026-12-05,\n"
      "         change_available: 2027-01-15}\n",
      records);
  ASSERT_TRUE(parsed.ok()) << parsed.message();
  parsed = ParseSafetyFile("framework.yaml",
                           "title: F\nversions:\n"
                           "  - {version: '1', confirmed: 2025-11-18, changelog: c}\n"
                           "assessments:\n  - {date: 2026-09-15}\n",
                           "f.yaml", kExample, Code(), records);
  ASSERT_TRUE(parsed.ok()) << parsed.message();
  ModelFacts facts{"m", /*systemic_risk=*/true, D("2026-12-15"), D("2025-10-24"), std::nullopt};
  std::vector<ClockInstance> clocks =
      SafetyClocks(records, facts, Code(), Calendar(), D("2028-01-01"));
  const ClockInstance* use = FindClock(clocks, "'use-change'");
  ASSERT_NE(use, nullptr);
  EXPECT_FALSE(use->due);
  EXPECT_EQ(use->status, "no-fixed-period");
  EXPECT_NE(use->basis.find("\"reasonable time\" from awareness 2027-01-20"), std::string::npos)
      << use->basis;
  const ClockInstance* change = FindClock(clocks, "'capability-change'");
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(change->due, D("2027-01-15"));
  EXPECT_EQ(change->done, D("2027-01-10"));  // version 2, dated after awareness
  EXPECT_EQ(change->status, "met");
  const ClockInstance* framework = FindClock(clocks, "after the assessment of 2026-09-15");
  ASSERT_NE(framework, nullptr);
  EXPECT_EQ(framework->status, "no-fixed-period");  // no version confirmed since
  EXPECT_NE(framework->basis.find("without undue delay"), std::string::npos);

  SafetyDocumentation bad;
  Status rejected = ParseModelReports(
      "reports:\n  - model: m\n    versions: []\n    update_grounds:\n"
      "      - {trigger: moon-phase, aware: 2027-01-20}\n",
      bad);
  ASSERT_FALSE(rejected.ok());
  EXPECT_NE(rejected.message().find("r.yaml:5:"), std::string::npos) << rejected.message();
  EXPECT_NE(rejected.message().find("update_grounds[0].trigger"), std::string::npos)
      << rejected.message();
}

// Measure 7.6: the six-monthly update of a most capable model is not needed when an exception
// applies (no change; a more capable model within 1 month; similarly safe): a period with an
// exception determined in it is skipped and the next runs from its due day.
TEST(SafetyDocumentationTest, PeriodicUpdateSkipsPeriodsWithAnException) {
  SafetyDocumentation records;
  Status parsed = ParseModelReports(
      "reports:\n  - model: m\n    most_capable: true\n    versions:\n"
      "      - {version: '1', date: 2026-08-20, sent_to_ai_office: 2026-08-31, changelog: c}\n"
      "    periodic_exceptions:\n"
      "      - {exception: no-change, date: 2027-02-10, note: same weights and tools}\n",
      records);
  ASSERT_TRUE(parsed.ok()) << parsed.message();
  ModelFacts facts{"m", /*systemic_risk=*/true, D("2026-09-01"), D("2025-10-24"), std::nullopt};
  const ClockInstance* periodic = nullptr;
  std::vector<ClockInstance> clocks =
      SafetyClocks(records, facts, Code(), Calendar(), D("2027-03-01"));
  periodic = FindClock(clocks, "Six-monthly");
  ASSERT_NE(periodic, nullptr);
  // 31 Aug 2026 + 6 months = 28 Feb 2027 (skipped), + 6 months = 28 Aug 2027.
  EXPECT_EQ(periodic->due, D("2027-08-28"));
  EXPECT_EQ(periodic->status, "upcoming");
  EXPECT_NE(periodic->basis.find("update due 2027-02-28 was not needed (no-change"),
            std::string::npos)
      << periodic->basis;

  records.reports.front().periodic_exceptions.front().date = D("2027-03-05");  // too late
  clocks = SafetyClocks(records, facts, Code(), Calendar(), D("2027-03-01"));
  periodic = FindClock(clocks, "Six-monthly");
  ASSERT_NE(periodic, nullptr);
  EXPECT_EQ(periodic->due, D("2027-02-28"));
  EXPECT_EQ(periodic->status, "overdue");

  SafetyDocumentation bad;
  Status rejected = ParseModelReports(
      "reports:\n  - model: m\n    versions: []\n    periodic_exceptions:\n"
      "      - {exception: busy, date: 2027-01-20}\n",
      bad);
  ASSERT_FALSE(rejected.ok());
  EXPECT_NE(rejected.message().find("r.yaml:5:"), std::string::npos) << rejected.message();
  EXPECT_NE(rejected.message().find("periodic_exceptions[0].exception"), std::string::npos)
      << rejected.message();
}

// Measure 7.7: with an interim report the Model Report may follow up to 15 business days after
// placement (Fri 8 May 2026 -> Wed 3 June over Ascension and Whit Monday); an update goes within
// 5 business days of its confirmation (Tue 22 Dec 2026 -> Thu 7 Jan 2027 over the year-end days).
TEST(SafetyDocumentationTest, InterimReportAllowanceAndUpdatesOverHolidays) {
  SafetyDocumentation records;
  Status parsed = ParseModelReports(
      "reports:\n  - model: m\n    versions:\n"
      "      - {version: '0', date: 2026-05-07, interim: true, sent_to_ai_office: 2026-05-07,"
      " changelog: interim}\n"
      "      - {version: '1', date: 2026-05-20, sent_to_ai_office: 2026-06-04, changelog: c}\n"
      "      - {version: '2', date: 2026-12-22, changelog: c}\n",
      records);
  ASSERT_TRUE(parsed.ok()) << parsed.message();
  ModelFacts facts{"m", /*systemic_risk=*/true, D("2026-05-08"), std::nullopt, std::nullopt};
  std::vector<ClockInstance> clocks =
      SafetyClocks(records, facts, Code(), Calendar(), D("2027-01-08"));
  const ClockInstance* first = FindClock(clocks, "Model Report to the AI Office");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->due, D("2026-06-03"));
  EXPECT_EQ(first->done, D("2026-06-04"));
  EXPECT_EQ(first->status, "late");
  const ClockInstance* update = FindClock(clocks, "Model Report 2 to the AI Office");
  ASSERT_NE(update, nullptr);
  EXPECT_EQ(update->due, D("2027-01-07"));
  EXPECT_EQ(update->status, "overdue");
}

}  // namespace
}  // namespace gpaikit::safety
