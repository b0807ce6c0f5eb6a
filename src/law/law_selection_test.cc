// Tests of the --law-from syntax (law_selection.h; docs/law-changes.md).
#include "gpaikit/law/law_selection.h"

#include <gtest/gtest.h>

namespace gpaikit::law {
namespace {

TEST(LawSelection, PinnedMeansEveryKindAsThePinsSay) {
  Result<LawSelection> selection = ParseLawSelection("pinned");
  ASSERT_TRUE(selection.ok()) << selection.status().message();
  EXPECT_TRUE(selection->versions.empty());
  EXPECT_FALSE(selection->third_draft);
  EXPECT_EQ(LawSelectionText(*selection), "pinned");
}

TEST(LawSelection, KindsAndVersionsInTheOrderGiven) {
  Result<LawSelection> selection = ParseLawSelection("form=2025-07,rulepack=eu-ai-act-2024-1689");
  ASSERT_TRUE(selection.ok()) << selection.status().message();
  ASSERT_EQ(selection->versions.size(), 2u);
  EXPECT_EQ(selection->versions[0], (std::pair<std::string, std::string>{"form", "2025-07"}));
  EXPECT_EQ(selection->versions[1].first, "rulepack");
  EXPECT_EQ(LawSelectionText(*selection), "form=2025-07,rulepack=eu-ai-act-2024-1689");
}

// The Code of Practice's third draft (March 2025) is mapped by the final Code, not a loadable file.
TEST(LawSelection, ThirdDraftOfTheCodeIsAFlag) {
  Result<LawSelection> selection = ParseLawSelection("code=third-draft,template=2025-07");
  ASSERT_TRUE(selection.ok()) << selection.status().message();
  EXPECT_TRUE(selection->third_draft);
  ASSERT_EQ(selection->versions.size(), 1u);
  EXPECT_EQ(selection->versions[0].first, "template");
  EXPECT_EQ(LawSelectionText(*selection), "template=2025-07,code=third-draft");
}

TEST(LawSelection, ErrorsNameTheCharacterAndWhatWasExpected) {
  struct Case {
    const char* text;
    const char* message_part;
  };
  const Case cases[] = {
      {"", "at character 1 (''): expected 'pinned' or KIND=VERSION"},
      {"crawlers=2025", "at character 1 ('crawlers=2025'): expected 'pinned'"},
      {"form=2025-07,code", "at character 14 ('code'): expected 'pinned'"},
      {"form=", "at character 1 ('form='): expected a version after '='"},
      {"form=2025-07,", "at character 14 (''): expected 'pinned'"},
      {"code=../code.yaml", "expected an installed version"},
      {"code=2025-07.yaml", "expected an installed version"},
      {"form=a,form=b", "at character 8 ('form=b'): expected each KIND once"},
      {"code=third-draft,code=2025-07", "at character 18 ('code=2025-07'): expected each KIND"},
      {"Pinned", "expected 'pinned'"},
  };
  for (const Case& c : cases) {
    Result<LawSelection> selection = ParseLawSelection(c.text);
    ASSERT_FALSE(selection.ok()) << c.text;
    EXPECT_EQ(selection.status().code(), StatusCode::kInvalidInput) << c.text;
    EXPECT_NE(selection.status().message().find(c.message_part), std::string::npos)
        << c.text << " -> " << selection.status().message();
  }
}

TEST(LawSelection, KindsAreThoseLawVersionsNames) {
  EXPECT_EQ(SelectableLawKinds(),
            (std::vector<std::string>{"rulepack", "code", "form", "template"}));
}

}  // namespace
}  // namespace gpaikit::law
