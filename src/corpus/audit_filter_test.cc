// Opt-out audit and filter with known truth (CoP Copyright Measure 1.3; RFC 9309 robots.txt,
// TDMRep headers and meta, noai): exact counts per verdict and signal, robots captures by date,
// and filter output that re-scans to exactly the kept records in the input's format.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "corpus/corpus_test_util.h"
#include "gpaikit/corpus/audit.h"
#include "gpaikit/corpus/filter.h"
#include "gpaikit/corpus/scanner.h"

namespace gpaikit::corpus {
namespace {

using testing::Gzip;
using testing::HttpResponse;
using testing::TempDir;
using testing::WarcRecord;
using testing::Zstd;

// One document of the test corpus and what the audit must say about it.
struct Case {
  std::string url, date, headers, body;
  std::string verdict;  // allowed, reserved, unknown
  std::string signal;   // the signal that reserves it, or ""
};

// robots.txt: a.example (plain file, no date) disallows /private/; b.example has two WARC
// captures, allowing everything on 2024-01-01 and disallowing everything on 2024-06-01.
std::vector<Case> Cases() {
  const std::string meta =
      "<html><head><meta name=\"tdm-reservation\" content=\"1\"></head><body>m</body></html>";
  return {
      {"https://a.example/public/1", "2024-02-01T00:00:00Z", "", "<p>open page</p>", "allowed", ""},
      {"https://a.example/private/2", "2024-02-01T00:00:00Z", "", "<p>private</p>", "reserved",
       "robots-txt"},
      {"https://a.example/public/3", "2024-02-01T00:00:00Z", "X-Robots-Tag: noai\r\n",
       "<p>noai header</p>", "reserved", "noai"},
      // b.example: the capture nearest before the record's date applies.
      {"https://b.example/x", "2024-03-01T00:00:00Z", "", "<p>before the change</p>", "allowed",
       ""},
      {"https://b.example/y", "2024-07-01T00:00:00Z", "", "<p>after the change!</p>", "reserved",
       "robots-txt"},
      {"https://b.example/z", "2023-12-01T00:00:00Z", "", "<p>before any capture</p>", "unknown",
       ""},
      // c.example: no robots.txt; signals in the records themselves.
      {"https://c.example/h1", "2024-02-01T00:00:00Z", "X-Robots-Tag: noai\r\n", "<p>h1</p>",
       "reserved", "noai"},
      {"https://c.example/h2", "2024-02-01T00:00:00Z", "tdm-reservation: 1\r\n", "<p>h2 x</p>",
       "reserved", "tdmrep-header"},
      {"https://c.example/h3", "2024-02-01T00:00:00Z", "", meta, "reserved", "tdmrep-meta"},
      {"https://c.example/h4", "2024-02-01T00:00:00Z", "", "<p>nothing at all</p>", "unknown", ""},
  };
}

std::string CaseWarc(const std::vector<Case>& cases) {
  std::string out = WarcRecord("warcinfo", "", "2024-01-01T00:00:00Z", "application/warc-fields",
                               "software: test\r\n");
  for (const Case& c : cases) {
    out += WarcRecord("request", c.url, c.date, "application/http; msgtype=request",
                      "GET / HTTP/1.1\r\n\r\n");
    out += WarcRecord("response", c.url, c.date, "application/http; msgtype=response",
                      HttpResponse("text/html", c.body, c.headers));
  }
  return out;
}

std::string RobotsCapture(const std::string& host, const std::string& date,
                          const std::string& body) {
  return WarcRecord("response", "https://" + host + "/robots.txt", date,
                    "application/http; msgtype=response", HttpResponse("text/plain", body));
}

struct Fixture {
  TempDir dir;
  std::shared_ptr<const optout::PublicSuffixList> suffixes =
      optout::PublicSuffixList::Load().value();
  std::optional<RobotsSnapshots> robots;
  std::optional<optout::CrawlerRegistry> registry;
  std::unique_ptr<Auditor> auditor;

  Fixture() {
    dir.Write("robots/a.example.txt", "User-agent: *\nDisallow: /private/\n");
    dir.Write("robots/captures.warc.gz", Gzip(RobotsCapture("b.example", "2024-01-01T00:00:00Z",
                                                            "User-agent: *\nAllow: /\n")) +
                                             Gzip(RobotsCapture("b.example", "2024-06-01T00:00:00Z",
                                                                "User-agent: *\nDisallow: /\n")));
    auto loaded = RobotsSnapshots::Load(dir.path() / "robots");
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    robots = std::move(loaded.value());
    auto crawlers = optout::CrawlerRegistry::Load(optout::CrawlerRegistry::DefaultPath());
    EXPECT_TRUE(crawlers.ok()) << crawlers.status().message();
    registry = std::move(crawlers.value());
    auditor = std::make_unique<Auditor>(&*robots, &*registry, suffixes);
  }

