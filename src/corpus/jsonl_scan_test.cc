// JSONL scans with known truth (RFC 8259 strings and escapes; FineWeb/datatrove and Dolma field
// layouts), bad lines reported by line, and every WARC fixture of ../shared read or reported.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <tuple>

#include "corpus/corpus_test_util.h"
#include "gpaikit/corpus/scan_settings.h"
#include "gpaikit/corpus/scanner.h"

namespace gpaikit::corpus {
namespace {

using testing::Gzip;
using testing::TempDir;
using testing::Zstd;

ScanOptions Options() {
  static auto list = optout::PublicSuffixList::Load();
  ScanOptions options;
  options.suffixes = list.value();
  return options;
}

CorpusStats Scan(const std::vector<std::filesystem::path>& files, ScanOptions options = Options()) {
  auto stats = ScanFiles(files, options);
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  return std::move(stats.value());
}

const ModalityStats& Text(const CorpusStats& s) {
  return s.modalities[static_cast<size_t>(Modality::kText)];
}

TEST(JsonlScan, FineWebLinesCountUtf8BytesOfTheTextAndTheirTokenCounts) {
  TempDir dir;
  // "h\u00e9\n\"" is h (1) + é (2) + \n (1) + " (1) = 5 bytes; "\ud83d\ude00" is one 4-byte emoji.
  std::string data =
      R"({"text":"h\u00e9\n\"","id":"a","url":"https://www.example.com/x","date":"2013-05-18T07:24:47Z","token_count":3})"
      "\n"
      R"({"text":"\ud83d\ude00 ok","url":"http://b.example.org/","date":"2024-02-01T00:00:00Z","token_count":2})"
      "\n\n"
      R"({"text":"plain","url":"https://sub.blog.co.uk/p","date":"2020-01-01T00:00:00Z"})"
      "\n"
      R"({"text":"nulls","url":null,"date":null})";
  for (const auto& path : {dir.Write("a.jsonl", data), dir.Write("a.jsonl.gz", Gzip(data)),
                           dir.Write("a.jsonl.zst", Zstd(data))}) {
    CorpusStats s = Scan({path});
    EXPECT_EQ(s.records, 4u);
    EXPECT_EQ(s.content_bytes, 5u + 7u + 5u + 5u);
    EXPECT_EQ(s.records_without_url, 1u);
    EXPECT_EQ(s.records_without_date, 1u);
    EXPECT_EQ(Text(s).records_with_tokens, 2u);
    EXPECT_EQ(Text(s).tokens_from_data, 5u);
    EXPECT_EQ(Text(s).bytes_without_tokens, 10u);
    EXPECT_EQ(s.Tokens(Modality::kText), 5u + 3u);  // 10 bytes / 4.0 = 2.5 rounds to 3
    auto domains = s.domains.Sorted();
    ASSERT_EQ(domains.size(), 3u);
    EXPECT_EQ(domains[0].first, "example.org");  // 7 bytes, from host b.example.org
    EXPECT_EQ(domains[1].first, "blog.co.uk");
    EXPECT_EQ(domains[2].first, "example.com");
    EXPECT_EQ(s.first_date, "2013-05-18T07:24:47Z");
    EXPECT_EQ(s.last_date, "2024-02-01T00:00:00Z");
    EXPECT_EQ(s.errors_total, 0u);
  }
}

