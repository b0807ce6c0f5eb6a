// CorpusStats documents (gpaikit.corpus-stats/1, docs/corpus.md): the directly written JSON text
// equals the library's rendering and reads back to the same statistics; the one reader's errors
// name the file and the JSON path; shards merge strictly, statistics of different corpora keep
// their estimates (the measured inputs to the AI Act Art. 53(1)(d) summary, template 1.3 and 2.3).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "gpaikit/corpus/record.h"
#include "gpaikit/corpus/stats.h"

namespace gpaikit::corpus {
namespace {

using nlohmann::json;

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

// Issue 13: the data source tag, the agents an audit checked and what a filter removed survive
// the JSON and merges; shards of different sources do not merge, corpora become "mixed".
TEST(CorpusStatsJson, SourceAgentsAndRemovedRoundTrip) {
  CorpusStats stats = SampleStats();
  stats.data_source = "crawled";
  stats.audit_agents = {"KestrelBot/1.0"};
  ASSERT_TRUE(
      AddFilterManifestText("{\"file\":\"a.warc.gz\",\"offset\":0,\"url\":\"https://a.example/\","
                            "\"verdict\":\"reserved\",\"content_bytes\":120,\"summary\":\"x\","
                            "\"signals\":[{\"kind\":\"robots-txt\"},{\"kind\":\"robots-txt\"}]}\n\n"
                            "{\"content_bytes\":30,\"signals\":[{\"kind\":\"tdmrep\"}]}\n",
                            "removed.jsonl", &stats)
          .ok());
  EXPECT_EQ(stats.removed_by_filter.records, 2u);
  EXPECT_EQ(stats.removed_by_filter.content_bytes, 150u);
  EXPECT_EQ(stats.removed_signals["robots-txt"].records, 1u);
  auto back = CorpusStats::FromJson(nlohmann::json::parse(stats.ToJsonText()), "stats.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->data_source, "crawled");
  EXPECT_EQ(back->audit_agents, std::vector<std::string>{"KestrelBot/1.0"});
  EXPECT_EQ(back->removed_by_filter.records, 2u);
  EXPECT_EQ(back->removed_signals["tdmrep"].content_bytes, 30u);
  EXPECT_EQ(back->ToJsonText(), stats.ToJsonText());
  CorpusStats licensed;
  licensed.data_source = "licensed";
  CorpusStats shard = *back;
  Status merged = shard.Merge(licensed, MergeKind::kShards);
  EXPECT_NE(merged.message().find("different data sources"), std::string::npos);
  ASSERT_TRUE(back->Merge(licensed, MergeKind::kCorpora).ok());
  EXPECT_EQ(back->data_source, "mixed");
  json bad = stats.ToJson();
  bad["data_source"] = "scraped";
  EXPECT_NE(CorpusStats::FromJson(bad, "s.json")
                .status()
                .message()
                .find("data_source: expected one of crawled, public-dataset"),
            std::string::npos);
  // A bad manifest line is named.
  Status status = AddFilterManifestText("{\"content_bytes\": 1, \"signals\": []}\nnot json\n",
                                        "removed.jsonl", &stats);
  EXPECT_NE(status.message().find("removed.jsonl:2: expected a JSON object"), std::string::npos)
      << status.message();
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

// A scan of `bytes` text bytes on one domain at `bytes_per_token`.
CorpusStats Scan(uint64_t bytes, double bytes_per_token, const std::string& file) {
  CorpusStats stats;
  stats.bytes_per_token = bytes_per_token;
  stats.AddDocument(Document(bytes, "2024-03-01"), "example.com");
  stats.files.push_back({file, "warc", "none", bytes, bytes, 1});
  return stats;
}

std::string Message(const std::string& text) {
  Result<CorpusStats> stats = ParseCorpusStats(text, "s.json");
  return stats.ok() ? "" : stats.status().message();
}

TEST(CorpusStatsReader, ErrorsNameTheFileAndTheJsonPath) {
  EXPECT_NE(Message("{\"schema\": 1").find("s.json: byte "), std::string::npos);
  EXPECT_NE(Message("{\"schema\": \"gpaikit.check/1\"}")
                .find("s.json: schema: expected gpaikit.corpus-stats/1"),
            std::string::npos);
  json doc = Scan(400, 4, "a.warc").ToJson();
  doc["domains"][0].erase("content_bytes");
  EXPECT_EQ(Message(doc.dump()), "s.json: domains[0].content_bytes: required key is missing");
  doc = Scan(400, 4, "a.warc").ToJson();
  doc["modalities"]["text"]["records"] = -3;
  EXPECT_EQ(Message(doc.dump()),
            "s.json: modalities.text.records: expected a non-negative whole number");
  doc = Scan(400, 4, "a.warc").ToJson();
  doc["modalities"]["smell"] = doc["modalities"]["text"];
  EXPECT_NE(Message(doc.dump()).find("s.json: modalities.smell: unknown modality"),
            std::string::npos);
  doc = Scan(400, 4, "a.warc").ToJson();
  doc["files"][0]["bytes"] = "many";
  EXPECT_EQ(Message(doc.dump()), "s.json: files[0].bytes: expected a non-negative whole number");
}

// A document holding only the required members (as a person may write one) keeps its totals.
TEST(CorpusStatsReader, ASmallDocumentKeepsItsStatedTokens) {
  json zero = {{"records", 0}, {"content_bytes", 0}, {"tokens", 0}};
  json doc = {{"schema", "gpaikit.corpus-stats/1"},
              {"records", 3},
              {"content_bytes", 2825},
              {"modalities",
               {{"text",
                 {{"records", 3},
                  {"content_bytes", 2825},
                  {"tokens", 700},
                  {"tokens_are_estimated", true}}},
                {"image", zero}}},
              {"domains", json::array({{{"domain", "a.example"}, {"content_bytes", 2825}}})},
              {"domains_exact", true}};
  Result<CorpusStats> stats = ParseCorpusStats(doc.dump(), "small.json");
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->Tokens(Modality::kText), 700u);
  EXPECT_EQ(stats->EstimatedTokens(Modality::kText), 700u);
  EXPECT_EQ(stats->domains.size(), 1u);
  doc["modalities"]["text"]["tokens_are_estimated"] = false;
  stats = ParseCorpusStats(doc.dump(), "small.json");
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->modalities[0].tokens_from_data, 700u);
  EXPECT_EQ(stats->EstimatedTokens(Modality::kText), 0u);
}

TEST(CorpusStatsReader, ShardsMergeStrictlyAndCorporaKeepTheirEstimates) {
  CorpusStats a = Scan(400, 4, "a.warc");  // 100 tokens at 4 bytes per token
  CorpusStats b = Scan(300, 3, "b.warc");  // 100 tokens at 3
  CorpusStats again = Scan(400, 4, "a.warc");
  CorpusStats shard = a;
  EXPECT_EQ(shard.Merge(b).message(), "shards used different bytes-per-token ratios");
  EXPECT_EQ(shard.Merge(again).message(), "file a.warc was scanned in two shards");
  CorpusStats corpora = a;
  ASSERT_TRUE(corpora.Merge(b, MergeKind::kCorpora).ok());
  EXPECT_EQ(corpora.bytes_per_token, 0);  // mixed
  EXPECT_EQ(corpora.Tokens(Modality::kText), 200u);
  EXPECT_EQ(corpora.domains.Top(1)[0].counts.content_bytes, 700u);
  // The merged document reads back to the same figures.
  Result<CorpusStats> back = CorpusStats::FromJson(corpora.ToJson(), "merged.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->Tokens(Modality::kText), 200u);
  EXPECT_EQ(back->ToJson(), corpora.ToJson());
}

TEST(CorpusStatsReader, LoadMergesFilesAndNamesTheOneThatFails) {
  std::filesystem::path dir = std::filesystem::temp_directory_path();
  std::ofstream(dir / "gpaikit-stats-a.json") << Scan(400, 4, "a.warc").ToJsonText();
  std::ofstream(dir / "gpaikit-stats-b.json") << Scan(800, 4, "a.warc").ToJsonText();
  Result<CorpusStats> corpora = LoadCorpusStats(
      {dir / "gpaikit-stats-a.json", dir / "gpaikit-stats-b.json"}, MergeKind::kCorpora);
  ASSERT_TRUE(corpora.ok()) << corpora.status().message();
  EXPECT_EQ(corpora->content_bytes, 1200u);
  Result<CorpusStats> shards = LoadCorpusStats(
      {dir / "gpaikit-stats-a.json", dir / "gpaikit-stats-b.json"}, MergeKind::kShards);
  ASSERT_FALSE(shards.ok());
  EXPECT_NE(shards.status().message().find("gpaikit-stats-b.json: file a.warc was scanned"),
            std::string::npos)
      << shards.status().message();
  std::filesystem::remove(dir / "gpaikit-stats-a.json");
  std::filesystem::remove(dir / "gpaikit-stats-b.json");
}

// Issue 14: a merged count past 2^64 - 1 is reported, never wrapped.
TEST(CorpusStatsMerge, ASumPastTheLargestCountIsReportedNotWrapped) {
  CorpusStats a, b;
  a.records = b.records = 1;
  a.skipped_records = UINT64_MAX - 1;
  b.skipped_records = 2;
  b.files.push_back({"b.jsonl", "jsonl", "none", 0, 0, 0});
  Status merged = a.Merge(b);
  ASSERT_FALSE(merged.ok());
  EXPECT_NE(merged.message().find("the merged skipped_records exceeds"), std::string::npos)
      << merged.message();
  CorpusStats c, d;
  c.modalities[0].content_bytes = UINT64_MAX;
  d.modalities[0].content_bytes = 1;
  Status modality = c.Merge(d, MergeKind::kCorpora);
  ASSERT_FALSE(modality.ok());
  EXPECT_NE(modality.message().find("modalities.text.content_bytes"), std::string::npos)
      << modality.message();
  CorpusStats e, f;
  e.domains.Add("a.example", 1, UINT64_MAX - 5);
  f.domains.Add("a.example", 1, 6);
  Status domain = e.Merge(f, MergeKind::kCorpora);
  ASSERT_FALSE(domain.ok());
  EXPECT_NE(domain.message().find("counts of domain a.example exceed"), std::string::npos)
      << domain.message();
}

// Hardening: errors repeated their place ("a.jsonl: offset 0: a.jsonl: offset 0: empty file").
TEST(CorpusErrorText, NamesTheFileAndThePlaceOnce) {
  EXPECT_EQ(DescribeError({"a.warc", 12, 0, "file ends inside a WARC header block"}),
            "a.warc: offset 12: file ends inside a WARC header block");
  EXPECT_EQ(DescribeError({"b.jsonl", 14, 2, "line 2: expected a JSON object"}),
            "b.jsonl: line 2: expected a JSON object");
  EXPECT_EQ(DescribeError({"b.jsonl", 14, 3, "URL 'x': no host"}),
            "b.jsonl: line 3: URL 'x': no host");
  CorpusError whole =
      FileError("c/a.jsonl",
                Status::InvalidInput("c/a.jsonl: offset 0: empty file (expected WARC or JSONL)"));
  EXPECT_EQ(whole.offset, 0u);
  EXPECT_EQ(DescribeError(whole), "c/a.jsonl: offset 0: empty file (expected WARC or JSONL)");
  EXPECT_EQ(DescribeError(FileError("d", Status::Io("d: cannot open: Permission denied"))),
            "d: offset 0: cannot open: Permission denied");
}

}  // namespace
}  // namespace gpaikit::corpus
