// Tests of the portal's pages without HTTP: routing, 404 and 405, escaping of project text, the
// crawler document and its hash, the Atom feed's entries (RFC 4287) and security.txt (RFC 9116).
#include "gpaikit/portal/site.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/temp_dir_test_util.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kBase = "http://127.0.0.1:1/";

std::string Project(const std::string& provider, const std::string& crawlers) {
  return "gpaikit: 1\nprovider:\n  legal_name: \"" + provider +
         "\"\n  contact: \"legal@example.eu\"\n  established_in_eu: true\nmodels:\n"
         "  - id: ex-7b\n    name: Example 7B\n    modalities: {input: [text], output: [text]}\n"
         "    parameters: {total: 7B}\n    release_date: 2025-09-15\n"
         "    union_market_date: 2025-09-15\n    compute:\n      runs:\n"
         "        - {stage: pre-training, tokens: 2T}\n    training_data:\n      crawling:\n"
         "        used: true\n        crawlers:\n" +
         crawlers;
}

constexpr const char* kCrawler =
    "          - {name: ExBot, purpose: \"pre-training text\", ip_ranges: [192.0.2.0/24, "
    "\"2001:db8::/32\"]}\n";

SiteOptions Options() {
  return {std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "portal/templates"};
}

std::unique_ptr<Site> LoadSite(const test_util::TempDir& dir) {
  Result<std::unique_ptr<Site>> site = Site::Load(dir.path(), Options());
  EXPECT_TRUE(site.ok()) << site.status().message();
  return site.ok() ? std::move(*site) : nullptr;
}

TEST(SiteTest, ServesEachPublicPageWithItsContentType) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", Project("Example AI SAS", kCrawler));
  std::unique_ptr<Site> site = LoadSite(dir);
  ASSERT_TRUE(site);
  struct Page {
    const char* path;
    const char* type;
    const char* fragment;
  };
  for (const Page& page : {Page{"/", "text/html; charset=utf-8", "Example 7B"},
                           Page{"/crawlers", "text/html; charset=utf-8", "<code>ExBot</code>"},
                           Page{"/crawlers.json", "application/json", "\"ipv6Prefix\""},
                           Page{"/feed.atom", "application/atom+xml; charset=utf-8", "urn:sha256:"},
                           Page{"/summaries", "text/html; charset=utf-8", "No summary"},
                           Page{"/.well-known/security.txt", "text/plain; charset=utf-8",
                                "Contact: mailto:legal@example.eu\n"},
                           Page{"/style.css", "text/css; charset=utf-8", "body"}}) {
    Response response = site->Handle("GET", page.path, kBase);
    EXPECT_EQ(response.status, 200) << page.path;
    EXPECT_EQ(response.content_type, page.type) << page.path;
    EXPECT_NE(response.body.find(page.fragment), std::string::npos) << page.path << response.body;
  }
}

TEST(SiteTest, UnknownPathIs404AndOtherMethodsAre405) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", Project("Example AI SAS", kCrawler));
  std::unique_ptr<Site> site = LoadSite(dir);
  ASSERT_TRUE(site);
  EXPECT_EQ(site->Handle("GET", "/nope", kBase).status, 404);
  EXPECT_EQ(site->Handle("GET", "/crawlers/", kBase).status, 404);
  EXPECT_EQ(site->Handle("HEAD", "/", kBase).status, 200);
  for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "get"}) {
    Response response = site->Handle(method, "/", kBase);
    EXPECT_EQ(response.status, 405) << method;
    ASSERT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Allow", "GET, HEAD"}));
  }
}

// Every value from the project goes through the template engine's HTML escaping.
TEST(SiteTest, ProjectTextIsEscapedOnEveryPage) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml",
            Project("<script>alert(1)</script> & Co",
                    "          - {name: \"<b>Bot\", purpose: \"<img src=x onerror=alert(1)>\"}\n"));
  std::unique_ptr<Site> site = LoadSite(dir);
  ASSERT_TRUE(site);
  for (const char* path : {"/", "/crawlers", "/summaries", "/nope", "/feed.atom"}) {
    std::string body = site->Handle("GET", path, kBase).body;
    EXPECT_EQ(body.find("<script>"), std::string::npos) << path;
    EXPECT_EQ(body.find("<img"), std::string::npos) << path;
    EXPECT_EQ(body.find("<b>"), std::string::npos) << path;
    EXPECT_NE(body.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), std::string::npos)
        << path;
  }
}

