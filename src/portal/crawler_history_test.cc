// Tests of the crawler-information history (Code of Practice, Copyright, Measure 1.3): one ledger
// entry per change, the feed's entry per version with its own time, /crawlers/SEQ.json.
#include "portal/crawler_history.h"

#include <gtest/gtest.h>

#include "base/temp_dir_test_util.h"
#include "gpaikit/portal/site.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kBase = "http://127.0.0.1:1/";

std::string Project(const std::string& ranges) {
  return "gpaikit: 1\nprovider:\n  legal_name: \"Example AI SAS\"\n  contact: "
         "\"legal@example.eu\"\n"
         "  established_in_eu: true\nmodels:\n"
         "  - id: ex-7b\n    name: Example 7B\n    modalities: {input: [text], output: [text]}\n"
         "    parameters: {total: 7B}\n    release_date: 2025-09-15\n"
         "    union_market_date: 2025-09-15\n    compute:\n      runs:\n"
         "        - {stage: pre-training, tokens: 2T}\n    training_data:\n      crawling:\n"
         "        used: true\n        crawlers:\n"
         "          - {name: ExBot, purpose: \"pre-training text\", ip_ranges: [" +
         ranges + "]}\n";
}

std::unique_ptr<Site> LoadSite(const test_util::TempDir& dir) {
  Result<std::unique_ptr<Site>> site =
      Site::Load(dir.path(), {std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "portal/templates"});
  EXPECT_TRUE(site.ok()) << site.status().message();
  return site.ok() ? std::move(*site) : nullptr;
}

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(CrawlerHistoryTest, RecordsEachChangeOnceAndTheFeedHasAnEntryPerVersion) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", Project("192.0.2.0/24"));
  std::unique_ptr<Site> site = LoadSite(dir);
  ASSERT_TRUE(site);
  // Before any record: the current state only, marked as not recorded, and no ledger created.
  EXPECT_NE(site->Handle("GET", "/feed.atom", kBase).body.find("not yet recorded"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(store::Ledger::PathIn(dir.path())));
  Result<bool> first = site->RecordCrawlerChange("tester");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_TRUE(*first);
  Result<bool> again = site->RecordCrawlerChange("tester");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_FALSE(*again) << "unchanged information is not recorded twice";

  dir.Write("gpaikit.yaml", Project("192.0.2.0/24, 198.51.100.0/24"));
  site = LoadSite(dir);
  ASSERT_TRUE(site);
  Result<bool> second = site->RecordCrawlerChange("tester");
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_TRUE(*second);

  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir.path());
  ASSERT_TRUE(ledger.ok());
  Result<std::vector<CrawlerVersion>> versions = CrawlerVersions(**ledger);
  ASSERT_TRUE(versions.ok()) << versions.status().message();
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_NE((*versions)[0].sha256, (*versions)[1].sha256);
  Result<std::vector<store::Entry>> entries = (*ledger)->Entries(kCrawlersKind);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ((*entries)[0].author, "tester");

  std::string feed = site->Handle("GET", "/feed.atom", kBase).body;
  EXPECT_EQ(feed.find("not yet recorded"), std::string::npos) << feed;
  for (const CrawlerVersion& version : *versions) {
    std::string seq = std::to_string(version.seq);
    EXPECT_NE(feed.find("<id>urn:gpaikit:crawlers:" + seq + ":" + version.sha256 + "</id>"),
              std::string::npos)
        << feed;
    EXPECT_NE(feed.find(std::string(kBase) + "crawlers/" + seq + ".json"), std::string::npos);
    Response json = site->Handle("GET", "/crawlers/" + seq + ".json", kBase);
    EXPECT_EQ(json.status, 200);
    nlohmann::json document = nlohmann::json::parse(json.body);
    EXPECT_EQ(document["creationTime"], version.time);
    document.erase("creationTime");
    EXPECT_EQ(document, version.document);
  }
  EXPECT_EQ(Count(feed, "<id>urn:gpaikit:crawlers:"), 2u);
  EXPECT_EQ(Count(feed, "<id>urn:gpaikit:ledger-head:"), 2u);
  EXPECT_NE(nlohmann::json::parse(site->Handle("GET", "/crawlers/2.json", kBase).body)
                .dump()
                .find("198.51.100.0/24"),
            std::string::npos);
  // The current information's time is the time it was recorded, not gpaikit.yaml's.
  nlohmann::json now = nlohmann::json::parse(site->Handle("GET", "/crawlers.json", kBase).body);
  EXPECT_EQ(now["creationTime"], versions->back().time);
  std::string page = site->Handle("GET", "/crawlers", kBase).body;
  EXPECT_NE(page.find("href=\"/crawlers/1.json\""), std::string::npos) << page;
  EXPECT_NE(page.find("href=\"/crawlers/2.json\""), std::string::npos);
}

TEST(CrawlerHistoryTest, OtherEntriesAndBadPathsAreNotFound) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", Project("192.0.2.0/24"));
  std::unique_ptr<Site> site = LoadSite(dir);
  ASSERT_TRUE(site);
  EXPECT_EQ(site->Handle("GET", "/crawlers/1.json", kBase).status, 404) << "no ledger yet";
  {
    Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir.path());
    ASSERT_TRUE(ledger.ok());
    ASSERT_TRUE((*ledger)->Append("note", "x", "tester", "{}").ok());
  }
  ASSERT_TRUE(site->RecordCrawlerChange("tester").ok());
  EXPECT_EQ(site->Handle("GET", "/crawlers/1.json", kBase).status, 404) << "entry 1 is a note";
  EXPECT_EQ(site->Handle("GET", "/crawlers/2.json", kBase).status, 200);
  for (const char* path : {"/crawlers/3.json", "/crawlers/0.json", "/crawlers/02.json",
                           "/crawlers/-1.json", "/crawlers/.json", "/crawlers/2.jsonx",
                           "/crawlers/99999999999999999999.json", "/crawlers/2"}) {
    EXPECT_EQ(site->Handle("GET", path, kBase).status, 404) << path;
  }
}

}  // namespace
}  // namespace gpaikit::portal