TEST(JsonlScan, DolmaLayoutAndConfiguredFields) {
  TempDir dir;
  std::string data =
      R"({"id":"1","text":"abcd","source":"c4","added":"2023-03-01T00:00:00.000Z","metadata":{"url":"https://news.example.net/a"}})"
      "\n"
      R"({"id":"2","text":"ef","source":"books","added":"2023-04-01T00:00:00.000Z"})"
      "\n";
  CorpusStats s = Scan({dir.Write("d.jsonl", data)});
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.content_bytes, 6u);
  EXPECT_EQ(s.records_without_url, 1u);
  EXPECT_EQ(s.domains.size(), 1u);
  EXPECT_EQ(s.last_date, "2023-04-01T00:00:00.000Z");

  ScanOptions custom = Options();
  custom.reader.fields.text = {FieldPathToPointer("body.value")};
  custom.reader.fields.url = {FieldPathToPointer("link")};
  CorpusStats c =
      Scan({dir.Write("c.jsonl", R"({"body":{"value":"xyz"},"link":"http://e.example/"})"
                                 "\n")},
           custom);
  EXPECT_EQ(c.records, 1u);
  EXPECT_EQ(c.content_bytes, 3u);
  EXPECT_EQ(c.domains.Sorted().at(0).first, "e.example");
}

TEST(JsonlScan, BadLinesAreReportedByLineAndTheScanGoesOn) {
  TempDir dir;
  std::string data = std::string(R"({"text":"good","url":"https://a.example.com/"})") + "\n" +
                     R"({"text":"broken", )" + "\n" +        // line 2: invalid JSON
                     "{\"text\":\"bad \xff\xfe utf8\"}\n" +  // line 3: invalid UTF-8
                     R"({"title":"no text"})" + "\n" +       // line 4: no text field
                     R"({"text":42})" + "\n" +               // line 5: not a string
                     R"({"text":"fine again"})" + "\n";
  auto path = dir.Write("bad.jsonl", data);
  CorpusStats s = Scan({path});
  EXPECT_EQ(s.records, 2u);
  EXPECT_EQ(s.content_bytes, 4u + 10u);
  EXPECT_EQ(s.skipped_records, 4u);
  ASSERT_EQ(s.errors_total, 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(s.errors[i].line, i + 2);
    EXPECT_EQ(s.errors[i].file, path.string());
  }
  EXPECT_NE(s.errors[1].message.find("UTF-8"), std::string::npos) << s.errors[1].message;
  EXPECT_NE(s.errors[2].message.find("no text field"), std::string::npos);
  EXPECT_NE(s.errors[3].message.find("not a string"), std::string::npos);
}

TEST(JsonlScan, LinesInACorruptZstdFrameAreLostAndReported) {
  TempDir dir;
  std::string a = R"({"text":"one","url":"https://a.example.com/"})"
                  "\n";
  std::string b = R"({"text":"two","url":"https://b.example.com/"})"
                  "\n";
  std::string bad = Zstd(b);
  bad[4] = static_cast<char>(bad[4] | 0x08);  // RFC 8878 3.1.1.1.1: reserved bit set
  std::string file = Zstd(a) + bad + Zstd(a);
  CorpusStats s = Scan({dir.Write("z.jsonl.zst", file)});
  EXPECT_GE(s.errors_total, 1u);
  EXPECT_EQ(s.records, 2u);  // the first and last frames' lines
  EXPECT_EQ(s.content_bytes, 6u);
}

// Issue 14: a file cut inside its last gzip member (the CRC-32 and size) or zstd frame is
// reported as truncated, with the member's offset, even when every line was decoded before the
// cut; the failed member counts as at least one skipped record (docs/corpus.md).
TEST(JsonlScan, AFileCutInsideItsLastMemberOrFrameIsReportedAsTruncated) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 200; ++i) {
    lines += R"({"text":"line )" + std::to_string(i) +
             R"(","url":"https://a.example.com/"})"
             "\n";
  }
  std::string gz = Gzip(lines), zst = Zstd(lines);
  for (const auto& [name, bytes, unit] :
       {std::tuple<std::string, std::string, std::string>{"cut.jsonl.gz",
                                                          gz.substr(0, gz.size() - 4), "gzip"},
        {"cut.jsonl.zst", zst.substr(0, zst.size() - 2), "zstd"}}) {
    CorpusStats s = Scan({dir.Write(name, bytes)});
    ASSERT_GE(s.errors_total, 1u) << name;
    EXPECT_NE(s.errors[0].message.find("truncated " + unit), std::string::npos)
        << s.errors[0].message;
    EXPECT_NE(s.errors[0].message.find("starting at byte 0"), std::string::npos);
    EXPECT_GE(s.skipped_records, 1u) << name;
  }
}

