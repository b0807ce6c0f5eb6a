// Agreement across modules: for every example project and a set of edge cases, the obligations
// and classification (scope), the documentation and summary status (docs), the Safety and Security
// applicability (safety) and the gap assessment (assess) tell the same story (AI Act Arts 3(9),
// 51-55, 111(3); Code of Practice, all chapters). Links docs only as a cross-check.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "gpaikit/assess/assess.h"
#include "gpaikit/base/files.h"
#include "gpaikit/docs/output.h"
#include "gpaikit/safety/output.h"

namespace gpaikit {
namespace {

namespace fs = std::filesystem;
const fs::path kData = GPAIKIT_SOURCE_DATA_DIR;
const fs::path kExamples = fs::path(GPAIKIT_SOURCE_DIR) / "examples";
const CivilDate kAsOf = *CivilDate::Parse("2026-11-26");

// Everything check computes for a project, through the modules' own functions.
struct Checked {
  scope::AssessedProject project;
  safety::ProjectSafety safety;
  assess::EvidenceRegister evidence;
  docs::CheckInputs docs;
};

std::optional<Checked> Check(const fs::path& dir) {
  Result<project::ProjectContext> context = project::LoadProjectContext(dir, kData);
  EXPECT_TRUE(context.ok()) << context.status().message();
  if (!context.ok()) return std::nullopt;
  Result<scope::AssessedProject> project = scope::AssessProject(std::move(*context), {kAsOf, 30});
  EXPECT_TRUE(project.ok()) << project.status().message();
  if (!project.ok()) return std::nullopt;
  Result<safety::ProjectSafety> safety = safety::LoadProjectSafety(*project);
  EXPECT_TRUE(safety.ok()) << safety.status().message();
  Result<assess::EvidenceRegister> evidence =
      assess::LoadEvidenceRegister(project->project.root, project->code, project->project);
  EXPECT_TRUE(evidence.ok()) << evidence.status().message();
  Result<docs::LedgerSnapshot> log = docs::ReadLedger(project->project.root);
  EXPECT_TRUE(log.ok()) << log.status().message();
  if (!safety.ok() || !evidence.ok() || !log.ok()) return std::nullopt;
  Result<docs::CheckInputs> inputs = docs::PrepareCheck(*project, std::move(*log));
  EXPECT_TRUE(inputs.ok()) << inputs.status().message();
  if (!inputs.ok()) return std::nullopt;
  return Checked{std::move(*project), std::move(*safety), std::move(*evidence), std::move(*inputs)};
}

const scope::Obligation& Obligation(const scope::ModelAssessment& a, std::string_view id) {
  const scope::Obligation* found = a.Find(id);
  EXPECT_NE(found, nullptr) << id;
  static const scope::Obligation none;
  return found ? *found : none;
}

const assess::ChapterSummary* Chapter(const assess::ModelGapAssessment& gaps,
                                      std::string_view key) {
  for (const assess::ChapterSummary& c : gaps.chapters) {
    if (c.chapter->key == key) return &c;
  }
  ADD_FAILURE() << "no chapter " << key;
  return nullptr;
}

// The agreements every model must show; returns the gap assessment for case-specific checks.
assess::ModelGapAssessment ExpectAgreement(const Checked& checked,
                                           const scope::ModelAssessment& a) {
  const scope::AssessedProject& project = checked.project;
  const project::Model& model = *a.model;
  const scope::Classification& c = a.classification;
  SCOPED_TRACE(model.id);
  bool placed = model.PlacedBy(kAsOf);

  // AI Act Art. 3(9): one placement rule for classification and every status below.
  EXPECT_EQ(c.placed_on_market, placed);
  EXPECT_EQ(c.placed_before_chapter_v, scope::PlacedBeforeChapterV(model, project.rules));

  // Art. 53(1)(a)-(b), 53(2): the documentation is required exactly when its obligation applies.
  report::ModelContribution documentation =
      docs::DocumentationContribution(project, checked.docs, a);
  EXPECT_EQ(documentation.json["required"].get<bool>(), Obligation(a, "AIA-53-1-a").applies);
  EXPECT_EQ(documentation.json["open_source_exempt"].get<bool>(), c.open_source_exempt);
  // Measure 1.1: missing rows block only once the model is placed.
  const docs::ModelDocumentation& d = checked.docs.documentation.at(model.id);
  int invalid = 0;
  for (const docs::RowValue& row : d.rows) invalid += row.status == docs::RowStatus::kInvalid;
  if (!placed && checked.docs.log.requests.empty()) {
    EXPECT_EQ(documentation.blocking, invalid);
  }

  // Art. 53(1)(d): the summary is due iff its obligation applies and the model is placed.
  report::ModelContribution summary = docs::SummaryContribution(project, checked.docs, a);
  EXPECT_EQ(summary.json["due"].get<bool>(), Obligation(a, "AIA-53-1-d").applies && placed);
  EXPECT_EQ(a.TrainingSummary(), &Obligation(a, "AIA-53-1-d"));

  // Art. 55 and the Code's Safety and Security scope: one applicability for the safety section,
  // the systemic-risk obligations and the chapter in the gap assessment.
  bool chapter =
      safety::ChapterApplies(a, project.project.provider.signatory, checked.safety.documentation);
  report::ModelContribution safety_part = safety::SafetyContribution(project, checked.safety, a);
  EXPECT_EQ(safety_part.json["applies"].get<bool>(), chapter);
  EXPECT_EQ(safety_part.json.contains("clocks"), chapter);
  if (c.systemic_risk) {
    EXPECT_TRUE(chapter);
  }
  for (const scope::Obligation& o : a.obligations) {
    if (o.rule->applies_to == law::AppliesTo::kSystemicRisk &&
        o.rule->due != law::DueRule::kNotification) {
      EXPECT_EQ(o.applies, c.systemic_risk) << o.id;
    }
  }
  store::LedgerFacts log;
  assess::AssessmentInput input{&project.project,
                                &a,
                                &project.code,
                                &checked.safety.documentation,
                                &checked.evidence,
                                &checked.safety.calendar,
                                kAsOf,
                                &log};
  assess::ModelGapAssessment gaps = assess::AssessModel(input);
  if (const assess::ChapterSummary* ss = Chapter(gaps, "safety-security")) {
    EXPECT_EQ(ss->applies, chapter);
  }
  // Code of Practice: gaps block only for signed chapters and once the model is placed.
  int missing_signed = 0;
  for (const assess::ChapterSummary& s : gaps.chapters) {
    EXPECT_EQ(s.signatory, project.project.provider.signatory.Signed(s.chapter->key));
    missing_signed += s.signatory ? s.missing : 0;
  }
  EXPECT_EQ(gaps.blocking, placed ? missing_signed : 0);
  // Not a GPAI model (or a modifier that is not the provider): nothing applies anywhere.
  if (!c.gpai || !c.modifier_is_provider) {
    for (const scope::Obligation& o : a.obligations) EXPECT_FALSE(o.applies) << o.id;
    for (const assess::ChapterSummary& s : gaps.chapters) EXPECT_FALSE(s.applies);
    EXPECT_FALSE(documentation.json["required"].get<bool>());
  }
  // Art. 52(1): the clocks run from the notification recorded for the notification obligation.
  EXPECT_EQ(safety::FactsOf(a).notification, a.NotifiedOn());
  EXPECT_EQ(safety::FactsOf(a).placed, model.PlacementDate());
  return gaps;
}

TEST(AgreementTest, EveryExampleProjectAgrees) {
  int models = 0;
  for (const auto& entry : fs::directory_iterator(kExamples)) {
    if (!fs::exists(entry.path() / "gpaikit.yaml")) continue;
    SCOPED_TRACE(entry.path().string());
    std::optional<Checked> checked = Check(entry.path());
    ASSERT_TRUE(checked);
    for (const scope::ModelAssessment& a : checked->project.assessments) {
      ExpectAgreement(*checked, a);
      ++models;
    }
  }
  EXPECT_GE(models, 3);
}

// Edge-case projects written to a temporary folder.
class EdgeCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("gpaikit-agreement-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A project with one model `m`: `signatory` is the provider's signatory block, `model` the
  // model's extra keys.
  std::optional<Checked> Project(const std::string& model, const std::string& signatory =
                                                               "{transparency: true, copyright: "
                                                               "true, safety_security: true}") {
    std::ofstream(dir_ / "gpaikit.yaml")
        << "gpaikit: 1\nprovider:\n  legal_name: Edge Labs\n  contact: law@edge.example\n"
        << "  established_in_eu: true\n  signatory: " << signatory << "\n"
        << "models:\n  - id: m\n    name: M\n"
        << "    modalities: {input: [text], output: [text]}\n"
        << "    parameters: {total: 7.3B}\n"
        << model;
    return Check(dir_);
  }

  fs::path dir_;
};

// 6 x 7.3e9 x 3.9e12 = 1.7e23 FLOP: above the indicative 1e23 criterion, below 1e25.
const std::string kGpaiCompute =
    "    compute: {runs: [{name: pre-training, stage: pre-training, tokens: 3.9T}]}\n";

TEST_F(EdgeCaseTest, PlacedBeforeTheSecondOfAugust2025) {
  std::optional<Checked> c = Project("    union_market_date: 2025-03-01\n" + kGpaiCompute);
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  ExpectAgreement(*c, a);
  // AI Act Art. 111(3): placed before Chapter V applied, complies by 2 Aug 2027.
  EXPECT_TRUE(a.classification.placed_before_chapter_v);
  EXPECT_EQ(Obligation(a, "AIA-53-1-a").due, c->project.rules.legacy_deadline.value);
}

TEST_F(EdgeCaseTest, NotYetPlaced) {
  std::optional<Checked> c = Project("    union_market_date: 2027-06-01\n" + kGpaiCompute);
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  assess::ModelGapAssessment gaps = ExpectAgreement(*c, a);
  // Art. 3(9): a planned placement day is not placement; the due date is that day.
  EXPECT_FALSE(a.classification.placed_on_market);
  EXPECT_EQ(Obligation(a, "AIA-53-1-d").due, CivilDate::Parse("2027-06-01"));
  EXPECT_EQ(gaps.blocking, 0);
}

TEST_F(EdgeCaseTest, PlacedExactlyOnTheEvaluationDay) {
  std::optional<Checked> c = Project("    union_market_date: 2026-11-26\n" + kGpaiCompute);
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  ExpectAgreement(*c, a);
  // Art. 3(9): placed on the day counts as placed on that day.
  EXPECT_TRUE(a.classification.placed_on_market);
  EXPECT_TRUE(a.TrainingSummaryDue(kAsOf));
}

TEST_F(EdgeCaseTest, SystemicRiskByDesignation) {
  std::optional<Checked> c = Project("    union_market_date: 2026-02-01\n" + kGpaiCompute +
                                     "    systemic_risk: {designated_on: 2026-01-10}\n");
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  ExpectAgreement(*c, a);
  // Art. 52(4): designated, so a model with systemic risk without notification duty.
  EXPECT_EQ(a.classification.systemic_risk_basis, "designated");
  EXPECT_FALSE(a.Notification()->applies);
  EXPECT_TRUE(Obligation(a, "AIA-55-1-a").applies);
}

TEST_F(EdgeCaseTest, OpenSourceExemption) {
  std::optional<Checked> c = Project(
      "    union_market_date: 2026-02-01\n" + kGpaiCompute +
      "    licence: {name: Apache-2.0, access: true, use: true, modify: true, distribute: true,\n"
      "              monetised: false, weights_public: true, architecture_public: true,\n"
      "              usage_information_public: true}\n");
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  ExpectAgreement(*c, a);
  // Art. 53(2): (a) and (b) fall away; the copyright policy and the summary remain.
  EXPECT_TRUE(a.classification.open_source_exempt);
  EXPECT_FALSE(Obligation(a, "AIA-53-1-a").applies);
  EXPECT_TRUE(Obligation(a, "AIA-53-1-c").applies);
  EXPECT_TRUE(Obligation(a, "AIA-53-1-d").applies);
}

TEST_F(EdgeCaseTest, BelowTheIndicativeCriterion) {
  // 6 x 7.3e9 x 1e12 = 4.4e22 FLOP, not above 1e23 (Guidelines para. 17).
  std::optional<Checked> c = Project(
      "    union_market_date: 2026-02-01\n"
      "    compute: {runs: [{name: pre-training, stage: pre-training, tokens: 1T}]}\n");
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  ExpectAgreement(*c, a);
  EXPECT_FALSE(a.classification.gpai);
  EXPECT_FALSE(a.TrainingSummaryDue(kAsOf));
}

TEST_F(EdgeCaseTest, AModifierAboveOneThird) {
  // 6 x 7.3e9 x 30e12 = 1.3e24 FLOP of modification, above a third of the original's 3e24
  // (Guidelines section 3.2.1): the modifier is the provider, obligations limited to it.
  std::optional<Checked> c = Project(
      "    union_market_date: 2026-02-01\n"
      "    base_model: {name: Base, training_compute: 3e24, systemic_risk: false}\n"
      "    compute: {runs: [{name: fine-tuning, stage: fine-tuning, tokens: 30T}]}\n");
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  ExpectAgreement(*c, a);
  EXPECT_TRUE(a.classification.modification);
  EXPECT_TRUE(a.classification.modifier_is_provider);
  EXPECT_TRUE(Obligation(a, "AIA-53-1-d").limited_to_modification);
  EXPECT_TRUE(c->docs.documentation.at("m").limited_to_modification);
}

TEST_F(EdgeCaseTest, SignatoryOfNoChapter) {
  std::optional<Checked> c =
      Project("    union_market_date: 2026-02-01\n" + kGpaiCompute,
              "{transparency: false, copyright: false, safety_security: false}");
  ASSERT_TRUE(c);
  const scope::ModelAssessment& a = c->project.assessments.at(0);
  assess::ModelGapAssessment gaps = ExpectAgreement(*c, a);
  // Code of Practice: adherence is voluntary; unsigned chapters never block (Art. 53(4)).
  EXPECT_EQ(gaps.blocking, 0);
  EXPECT_GT(Chapter(gaps, "transparency")->missing, 0);
}

// The Documentation Form names the obligations it fulfils (Art. 53(1)(a)-(b)); a form that names
// one the rulepack lacks would leave the documentation never required, so the pair is refused.
TEST_F(EdgeCaseTest, AFormFulfillingAnUnknownObligationIsRefused) {
  fs::copy(kData, dir_ / "data", fs::copy_options::recursive);
  fs::path form = dir_ / "data" / "forms" / "model-documentation-form-2025-07.yaml";
  Result<std::string> text = ReadFile(form);
  ASSERT_TRUE(text.ok());
  std::string edited = *text;
  size_t at = edited.find("AIA-53-1-b]");
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, 10, "AIA-99-9-z");
  std::ofstream(form) << edited;
  std::ofstream(dir_ / "gpaikit.yaml")
      << "gpaikit: 1\nprovider: {legal_name: Edge Labs, contact: law@edge.example}\nmodels: []\n";
  Result<project::ProjectContext> context = project::LoadProjectContext(dir_, dir_ / "data");
  ASSERT_FALSE(context.ok());
  EXPECT_NE(
      context.status().message().find("fulfils obligation 'AIA-99-9-z', which rulepack 2025-07"),
      std::string::npos)
      << context.status().message();
}

}  // namespace
}  // namespace gpaikit
