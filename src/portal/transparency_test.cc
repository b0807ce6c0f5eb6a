// Tests of /transparency (Code of Practice, Safety and Security, Measure 10.2): the Framework and
// Model Report summaries the project marks published, their versions, text and downloads.
#include <gtest/gtest.h>

#include "base/temp_dir_test_util.h"
#include "gpaikit/portal/site.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kBase = "http://127.0.0.1:1/";
constexpr const char* kHtml = "text/html; charset=utf-8";

SiteOptions Options() {
  return {std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "portal/templates"};
}

constexpr const char* kProject =
    "gpaikit: 1\nprovider:\n  legal_name: \"Example AI SAS\"\n  contact: \"a@example.eu\"\n"
    "  established_in_eu: true\nmodels:\n  - id: ex-7b\n    name: Example 7B\n"
    "    modalities: {input: [text], output: [text]}\n    parameters: {total: 7B}\n"
    "    release_date: 2025-09-15\n    union_market_date: 2025-09-15\n";

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TransparencyPageTest, TheFrontierExamplePublishesBothSummaries) {
  // A copy: loading the site opens the portal's database beside the ledger.
  test_util::TempDir dir;
  std::filesystem::copy(
      std::filesystem::path(GPAIKIT_SOURCE_DIR) / "examples/frontier-multimodal-non-eu", dir.path(),
      std::filesystem::copy_options::recursive);
  Result<std::unique_ptr<Site>> site = Site::Load(dir.path(), Options());
  ASSERT_TRUE(site.ok()) << site.status().message();
  Response page = (*site)->Handle("GET", "/transparency", kBase);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.content_type, kHtml);
  const std::string& body = page.body;
  EXPECT_TRUE(Has(body, "<h2>Northwind Safety and Security Framework</h2>")) << body;
  EXPECT_TRUE(Has(body, "<li>Version 1.1, 2026-09-30: Cyber-offence tiers")) << body;
  EXPECT_TRUE(Has(body, "<h2>Model Report: ")) << body;
  EXPECT_TRUE(Has(body, "<h3>Results of the risk assessment</h3>")) << body;
  EXPECT_TRUE(Has(body, "<li>Version 1.0, 2026-11-20: Initial report before placement.</li>"));
  EXPECT_TRUE(Has(body, "<a href=\"/transparency/1.txt\">")) << body;
  EXPECT_TRUE(Has(body, "<a href=\"/transparency/2.txt\">")) << body;
  // Each Markdown heading of the two files becomes one h3; a paragraph never takes the
  // section's heading (mustache looks a missing name up in the enclosing context).
  size_t h3 = 0;
  for (size_t at = body.find("<h3>"); at != std::string::npos; at = body.find("<h3>", at + 1)) {
    ++h3;
  }
  EXPECT_EQ(h3, 7u) << body;  // 4 headings in the Framework summary's file, 3 in the report's
  Response framework = (*site)->Handle("GET", "/transparency/1.txt", kBase);
  EXPECT_EQ(framework.status, 200);
  EXPECT_EQ(framework.content_type, "text/plain; charset=utf-8");
  EXPECT_TRUE(Has(framework.body, "# Northwind Safety and Security Framework: public summary"));
  Response report = (*site)->Handle("GET", "/transparency/2.txt", kBase);
  EXPECT_TRUE(Has(report.body, "## Mitigations")) << report.body;
  EXPECT_EQ((*site)->Handle("GET", "/transparency/3.txt", kBase).status, 404);
  EXPECT_TRUE(Has((*site)->Handle("GET", "/", kBase).body, "<a href=\"/transparency\">"));
}

TEST(TransparencyPageTest, SummaryTextIsEscapedAndAnAddressIsLinked) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", kProject);
  dir.Write("safety/framework.yaml",
            "title: \"F <b>bold</b>\"\nversions:\n"
            "  - {version: \"1\", confirmed: 2026-01-05, changelog: \"first <i>\"}\n"
            "public_summary: summary.md\n");
  dir.Write("safety/summary.md", "# Summary <script>alert(1)</script>\n\nRisks & <mitigations>.\n");
  dir.Write("safety/model-reports.yaml",
            "reports:\n  - model: ex-7b\n    public_summary: https://example.eu/mr?a=1&b=2\n"
            "    versions:\n      - {version: \"0.9\", date: 2026-02-01, interim: true, "
            "changelog: interim}\n      - {version: \"1.0\", date: 2026-02-20, changelog: full}\n");
  Result<std::unique_ptr<Site>> site = Site::Load(dir.path(), Options());
  ASSERT_TRUE(site.ok()) << site.status().message();
  const std::string body = (*site)->Handle("GET", "/transparency", kBase).body;
  EXPECT_FALSE(Has(body, "<script>")) << body;
  EXPECT_FALSE(Has(body, "<b>bold")) << body;
  EXPECT_TRUE(Has(body, "<h2>F &lt;b&gt;bold&lt;/b&gt;</h2>")) << body;
  EXPECT_TRUE(Has(body, "<h3>Summary &lt;script&gt;alert(1)&lt;/script&gt;</h3>")) << body;
  EXPECT_TRUE(Has(body, "<p>Risks &amp; &lt;mitigations&gt;.</p>")) << body;
  EXPECT_TRUE(Has(body, "first &lt;i&gt;")) << body;
  EXPECT_TRUE(Has(body, "<h2>Model Report: Example 7B</h2>")) << body;
  EXPECT_TRUE(Has(body, "<a href=\"https://example.eu/mr?a=1&amp;b=2\">")) << body;
  EXPECT_TRUE(Has(body, "Version 1.0, 2026-02-20: full")) << body;
  EXPECT_FALSE(Has(body, "interim")) << body;  // the interim report is not a published version
  EXPECT_FALSE(Has(body, "/transparency/2.txt")) << body;
  EXPECT_EQ((*site)->Handle("GET", "/transparency/1.txt", kBase).body,
            "# Summary <script>alert(1)</script>\n\nRisks & <mitigations>.\n");
}

TEST(TransparencyPageTest, WithoutPublishedSummariesThePageSaysSo) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", kProject);
  Result<std::unique_ptr<Site>> site = Site::Load(dir.path(), Options());
  ASSERT_TRUE(site.ok()) << site.status().message();
  Response page = (*site)->Handle("GET", "/transparency", kBase);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "publishes no summary of a Safety and Security Framework"))
      << page.body;
  EXPECT_EQ((*site)->Handle("GET", "/transparency/1.txt", kBase).status, 404);
}

TEST(TransparencyPageTest, AMissingSummaryFileStopsLoadingWithItsPlace) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml", kProject);
  dir.Write("safety/framework.yaml",
            "title: F\nversions:\n  - {version: \"1\", confirmed: 2026-01-05, changelog: c}\n"
            "public_summary: nowhere.md\n");
  Result<std::unique_ptr<Site>> site = Site::Load(dir.path(), Options());
  ASSERT_FALSE(site.ok());
  EXPECT_TRUE(Has(site.status().message(),
                  "framework.yaml:4:17: public_summary: file 'nowhere.md' does not exist"))
      << site.status().message();
}

}  // namespace
}  // namespace gpaikit::portal
