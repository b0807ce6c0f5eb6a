// Tests of the heading and paragraph split shared by the home page and the transparency page
// (text_blocks.h).
#include "portal/text_blocks.h"

#include <gtest/gtest.h>

namespace gpaikit::portal {
namespace {

std::string Show(const std::vector<TextBlock>& blocks) {
  std::string out;
  for (const TextBlock& block : blocks) {
    out.append(block.heading ? "H:" : "P:").append(block.text).append("|");
  }
  return out;
}

TEST(TextBlocksTest, HeadingsAndParagraphsInOrder) {
  EXPECT_EQ(Show(SplitTextBlocks("# Copyright policy\n\nWe honour robots.txt\n  and TDMRep.\n"
                                 "\n## Complaints\nWrite to us.")),
            "H:Copyright policy|P:We honour robots.txt and TDMRep.|H:Complaints|P:Write to us.|");
}

TEST(TextBlocksTest, BlankLinesCrlfAndEmptyHeadings) {
  // CRLF line ends, blank lines of spaces and tabs, a heading line without words.
  EXPECT_EQ(Show(SplitTextBlocks("First\r\nline\r\n \t\r\nSecond\r\n###\r\nThird\t")),
            "P:First line|P:Second|P:Third\t|");
  // A heading right after a paragraph line ends the paragraph.
  EXPECT_EQ(Show(SplitTextBlocks("text\n#Heading")), "P:text|H:Heading|");
  EXPECT_EQ(Show(SplitTextBlocks("")), "");
  EXPECT_EQ(Show(SplitTextBlocks("\n\n  \n")), "");
}

TEST(TextBlocksTest, OnlyAHashAtTheLineStartMakesAHeading) {
  // An indented '#' or one inside a line is text, not markup.
  EXPECT_EQ(Show(SplitTextBlocks("  # not a heading\nissue #4")), "P:# not a heading issue #4|");
}

}  // namespace
}  // namespace gpaikit::portal