// Issue 14: folder entries that are not files (a symbolic-link loop, a link to nothing, a named
// pipe) are reported with why, and the other files are still listed.
TEST(ExpandInputs, EntriesThatAreNotFilesAreReportedWithWhy) {
  TempDir dir;
  dir.Write("a.jsonl", "{}\n");
  std::filesystem::create_symlink("loop-b", dir.path() / "loop-a");
  std::filesystem::create_symlink("loop-a", dir.path() / "loop-b");
  std::filesystem::create_symlink("missing", dir.path() / "dangling");
  ASSERT_EQ(::mkfifo((dir.path() / "pipe").c_str(), 0600), 0);
  std::vector<CorpusError> skipped;
  auto files = ExpandInputs({dir.path()}, &skipped);
  ASSERT_TRUE(files.ok()) << files.status().message();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files->front(), dir.path() / "a.jsonl");
  ASSERT_EQ(skipped.size(), 4u);  // sorted by path
  EXPECT_EQ(skipped[0].file, (dir.path() / "dangling").string());
  EXPECT_NE(skipped[0].message.find("a symbolic link to nothing"), std::string::npos);
  EXPECT_NE(skipped[1].message.find("a loop of symbolic links"), std::string::npos);
  EXPECT_NE(skipped[2].message.find("a loop of symbolic links"), std::string::npos);
  EXPECT_NE(skipped[3].message.find("a named pipe"), std::string::npos);
}

// Issue 13: `corpus scan DIR` reads corpus files only, recognised by name or by content, never
// a README or the scan's own --out file (a JSON document, which a JSONL reader would misread).
TEST(ExpandInputs, FolderScansReadCorpusFilesOnly) {
  TempDir dir;
  std::string record = "{\"text\":\"abc\",\"url\":\"https://a.example/\"}\n";
  dir.Write("a.jsonl", record);
  dir.Write("b.data", Zstd(record));  // JSONL by content, zstd-compressed, odd name
  dir.Write("c.bin", Gzip("WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n"));
  dir.Write("README.md", "{\"looks\": \"like json\"}\n# a corpus\n");
  dir.Write("README", "WARC/1.1 is the format\n");
  dir.Write("stats.json", "{\n  \"schema\": \"gpaikit.corpus-stats/1\"\n}\n");
  dir.Write("notes.txt", "free text\n");
  dir.Write("out.json", "{\"schema\": \"gpaikit.corpus-stats/1\"}\n");
  std::vector<PassedOver> left_out;
  auto files = ExpandInputs({dir.path()}, nullptr, {dir.path() / "x/../out.json"}, &left_out);
  ASSERT_TRUE(files.ok()) << files.status().message();
  std::vector<std::filesystem::path> expected = {dir.path() / "a.jsonl", dir.path() / "b.data",
                                                 dir.path() / "c.bin"};
  EXPECT_EQ(*files, expected);
  ASSERT_EQ(left_out.size(), 5u);  // sorted by path
  EXPECT_EQ(left_out[0].path, dir.path() / "README");
  EXPECT_EQ(left_out[0].why, "a README");
  EXPECT_EQ(left_out[1].path, dir.path() / "README.md");
  EXPECT_EQ(left_out[2].path, dir.path() / "notes.txt");
  EXPECT_NE(left_out[2].why.find("neither WARC"), std::string::npos);
  EXPECT_EQ(left_out[3].path, dir.path() / "out.json");
  EXPECT_NE(left_out[3].why.find("own output"), std::string::npos);
  EXPECT_EQ(left_out[4].path, dir.path() / "stats.json");
  EXPECT_NE(left_out[4].why.find("not JSON Lines"), std::string::npos);
  // A file named on the command line is read whatever its name, unless it is the output.
  files = ExpandInputs({dir.path() / "notes.txt", dir.path() / "out.json"}, nullptr,
                       {dir.path() / "out.json"}, &left_out);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, std::vector<std::filesystem::path>{dir.path() / "notes.txt"});
  ASSERT_EQ(left_out.size(), 1u);
}

