// Tests of filling, deriving and validating Form rows and of per-audience rendering (Code of
// Practice, Transparency, Measures 1.1-1.2; Form rows as in spec code-of-practice.md section 1.6).
#include <set>

#include "docs/docs_test_util.h"
#include "gpaikit/docs/import.h"

namespace gpaikit::docs {
namespace {

using testing::Build;
using testing::HasFinding;
using testing::Model;
using testing::Row;

// Spec 1.6 "Derived values": the parameter range (2.7b) and compute order of magnitude (7.2a)
// come from the exact figures; 7.2b from the runs (Guidelines Annex A: 6 x P x D).
TEST(DocumentationTest, DerivesRangesAndOrderOfMagnitudeFromExactValues) {
  auto fixture = Build(Model());
  ASSERT_TRUE(fixture->documentation.ok()) << fixture->documentation.status().message();
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_EQ(Row(d, "2.7a").value, "7.3x10^9 parameters");
  EXPECT_EQ(Row(d, "2.7b").value, "5B–15B");
  EXPECT_EQ(Row(d, "2.7b").status, RowStatus::kDerived);
  EXPECT_EQ(Row(d, "7.2b").value, "1.7x10^23 FLOP");
  EXPECT_EQ(Row(d, "7.2a").value, "10^23 FLOP");
  EXPECT_EQ(Row(d, "1.1").value, "Example AI SAS");
  EXPECT_EQ(Row(d, "1.6").value, "N/A");
  EXPECT_EQ(Row(d, "2.3").value, "Text, Images");
  EXPECT_NE(Row(d, "7.3").value.find("6 x"), std::string::npos);
  EXPECT_EQ(Row(d, "2.1").status, RowStatus::kMissing);
}

// Issue 13 (Guidelines Annex A.2.2, section 2.3 para. 31): a mixture-of-experts estimate from
// tokens is an approximation, and row 7.3 (the estimation method) says which one was used.
TEST(DocumentationTest, MixtureOfExpertsApproximationIsTheDocumentedMethod) {
  auto fixture = Build(
      "  - id: m\n    name: M 47B\n    modalities: {input: [text], output: [text]}\n"
      "    architecture: mixture-of-experts\n    parameters: {total: 47B, active: 13B}\n"
      "    union_market_date: 2026-03-01\n"
      "    compute: {runs: [{name: pre-training, stage: pre-training, tokens: 2T}]}\n");
  ASSERT_TRUE(fixture->documentation.ok()) << fixture->documentation.status().message();
  const std::string& method = Row(*fixture->documentation, "7.3").value;
  EXPECT_NE(method.find("mixture-of-experts: 6 x parameters active per token x tokens, an "
                        "approximation"),
            std::string::npos)
      << method;
  EXPECT_EQ(Row(*fixture->documentation, "7.2b").value, "1.6x10^23 FLOP");  // 6 x 13e9 x 2e12
}

// Row 2.7b: neighbouring ranges share their boundary; gpaikit puts it in the upper range.
TEST(DocumentationTest, BoundaryValueFallsInTheUpperRange) {
  const law::form::Kind& kind = testing::Form().FindRow("2.7b")->kind;
  EXPECT_EQ(BinFor(kind, 5e9)->label, "5B–15B");
  EXPECT_EQ(BinFor(kind, 4.99e9)->label, "500M–5B");
  EXPECT_EQ(BinFor(kind, 2e12)->label, ">1T");
  EXPECT_EQ(BinFor(kind, 1)->label, "1–500M");
  EXPECT_EQ(OrderOfMagnitude(2.4e25), 25);
  EXPECT_EQ(OrderOfMagnitude(1e24), 24);
  EXPECT_EQ(OrderOfMagnitude(9.99e23), 23);
}

// Rows 6.4a (1 significant figure) and 7.1a (training-time range) from 6.4b and 7.1b.
TEST(DocumentationTest, DerivesDataPointsAndTrainingTimeRanges) {
  auto fixture =
      Build(Model("    documentation:\n"
                  "      \"6.4b\": {unit: tokens, training: 3.9e12, validation: 1.5e9}\n"
                  "      \"7.1b\": {period: first to last pre-training step, wall_clock_days: 95,\n"
                  "               hardware_days: {H100: 4.2e4}}\n"));
  ASSERT_TRUE(fixture->documentation.ok()) << fixture->documentation.status().message();
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_EQ(Row(d, "6.4a").value, "training: 4x10^12 tokens; validation: 2x10^9 tokens");
  EXPECT_EQ(Row(d, "7.1a").value, "3–6 months (first to last pre-training step)");
  EXPECT_EQ(Row(d, "6.4b").status, RowStatus::kFilled);
  EXPECT_EQ(d.Errors(), 0) << d.findings.front().message;
}

// Spec 1.6: "Validate that each figure has the required number of significant figures."
TEST(DocumentationTest, TooFewSignificantFiguresIsAnError) {
  auto fixture = Build(Model("    documentation: {\"8.3\": 5e17 FLOP, \"8.1\": 1.0e2}\n"));
  ASSERT_TRUE(fixture->documentation.ok());
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_EQ(Row(d, "8.3").status, RowStatus::kInvalid);
  EXPECT_TRUE(HasFinding(d, Severity::kError, "8.3", "has 1 significant figure"));
  EXPECT_EQ(Row(d, "8.1").status, RowStatus::kFilled);  // "1.0e2" has 2
  EXPECT_EQ(SignificantFigures("1.50e13"), 3);
  EXPECT_EQ(SignificantFigures("15T"), 2);
  EXPECT_EQ(SignificantFigures("3000"), 1);
  EXPECT_EQ(SignificantFigures("0.0025"), 2);
}

// Guidelines para. 20 tolerance (+-30%, rulepack estimate_tolerance): stated compute vs runs.
TEST(DocumentationTest, StatedComputeOutsideToleranceOfRunsIsAnError) {
  auto within = Build(Model("    documentation: {\"7.2b\": 2.0e23}\n"));
  EXPECT_FALSE(HasFinding(*within->documentation, Severity::kError, "7.2b", "tolerance"));
  auto outside = Build(Model("    documentation: {\"7.2b\": 3.0e23}\n"));
  EXPECT_TRUE(HasFinding(*outside->documentation, Severity::kError, "7.2b", "+-30% tolerance"));
  EXPECT_EQ(Row(*outside->documentation, "7.2b").status, RowStatus::kInvalid);
  EXPECT_EQ(Row(*within->documentation, "7.2b").status, RowStatus::kFilled);
}

// Rows 1.4/1.5: the first release cannot come after the Union placement; and the modalities of
// rows 2.3/2.5 must agree with those the classification used.
TEST(DocumentationTest, DatesAndModalitiesMustAgree) {
  auto fixture = Build(
      "  - id: m\n    name: M\n    modalities: {input: [text, image], output: [text]}\n"
      "    release_date: 2026-05-01\n    union_market_date: 2026-03-01\n"
      "    documentation: {\"2.3\": [Text]}\n");
  ASSERT_TRUE(fixture->documentation.ok());
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_TRUE(HasFinding(d, Severity::kError, "1.4", "is after the Union market release date"));
  EXPECT_TRUE(HasFinding(d, Severity::kError, "2.3", "omits Images"));
}

// Form "Rec." lengths: exceeding the recommended words is a warning, not an error.
TEST(DocumentationTest, RecommendedLengthExceededIsAWarning) {
  std::string words;
  for (int i = 0; i < 25; ++i) words += "word ";
  auto fixture = Build(Model("    documentation: {\"2.1\": \"" + words + "\"}\n"));
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_TRUE(
      HasFinding(d, Severity::kWarning, "2.1", "25 words, above the Form's recommended 20"));
  EXPECT_EQ(Row(d, "2.1").status, RowStatus::kFilled);
}

// Choices (row 3.2b) must be an option of the Form; a near miss gets a suggestion.
TEST(DocumentationTest, ChoiceOutsideTheOptionsIsAnError) {
  auto fixture = Build(Model("    documentation: {\"3.2b\": proprietory}\n"));
  EXPECT_TRUE(
      HasFinding(*fixture->documentation, Severity::kError, "3.2b", "did you mean 'proprietary'?"));
}

// AI Act Art. 53(2): open-source models need no documentation for the AI Office and downstream
// providers; what remains is named.
TEST(DocumentationTest, OpenSourceExemptionMarksRowsNotRequired) {
  auto fixture = Build(Model(
      "    licence: {name: Apache-2.0, access: true, use: true, modify: true, distribute: true,\n"
      "              monetised: false, weights_public: true, architecture_public: true,\n"
      "              usage_information_public: true}\n"));
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_TRUE(d.open_source_exempt);
  EXPECT_FALSE(d.required);
  EXPECT_EQ(Row(d, "2.1").status, RowStatus::kNotRequired);
  EXPECT_EQ(Row(d, "3.2b").value, "free and open source");
  EXPECT_TRUE(HasFinding(d, Severity::kNote, "", "training-content summary"));
}

// AI Act recital 109: a modifier that became provider documents the modification only.
TEST(DocumentationTest, ModificationIsLimitedAndNamesTheBaseModel) {
  auto fixture =
      Build(Model("    base_model: {name: Base 7B, training_compute: 3e23, "
                  "systemic_risk: false}\n"));
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_TRUE(d.limited_to_modification);
  EXPECT_EQ(Row(d, "1.6").value, "Base 7B");
  EXPECT_TRUE(HasFinding(d, Severity::kNote, "", "limited to the modification"));
}

TEST(DocumentationTest, UnknownRowIdNamesFileLineAndSuggests) {
  auto fixture = Build(Model("    documentation: {\"2.7c\": 1}\n"));
  ASSERT_FALSE(fixture->documentation.ok());
  EXPECT_NE(fixture->documentation.status().message().find("test.yaml:"), std::string::npos);
  EXPECT_NE(fixture->documentation.status().message().find("did you mean '2.7"), std::string::npos)
      << fixture->documentation.status().message();
}

// Measure 1.2: each audience receives exactly its rows (35 AIO, 33 NCA, 23 DP), in every format.
TEST(DocumentationTest, EachAudienceRenderingHoldsExactlyItsRows) {
  auto fixture = Build(Model());
  const ModelDocumentation& d = *fixture->documentation;
  const law::form::Form& form = testing::Form();
  for (const law::form::Audience& audience : form.audiences) {
    std::set<std::string> expected;
    for (const law::form::Row* row : form.RowsFor(audience.id)) expected.insert(row->id);
    std::set<std::string> in_json;
    nlohmann::json json = AudienceJson(d, form, audience.id);
    for (const auto& [id, row] : json["rows"].items()) {
      in_json.insert(id);
    }
    EXPECT_EQ(in_json, expected) << audience.id;
    std::string html = RenderHtml(d, form, audience.id).value();
    std::string markdown = RenderMarkdown(d, form, audience.id);
    for (const law::form::Row& row : form.rows) {
      bool in_html = html.find("<td class=\"id\">" + row.id + "</td>") != std::string::npos;
      bool in_markdown = markdown.find("| " + row.id + " |") != std::string::npos;
      EXPECT_EQ(in_html, expected.contains(row.id)) << audience.id << " " << row.id;
      EXPECT_EQ(in_markdown, expected.contains(row.id)) << audience.id << " " << row.id;
    }
  }
  EXPECT_EQ(CompletenessFor(d, form, "downstream").rows, 23);
}

// Issue 13: the card import neither warns about a base model the card does not name nor calls
// the card's datasets publicly available (a card names private datasets too; row 6.2 is the
// provider's statement of provenance).
TEST(HfCardImportTest, NoBaseModelWarningWithoutOneAndNoGuessedPublicDatasets) {
  Result<HfCardImport> plain = ImportHfCard(
      "---\nlicense: apache-2.0\ndatasets:\n- acme/internal-support-tickets\n---\n# Acme 1B\n"
      "A 1.2 billion parameters model.\n",
      "README.md", "");
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->entry.find("base_model"), std::string::npos) << plain->entry;
  EXPECT_EQ(plain->entry.find("Publicly available"), std::string::npos) << plain->entry;
  EXPECT_NE(plain->entry.find("acme/internal-support-tickets"), std::string::npos);
  bool asks = false;
  for (const std::string& item : plain->unmapped)
    asks |= item.find("publicly available") != std::string::npos;
  EXPECT_TRUE(asks) << "the user is asked whether the datasets are public";
  Result<HfCardImport> derived =
      ImportHfCard("---\nbase_model: acme/base-7b\n---\n# Acme 7B chat\n", "README.md", "");
  ASSERT_TRUE(derived.ok());
  EXPECT_NE(derived->entry.find("base_model.systemic_risk is a guess"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::docs
