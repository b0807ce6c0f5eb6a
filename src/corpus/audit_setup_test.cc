// Blocklists in the corpus audit and filter (Code of Practice, Copyright, Measure 1.2: sites
// recognised as persistently infringing are excluded): verdict "blocked" whatever robots.txt
// says, counted in the statistics, named with list, version and line in removed.jsonl.
#include "gpaikit/corpus/audit_setup.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "corpus/corpus_test_util.h"
#include "gpaikit/corpus/scanner.h"

namespace gpaikit::corpus {
namespace {

using testing::Gzip;
using testing::HttpResponse;
using testing::TempDir;
using testing::WarcRecord;

std::string Document(const std::string& url, const std::string& body) {
  return WarcRecord("response", url, "2024-02-01T00:00:00Z", "application/http; msgtype=response",
                    HttpResponse("text/html", body));
}

constexpr char kList[] =
    "# name: Infringing sites\n"
    "# version: 2026-12\n"
    "# date: 2026-12-01\n"
    "\n"
    "pirate.example\n"                   // line 5: the registrable domain and its hosts
    "*.mirror.test\n"                    // line 6: host suffix
    "https://ok.example/copied.html\n";  // line 7: one URL

struct Fixture {
  TempDir dir;
  std::filesystem::path input, list;
  Fixture() {
    input = dir.Write("in/crawl.warc.gz",
                      Gzip(Document("https://www.pirate.example/a", "<p>aaaa</p>") +
                           Document("https://cdn.mirror.test/b", "<p>bb</p>") +
                           Document("https://ok.example/copied.html#top", "<p>c</p>") +
                           Document("https://ok.example/own.html", "<p>dddddd</p>")));
    // robots.txt allows everything on ok.example and pirate.example: the list still blocks.
    dir.Write("robots/ok.example", "User-agent: *\nAllow: /\n");
    dir.Write("robots/www.pirate.example", "User-agent: *\nAllow: /\n");
    list = dir.Write("lists/infringing.txt", kList);
  }
};

std::vector<nlohmann::json> ReadLines(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(AuditBlocklists, FilterJobRemovesListedDocumentsAndNamesListVersionAndLine) {
  Fixture f;
  FilterJob job;
  job.inputs = {f.dir.path() / "in"};
  job.out = f.dir.path() / "out";
  job.audit.robots = f.dir.path() / "robots";
  job.audit.blocklists = {f.list};
  Result<FilterResult> result = RunFilterJob(job);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_TRUE(result->errors.empty());
  EXPECT_EQ(result->kept, 1u);
  EXPECT_EQ(result->kept_bytes, std::string("<p>dddddd</p>").size());
  EXPECT_EQ(result->removed, 3u);
  EXPECT_EQ(result->blocked, 3u);
  std::map<std::string, uint32_t> line_of = {{"https://www.pirate.example/a", 5},
                                             {"https://cdn.mirror.test/b", 6},
                                             {"https://ok.example/copied.html#top", 7}};
  std::vector<nlohmann::json> lines = ReadLines(result->manifest);
  ASSERT_EQ(lines.size(), 3u);
  for (const nlohmann::json& line : lines) {
    std::string url = line.at("url");
    SCOPED_TRACE(url);
    ASSERT_EQ(line_of.count(url), 1u);
    EXPECT_EQ(line.at("verdict"), "blocked");
    const nlohmann::json& signal = line.at("signals").at(0);
    EXPECT_EQ(signal.at("kind"), "blocklist");
    EXPECT_EQ(signal.at("effect"), "blocks");
    EXPECT_EQ(signal.at("source"), "Infringing sites 2026-12 (2026-12-01)");
    EXPECT_EQ(signal.at("location"), f.list.string());
    EXPECT_EQ(signal.at("line"), line_of[url]);
  }
}

TEST(AuditBlocklists, ScanCountsBlockedVerdictsAndTheBlocklistSignal) {
  Fixture f;
  auto suffixes = optout::PublicSuffixList::Load();
  ASSERT_TRUE(suffixes.ok());
  AuditSources sources;
  sources.blocklists = {f.list};  // no robots.txt at all: the list alone decides
  auto setup = AuditSetup::Load(sources, *suffixes);
  ASSERT_TRUE(setup.ok()) << setup.status().message();
  ASSERT_EQ((*setup)->blocklists().size(), 1u);
  ScanOptions options;
  options.suffixes = *suffixes;
  options.auditor = &(*setup)->auditor();
  auto stats = ScanFiles({f.input}, options);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->verdicts.at("blocked").records, 3u);
  EXPECT_EQ(stats->verdicts.at("unknown").records, 1u);  // own.html: no evidence either way
  EXPECT_EQ(stats->signals.at("blocklist").records, 3u);
  EXPECT_EQ(stats->signals.size(), 1u);
}

TEST(AuditBlocklists, ABadListIsRefusedWithItsFileAndLine) {
  Fixture f;
  auto bad = f.dir.Write("lists/bad.txt", "# name: x\nok.example\nhttps://\n");
  AuditSources sources;
  sources.blocklists = {f.list, bad};
  auto setup = AuditSetup::Load(sources, optout::PublicSuffixList::Load().value());
  ASSERT_FALSE(setup.ok());
  EXPECT_EQ(setup.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(setup.status().message().find(bad.string() + ":3"), std::string::npos)
      << setup.status().message();
}

TEST(AuditBlocklists, AJobNeedsRobotsOrAList) {
  Fixture f;
  FilterJob job;
  job.inputs = {f.input};
  job.out = f.dir.path() / "out";
  Result<FilterResult> result = RunFilterJob(job);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidInput);
  EXPECT_FALSE(std::filesystem::exists(job.out));
}

}  // namespace
}  // namespace gpaikit::corpus