// Every file in ../shared/fixtures/warc reads fully or yields errors naming file and offset.
TEST(Fixtures, EveryWarcFixtureReadsOrReportsPreciseErrors) {
  std::filesystem::path root =
      std::filesystem::path(GPAIKIT_SOURCE_DIR) / "../shared/fixtures/warc";
  ASSERT_TRUE(std::filesystem::is_directory(root)) << root << " is missing";
  auto files = ExpandInputs({root});
  ASSERT_TRUE(files.ok());
  ASSERT_GE(files->size(), 20u);
  for (const auto& file : *files) {
    CorpusStats s = Scan({file});
    SCOPED_TRACE(file.string());
    ASSERT_EQ(s.files.size(), 1u);
    for (const CorpusError& e : s.errors) {
      EXPECT_EQ(e.file, file.string());
      EXPECT_FALSE(e.message.empty());
      EXPECT_LE(e.offset, s.files[0].decoded + 1);
    }
    std::string name = file.filename().string();
    if (name.find(".arc") != std::string::npos) {
      ASSERT_EQ(s.errors_total, 1u);
      EXPECT_NE(s.errors[0].message.find("ARC"), std::string::npos);
      continue;
    }
    uint64_t others = 0;
    for (const auto& [type, n] : s.other_records) others += n;
    EXPECT_GT(s.records + others + s.errors_total, 0u);
  }
  // Known truths of individual fixtures.
  CorpusStats example = Scan({root / "warcio/example.warc.gz"});
  EXPECT_EQ(example.errors_total, 0u);
  EXPECT_GT(example.records, 0u);
  CorpusStats plain = Scan({root / "warcio/example.warc"});
  EXPECT_EQ(plain.ToJson()["records"], example.ToJson()["records"]);
  EXPECT_EQ(plain.content_bytes, example.content_bytes);
  CorpusStats trunc = Scan({root / "warcio/example-trunc.warc"});
  EXPECT_GT(trunc.errors_total, 0u);
}

// The settings the CLI and the Python package share are checked in one place (issue 14: the
// Python package took bytes_per_token 0 and an overflowing max_record_mib unchecked).
TEST(ScanSettingsTest, BadSettingsAreRefusedAndGoodOnesApplied) {
  ScanOptions options;
  ScanSettings bad;
  bad.bytes_per_token = 0;
  EXPECT_NE(ApplyScanSettings(bad, options).message().find("from 0.1 to 1000"), std::string::npos);
  bad = ScanSettings{};
  bad.max_record_mib = size_t{1} << 44;
  EXPECT_EQ(ApplyScanSettings(bad, options).code(), StatusCode::kInvalidInput);
  bad = ScanSettings{};
  bad.gzip = "lz4";
  EXPECT_EQ(ApplyScanSettings(bad, options).code(), StatusCode::kInvalidInput);
  EXPECT_EQ(options.reader.max_record_bytes, size_t{256} << 20);  // unchanged by the refusals
  ScanSettings good;
  good.gzip = "zlib";
  good.max_record_mib = 2;
  good.url_fields = {"metadata.url"};
  ASSERT_TRUE(ApplyScanSettings(good, options).ok());
  EXPECT_EQ(options.gzip, GzipEngine::kZlib);
  EXPECT_EQ(options.reader.max_record_bytes, size_t{2} << 20);
  EXPECT_EQ(options.reader.fields.url, std::vector<std::string>{"/metadata/url"});
}

}  // namespace
}  // namespace gpaikit::corpus
