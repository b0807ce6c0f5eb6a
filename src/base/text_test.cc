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

}  // namespace
}  // namespace gpaikit
