// Tests for the AI Act block of a model card (docs/hf-card.md): written into the front matter
// with every other byte unchanged, read back by `import hf-card`, and clear refusals.
#include "gpaikit/docs/hf_card.h"

#include <gtest/gtest.h>

#include <string>

#include "gpaikit/docs/import.h"

namespace gpaikit::docs {
namespace {

HfCardAiAct Facts() {
  HfCardAiAct facts;
  facts.model = "lumen-7b";
  facts.law = "ai-act-gpai/2025-07";
  facts.gpai = true;  // AI Act Art. 3(63)
  facts.training_compute_flop = "1.8e+23";
  facts.cumulative_training_compute_flop = "1.8e+23";
  facts.training_compute_method = "architecture";
  facts.training_energy = "5.8x10^2 MWh";
  facts.union_market_date = CivilDate(2025, 11, 3);  // Art. 3(9)
  facts.training_content_summary = "https://x.example/summary \"v1\" é";
  facts.copyright_policy = "policies/copyright-policy.md";
  facts.documentation_contact = "compliance@x.example";
  facts.open_source_exemption = true;  // Art. 53(2)
  return facts;
}

// The card with the block's lines (comment, key, indented lines) taken out again.
std::string WithoutBlock(const std::string& card) {
  std::string out;
  bool in_block = false;
  for (size_t at = 0; at < card.size();) {
    size_t end = card.find('\n', at);
    end = end == std::string::npos ? card.size() : end + 1;
    std::string line = card.substr(at, end - at);
    if (line.starts_with("# eu_ai_act") || line.starts_with("eu_ai_act:")) {
      in_block = true;
    } else if (in_block && (line[0] == ' ')) {
    } else {
      in_block = false;
      out += line;
    }
    at = end;
  }
  return out;
}

// Writes the block, checks the rest is byte-identical and that it reads back, twice (the second
// write replaces the first).
void RoundTrip(const std::string& card) {
  SCOPED_TRACE(card);
  HfCardAiAct facts = Facts();
  Result<std::string> written = WriteAiActBlock(card, facts, "README.md");
  ASSERT_TRUE(written.ok()) << written.status().message();
  Result<std::optional<HfCardAiAct>> read = ReadAiActBlock(*written, "README.md");
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ(**read, facts);
  facts.systemic_risk = true;
  facts.systemic_risk_basis = "presumed";  // Art. 51(2)
  facts.union_market_date.reset();
  Result<std::string> again = WriteAiActBlock(*written, facts, "README.md");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(**ReadAiActBlock(*again, "README.md"), facts);
  Result<HfCardImport> imported = ImportHfCard(*again, "README.md", "");
  ASSERT_TRUE(imported.ok()) << imported.status().message();
  ASSERT_TRUE(imported->ai_act.has_value());
  EXPECT_EQ(*imported->ai_act, facts);
  if (card.starts_with("---") || card.starts_with("\xEF\xBB\xBF---")) {
    EXPECT_EQ(WithoutBlock(*written), card);
    EXPECT_EQ(WithoutBlock(*again), card);
  }
}

TEST(HfCardAiActTest, RoundTripsWithFrontMatterCommentsAndFlowStyle) {
  RoundTrip(
      "---\n# a comment first\nlicense: apache-2.0  # trailing comment\ntags: [a, {b: c}]\n"
      "description: |\n  keep\n\n  these lines\nother: 'x: y'\n---\n# Title\n\n---\nbody\n");
}

TEST(HfCardAiActTest, RoundTripsWithEmptyFrontMatterAndBom) {
  RoundTrip("---\n---\n# T\n");
  RoundTrip("\xEF\xBB\xBF---\nlicense: mit\n---\n# T\n");
}

TEST(HfCardAiActTest, ReplacesAnExistingBlockBetweenOtherKeys) {
  std::string card =
      "---\nlicense: mit\neu_ai_act:\n  schema: gpaikit.hf-card.ai-act/1\n"
      "  general_purpose_ai_model: false\n  systemic_risk: false\n"
      "  open_source_exemption: false\n\nlanguage: [en]\n---\nbody\n";
  Result<std::string> written = WriteAiActBlock(card, Facts(), "README.md");
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(WithoutBlock(*written), "---\nlicense: mit\n\nlanguage: [en]\n---\nbody\n");
  EXPECT_EQ(**ReadAiActBlock(*written, "README.md"), Facts());
}

TEST(HfCardAiActTest, QuotedKeyIsReplacedToo) {
  std::string card = "---\n\"eu_ai_act\": {schema: x}\nlicense: mit\n---\n";
  Result<std::string> written = WriteAiActBlock(card, Facts(), "README.md");
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_EQ(WithoutBlock(*written), "---\nlicense: mit\n---\n");
  EXPECT_EQ(**ReadAiActBlock(*written, "README.md"), Facts());
}

TEST(HfCardAiActTest, CrlfCardKeepsItsLineEndings) {
  std::string card = "---\r\nlicense: mit\r\n---\r\n# T\r\nbody\r\n";
  Result<std::string> written = WriteAiActBlock(card, Facts(), "README.md");
  ASSERT_TRUE(written.ok()) << written.status().message();
  EXPECT_TRUE(written->ends_with("\r\n---\r\n# T\r\nbody\r\n"));
  for (size_t at = written->find('\n'); at != std::string::npos; at = written->find('\n', at + 1))
    EXPECT_EQ((*written)[at - 1], '\r') << at;
  RoundTrip(card);
}

TEST(HfCardAiActTest, CardWithoutFrontMatterGetsOneAndKeepsItsBytes) {
  std::string card = "# Lumen 7B\n\n---\nA horizontal rule above.\n";
  Result<std::string> written = WriteAiActBlock(card, Facts(), "README.md");
  ASSERT_TRUE(written.ok());
  EXPECT_TRUE(written->starts_with("---\n# eu_ai_act"));
  EXPECT_TRUE(written->ends_with("\n---\n" + card));
  RoundTrip(card);
  RoundTrip("");
}

TEST(HfCardAiActTest, InvalidFrontMatterIsRefusedAtItsLineAndColumn) {
  Result<std::string> written =
      WriteAiActBlock("---\nlicense: mit\ntags: [a, b\n---\nbody\n", Facts(), "README.md");
  ASSERT_FALSE(written.ok());
  EXPECT_TRUE(written.status().message().starts_with("README.md:4:")) << written.status().message();
  written = WriteAiActBlock("---\n- a list\n---\n", Facts(), "README.md");
  ASSERT_FALSE(written.ok());
  EXPECT_TRUE(written.status().message().starts_with("README.md:2:1:"))
      << written.status().message();
}

TEST(HfCardAiActTest, KeyNotOnItsOwnLineIsRefused) {
  Result<std::string> written =
      WriteAiActBlock("---\n{license: mit, eu_ai_act: {}}\n---\n", Facts(), "README.md");
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.status().message().find("remove it"), std::string::npos)
      << written.status().message();
}

TEST(HfCardAiActTest, BlockWithAnotherSchemaIsRefusedOnRead) {
  Result<std::optional<HfCardAiAct>> read = ReadAiActBlock(
      "---\neu_ai_act:\n  schema: other/2\n  general_purpose_ai_model: true\n"
      "  systemic_risk: false\n  open_source_exemption: false\n---\n",
      "README.md");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("README.md:3:11: eu_ai_act.schema: expected"),
            std::string::npos)
      << read.status().message();
}

// Regression (fuzzer, base64 UkVBRLO60dKb35qHcGVjdGVkLVJFQURNRS5tZAo=): invalid UTF-8 reached
// nlohmann::json::dump, which threw. It is now refused with its byte offset, on export and import.
TEST(HfCardAiActTest, InvalidUtf8IsRefusedWithItsByteOffset) {
  const std::string card = "READ\xB3\xBA\xD1\xD2\x9B\xDF\x9A\x87pected-README.md\n";
  Result<std::string> written = WriteAiActBlock(card, Facts(), "README.md");
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.status().message().find("invalid UTF-8 byte 0xB3 at byte offset 4"),
            std::string::npos)
      << written.status().message();
  EXPECT_FALSE(ImportHfCard(card, "README.md", "").ok());
  HfCardAiAct facts = Facts();
  facts.copyright_policy = card;
  Result<std::string> block = AiActBlockText(facts);
  ASSERT_FALSE(block.ok());
  EXPECT_NE(block.status().message().find("eu_ai_act.copyright_policy"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::docs
