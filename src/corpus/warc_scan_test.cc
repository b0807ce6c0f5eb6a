// WARC scans with known truth (ISO 28500 WARC 1.1 sections 4-6; RFC 9112 7.1 chunked bodies):
// exact documents, bytes, modalities, domains, dates, and each kind of bad input reported.
#include <gtest/gtest.h>

#include "corpus/corpus_test_util.h"
#include "gpaikit/corpus/scanner.h"

namespace gpaikit::corpus {
namespace {

using testing::Gzip;
using testing::HttpResponse;
using testing::TempDir;
using testing::WarcRecord;
using testing::Zstd;

std::shared_ptr<const optout::PublicSuffixList> Suffixes() {
  static auto list = optout::PublicSuffixList::Load();
  return list.value();
}

ScanOptions Options() {
  ScanOptions options;
  options.suffixes = Suffixes();
  return options;
}

// "<prefix><i><suffix>", built by appending: GCC 12 at -O3 reports a false -Wrestrict (an overlap
// of 2^63 bytes) inside `"h" + std::to_string(i) + ".warc"`.
std::string NumberedName(std::string prefix, int i, std::string_view suffix) {
  prefix += std::to_string(i);
  prefix += suffix;
  return prefix;
}

CorpusStats Scan(const std::vector<std::filesystem::path>& files, ScanOptions options = Options()) {
  auto stats = ScanFiles(files, options);
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  return std::move(stats.value());
}

// Six records: warcinfo, request, response (HTML, 25-byte body), response (chunked, 9 bytes
// de-chunked), resource (PNG, 4 bytes), conversion (WET text, 11 bytes).
std::vector<std::string> SampleRecords() {
  std::string html = "<html><p>hello</p></html>";  // 25 bytes
  std::string chunked_http =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4\r\nabcd\r\n5\r\nefghi\r\n0\r\n\r\n";
  return {
      WarcRecord("warcinfo", "", "2024-01-01T00:00:00Z", "application/warc-fields", "a: b\r\n"),
      WarcRecord("request", "https://www.example.com/", "2024-01-02T00:00:00Z",
                 "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n"),
      WarcRecord("response", "https://www.example.com/", "2024-01-02T00:00:00Z",
                 "application/http; msgtype=response", HttpResponse("text/html", html)),
      WarcRecord("response", "http://news.bbc.co.uk/a", "2024-03-05T10:00:00Z",
                 "application/http; msgtype=response", chunked_http),
      WarcRecord("resource", "https://img.example.com/x.png", "2023-12-31T23:59:59Z", "image/png",
                 "\x89PNG"),
      WarcRecord("conversion", "http://192.0.2.7/page", "2024-02-01T00:00:00Z", "text/plain",
                 "plain words"),
  };
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

void ExpectSampleTruth(const CorpusStats& s) {
  EXPECT_EQ(s.records, 4u);
  EXPECT_EQ(s.content_bytes, 25u + 9u + 4u + 11u);
  const ModalityStats& text = s.modalities[static_cast<size_t>(Modality::kText)];
  EXPECT_EQ(text.records, 3u);
  EXPECT_EQ(text.content_bytes, 45u);
  EXPECT_EQ(text.bytes_without_tokens, 45u);
  EXPECT_EQ(s.Tokens(Modality::kText), 11u);  // 45 / 4.0 rounded
  const ModalityStats& image = s.modalities[static_cast<size_t>(Modality::kImage)];
  EXPECT_EQ(image.records, 1u);
  EXPECT_EQ(image.content_bytes, 4u);
  auto domains = s.domains.Sorted();
  ASSERT_EQ(domains.size(), 3u);
  EXPECT_EQ(domains[0].first, "example.com");  // 25 + 4 bytes, two hosts, one domain
  EXPECT_EQ(domains[0].second.records, 2u);
  EXPECT_EQ(domains[0].second.content_bytes, 29u);
  EXPECT_EQ(domains[1].first, "192.0.2.7");  // IP hosts as they are
  EXPECT_EQ(domains[1].second.content_bytes, 11u);
  EXPECT_EQ(domains[2].first, "bbc.co.uk");  // public suffix co.uk
  EXPECT_EQ(domains[2].second.content_bytes, 9u);
  EXPECT_EQ(s.first_date, "2023-12-31T23:59:59Z");
  EXPECT_EQ(s.last_date, "2024-03-05T10:00:00Z");
  EXPECT_EQ(s.other_records.at("warcinfo"), 1u);
  EXPECT_EQ(s.other_records.at("request"), 1u);
  EXPECT_EQ(s.errors_total, 0u) << (s.errors.empty() ? "" : s.errors[0].message);
}

TEST(WarcScan, PlainGzipPerRecordSingleStreamAndZstdGiveTheSameTruth) {
  TempDir dir;
  std::vector<std::string> records = SampleRecords();
  std::string per_member;
  for (const std::string& r : records) per_member += Gzip(r);
  ExpectSampleTruth(Scan({dir.Write("a.warc", Join(records))}));
  ExpectSampleTruth(Scan({dir.Write("b.warc.gz", per_member)}));
  ExpectSampleTruth(Scan({dir.Write("c.warc.gz", Gzip(Join(records)))}));
  ExpectSampleTruth(Scan({dir.Write("d.warc.zst", Zstd(Join(records)))}));
  // Recognised by bytes, not by name.
  ExpectSampleTruth(Scan({dir.Write("e.data", per_member)}));
  ScanOptions zlib = Options();
  zlib.gzip = GzipEngine::kZlib;
  ExpectSampleTruth(Scan({dir.Write("f.warc.gz", per_member)}, zlib));
}

// Records larger than the decoder window, so the window is compacted and grown while a record's
// header has been read and its body has not (the header's fields must be read again after).
TEST(WarcScan, ManyRecordsAcrossDecoderWindows) {
  TempDir dir;
  std::string big(3000000, 'x');
  std::string data;
  uint64_t want = 0;
  for (int i = 0; i < 44; ++i) {
    size_t size = i < 40 ? 1000 + i * 7000 : 600000 * (i - 39);  // the last four 0.6-2.4 MB
    data += WarcRecord("response", "https://site" + std::to_string(i % 4) + ".org/",
                       "2024-01-01T00:00:00Z", "application/http; msgtype=response",
                       HttpResponse("text/plain", big.substr(0, size)));
    want += size;
  }
  for (std::string name : {"big.warc", "big.warc.gz"}) {
    SCOPED_TRACE(name);
    CorpusStats s = Scan({dir.Write(name, name == "big.warc" ? data : Gzip(data))});
    EXPECT_EQ(s.records, 44u);
    EXPECT_EQ(s.content_bytes, want);
    EXPECT_EQ(s.domains.size(), 4u);
    EXPECT_TRUE(s.other_records.empty());
    EXPECT_EQ(s.errors_total, 0u);
  }
}

TEST(WarcScan, BadInputIsReportedWithOffsetsAndTheScanGoesOn) {
  TempDir dir;
  std::vector<std::string> good = SampleRecords();
  std::string no_uri =
      WarcRecord("response", "", "2024-01-01T00:00:00Z", "application/http; msgtype=response",
                 HttpResponse("text/html", "x"));
  std::string not_http = WarcRecord("response", "https://a.example.org/", "2024-01-01T00:00:00Z",
                                    "application/http; msgtype=response", "garbage, not HTTP");
  std::string data = good[2] + "JUNK BYTES\r\n" + no_uri + not_http + good[3];
  uint64_t junk_at = good[2].size();
  uint64_t no_uri_at = junk_at + 12;
  uint64_t not_http_at = no_uri_at + no_uri.size();
  auto path = dir.Write("bad.warc", data);
  CorpusStats s = Scan({path});
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.content_bytes, 25u + 9u);
  EXPECT_EQ(s.skipped_records, 2u);
  ASSERT_EQ(s.errors_total, 3u);
  EXPECT_EQ(s.errors[0].file, path.string());
  EXPECT_EQ(s.errors[0].offset, junk_at);
  EXPECT_NE(s.errors[0].message.find("12 bytes that are not a WARC record"), std::string::npos)
      << s.errors[0].message;
  EXPECT_EQ(s.errors[1].offset, no_uri_at);
  EXPECT_NE(s.errors[1].message.find("no WARC-Target-URI"), std::string::npos);
  EXPECT_EQ(s.errors[2].offset, not_http_at);
  EXPECT_NE(s.errors[2].message.find("not an HTTP response"), std::string::npos);

  ScanOptions strict = Options();
  strict.strict = true;
  CorpusStats stopped = Scan({path}, strict);
  EXPECT_EQ(stopped.errors_total, 1u);
  EXPECT_EQ(stopped.records, 1u);
}

TEST(WarcScan, TruncatedGzipMemberAndCorruptMemberAreReportedAndReadingResumes) {
  TempDir dir;
  std::vector<std::string> r = SampleRecords();
  std::string m2 = Gzip(r[2]), m3 = Gzip(r[3]), m4 = Gzip(r[4]);
  std::string corrupt = m3;
  corrupt[corrupt.size() / 2] = static_cast<char>(corrupt[corrupt.size() / 2] ^ 0x55);
  corrupt[corrupt.size() / 2 + 1] = static_cast<char>(corrupt[corrupt.size() / 2 + 1] ^ 0x55);
  // Good member, corrupt member, good member, truncated member.
  auto path = dir.Write("t.warc.gz", m2 + corrupt + m4 + m3.substr(0, m3.size() - 10));
  CorpusStats s = Scan({path});
  EXPECT_EQ(s.records, 2u);  // records 2 and 4
  EXPECT_EQ(s.content_bytes, 25u + 4u);
  ASSERT_GE(s.errors_total, 2u);
  bool saw_corrupt = false, saw_truncated = false;
  for (const CorpusError& e : s.errors) {
    if (e.message.find("gzip member starting at byte " + std::to_string(m2.size())) !=
        std::string::npos) {
      saw_corrupt = true;
    }
    if (e.message.find("truncated gzip member starting at byte " +
                       std::to_string(m2.size() + corrupt.size() + m4.size())) !=
        std::string::npos) {
      saw_truncated = true;
    }
  }
  EXPECT_TRUE(saw_corrupt);
  EXPECT_TRUE(saw_truncated);
}

// Issue 14 (ISO 28500 section 5.3: Content-Length is the block's length): a Content-Length that
// runs past its record, over the next records or past the file's end, loses only that record;
// reading resumes at the next "WARC/1." line and the skipped bytes are named with their offset.
TEST(WarcScan, AContentLengthPastItsRecordResynchronisesAtTheNextRecord) {
  TempDir dir;
  std::vector<std::string> r = SampleRecords();
  for (size_t extra : {size_t{40}, size_t{100000}}) {
    std::string bad = r[3];
    size_t at = bad.find("Content-Length: ") + 16;
    size_t end = bad.find("\r\n", at);
    bad.replace(at, end - at, std::to_string(std::stoul(bad.substr(at, end - at)) + extra));
    for (bool gzip : {false, true}) {
      std::string file =
          gzip ? Gzip(r[2]) + Gzip(bad) + Gzip(r[4]) + Gzip(r[5]) : r[2] + bad + r[4] + r[5];
      CorpusStats s = Scan({dir.Write(gzip ? "l.warc.gz" : "l.warc", file)});
      EXPECT_EQ(s.records, 3u) << extra << gzip;  // records 2, 4 and 5
      EXPECT_EQ(s.skipped_records, 1u);
      ASSERT_EQ(s.errors_total, 1u);
      EXPECT_EQ(s.errors[0].offset, r[2].size());
      EXPECT_NE(s.errors[0].message.find("runs past the record: a record starts at offset " +
                                         std::to_string(r[2].size() + bad.size())),
                std::string::npos)
          << s.errors[0].message;
    }
  }
}

TEST(WarcScan, InvalidChunkingIsCountedAsStoredAndNoted) {
  TempDir dir;
  std::string http =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz-not-hex";
  auto path = dir.Write("c.warc", WarcRecord("response", "https://x.example/", "2024-01-01",
                                             "application/http; msgtype=response", http));
  CorpusStats s = Scan({path});
  EXPECT_EQ(s.records, 1u);
  EXPECT_EQ(s.content_bytes, 10u);
  ASSERT_EQ(s.errors_total, 1u);
  EXPECT_NE(s.errors[0].message.find("invalid chunked encoding"), std::string::npos);
  EXPECT_EQ(s.skipped_records, 0u);
}

// ISO 28500 section 4: the header block is UTF-8. A record whose header is not is counted as a
// valid one would be, with one note naming the record's offset and the byte within it.
TEST(WarcScan, InvalidUtf8InAHeaderIsNotedWithItsByteAndTheRecordCounted) {
  TempDir dir;
  std::string first = SampleRecords()[2];  // 25-byte HTML body at example.com
  // "X-Label: caf" ends at byte 193 of the record (version line and five fields before it).
  const std::string bad_values[] = {
      "caf\xff!",             // a byte that never occurs in UTF-8
      "caf\xc0\xaf",          // overlong '/'
      "caf\xe0\x80\xaf",      // overlong '/' in three bytes
      "caf\xed\xa0\x80",      // surrogate U+D800
      "caf\xf4\x90\x80\x80",  // above U+10FFFF
      "caf\xc3",              // truncated at the end of the value (é without its second byte)
      "caf\xe2\x82",          // truncated three-byte sequence
      "caf\xa9",              // continuation byte without a lead
  };
  int i = 0;
  for (const std::string& value : bad_values) {
    SCOPED_TRACE(i);
    std::string bad =
        WarcRecord("response", "https://x.example/", "2024-01-01T00:00:00Z",
                   "application/http; msgtype=response", HttpResponse("text/html", "<p>hi</p>"),
                   "X-Label: " + value + "\r\n");
    ASSERT_EQ(bad.find("X-Label: ") + 9 + 3, 193u);
    auto path = dir.Write(NumberedName("h", i++, ".warc"), first + bad + first);
    CorpusStats s = Scan({path});
    EXPECT_EQ(s.records, 3u);
    EXPECT_EQ(s.content_bytes, 25u + 9u + 25u);
    EXPECT_EQ(s.skipped_records, 0u);
    auto domains = s.domains.Sorted();
    ASSERT_EQ(domains.size(), 2u);
    EXPECT_EQ(domains[1].first, "x.example");
    EXPECT_EQ(domains[1].second.content_bytes, 9u);
    ASSERT_EQ(s.errors_total, 1u);
    EXPECT_EQ(s.errors[0].file, path.string());
    EXPECT_EQ(s.errors[0].offset, first.size());
    EXPECT_EQ(s.errors[0].message,
              "WARC header is not valid UTF-8 at byte 193 of the record (ISO 28500 section 4) "
              "(record counted)");
  }
  // In a gzip member per record: the same decoded offset, and the member's place in the file.
  // A request record (not a document) with the same fault is reported too.
  std::string bad = WarcRecord("conversion", "https://x.example/", "2024-01-01T00:00:00Z",
                               "text/plain", "words", "X-Label: \xff\r\n");
  std::string request = WarcRecord("request", "https://x.example/", "2024-01-01T00:00:00Z",
                                   "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n",
                                   "X-Label: \xff\r\n");
  CorpusStats gz = Scan({dir.Write("g.warc.gz", Gzip(first) + Gzip(bad) + Gzip(request))});
  EXPECT_EQ(gz.records, 2u);
  EXPECT_EQ(gz.content_bytes, 25u + 5u);
  EXPECT_EQ(gz.other_records["request"], 1u);
  ASSERT_EQ(gz.errors_total, 2u);
  EXPECT_EQ(gz.errors[0].offset, first.size());
  EXPECT_EQ(gz.errors[0].message,
            "WARC header is not valid UTF-8 at byte 168 of the record (ISO 28500 section 4) "
            "(record counted) (gzip member at byte " +
                std::to_string(Gzip(first).size()) + ")");
  EXPECT_EQ(gz.errors[1].offset, first.size() + bad.size());
  EXPECT_EQ(gz.errors[1].message,
            "WARC header is not valid UTF-8 at byte " + std::to_string(request.find("\xff")) +
                " of the record (ISO 28500 section 4) (record counted among other records) "
                "(gzip member at byte " +
                std::to_string(Gzip(first).size() + Gzip(bad).size()) + ")");
}

TEST(WarcScan, AHeaderWithTwoProblemsGivesOneErrorWithBothNotes) {
  TempDir dir;
  std::string http =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz-not-hex";
  std::string record =
      WarcRecord("response", "https://x.example/", "2024-01-01", "", http, "X-Label: \xc0\xaf\r\n");
  CorpusStats s = Scan({dir.Write("two.warc", record)});
  EXPECT_EQ(s.records, 1u);
  EXPECT_EQ(s.content_bytes, 10u);
  ASSERT_EQ(s.errors_total, 1u);
  EXPECT_EQ(s.errors[0].offset, 0u);
  const std::string& message = s.errors[0].message;
  EXPECT_EQ(message.substr(0, 93),
            "WARC header is not valid UTF-8 at byte 130 of the record (ISO 28500 section 4); "
            "invalid chunk");
  const std::string tail = "; counted the body as stored (record counted)";
  ASSERT_GT(message.size(), tail.size());
  EXPECT_EQ(message.substr(message.size() - tail.size()), tail);
}

// WET conversion blocks are extracted plain text in UTF-8; the byte is given within the block.
// Each text starts with the boundary characters U+0080, U+0800, U+D7FF, U+E000, U+10000 and
// U+10FFFF (19 bytes, all valid) so that the first bad byte is at 19.
TEST(WarcScan, ConversionTextThatIsNotUtf8IsNotedAndCounted) {
  TempDir dir;
  const std::string valid =
      "\xc2\x80\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf";
  ASSERT_EQ(valid.size(), 19u);
  const std::string tails[] = {
      "caf\xe9 au lait",   // Latin-1 é: the lead byte is followed by a space
      "\xed\xa0\x80",      // surrogate U+D800
      "\xed\xbf\xbf",      // surrogate U+DFFF
      "\xe0\x9f\xbf",      // overlong U+07FF
      "\xf0\x8f\xbf\xbf",  // overlong U+FFFF
      "\xf4\x90\x80\x80",  // U+110000
      "\xf5\x80\x80\x80",  // lead byte above F4
      "\xc1\xbf",          // overlong two-byte
      "\x80",              // lone continuation byte
      "\xf0\x9f\x98",      // four-byte emoji cut at the end of the block
  };
  std::string data;
  std::vector<uint64_t> offsets;
  uint64_t bytes = 0;
  for (const std::string& tail : tails) {
    offsets.push_back(data.size());
    data += WarcRecord("conversion", "http://192.0.2.7/page", "2024-02-01T00:00:00Z", "text/plain",
                       valid + tail);
    bytes += valid.size() + tail.size();
  }
  data += WarcRecord("conversion", "http://192.0.2.7/ok", "2024-02-01T00:00:00Z", "text/plain",
                     valid + "caf\xc3\xa9");
  bytes += 19 + 5;
  CorpusStats s = Scan({dir.Write("wet.warc", data)});
  EXPECT_EQ(s.records, std::size(tails) + 1);
  EXPECT_EQ(s.content_bytes, bytes);
  EXPECT_EQ(s.skipped_records, 0u);
  ASSERT_EQ(s.errors_total, std::size(tails));
  const std::string want =
      "conversion record's text is not valid UTF-8 at byte 19 of its block (record counted)";
  for (size_t i = 0; i < std::size(tails); ++i) {
    EXPECT_EQ(s.errors[i].offset, offsets[i]) << i;
    // The Latin-1 é follows "caf" (3 bytes after the valid prefix).
    EXPECT_EQ(s.errors[i].message,
              i == 0 ? "conversion record's text is not valid UTF-8 at byte 22 of its block "
                       "(record counted)"
                     : want)
        << i;
  }
}

// Valid multi-byte UTF-8 in a header is no problem, nor is a payload in another charset: response
// and resource blocks are not checked (binary, or any charset the HTTP header names).
TEST(WarcScan, ValidUtf8HeadersAndNonUtf8PayloadsGiveNoError) {
  TempDir dir;
  std::string iri = "https://www.example.com/caf\xc3\xa9/\xf0\x9f\x98\x80";  // é and 😀
  std::string html = "<p>caf\xe9 \xff\xfe\xc0\xaf</p>";                      // 16 bytes, Latin-1
  std::string data =
      WarcRecord("response", iri, "2024-01-01T00:00:00Z", "application/http; msgtype=response",
                 HttpResponse("text/html; charset=iso-8859-1", html),
                 "X-Title: \xe6\x97\xa5\xe6\x9c\xac \xf4\x8f\xbf\xbf\r\n") +
      WarcRecord("resource", iri, "2024-01-01T00:00:00Z", "image/png", "\x89PNG\xff\xd8") +
      WarcRecord("metadata", iri, "2024-01-01T00:00:00Z", "application/warc-fields",
                 "via: caf\xc3\xa9\r\n");
  CorpusStats s = Scan({dir.Write("ok.warc", data)});
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.content_bytes, 16u + 6u);
  EXPECT_EQ(s.other_records.at("metadata"), 1u);
  EXPECT_EQ(s.errors_total, 0u) << (s.errors.empty() ? "" : s.errors[0].message);
}

TEST(WarcScan, UnknownFormatsAreRejectedAtOffsetZero) {
  TempDir dir;
  CorpusStats s = Scan({dir.Write("x.arc", "filedesc://x.arc 0.0.0.0 2014 text/plain 1\n"),
                        dir.Write("y.bin", "\x01\x02hello")});
  ASSERT_EQ(s.errors_total, 2u);
  EXPECT_NE(s.errors[0].message.find("ARC file"), std::string::npos);
  EXPECT_NE(s.errors[1].message.find("expected 'WARC/1.1'"), std::string::npos);
}

TEST(Shards, MergeOfShardsEqualsOneRun) {
  TempDir dir;
  std::vector<std::string> r = SampleRecords();
  std::vector<std::filesystem::path> files;
  for (int i = 0; i < 5; ++i) {
    std::string data = r[static_cast<size_t>(2 + i % 4)] + r[2] + "junk" + r[3];
    files.push_back(dir.Write(NumberedName("f", i, ".warc.gz"), Gzip(data)));
  }
  files.push_back(dir.Write("g.jsonl", "{\"text\":\"abc\",\"url\":\"https://q.example.net/\"}\n"));
  auto all = ExpandInputs({dir.path()});
  ASSERT_TRUE(all.ok());
  CorpusStats whole = Scan(*all);
  CorpusStats merged = Scan(SelectShard(*all, 0, 3));
  for (size_t i = 1; i < 3; ++i) {
    CorpusStats shard = Scan(SelectShard(*all, i, 3));
    auto round_trip = CorpusStats::FromJson(shard.ToJson(), "shard");
    ASSERT_TRUE(round_trip.ok()) << round_trip.status().message();
    ASSERT_TRUE(merged.Merge(*round_trip).ok());
  }
  EXPECT_EQ(merged.ToJson(), whole.ToJson());
  EXPECT_GT(whole.errors_total, 0u);
  EXPECT_FALSE(merged.Merge(whole).ok());  // the same files twice
}

TEST(Shards, ParseShard) {
  size_t i = 0, n = 0;
  EXPECT_TRUE(ParseShard("1/4", &i, &n).ok());
  EXPECT_EQ(i, 1u);
  EXPECT_EQ(n, 4u);
  EXPECT_FALSE(ParseShard("4/4", &i, &n).ok());
  EXPECT_FALSE(ParseShard("1", &i, &n).ok());
  EXPECT_FALSE(ParseShard("a/2", &i, &n).ok());
}

TEST(DomainTable, SummaryKeepsHeavyDomainsWithinItsBound) {
  DomainTable table(100);
  uint64_t total = 0;
  for (int i = 0; i < 5000; ++i) {
    table.Add("small" + std::to_string(i) + ".com", 1, 10);
    total += 10;
    if (i % 10 == 0) {
      table.Add("heavy.com", 1, 1000);
      total += 1000;
    }
  }
  EXPECT_FALSE(table.exact());
  EXPECT_LE(table.size(), 100u);
  EXPECT_LE(table.error_bound(), total / 51);
  auto sorted = table.Sorted();
  ASSERT_FALSE(sorted.empty());
  EXPECT_EQ(sorted[0].first, "heavy.com");
  EXPECT_GE(sorted[0].second.content_bytes + table.error_bound(), 500u * 1000u);
  EXPECT_LE(sorted[0].second.content_bytes, 500u * 1000u);
}

}  // namespace
}  // namespace gpaikit::corpus