  ScanOptions Options() const {
    ScanOptions options;
    options.suffixes = suffixes;
    options.auditor = auditor.get();
    return options;
  }
};

TEST(RobotsSnapshots, PlainFilesAndWarcCapturesByHostAndDate) {
  Fixture f;
  EXPECT_EQ(f.robots->hosts(), 2u);
  EXPECT_EQ(f.robots->captures(), 3u);
  EXPECT_EQ(f.robots->For("b.example", "2023-12-31T00:00:00Z").policy, nullptr);
  auto early = f.robots->For("b.example", "2024-03-01T00:00:00Z");
  auto late = f.robots->For("b.example", "2024-06-01T00:00:00Z");  // on the day of the capture
  ASSERT_NE(early.policy, nullptr);
  ASSERT_NE(late.policy, nullptr);
  EXPECT_NE(early.policy, late.policy);
  EXPECT_EQ(early.fetched_at, "2024-01-01T00:00:00");
  EXPECT_EQ(late.fetched_at, "2024-06-01T00:00:00");
  EXPECT_NE(f.robots->For("a.example", "").policy, nullptr);  // no date: applies always
  EXPECT_EQ(f.robots->For("c.example", "2024-03-01").policy, nullptr);
}

TEST(Audit, CountsPerVerdictAndSignalAreExact) {
  Fixture f;
  std::vector<Case> cases = Cases();
  auto file = f.dir.Write("corpus.warc.gz", Gzip(CaseWarc(cases)));
  auto stats = ScanFiles({file}, f.Options());
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  ASSERT_EQ(stats->errors_total, 0u) << stats->errors.at(0).message;
  std::map<std::string, OptoutCounts> verdicts, signals;
  for (const Case& c : cases) {
    verdicts[c.verdict].records += 1;
    verdicts[c.verdict].content_bytes += c.body.size();
    if (!c.signal.empty()) {
      signals[c.signal].records += 1;
      signals[c.signal].content_bytes += c.body.size();
    }
  }
  EXPECT_EQ(stats->records, cases.size());
  ASSERT_EQ(stats->verdicts.size(), verdicts.size());
  for (const auto& [verdict, counts] : verdicts) {
    SCOPED_TRACE(verdict);
    ASSERT_EQ(stats->verdicts.count(verdict), 1u);
    EXPECT_EQ(stats->verdicts.at(verdict).records, counts.records);
    EXPECT_EQ(stats->verdicts.at(verdict).content_bytes, counts.content_bytes);
  }
  ASSERT_EQ(stats->signals.size(), signals.size());
  for (const auto& [signal, counts] : signals) {
    SCOPED_TRACE(signal);
    ASSERT_EQ(stats->signals.count(signal), 1u);
    EXPECT_EQ(stats->signals.at(signal).records, counts.records);
    EXPECT_EQ(stats->signals.at(signal).content_bytes, counts.content_bytes);
  }
  nlohmann::json json = stats->ToJson();
  EXPECT_EQ(json["optout"]["verdicts"]["reserved"]["records"], verdicts["reserved"].records);
  auto back = CorpusStats::FromJson(json, "audit");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ToJson(), json);
}

TEST(Audit, EachDocumentsVerdictAndDecidingSignal) {
  Fixture f;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.url + " " + c.date);
    std::string warc = WarcRecord("response", c.url, c.date, "application/http; msgtype=response",
                                  HttpResponse("text/html", c.body, c.headers));
    auto stats = ScanFiles({f.dir.Write("one.warc", warc)}, f.Options());
    ASSERT_TRUE(stats.ok());
    ASSERT_EQ(stats->verdicts.size(), 1u);
    EXPECT_EQ(stats->verdicts.begin()->first, c.verdict);
    if (c.signal.empty()) {
      EXPECT_TRUE(stats->signals.empty());
    } else {
      ASSERT_EQ(stats->signals.size(), 1u);
      EXPECT_EQ(stats->signals.begin()->first, c.signal);
    }
  }
}

