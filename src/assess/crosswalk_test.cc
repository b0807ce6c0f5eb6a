// Crosswalk data (data/crosswalks/*.yaml) against the Code of Practice rulepack, the loader's
// file:line:column errors, and per-item coverage from measure statuses (docs/crosswalks.md).
#include "gpaikit/assess/crosswalk.h"

#include <gtest/gtest.h>

#include <numeric>

namespace gpaikit::assess {
namespace {

namespace fs = std::filesystem;
const fs::path kData = GPAIKIT_SOURCE_DATA_DIR;

const law::CodeOfPractice& Code() {
  static const law::CodeOfPractice code = *law::LoadCodeOfPractice(kData);
  return code;
}

Crosswalk Load(std::string_view framework) {
  Result<Crosswalk> loaded = LoadCrosswalk(kData, framework, Code());
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? *loaded : Crosswalk{};
}

class ShippedCrosswalkTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ShippedCrosswalkTest, EveryMeasureOfTheCodeOnceAndEveryItemDefined) {
  Crosswalk crosswalk = Load(GetParam());
  EXPECT_EQ(crosswalk.framework, GetParam());
  EXPECT_EQ(crosswalk.code_rulepack, Code().rulepack);
  ASSERT_EQ(crosswalk.mappings.size(), Code().Measures().size());
  for (const CrosswalkMapping& mapping : crosswalk.mappings) {
    EXPECT_NE(Code().FindMeasure(mapping.measure), nullptr) << mapping.measure;
    for (const std::string& item : mapping.items) {
      EXPECT_NE(crosswalk.FindItem(item), nullptr) << mapping.measure << " -> " << item;
    }
    // Nobody has checked these mappings: they must not claim more.
    EXPECT_EQ(mapping.verified, "unverified") << mapping.measure;
    if (mapping.items.empty()) {
      EXPECT_FALSE(mapping.note.empty()) << mapping.measure;
    }
  }
  for (const law::CopMeasure* measure : Code().Measures()) {
    EXPECT_NE(crosswalk.FindMapping(measure->id), nullptr) << measure->id;
  }
  for (const CrosswalkItem& item : crosswalk.items) {
    EXPECT_FALSE(item.title.empty()) << item.id;
    if (!item.parent.empty()) {
      EXPECT_NE(crosswalk.FindItem(item.parent), nullptr) << item.id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllFrameworks, ShippedCrosswalkTest,
                         ::testing::ValuesIn(CrosswalkFrameworks()));

// Spec ai-act-and-guidelines.md 5.1: 4 functions, 19 categories, 72 subcategories.
TEST(CrosswalkTest, NistOutlineHasNineteenCategoriesOfSeventyTwoSubcategories) {
  Crosswalk nist = Load("nist-ai-rmf");
  int categories = 0, subcategories = 0;
  for (const CrosswalkItem& item : nist.items) {
    if (!item.parent.empty()) continue;
    ++categories;
    subcategories += item.subcategories.value_or(0);
  }
  EXPECT_EQ(categories, 19);
  EXPECT_EQ(subcategories, 72);
}

// Spec 5.3: seven sections; titles of 6 and 7 unverified. Spec 5.2: Art. 55(1)(c) -> A.8.4.
TEST(CrosswalkTest, HiroshimaSectionsAndIsoIncidentControl) {
  Crosswalk haip = Load("hiroshima");
  ASSERT_EQ(haip.items.size(), 7u);
  EXPECT_EQ(haip.FindItem("HAIP-6")->verified, "unverified");
  EXPECT_EQ(haip.FindItem("HAIP-1")->verified, "secondary");
  Crosswalk iso = Load("iso-42001");
  const CrosswalkMapping* m93 = iso.FindMapping("CoP-SS-9.3");
  ASSERT_NE(m93, nullptr);
  EXPECT_NE(std::find(m93->items.begin(), m93->items.end(), "A.8.4"), m93->items.end());
  EXPECT_EQ(m93->basis, "spec");
}

constexpr std::string_view kSmall = R"(schema: gpaikit.crosswalk/1
crosswalk: hiroshima/test
framework: hiroshima
title: test
framework_version: "1"
code_rulepack: code-of-practice/2025-07
source: test
items_verified: secondary
items:
  - {id: H-1, title: one}
  - {id: H-1.1, parent: H-1, title: one one}
  - {id: H-2, title: two}
  - {id: H-3, title: three}
mappings:
)";

// A mapping line for every measure, sending `special` to `items` and the rest to [].
std::string Mappings(std::string_view special, std::string_view items) {
  std::string out;
  for (const law::CopMeasure* measure : Code().Measures()) {
    out += "  - {measure: " + measure->id +
           ", items: " + std::string(measure->id == special ? items : "[]") +
           ", basis: gpaikit, verified: unverified, note: n}\n";
  }
  return out;
}

TEST(CrosswalkTest, RejectsUnknownMeasureAndItemWithLocation) {
  std::string text = std::string(kSmall) + Mappings("CoP-SS-9.3", "[H-9]") +
                     "  - {measure: CoP-SS-9.9, items: [], basis: gpaikit, verified: unverified}\n";
  Result<Crosswalk> parsed = ParseCrosswalk(text, "x.yaml", Code());
  ASSERT_FALSE(parsed.ok());
  const std::string& message = parsed.status().message();
  EXPECT_NE(message.find("'H-9' is not an item of hiroshima"), std::string::npos) << message;
  EXPECT_NE(message.find("'CoP-SS-9.9' is not a measure of code-of-practice/2025-07"),
            std::string::npos)
      << message;
  // The unknown measure is on the last line of the file.
  int last_line = static_cast<int>(std::count(text.begin(), text.end(), '\n'));
  EXPECT_NE(message.find("x.yaml:" + std::to_string(last_line) + ":"), std::string::npos)
      << message;
}

TEST(CrosswalkTest, RejectsAMeasureLeftOutAndAParentNotDefinedAbove) {
  std::string text = std::string(kSmall) + Mappings("", "[]");
  text.erase(text.find("  - {measure: CoP-T-1.2"),
             text.find("  - {measure: CoP-T-1.3") - text.find("  - {measure: CoP-T-1.2"));
  text.replace(text.find("parent: H-1,"), 12, "parent: H-7,");
  Result<Crosswalk> parsed = ParseCrosswalk(text, "x.yaml", Code());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("no entry for CoP-T-1.2"), std::string::npos)
      << parsed.status().message();
  EXPECT_NE(parsed.status().message().find("'H-7' is not an item defined above"),
            std::string::npos);
}

TEST(CrosswalkTest, RejectsACrosswalkForAnotherCodeVersion) {
  std::string text = std::string(kSmall) + Mappings("", "[]");
  text.replace(text.find("code-of-practice/2025-07"), 24, "code-of-practice/2026-01");
  Result<Crosswalk> parsed = ParseCrosswalk(text, "x.yaml", Code());
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("x.yaml:6:16: code_rulepack"), std::string::npos)
      << parsed.status().message();
}

