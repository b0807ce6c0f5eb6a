// CorpusStats documents: the directly written JSON text equals the library's rendering, and it
// reads back to the same statistics.
#include <gtest/gtest.h>

#include "gpaikit/corpus/record.h"
#include "gpaikit/corpus/stats.h"

namespace gpaikit::corpus {
namespace {

Record Document(uint64_t bytes, std::string_view date) {
  Record record;
  record.is_document = true;
  record.modality = Modality::kText;
  record.content_bytes = bytes;
  record.date = date;
  return record;
}

CorpusStats SampleStats() {
  CorpusStats stats;
  stats.psl_version = "public_suffix_list.dat (2023-02-09, 245996 bytes)";
  stats.AddDocument(Document(700, "2024-05-01T12:00:00Z"), "example.com");
  stats.AddDocument(Document(300, "2024-05-02T12:00:00Z"), "example.com");
  stats.AddDocument(Document(1000, "2023-12-31"), "bbc.co.uk");
  stats.AddDocument(Document(20, ""), "192.0.2.7");
  // Names the writer cannot copy as they are: a quote, a backslash, a control byte, UTF-8.
  stats.AddDocument(Document(5, "2024-01-01"), "odd\"name\\x");
  stats.AddDocument(Document(4, "2024-01-01"), std::string("tab\tand\x01"));
  stats.AddDocument(Document(3, "2024-01-01"), "bücher.example");
  stats.AddDocument(Document(2, "2024-01-01"), "");  // no URL
  stats.other_records["request"] = 7;
  stats.AddError({"corpus/a.warc.gz", 1234, 0, "WARC record has no \"Content-Length\""});
  stats.AddError({"corpus/b.jsonl", 99, 3, "line 3: The input is not valid UTF-8"});
  stats.files.push_back({"corpus/a.warc.gz", "warc", "gzip", 100, 2000, 4});
  stats.audited = true;
  stats.verdicts["allowed"] = {5, 1700};
  stats.signals["robots.txt"] = {1, 300};
  return stats;
}

TEST(CorpusStatsJson, DirectTextEqualsTheLibraryRendering) {
  CorpusStats stats = SampleStats();
  std::string text = stats.ToJsonText();
  EXPECT_EQ(text, stats.ToJson().dump(2));
  // Largest first: bbc.co.uk (1000 bytes) before example.com (700 + 300, tie broken by name).
  EXPECT_LT(text.find("\"bbc.co.uk\""), text.find("\"example.com\""));
  EXPECT_NE(text.find("\"odd\\\"name\\\\x\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"tab\\tand\\u0001\""), std::string::npos) << text;
}

TEST(CorpusStatsJson, NoDomainsGiveAnEmptyList) {
  CorpusStats stats;
  stats.AddDocument(Document(10, "2024-01-01"), "");
  std::string text = stats.ToJsonText();
  EXPECT_EQ(text, stats.ToJson().dump(2));
  EXPECT_NE(text.find("\"domains\": []"), std::string::npos);
}

TEST(CorpusStatsJson, TextReadsBackToTheSameStatistics) {
  CorpusStats stats = SampleStats();
  auto back = CorpusStats::FromJson(nlohmann::json::parse(stats.ToJsonText()), "stats.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->domains.size(), 6u);
  EXPECT_EQ(back->records, 8u);
  EXPECT_EQ(back->ToJsonText(), stats.ToJsonText());
}

TEST(DomainTableHint, AddsThroughTheHintAndGoesByNameAfterAPrune) {
  DomainTable table(4);  // prunes to 2 domains when a fifth arrives
  DomainHint a, b;
  table.Add("a.example", 1, 100, &a);
  EXPECT_EQ(a.generation, table.generation());
  table.Add("b.example", 1, 10, &b);
  table.Add("a.example", 1, 100, &a);  // through the hint
  table.Add("a.example", 1, 100);      // by name: the same entry
  std::vector<DomainView> top = table.Top(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].domain, "a.example");
  EXPECT_EQ(top[0].counts.records, 3u);
  EXPECT_EQ(top[0].counts.content_bytes, 300u);
  uint64_t before = table.generation();
  table.Add("c.example", 1, 5);
  table.Add("d.example", 1, 3);
  table.Add("e.example", 1, 1);  // the fifth: a prune moves every entry
  EXPECT_NE(table.generation(), before);
  EXPECT_NE(a.generation, table.generation());
  table.Add("a.example", 1, 100, &a);  // stale hint: found by name again, hint renewed
  EXPECT_EQ(a.generation, table.generation());
  top = table.Top(1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].domain, "a.example");
  // The prune kept two and subtracted the third-largest bytes (c.example's 5) from them.
  EXPECT_EQ(top[0].counts.content_bytes, 300u - 5u + 100u);
  DomainTable other(4);
  DomainHint stale = a;
  other.Add("a.example", 1, 7, &stale);  // another table's hint is never taken for its own
  EXPECT_EQ(other.Top(1)[0].counts.content_bytes, 7u);
}

}  // namespace
}  // namespace gpaikit::corpus
