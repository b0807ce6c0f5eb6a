// Tests of the line walk shared by the header, Markdown and form parsers (base/lines.h).
#include "gpaikit/base/lines.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gpaikit {
namespace {

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  ForEachLine(text, [&](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

TEST(LinesTest, LfAndCrlfReadAlike) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Lines("a\nb\n"), (V{"a", "b"}));
  EXPECT_EQ(Lines("a\r\nb\r\n"), (V{"a", "b"}));
  EXPECT_EQ(Lines("a\r\n\r\nlast"), (V{"a", "", "last"}));  // a last line without '\n' counts
  EXPECT_EQ(Lines(""), V{});
  EXPECT_EQ(Lines("\n"), (V{""}));
  EXPECT_EQ(Lines("a\rb\n"), (V{"a\rb"}));  // only a '\r' before '\n' is dropped
}

}  // namespace
}  // namespace gpaikit