// Coverage: children roll up into their parent; not-applicable measures do not count.
TEST(CrosswalkTest, CoverageFromMeasureStatuses) {
  std::string text = std::string(kSmall);
  for (const law::CopMeasure* measure : Code().Measures()) {
    std::string items = "[]";
    if (measure->id == "CoP-T-1.1") items = "[H-1.1]";
    if (measure->id == "CoP-T-1.2") items = "[H-1]";
    if (measure->id == "CoP-T-1.3") items = "[H-2]";
    if (measure->id == "CoP-C-1.1") items = "[H-2]";
    text += "  - {measure: " + measure->id + ", items: " + items +
            ", basis: gpaikit, verified: unverified, note: n}\n";
  }
  Result<Crosswalk> crosswalk = ParseCrosswalk(text, "x.yaml", Code());
  ASSERT_TRUE(crosswalk.ok()) << crosswalk.status().message();
  ModelGapAssessment gaps;
  for (const law::CopMeasure* measure : Code().Measures()) {
    MeasureStatus status = MeasureStatus::kNotApplicable;
    if (measure->id == "CoP-T-1.1") status = MeasureStatus::kMet;
    if (measure->id == "CoP-T-1.2") status = MeasureStatus::kMissing;
    if (measure->id == "CoP-T-1.3") status = MeasureStatus::kMet;
    gaps.measures.push_back({measure, {}, status, "", {}, {}});
  }
  CrosswalkCoverage coverage = CoverCrosswalk(*crosswalk, gaps);
  ASSERT_EQ(coverage.items.size(), 4u);
  EXPECT_EQ(coverage.items[0].coverage, Coverage::kPartly);  // H-1: T-1.1 met, T-1.2 missing
  EXPECT_EQ(coverage.items[0].measures.size(), 2u);
  EXPECT_EQ(coverage.items[1].coverage, Coverage::kCovered);  // H-1.1: T-1.1 met
  EXPECT_EQ(coverage.items[2].coverage, Coverage::kCovered);  // H-2: T-1.3 met, C-1.1 n/a
  EXPECT_EQ(coverage.items[3].coverage, Coverage::kNoMapping);
  EXPECT_EQ(coverage.covered, 2);
  EXPECT_EQ(coverage.partly, 1);
  EXPECT_EQ(coverage.no_mapping, 1);
  gaps.measures[0].status = MeasureStatus::kNotApplicable;  // T-1.1
  coverage = CoverCrosswalk(*crosswalk, gaps);
  EXPECT_EQ(coverage.items[0].coverage, Coverage::kNotCovered);  // only T-1.2 applies: missing
  EXPECT_EQ(coverage.items[1].coverage, Coverage::kNotApplicable);
}

TEST(CrosswalkTest, UnknownFrameworkNamesTheKnownOnes) {
  Result<Crosswalk> loaded = LoadCrosswalk(kData, "nist", Code());
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.status().message().find("nist-ai-rmf, iso-42001, hiroshima"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::assess