// Code of Practice, Copyright, Measure 1.3: a change of the crawler information is a new feed
// entry, so its id follows the content.
TEST(SiteTest, CrawlerEntryIdChangesWithTheCrawlerInformation) {
  auto feed_id = [](const std::string& crawlers) {
    test_util::TempDir dir;
    dir.Write("gpaikit.yaml", Project("Example AI SAS", crawlers));
    std::unique_ptr<Site> site = LoadSite(dir);
    std::string json = site->Handle("GET", "/crawlers.json", kBase).body;
    nlohmann::json document = nlohmann::json::parse(json);
    EXPECT_EQ(document["prefixes"][0]["ipv4Prefix"], "192.0.2.0/24");
    std::string feed = site->Handle("GET", "/feed.atom", kBase).body;
    size_t at = feed.find("urn:sha256:");
    return feed.substr(at, 11 + 64);
  };
  std::string one = feed_id(kCrawler);
  EXPECT_EQ(one, feed_id(kCrawler));
  std::string changed = kCrawler;
  changed.replace(changed.find("/32"), 3, "/48");
  EXPECT_NE(one, feed_id(changed));
}

// The feed carries the ledger's head hash, so that a reader can later detect a rollback.
TEST(SiteTest, FeedCarriesTheLedgerHead) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", Project("Example AI SAS", kCrawler));
  Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir.path());
  ASSERT_TRUE(ledger.ok()) << ledger.status().message();
  ASSERT_TRUE((*ledger)->Append("note", "x", "test", "{}").ok());
  Result<store::Entry> second = (*ledger)->Append("note", "y", "test", "{}");
  ASSERT_TRUE(second.ok());
  std::unique_ptr<Site> site = LoadSite(dir);
  ASSERT_TRUE(site);
  std::string feed = site->Handle("GET", "/feed.atom", kBase).body;
  EXPECT_NE(feed.find("<id>urn:gpaikit:ledger-head:2:" + second->hash + "</id>"), std::string::npos)
      << feed;
  EXPECT_NE(feed.find("<id>http://127.0.0.1:1/feed.atom</id>"), std::string::npos);
  EXPECT_NE(site->Handle("GET", "/summaries", kBase).body.find(second->hash), std::string::npos);
}

TEST(SiteTest, SecurityTxtHasContactExpiresAndCanonical) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", Project("Example AI SAS", kCrawler));
  std::unique_ptr<Site> site = LoadSite(dir);
  ASSERT_TRUE(site);
  std::string body = site->Handle("GET", "/.well-known/security.txt", kBase).body;
  EXPECT_NE(body.find("\nExpires: 20"), std::string::npos) << body;
  EXPECT_NE(body.find("\nCanonical: http://127.0.0.1:1/.well-known/security.txt\n"),
            std::string::npos)
      << body;
}

TEST(SiteTest, BrokenTemplateIsNamedAtLoad) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", Project("Example AI SAS", kCrawler));
  std::filesystem::create_directories(dir.path() / "t");
  for (const auto& entry : std::filesystem::directory_iterator(Options().templates)) {
    std::filesystem::copy_file(entry.path(), dir.path() / "t" / entry.path().filename(),
                               std::filesystem::copy_options::overwrite_existing);
  }
  dir.Write("t/home.mustache", "{{#models}}unclosed");
  Result<std::unique_ptr<Site>> site = Site::Load(dir.path(), {dir.path() / "t"});
  ASSERT_FALSE(site.ok());
  EXPECT_NE(site.status().message().find("t/home.mustache: invalid mustache template"),
            std::string::npos)
      << site.status().message();
  std::filesystem::copy_file(Options().templates / "home.mustache", dir.path() / "t/home.mustache",
                             std::filesystem::copy_options::overwrite_existing);
  ASSERT_TRUE(Site::Load(dir.path(), {dir.path() / "t"}).ok());
  std::filesystem::remove(dir.path() / "t" / "crawlers.mustache");
  site = Site::Load(dir.path(), {dir.path() / "t"});
  ASSERT_FALSE(site.ok());
  EXPECT_NE(site.status().message().find("crawlers.mustache"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::portal
