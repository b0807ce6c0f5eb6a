// Tests for assess::CompareFindings and AddThirdDraftChanges (`gpaikit check --law-from`;
// docs/law-changes.md): hand-made findings for each kind of change, and the real third draft to
// final Code mapping of data/code-of-practice/2025-07.yaml (spec code-of-practice.md section 5.2).
#include "gpaikit/assess/law_change.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace gpaikit::assess {
namespace {

CivilDate Day(const char* text) { return *CivilDate::Parse(text); }

DutyFinding Obligation(const char* id, const char* due) {
  return {"obligation", id, std::string("title of ") + id, "", "open", Day(due), {}, {}};
}

DutyFinding Measure(const char* id, const char* chapter, const char* status,
                    std::vector<std::string> missing = {}) {
  return {"measure", id, std::string("title of ") + id, chapter, status, std::nullopt, missing, {}};
}

const DutyChange* Find(const ModelLawChange& model, const std::string& change,
                       const std::string& id) {
  for (const DutyChange& duty : model.duties) {
    if (duty.change == change && duty.id == id) return &duty;
  }
  return nullptr;
}

LawFindings Before() {
  LawFindings out;
  out.law = {{"code_of_practice", "code-of-practice/2025-07"}, {"rulepack", "ai-act-gpai/2025-07"}};
  ModelFindings model{"m", "Model M", {}, {}};
  model.duties = {Obligation("AIA-53-1-a", "2025-08-02"), Obligation("AIA-52-1", "2025-10-29"),
                  Measure("CoP-C-1.1", "CoP-C", "met"),
                  Measure("CoP-T-1.1", "CoP-T", "partial", {"T-1.1.methodology"}),
                  Measure("CoP-T-1.3", "CoP-T", "met")};
  model.required_rows = {{"8.4", "Inference compute", "ai-office", "filled"},
                         {"8.4", "Inference compute", "nca", "filled"},
                         {"1.1", "Model name", "ai-office", "filled"}};
  out.models.push_back(model);
  return out;
}

// Code of Practice, Transparency and Copyright: each kind of change a newer version can bring.
TEST(CompareFindingsTest, ReportsEachKindOfChangeAndNothingElse) {
  LawFindings after = Before();
  after.law[0].version = "code-of-practice/2027-07";
  ModelFindings& model = after.models[0];
  model.duties[0].due = Day("2026-08-02");       // due date moved
  model.duties.erase(model.duties.begin() + 1);  // AIA-52-1 no longer owed
  model.duties[1] = Measure("CoP-C-1.1", "CoP-C", "partial", {"C-1.1.publication"});
  model.duties[2].missing = {"T-1.1.methodology", "T-1.1.hash"};  // same status, more missing
  model.duties.push_back(Measure("CoP-C-1.6", "CoP-C", "missing", {"C-1.6.register"}));
  model.required_rows = {{"1.1", "Model name", "ai-office", "filled"},
                         {"8.5", "Water use", "ai-office", "missing"},
                         {"8.5", "Water use", "nca", "missing"}};

  LawChange change = CompareFindings(Before(), after);
  ASSERT_EQ(change.law.size(), 2u);
  EXPECT_EQ(change.law[0].before, "code-of-practice/2025-07");
  EXPECT_EQ(change.law[0].after, "code-of-practice/2027-07");
  EXPECT_EQ(change.law[1].before, change.law[1].after);
  ASSERT_EQ(change.models.size(), 1u);
  const ModelLawChange& m = change.models[0];

  const DutyChange* due = Find(m, "due-changed", "AIA-53-1-a");
  ASSERT_NE(due, nullptr);
  EXPECT_EQ(due->before, "2025-08-02");
  EXPECT_EQ(due->after, "2026-08-02");
  const DutyChange* dropped = Find(m, "dropped", "AIA-52-1");
  ASSERT_NE(dropped, nullptr);
  EXPECT_EQ(dropped->before, "due 2025-10-29");
  const DutyChange* status = Find(m, "status-changed", "CoP-C-1.1");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->before, "met");
  EXPECT_EQ(status->after, "partial");
  EXPECT_EQ(status->now_missing, std::vector<std::string>{"C-1.1.publication"});
  const DutyChange* evidence = Find(m, "evidence-changed", "CoP-T-1.1");
  ASSERT_NE(evidence, nullptr);
  EXPECT_EQ(evidence->now_missing, std::vector<std::string>{"T-1.1.hash"});
  const DutyChange* added = Find(m, "new", "CoP-C-1.6");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->after, "missing");
  EXPECT_EQ(added->now_missing, std::vector<std::string>{"C-1.6.register"});
  EXPECT_EQ(m.duties.size(), 5u);  // CoP-T-1.3 did not change and is not listed

  ASSERT_EQ(m.rows.size(), 2u);
  EXPECT_EQ(m.rows[0].change, "now-required");
  EXPECT_EQ(m.rows[0].row, "8.5");
  EXPECT_EQ(m.rows[0].audiences, (std::vector<std::string>{"ai-office", "nca"}));
  EXPECT_EQ(m.rows[0].status, "missing");
  EXPECT_EQ(m.rows[1].change, "no-longer-required");
  EXPECT_EQ(m.rows[1].row, "8.4");
  EXPECT_EQ(change.Count("now-required"), 1u);
  EXPECT_EQ(change.Count("new"), 1u);
}

