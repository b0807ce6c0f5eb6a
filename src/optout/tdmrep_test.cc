// Tests of the TDMRep tdmrep.json reader (W3C TDMRep final report, "TDM File on the Origin
// Server").
#include "gpaikit/optout/tdmrep.h"

#include <gtest/gtest.h>

namespace gpaikit::optout {
namespace {

const char* kFile = R"([
  {"location": "/news/*.html$", "tdm-reservation": 1, "tdm-policy": "https://a.example/p.json"},
  {"location": "/news/", "tdm-reservation": 0},
  {"location": "/*", "tdm-reservation": 1},
  {"location": "/never", "tdm-reservation": 0}
])";

// The first matching rule in file order wins (the report's "most specific" is the first).
TEST(TdmRep, FirstMatchWins) {
  auto file = TdmRepFile::Parse(kFile, "tdmrep.json");
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_EQ(file->rules().size(), 4u);
  EXPECT_EQ(file->Match("/news/a.html")->line, 2u);
  EXPECT_EQ(file->Match("/news/a.html?x")->line, 3u);  // '$' anchors the end
  EXPECT_EQ(file->Match("/news/x")->line, 3u);
  EXPECT_EQ(file->Match("/never")->line, 4u);
  Signal signal = file->SignalFor("/news/a.html");
  EXPECT_EQ(signal.effect, SignalEffect::kReserves);
  EXPECT_EQ(signal.policy, "https://a.example/p.json");
  EXPECT_EQ(file->SignalFor("/news/b").effect, SignalEffect::kPermits);
}

// Percent-encoded unreserved characters are decoded before comparison.
TEST(TdmRep, PercentEncodingEquivalence) {
  auto file = TdmRepFile::Parse(R"([{"location": "/%7Euser/", "tdm-reservation": 1}])", "t");
  ASSERT_TRUE(file.ok());
  EXPECT_NE(file->Match("/~user/page"), nullptr);
  EXPECT_NE(file->Match("/%7euser/page"), nullptr);
  EXPECT_EQ(file->Match("/other"), nullptr);
  EXPECT_EQ(file->SignalFor("/other").rule, "");
}

TEST(TdmRep, ProtocolErrorsAreKeptAndReported) {
  auto file = TdmRepFile::Parse(R"([{"location": "/", "tdm-reservation": 2}, {"x": 1}])", "t");
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(file->rules()[0].error.empty());
  EXPECT_FALSE(file->rules()[1].error.empty());
  EXPECT_EQ(file->SignalFor("/a").effect, SignalEffect::kInvalid);
}

TEST(TdmRep, BadJsonNamesLineAndColumn) {
  auto file = TdmRepFile::Parse("[\n  {\"location\": \"/\",}\n]", "site/tdmrep.json");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("site/tdmrep.json:2:"), std::string::npos)
      << file.status().message();
  auto object = TdmRepFile::Parse("{\"location\": \"/\"}", "t.json");
  ASSERT_FALSE(object.ok());
  EXPECT_NE(object.status().message().find("expected a JSON array"), std::string::npos);
}

// Found by tdmrep_fuzzer: a number overflowing a double is an error, not an exception.
TEST(TdmRep, HugeNumberIsAnError) {
  auto file = TdmRepFile::Parse(R"([{"location": "/", "tdm-reservation": 1e999999}])", "t.json");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.status().message().find("t.json: invalid JSON"), std::string::npos)
      << file.status().message();
}

// Issue 14: places are counted once through the file (60,000 rules took 39 s), and a file above
// the 500 KiB cap is refused with its size, as robots.txt bodies are bounded.
TEST(TdmRepTest, RulePlacesAcrossLinesAndTheSizeCap) {
  auto file = TdmRepFile::Parse(
      "[{\"location\": \"/a\"}, {\"location\": 5},\n  {\"location\": \"/c\"}, 7,\n"
      "{\"location\": \"/d\"}]",
      "t.json");
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_EQ(file->rules().size(), 5u);
  EXPECT_EQ(file->rules()[0].line, 1u);
  EXPECT_EQ(file->rules()[0].column, 2u);
  EXPECT_EQ(file->rules()[1].column, 22u);
  EXPECT_NE(file->rules()[1].error, "");
  EXPECT_EQ(file->rules()[2].line, 2u);
  EXPECT_EQ(file->rules()[2].column, 3u);
  EXPECT_EQ(file->rules()[3].line, 2u);  // 7: a rule of the wrong shape, at its own place
  EXPECT_EQ(file->rules()[3].column, 23u);
  EXPECT_EQ(file->rules()[3].error, "expected an object with \"location\"");
  EXPECT_EQ(file->rules()[4].line, 3u);
  EXPECT_EQ(file->rules()[4].column, 1u);
  std::string big = "[" + std::string(kTdmRepMaxBytes, ' ') + "]";
  auto refused = TdmRepFile::Parse(big, "big.json");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("exceed the limit of 512000 bytes"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::optout
