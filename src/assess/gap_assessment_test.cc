// Gap assessment rules on the example projects: applicability per measure (systemic risk,
// open-source exemption, conditions) and evidence found in facts, safety records and the evidence
// register (Code of Practice, all chapters).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "gpaikit/assess/assess.h"

namespace gpaikit::assess {
namespace {

namespace fs = std::filesystem;
const fs::path kData = GPAIKIT_SOURCE_DATA_DIR;
const fs::path kExamples = fs::path(GPAIKIT_SOURCE_DIR) / "examples";

struct Loaded {
  project::Project project;
  law::CodeOfPractice code;
  safety::HolidayCalendar calendar;
  safety::SafetyDocumentation records;
  EvidenceRegister evidence;
  std::vector<scope::ModelAssessment> scope;
};

Loaded Load(const fs::path& dir) {
  Loaded out;
  out.project = *project::LoadProject(dir);
  out.code = *law::LoadCodeOfPractice(kData);
  out.calendar = *safety::LoadHolidayCalendar(kData / safety::kDefaultHolidayFile);
  Result<safety::SafetyDocumentation> records =
      safety::LoadSafetyDocumentation(out.project.root, out.code);
  EXPECT_TRUE(records.ok()) << records.status().message();
  if (records.ok()) out.records = *records;
  Result<EvidenceRegister> evidence = LoadEvidenceRegister(out.project.root, out.code, out.project);
  EXPECT_TRUE(evidence.ok()) << evidence.status().message();
  if (evidence.ok()) out.evidence = *evidence;
  law::Rulepack rules = *law::LoadRulepack(kData, out.project.rulepack);
  law::AcceleratorCatalogue catalogue = *law::LoadAcceleratorCatalogue(kData / "accelerators.yaml");
  for (const project::Model& model : out.project.models) {
    out.scope.push_back(*scope::AssessModel(out.project, model, rules, catalogue,
                                            {*CivilDate::Parse("2026-11-26"), 30}));
  }
  return out;
}

ModelGapAssessment Assess(const Loaded& loaded, size_t model = 0,
                          const store::LedgerFacts* log = nullptr) {
  AssessmentInput input{&loaded.project,
                        &loaded.scope[model],
                        &loaded.code,
                        &loaded.records,
                        &loaded.evidence,
                        &loaded.calendar,
                        *CivilDate::Parse("2026-11-26"),
                        log};
  return AssessModel(input);
}

const MeasureAssessment& Find(const ModelGapAssessment& a, std::string_view id) {
  for (const MeasureAssessment& m : a.measures) {
    if (m.measure->id == id) return m;
  }
  static MeasureAssessment none;
  ADD_FAILURE() << "no measure " << id;
  return none;
}

TEST(GapAssessmentTest, EveryMeasureOfTheCodeIsAssessed) {
  Loaded loaded = Load(kExamples / "frontier-multimodal-non-eu");
  ModelGapAssessment a = Assess(loaded);
  EXPECT_EQ(a.measures.size(), loaded.code.Measures().size());
  EXPECT_EQ(a.measures.size(), 40u);
  ASSERT_EQ(a.chapters.size(), 3u);
  int total = 0;
  for (const ChapterSummary& c : a.chapters) {
    EXPECT_TRUE(c.signatory);
    total += c.met + c.partial + c.missing + c.not_applicable;
  }
  EXPECT_EQ(total, 40);
}

TEST(GapAssessmentTest, SystemicRiskModelGetsSafetyAndSecurityFromItsRecords) {
  Loaded loaded = Load(kExamples / "frontier-multimodal-non-eu");
  ModelGapAssessment a = Assess(loaded);
  // Measure 1.1: the Framework's required contents and the Art. 52(1) notification date.
  EXPECT_EQ(Find(a, "CoP-SS-1.1").status, MeasureStatus::kMet);
  // Measure 2.1: the register holds the four specified risks of Appendix 1.4.
  const MeasureAssessment& m21 = Find(a, "CoP-SS-2.1");
  EXPECT_NE(std::find_if(m21.evidence.begin(), m21.evidence.end(),
                         [](const std::string& e) {
                           return e.find("including the four specified ones") != std::string::npos;
                         }),
            m21.evidence.end());
  EXPECT_EQ(Find(a, "CoP-SS-4.1").measure->applicability.systemic_risk_only, true);
  EXPECT_NE(Find(a, "CoP-SS-9.3").status, MeasureStatus::kNotApplicable);
}

TEST(GapAssessmentTest, OpenSourceModelWithoutSystemicRisk) {
  Loaded loaded = Load(kExamples / "open-7b-eu-sme");
  ModelGapAssessment a = Assess(loaded);
  // AI Act Art. 53(2): the open-source exemption removes Transparency, never Copyright.
  EXPECT_EQ(Find(a, "CoP-T-1.1").status, MeasureStatus::kNotApplicable);
  EXPECT_NE(Find(a, "CoP-T-1.1").reason.find("Art. 53(2)"), std::string::npos);
  EXPECT_NE(Find(a, "CoP-C-1.1").status, MeasureStatus::kNotApplicable);
  // The copyright policy is found from the recorded fulfilment of AIA-53-1-c.
  EXPECT_NE(Find(a, "CoP-C-1.1").evidence.size(), 0u);
  // Safety and Security binds systemic-risk models only.
  EXPECT_EQ(Find(a, "CoP-SS-9.3").status, MeasureStatus::kNotApplicable);
  EXPECT_EQ(a.chapters[2].not_applicable, 32);
}

// Copyright Measures 1.2 and 1.3 bind providers that "use web-crawlers" (issue 13): the condition
// follows from training_data.crawling, with or without the evidence register stating it.
TEST(GapAssessmentTest, ConditionsDecideApplicabilityOfCrawlingMeasures) {
  Loaded loaded = Load(kExamples / "open-7b-eu-sme");
  loaded.evidence.all.conditions.clear();
  EXPECT_EQ(Find(Assess(loaded), "CoP-C-1.3").status, MeasureStatus::kMissing);
  project::CrawlingFacts crawling = loaded.project.models.at(0).training_data->crawling;
  loaded.project.models.at(0).training_data->crawling = project::CrawlingFacts{};
  loaded.project.models.at(0).training_data->crawling.used = false;
  EXPECT_EQ(Find(Assess(loaded), "CoP-C-1.3").status, MeasureStatus::kNotApplicable);
  loaded.evidence.all.conditions.insert("crawls-web");
  EXPECT_EQ(Find(Assess(loaded), "CoP-C-1.3").status, MeasureStatus::kMissing);
  loaded.project.models.at(0).training_data->crawling = crawling;
  loaded.evidence.all.evidence["C-1.3.robots-txt"] = {"crawler/robots.md", {}};
  EXPECT_EQ(Find(Assess(loaded), "CoP-C-1.3").status, MeasureStatus::kPartial);
}

// Copyright Measure 1.4(2): a model under a free and open-source licence may alert users in its
// documentation instead of prohibiting infringing uses; either satisfies the measure (issue 13).
// Without the open-source licence (condition foss-release) the notice does not replace it.
TEST(GapAssessmentTest, OpenSourceNoticeSatisfiesMeasure14InsteadOfAProhibition) {
  Loaded loaded = Load(kExamples / "open-7b-eu-sme");
  loaded.evidence.all.evidence.erase("C-1.4.use-prohibition");
  loaded.evidence.all.evidence["C-1.4.output-safeguards"] = {"Output filter for verbatim text", {}};
  loaded.evidence.all.evidence["C-1.4.foss-user-notice"] = {"README: no infringing uses", {}};
  ModelGapAssessment with_licence = Assess(loaded);
  const MeasureAssessment& met = Find(with_licence, "CoP-C-1.4");
  EXPECT_EQ(met.status, MeasureStatus::kMet);
  EXPECT_TRUE(std::any_of(met.evidence.begin(), met.evidence.end(), [](const std::string& e) {
    return e.find("satisfied instead by C-1.4.foss-user-notice") != std::string::npos;
  }));
  loaded.project.models.at(0).licence->modify = false;  // no longer a free and open-source licence
  loaded.evidence.all.conditions.erase("foss-release");
  EXPECT_NE(Find(Assess(loaded), "CoP-C-1.4").status, MeasureStatus::kMet);
}

// Issue 13: every condition the facts already say is derived from them (crawls-web from
// training_data.crawling, foss-release from the licence, most-capable-on-market from the Model
// Report, Safety and Security Measure 7.6); the evidence register is needed only for the rest.
TEST(GapAssessmentTest, ConditionsTheFactsSayAreDerived) {
  auto holds = [](const Loaded& loaded, std::string_view id) {
    for (const DerivedCondition& c :
         DeriveConditions(loaded.project.models.at(0), loaded.records)) {
      if (c.id == id) return c.holds;
    }
    ADD_FAILURE() << "no derived condition " << id;
    return false;
  };
  Loaded open = Load(kExamples / "open-7b-eu-sme");
  EXPECT_TRUE(holds(open, "crawls-web"));
  EXPECT_TRUE(holds(open, "foss-release"));
  EXPECT_FALSE(holds(open, "most-capable-on-market"));
  open.project.models.at(0).licence->distribute = false;
  EXPECT_FALSE(holds(open, "foss-release"));
  Loaded frontier = Load(kExamples / "frontier-multimodal-non-eu");
  EXPECT_TRUE(holds(frontier, "most-capable-on-market"));
  EXPECT_FALSE(holds(frontier, "foss-release"));
  EXPECT_EQ(ConditionFact("most-capable-on-market"), "safety/model-reports.yaml most_capable");
  EXPECT_EQ(ConditionFact("operates-search-engine"), "");  // only evidence.yaml can state it
}

TEST(GapAssessmentTest, OptionalEvidenceNeverMakesAMeasureIncomplete) {
  Loaded loaded = Load(kExamples / "open-7b-eu-sme");
  // Copyright Measure 1.1: the published summary is encouraged only (required: false).
  loaded.evidence.all.evidence["C-1.1.responsibilities"] = {"Head of Legal; CTO", {}};
  ModelGapAssessment a = Assess(loaded);
  const MeasureAssessment& m = Find(a, "CoP-C-1.1");
  EXPECT_EQ(m.status, MeasureStatus::kMet);
  for (const std::string& missing : m.missing) {
    EXPECT_EQ(missing.find("C-1.1.policy-summary"), std::string::npos);
  }
}

TEST(GapAssessmentTest, RecordsLogEvidencesVersionHistoryAndRequests) {
  // Transparency Measures 1.1 (versions kept), 1.2(4) (requests answered), 1.3 (integrity).
  Loaded loaded = Load(kExamples / "downstream-fine-tune");
  EXPECT_EQ(Find(Assess(loaded), "CoP-T-1.3").status, MeasureStatus::kMissing);
  store::LedgerFacts log;
  log.present = true;
  log.verified = true;
  log.entries = 3;
  log.versions = {"version 1 published 2026-05-28T10:00:00Z"};
  log.requests = 2;
  ModelGapAssessment a = Assess(loaded, 0, &log);
  EXPECT_TRUE(
      std::any_of(Find(a, "CoP-T-1.1").evidence.begin(), Find(a, "CoP-T-1.1").evidence.end(),
                  [](const std::string& e) { return e.starts_with("T-1.1.version-history"); }));
  EXPECT_EQ(Find(a, "CoP-T-1.3").status, MeasureStatus::kPartial);  // integrity process not listed
  log.verified = false;
  log.problem = "entry 2: hash mismatch";
  log.requests_overdue = 1;
  a = Assess(loaded, 0, &log);
  EXPECT_NE(Find(a, "CoP-T-1.3").evidence.front().find("does not verify"), std::string::npos);
  EXPECT_NE(Find(a, "CoP-T-1.2").missing.back().find("1 of 2 downstream requests"),
            std::string::npos);
}

TEST(GapAssessmentTest, RegisterErrorsNameFileLineColumn) {
  fs::path root = fs::temp_directory_path() / "gpaikit_bad_evidence";
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy_file(kExamples / "open-7b-eu-sme" / "gpaikit.yaml", root / "gpaikit.yaml");
  std::ofstream(root / "evidence.yaml")
      << "conditions: [crawls-webb]\nevidence:\n  C-1.1.polcy-document: x\n";
  Loaded loaded;
  loaded.project = *project::LoadProject(root);
  loaded.code = *law::LoadCodeOfPractice(kData);
  Result<EvidenceRegister> r = LoadEvidenceRegister(root, loaded.code, loaded.project);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("evidence.yaml:1:"), std::string::npos);
  EXPECT_NE(r.status().message().find("did you mean 'crawls-web'"), std::string::npos);
  EXPECT_NE(r.status().message().find("evidence.yaml:3:3: evidence.C-1.1.polcy-document"),
            std::string::npos)
      << r.status().message();
  fs::remove_all(root);
}

}  // namespace
}  // namespace gpaikit::assess
