// Tests of /summaries and /summaries/SEQ.json (AI Act Art. 53(1)(d)): every version with its
// change note, a link to the earlier version, the field-level changes and the JSON document.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/portal/site.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kBase = "http://127.0.0.1:1/";

TEST(SummariesPageTest, EachVersionLinksTheEarlierOneAndShowsWhatChanged) {
  test_util::TempDir dir;
  dir.Write("gpaikit.yaml",
            "gpaikit: 1\nprovider:\n  legal_name: \"Example AI SAS\"\n  contact: \"a@example.eu\"\n"
            "  established_in_eu: true\nmodels:\n  - id: ex-7b\n    name: Example 7B\n"
            "    modalities: {input: [text], output: [text]}\n    parameters: {total: 7B}\n"
            "    release_date: 2025-09-15\n    union_market_date: 2025-09-15\n");
  nlohmann::json first = {{"schema", "gpaikit.training-summary/1"},
                          {"sources", {{"crawled", "web <pages>"}, {"licensed", "none"}}}};
  nlohmann::json second = first;
  second["sources"]["licensed"] = "news archive";
  int64_t seq1 = 0, seq2 = 0;
  {
    Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir.path());
    ASSERT_TRUE(ledger.ok());
    Result<docs::PublishedVersion> v1 = docs::PublishVersion(
        **ledger, "ex-7b", first, {{"ex-7b-training-summary.md", std::string(64, 'a')}},
        "first release", "tester", "", docs::kSummaryVersionKind);
    ASSERT_TRUE(v1.ok()) << v1.status().message();
    ASSERT_TRUE((*ledger)->Append("note", "x", "tester", "{}").ok());
    Result<docs::PublishedVersion> v2 = docs::PublishVersion(
        **ledger, "ex-7b", second, {{"ex-7b-training-summary.md", std::string(64, 'b')}},
        "licensed <data> added", "tester", "", docs::kSummaryVersionKind);
    ASSERT_TRUE(v2.ok()) << v2.status().message();
    seq1 = v1->seq;
    seq2 = v2->seq;
  }
  Result<std::unique_ptr<Site>> site =
      Site::Load(dir.path(), {std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "portal/templates"});
  ASSERT_TRUE(site.ok()) << site.status().message();
  std::string page = (*site)->Handle("GET", "/summaries", kBase).body;
  EXPECT_NE(page.find("<section id=\"ex-7b-v1\">"), std::string::npos) << page;
  EXPECT_NE(page.find("<section id=\"ex-7b-v2\">"), std::string::npos);
  EXPECT_NE(page.find("<a href=\"#ex-7b-v1\">Version 1</a>"), std::string::npos);
  EXPECT_NE(page.find("None: this is the first version."), std::string::npos);
  EXPECT_NE(page.find("licensed &lt;data&gt; added"), std::string::npos) << "note, escaped";
  EXPECT_NE(page.find("sources.licensed: &quot;none&quot; -&gt; &quot;news archive&quot;"),
            std::string::npos)
      << page;
  EXPECT_EQ(page.find("sources.crawled:"), std::string::npos) << "an unchanged field is listed";
  EXPECT_NE(page.find(std::string(64, 'b')), std::string::npos);
  for (auto [seq, document] : {std::pair{seq1, first}, std::pair{seq2, second}}) {
    Response json = (*site)->Handle("GET", "/summaries/" + std::to_string(seq) + ".json", kBase);
    EXPECT_EQ(json.status, 200);
    EXPECT_EQ(json.content_type, "application/json");
    EXPECT_EQ(nlohmann::json::parse(json.body), document);
    EXPECT_NE(page.find("href=\"/summaries/" + std::to_string(seq) + ".json\""), std::string::npos);
    EXPECT_NE(page.find(Sha256Hex(json.body)), std::string::npos) << "the JSON's SHA-256";
  }
  EXPECT_EQ((*site)->Handle("GET", "/summaries/2.json", kBase).status, 404) << "entry 2 is a note";
  EXPECT_EQ((*site)->Handle("GET", "/summaries/9.json", kBase).status, 404);
  EXPECT_EQ((*site)->Handle("GET", "/summaries/x.json", kBase).status, 404);
}

}  // namespace
}  // namespace gpaikit::portal
