// Tests of the AI-crawler registry: the shipped data/crawlers.yaml and error locations.
#include "gpaikit/optout/crawlers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gpaikit/base/text.h"

namespace gpaikit::optout {
namespace {

std::filesystem::path Shipped() {
  return std::filesystem::path(GPAIKIT_SOURCE_DIR) / "data/crawlers.yaml";
}

TEST(CrawlerRegistry, ShippedRegistryHasTheBigOnes) {
  auto registry = CrawlerRegistry::Load(Shipped());
  ASSERT_TRUE(registry.ok()) << registry.status().message();
  EXPECT_GT(registry->crawlers().size(), 100u);
  struct Expect {
    const char* token;
    const char* purpose;
  };
  for (auto [token, purpose] :
       {Expect{"GPTBot", "training"}, Expect{"ChatGPT-User", "user-triggered"},
        Expect{"OAI-SearchBot", "search"}, Expect{"CCBot", "training"},
        Expect{"Google-Extended", "training"}, Expect{"ClaudeBot", "training"},
        Expect{"anthropic-ai", "training"}, Expect{"Claude-User", "user-triggered"},
        Expect{"Applebot-Extended", "training"}, Expect{"Bytespider", "training"},
        Expect{"PerplexityBot", "search"}, Expect{"meta-externalagent", "training"},
        Expect{"Amazonbot", "training"}}) {
    auto found = registry->Find(token);
    ASSERT_FALSE(found.empty()) << token;
    EXPECT_TRUE(found[0]->HasPurpose(purpose)) << token;
    EXPECT_EQ(found[0]->verified, "secondary") << token;
  }
  auto training = registry->TokensWithPurpose("training");
  EXPECT_NE(std::find(training.begin(), training.end(), "gptbot"), training.end());
  EXPECT_EQ(std::find(training.begin(), training.end(), "oai-searchbot"), training.end());
  // Issue 13: the training set holds only agents documented to collect for training, each with
  // its source; generic tools and tokens (Scrapy, "spider", GoogleOther) are not in it.
  for (const char* generic : {"scrapy", "spider", "googleother", "img", "lightpanda", "wpbot"}) {
    EXPECT_EQ(std::find(training.begin(), training.end(), generic), training.end()) << generic;
  }
  for (const Crawler& crawler : registry->crawlers()) {
    if (!crawler.HasPurpose("training")) continue;
    EXPECT_FALSE(crawler.source.empty()) << crawler.name;
    std::string function = AsciiLower(crawler.function);
    EXPECT_TRUE(function.find("train") != std::string::npos || crawler.verified == "secondary")
        << crawler.name << ": neither its source's text nor a reviewed page says training";
  }
}

// RFC 9309 section 2.2.1: product tokens hold only [a-zA-Z_-]; matched case-insensitively.
TEST(CrawlerRegistry, TokensAreNormalised) {
  auto registry = CrawlerRegistry::Load(Shipped());
  ASSERT_TRUE(registry.ok());
  for (const Crawler& crawler : registry->crawlers()) {
    EXPECT_EQ(crawler.token.find_first_not_of("abcdefghijklmnopqrstuvwxyz-_"), std::string::npos)
        << crawler.name;
  }
  // "MistralAI-User/1.0" is matched in robots.txt as its product token "mistralai-user".
  bool found = false;
  for (const Crawler* crawler : registry->Find("MistralAI-User")) {
    if (crawler->name != "MistralAI-User/1.0") continue;
    found = true;
    EXPECT_FALSE(crawler->token_exact);
  }
  EXPECT_TRUE(found);
}

TEST(CrawlerRegistry, ErrorsNameFileLineColumn) {
  auto path = std::filesystem::temp_directory_path() / "gpaikit_crawlers_bad.yaml";
  {
    std::ofstream out(path);
    out << "crawlers:\n  - name: X\n    token: \"Bad Token\"\n    source: s\n    verified: u\n"
           "    purposes: [training]\n";
  }
  auto registry = CrawlerRegistry::Load(path);
  ASSERT_FALSE(registry.ok());
  EXPECT_NE(registry.status().message().find(
                "gpaikit_crawlers_bad.yaml:3:12: crawlers[0].token: expected a lowercase"),
            std::string::npos)
      << registry.status().message();
  std::filesystem::remove(path);
}

// The registry is read like every other data file: unknown keys are named with the nearest
// known key, and every problem is reported at once, each with file:line:column.
TEST(CrawlerRegistry, UnknownKeysAndAllProblemsAreReportedAtOnce) {
  auto path = std::filesystem::temp_directory_path() / "gpaikit_crawlers_typos.yaml";
  {
    std::ofstream out(path);
    out << "schema: gpaikit.crawlers/1\ncrawlers:\n"
           "  - name: A\n    token: a\n    source: s\n    verified: secondary\n"
           "    purpose: [training]\n"
           "  - name: B\n    token: b\n    source: s\n    verified: secondry\n"
           "    purposes: [trainning]\n";
  }
  auto registry = CrawlerRegistry::Load(path);
  ASSERT_FALSE(registry.ok());
  const std::string& message = registry.status().message();
  for (const char* expected :
       {"gpaikit_crawlers_typos.yaml:7:5: crawlers[0].purpose: unknown key; did you mean "
        "'purposes'?",
        "crawlers[0].purposes: required key is missing",
        "gpaikit_crawlers_typos.yaml:11:15: crawlers[1].verified: 'secondry' is not one of "
        "primary, secondary, unverified; did you mean 'secondary'?",
        "gpaikit_crawlers_typos.yaml:12:16: crawlers[1].purposes[0]: 'trainning' is not one of"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace gpaikit::optout
