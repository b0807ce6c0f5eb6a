// Tests for the YAML text checks (issue 14 "Every bad input gets exit 2 with its place" and
// "Bounded time and memory"): each failed before base/yaml_guard.cc existed.
#include "base/yaml_guard.h"

#include <gtest/gtest.h>

namespace gpaikit {
namespace {

std::string ErrorOf(const std::string& text) {
  Result<YAML::Node> node = ParseYaml(text, "p.yaml");
  EXPECT_FALSE(node.ok()) << "expected an error for:\n" << text.substr(0, 200);
  return node.ok() ? "" : node.status().message();
}

TEST(YamlGuardTest, NonUtf8BytesNameLineAndColumn) {
  // Before: accepted, and the JSON library aborted later with exit 70.
  EXPECT_EQ(ErrorOf("a: 1\nname: caf\xC3\xA9 \xFF\n"),
            "p.yaml:2:12: invalid UTF-8 byte 0xFF at byte offset 17 (expected text encoded as "
            "UTF-8)");
  EXPECT_NE(ErrorOf("a: \xC0\xAF\n").find("p.yaml:1:4: invalid UTF-8 byte 0xC0"),
            std::string::npos);                                                      // overlong '/'
  EXPECT_NE(ErrorOf("a: \xED\xA0\x80\n").find("invalid UTF-8"), std::string::npos);  // surrogate
  EXPECT_NE(ErrorOf("a: \xE2\x82\n").find("invalid UTF-8"), std::string::npos);      // truncated
  EXPECT_TRUE(ParseYaml("name: \xE2\x82\xAC \xF0\x9F\x98\x80\n", "p.yaml").ok());
}

TEST(YamlGuardTest, DuplicateKeysNameBothPlaces) {
  // Before: accepted silently, the first value won.
  EXPECT_EQ(ErrorOf("a: 1\nb:\n  c: 2\n  c: 3\n"),
            "p.yaml:4:3: key 'c' is given twice in this mapping (first at 3:3); keep one");
  EXPECT_TRUE(ParseYaml("a: {c: 1}\nb: {c: 1}\nl: [c, c]\n", "p.yaml").ok());
}

TEST(YamlGuardTest, AliasesAreRefusedSoNoBombOrCycleCanBeLoaded) {
  // Before: a self-referencing alias recursed without bound; an alias bomb took 3 GB.
  EXPECT_NE(ErrorOf("a: &x [*x]\n").find("p.yaml:1:8: aliases (*name) are not accepted"),
            std::string::npos);
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" +
            char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
  }
  EXPECT_NE(ErrorOf(bomb).find("p.yaml:2:8: aliases"), std::string::npos);
}

TEST(YamlGuardTest, DeepNestingStopsWithItsPlace) {
  // Before: "invalid YAML: bad file" without a place, or a stack overflow in a reader.
  std::string flow(10000, '[');
  std::string error = ErrorOf("a: " + flow + "\n");
  EXPECT_NE(error.find("p.yaml:1:"), std::string::npos) << error;
  EXPECT_NE(error.find("nesting deeper than 64 levels"), std::string::npos) << error;
  std::string block;
  for (int i = 0; i < 200; ++i) block += std::string(2 * i, ' ') + "k" + std::to_string(i) + ":\n";
  EXPECT_NE(ErrorOf(block).find("p.yaml:65:"), std::string::npos);
}

TEST(YamlGuardTest, SyntaxErrorsKeepTheirPlace) {
  EXPECT_NE(ErrorOf("a: [unclosed\n").find("p.yaml:2:1: invalid YAML"), std::string::npos);
}

// crosswalk_fuzzer's find: a ',' outside any flow collection made yaml-cpp 0.7 return the same
// empty document forever, and the guard looped over documents.
TEST(YamlGuardTest, StrayCommaEndsInAnErrorNotALoop) {
  EXPECT_NE(ErrorOf("- a\n,\n").find("p.yaml:2:1: a second YAML document"), std::string::npos);
  EXPECT_NE(ErrorOf(",\n").find("a second YAML document"), std::string::npos);
  EXPECT_NE(ErrorOf("[a]\n,\n").find("p.yaml:2:1:"), std::string::npos);
}

TEST(YamlGuardTest, SecondDocumentIsRefused) {
  EXPECT_NE(ErrorOf("a: 1\n---\nb: 2\n").find("p.yaml:2:1: a second YAML document starts here"),
            std::string::npos);
  EXPECT_TRUE(ParseYaml("---\na: 1\n...\n", "p.yaml").ok());
}

}  // namespace
}  // namespace gpaikit