TEST(CompareFindingsTest, SameFindingsChangeNothing) {
  LawChange change = CompareFindings(Before(), Before());
  ASSERT_EQ(change.models.size(), 1u);
  EXPECT_TRUE(change.models[0].duties.empty());
  EXPECT_TRUE(change.models[0].rows.empty());
  std::string text = LawChangeText(change, Day("2026-11-26"));
  EXPECT_NE(text.find("nothing changes"), std::string::npos) << text;
  nlohmann::json json = LawChangeJson(change, Day("2026-11-26"));
  EXPECT_EQ(json["schema"], "gpaikit.check-law-change/1");
  EXPECT_EQ(json["counts"]["new"], 0);
}

TEST(CompareFindingsTest, ModelOnlyUnderTheNewerLawHasEveryDutyNew) {
  LawFindings before = Before();
  before.models.clear();
  LawChange change = CompareFindings(before, Before());
  ASSERT_EQ(change.models.size(), 1u);
  EXPECT_EQ(change.Count("new"), 5u);
  EXPECT_EQ(change.Count("now-required"), 2u);  // 8.4 (two audiences) and 1.1
}

// The real mapping of the final Code (10 July 2025) to its third draft (11 March 2025), spec
// code-of-practice.md section 5.2.
TEST(ThirdDraftChangeTest, MapsTheFinalCodesMeasuresBackToTheDraft) {
  std::filesystem::path code =
      std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "code-of-practice" / "2025-07.yaml";
  Result<law::LawDiff> draft = law::DiffThirdDraftToCode("2025-07", code);
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  LawFindings after;
  after.law = {{"code_of_practice", "code-of-practice/2025-07"}};
  ModelFindings copyright_only{"open", "Open model", {}, {}};
  copyright_only.duties = {Measure("CoP-C-1.1", "CoP-C", "met"),
                           Measure("CoP-X-9.9", "CoP-C", "missing", {"X-9.9.item"})};
  ModelFindings frontier{"frontier", "Frontier model", {}, {}};
  frontier.duties = {Measure("CoP-SS-1.1", "CoP-SS", "partial"),
                     Measure("CoP-SS-3.1", "CoP-SS", "met"),
                     Measure("CoP-SS-2.1", "CoP-SS", "met")};
  after.models = {copyright_only, frontier};
  LawChange change = CompareFindings(after, after);
  AddThirdDraftChanges(*draft, after, change);
  EXPECT_EQ(change.law[0].before, "third-draft");

  const ModelLawChange& open = change.models[0];
  const DutyChange* policy = Find(open, "text-changed", "CoP-C-1.1");
  ASSERT_NE(policy, nullptr);
  EXPECT_EQ(policy->before, "draft I.2.1");
  EXPECT_FALSE(policy->note.empty());
  ASSERT_NE(Find(open, "new", "CoP-X-9.9"), nullptr);  // maps to no draft number
  // Copyright's removed draft measure I.2.4 concerns a model some Copyright measure applies to;
  // the Safety and Security removals do not.
  ASSERT_NE(Find(open, "dropped", "I.2.4"), nullptr);
  EXPECT_EQ(Find(open, "dropped", "II.4.10"), nullptr);

  const ModelLawChange& ss = change.models[1];
  const DutyChange* merged = Find(ss, "merged", "CoP-SS-1.1");
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->before, "draft II.1, II.1.2, II.1.3, II.1.4");
  EXPECT_NE(Find(ss, "split", "CoP-SS-3.1"), nullptr);
  EXPECT_NE(Find(ss, "renumbered", "CoP-SS-2.1"), nullptr);
  const DutyChange* notification = Find(ss, "dropped", "II.14.1");
  ASSERT_NE(notification, nullptr);
  EXPECT_NE(notification->note.find("Art. 52(1)"), std::string::npos) << notification->note;
  EXPECT_EQ(Find(ss, "dropped", "I.2.4"), nullptr);
}

}  // namespace
}  // namespace gpaikit::assess