std::vector<nlohmann::json> ReadLines(const std::filesystem::path& path) {
  std::vector<nlohmann::json> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

std::string Head(const std::filesystem::path& path, size_t n) {
  std::ifstream in(path, std::ios::binary);
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

// Filters `file`, then checks the output re-scans to exactly the kept cases and the manifest
// names each removed case with its signal.
void ExpectFilterTruth(const Fixture& f, const std::filesystem::path& file,
                       const std::vector<Case>& cases, std::string_view magic) {
  std::filesystem::path out_dir = f.dir.path() / ("out-" + file.filename().string());
  auto result = FilterFiles({file}, out_dir, f.Options());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_TRUE(result->errors.empty());
  std::set<std::string> kept_urls, removed_urls;
  uint64_t kept_bytes = 0;
  for (const Case& c : cases) {
    if (c.verdict == "reserved") {
      removed_urls.insert(c.url);
    } else {
      kept_urls.insert(c.url);
      kept_bytes += c.body.size();
    }
  }
  EXPECT_EQ(result->kept, kept_urls.size());
  EXPECT_EQ(result->removed, removed_urls.size());
  EXPECT_EQ(result->kept_bytes, kept_bytes);
  std::filesystem::path output = out_dir / file.filename();
  ASSERT_EQ(result->outputs.size(), 1u);
  EXPECT_EQ(result->outputs[0], output);
  EXPECT_EQ(Head(output, magic.size()), magic);  // the input's compression

  // Re-scan: exactly the kept records (and, audited again, none reserved).
  auto rescan = ScanFiles({output}, f.Options());
  ASSERT_TRUE(rescan.ok());
  EXPECT_EQ(rescan->errors_total, 0u);
  EXPECT_EQ(rescan->records, kept_urls.size());
  EXPECT_EQ(rescan->content_bytes, kept_bytes);
  EXPECT_EQ(rescan->verdicts.count("reserved"), 0u);
  EXPECT_TRUE(rescan->signals.empty());

  // The manifest: one line per removed record, naming its signal.
  std::vector<nlohmann::json> lines = ReadLines(result->manifest);
  ASSERT_EQ(lines.size(), removed_urls.size());
  for (const nlohmann::json& line : lines) {
    std::string url = line.at("url");
    SCOPED_TRACE(url);
    EXPECT_EQ(removed_urls.count(url), 1u);
    EXPECT_EQ(line.at("file"), file.string());
    EXPECT_EQ(line.at("verdict"), "reserved");
    const Case* c = nullptr;
    for (const Case& each : cases) {
      if (each.url == url) c = &each;
    }
    ASSERT_NE(c, nullptr);
    ASSERT_FALSE(line.at("signals").empty());
    EXPECT_EQ(line.at("signals")[0].at("kind"), c->signal);
    EXPECT_EQ(line.at("content_bytes"), c->body.size());
  }
}

TEST(Filter, WarcGzOutputRescansToTheKeptRecordsAndTheManifestNamesEachSignal) {
  Fixture f;
  std::vector<Case> cases = Cases();
  // One gzip stream in; the output has one member per record.
  auto file = f.dir.Write("crawl.warc.gz", Gzip(CaseWarc(cases)));
  ExpectFilterTruth(f, file, cases, "\x1f\x8b");
  // Non-documents are kept as they are: warcinfo and the ten requests.
  auto result = FilterFiles({file}, f.dir.path() / "again", f.Options());
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->other_records, 1u + cases.size());
}

TEST(Filter, JsonlZstOutputRescansToTheKeptRecords) {
  Fixture f;
  // JSONL has no headers: robots.txt decides (a.example by path, b.example by date).
  std::vector<Case> cases;
  for (const Case& c : Cases()) {
    if (c.url.find("c.example") != std::string::npos || !c.headers.empty()) continue;
    cases.push_back(c);
  }
  ASSERT_EQ(cases.size(), 5u);
  std::string lines;
  for (const Case& c : cases) {
    lines += nlohmann::json{{"text", c.body}, {"url", c.url}, {"date", c.date}}.dump() + "\n";
  }
  auto file = f.dir.Write("docs.jsonl.zst", Zstd(lines));
  ExpectFilterTruth(f, file, cases, "\x28\xb5\x2f\xfd");
}

// Issue 14: --out equal to the input folder truncated the input while reading it, and an input
// named removed.jsonl was overwritten by the manifest. Both refused; the inputs stay intact.
TEST(Filter, RefusesAnOutputFolderThatHoldsAnInput) {
  Fixture f;
  std::vector<Case> cases = Cases();
  std::string warc = Gzip(CaseWarc(cases));
  auto file = f.dir.Write("in/crawl.warc.gz", warc);
  auto manifest_named = f.dir.Write("in2/removed.jsonl", "{\"text\":\"x\"}\n");
  for (const auto& [input, out] :
       {std::pair{file, f.dir.path() / "in"}, std::pair{file, f.dir.path()},
        std::pair{manifest_named, f.dir.path() / "in2" / "."}}) {
    SCOPED_TRACE(out.string());
    auto result = FilterFiles({input}, out, f.Options());
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(result.status().message().find("holds the input " + input.string()),
              std::string::npos)
        << result.status().message();
  }
  EXPECT_EQ(Head(file, warc.size()), warc);
  EXPECT_EQ(Head(manifest_named, 100), "{\"text\":\"x\"}\n");
}

}  // namespace
}  // namespace gpaikit::corpus
