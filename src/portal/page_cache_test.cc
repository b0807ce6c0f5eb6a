// Tests of the ledger page cache: /feed.atom and /crawlers are served again unchanged while the
// ledger is unchanged, and rebuilt as soon as an entry is appended (the feed must carry each new
// head, Copyright Measure 1.3).
#include "portal/page_cache.h"

#include <gtest/gtest.h>

#include "base/temp_dir_test_util.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kBase = "http://127.0.0.1:1/";

TEST(LedgerPageCacheTest, KeepsAPageUntilTheLedgerChanges) {
  test_util::TempDir dir;
  LedgerPageCache cache(dir.path());
  int builds = 0;
  auto build = [&builds] {
    ++builds;
    return Response{200, "text/plain", "page " + std::to_string(builds), {}};
  };
  EXPECT_EQ(cache.Get("k", build).body, "page 1");  // no ledger yet
  EXPECT_EQ(cache.Get("k", build).body, "page 1");
  EXPECT_EQ(cache.Get("other", build).body, "page 2");
  {
    Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir.path());
    ASSERT_TRUE(ledger.ok()) << ledger.status().message();
    EXPECT_EQ(cache.Get("k", build).body, "page 3");  // the ledger was created
    EXPECT_EQ(cache.Get("k", build).body, "page 3");
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE((*ledger)->Append("note", "x", "tester", "{}").ok());
      EXPECT_EQ(cache.Get("k", build).body, "page " + std::to_string(4 + i)) << i;
    }
  }
  // An error is never kept.
  int failures = 0;
  auto failing = [&failures] {
    ++failures;
    return Response{500, "text/plain", "no", {}};
  };
  cache.Get("bad", failing);
  cache.Get("bad", failing);
  EXPECT_EQ(failures, 2);
}

TEST(LedgerPageCacheTest, TheFeedCarriesEachNewHeadAtOnce) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml",
            "gpaikit: 1\nprovider:\n  legal_name: \"Example AI SAS\"\n  contact: \"a@example.eu\"\n"
            "  established_in_eu: true\nmodels:\n  - id: ex-7b\n    name: Example 7B\n"
            "    modalities: {input: [text], output: [text]}\n    parameters: {total: 7B}\n"
            "    release_date: 2025-09-15\n    union_market_date: 2025-09-15\n");
  Result<std::unique_ptr<Site>> site =
      Site::Load(dir.path(), {std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "portal/templates"});
  ASSERT_TRUE(site.ok()) << site.status().message();
  std::string first = (*site)->Handle("GET", "/feed.atom", kBase).body;
  EXPECT_EQ((*site)->Handle("GET", "/feed.atom", kBase).body, first);
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir.path());
  ASSERT_TRUE(ledger.ok());
  for (int i = 0; i < 3; ++i) {
    Result<store::Entry> entry = (*ledger)->Append("note", "x", "tester", "{}");
    ASSERT_TRUE(entry.ok());
    EXPECT_NE((*site)->Handle("GET", "/feed.atom", kBase).body.find(entry->hash), std::string::npos)
        << i;
  }
  std::string before = (*site)->Handle("GET", "/crawlers", kBase).body;
  ASSERT_TRUE((*site)->RecordCrawlerChange("tester").ok());
  Result<store::Head> head = (*ledger)->CurrentHead();
  ASSERT_TRUE(head.ok());
  std::string link = std::string("/crawlers/").append(std::to_string(head->seq)).append(".json");
  EXPECT_EQ(before.find(link), std::string::npos);
  EXPECT_NE((*site)->Handle("GET", "/crawlers", kBase).body.find(link), std::string::npos) << link;
}

}  // namespace
}  // namespace gpaikit::portal
