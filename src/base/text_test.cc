// Tests for edit distance and the "did you mean" suggestion used by the project-file parser.
#include "gpaikit/base/text.h"

#include <gtest/gtest.h>

#include <array>

namespace gpaikit {
namespace {

TEST(TextTest, EditDistance) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
}

TEST(TextTest, SuggestsNearestPlausibleWord) {
  std::array<std::string_view, 3> keys = {"release_date", "union_market_date", "parameters"};
  EXPECT_EQ(NearestWord("relase_date", keys), "release_date");
  EXPECT_EQ(NearestWord("Parameters", keys), "parameters");
  EXPECT_EQ(NearestWord("colour", keys), "");
}

TEST(TextTest, DidYouMeanIsTheSuffixOrNothing) {
  std::array<std::string_view, 2> types = {"death", "health"};
  EXPECT_EQ(DidYouMean("helth", types), "; did you mean 'health'?");
  EXPECT_EQ(DidYouMean("flood", types), "");
}

TEST(TextTest, AbbreviatedCutsLongTextOutsideUtf8Characters) {
  EXPECT_EQ(Abbreviated("short"), "short");
  EXPECT_EQ(Abbreviated(std::string(100, 'x'), 10), "xxxxxxxxxx...");
  EXPECT_EQ(Abbreviated("abc\xC3\xA9"
                        "def",
                        4),
            "abc...");  // not inside the two bytes of e-acute
}

TEST(TextTest, JoinsWordsWithCommas) {
  std::array<std::string_view, 3> words = {"text", "image", "audio"};
  EXPECT_EQ(JoinWords(words), "text, image, audio");
  EXPECT_EQ(JoinWords(std::span<const std::string_view>()), "");
}

}  // namespace
}  // namespace gpaikit
