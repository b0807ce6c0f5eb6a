// Tests of /summaries/SEQ/NAME (summary_downloads.h): the kept rendered files of each published
// summary version as downloads, checked against the SHA-256 the ledger recorded (AI Act
// Art. 53(1)(d); Code of Practice, Transparency, Measure 1.3 integrity).
#include "portal/summary_downloads.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/docs/ledger_entries.h"
#include "gpaikit/store/published_files.h"

namespace gpaikit::portal {
namespace {

constexpr const char* kBase = "http://127.0.0.1:1/";
constexpr const char* kMd = "ex-7b-training-summary.md";
constexpr const char* kHtml = "ex-7b-training-summary.html";

// Strings joined with append (GCC 12 at -O3 reports a false -Wrestrict on "x" + std::string(...)).
template <class... Parts>
std::string Cat(const Parts&... parts) {
  std::string out;
  (out.append(parts), ...);
  return out;
}

std::string Header(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

// A project with one summary version recording a Markdown and an HTML file, both kept, and an
// older version whose Markdown file was never kept.
class SummaryDownloadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("gpaikit.yaml",
               "gpaikit: 1\nprovider:\n  legal_name: \"Example AI SAS\"\n"
               "  contact: \"a@example.eu\"\n  established_in_eu: true\nmodels:\n  - id: ex-7b\n"
               "    name: Example 7B\n    modalities: {input: [text], output: [text]}\n"
               "    parameters: {total: 7B}\n    release_date: 2025-09-15\n"
               "    union_market_date: 2025-09-15\n");
    Result<std::unique_ptr<store::Ledger>> ledger = store::Ledger::Open(dir_.path());
    ASSERT_TRUE(ledger.ok());
    nlohmann::json document = {{"schema", "gpaikit.training-summary/1"}, {"n", 1}};
    Result<docs::PublishedVersion> old =
        docs::PublishVersion(**ledger, "ex-7b", document, {{kMd, Sha256Hex("# old, never kept\n")}},
                             "first", "tester", "", docs::kSummaryVersionKind);
    ASSERT_TRUE(old.ok());
    ASSERT_TRUE((*ledger)->Append("note", "x", "tester", "{}").ok());
    note_seq_ = old->seq + 1;
    for (const std::string& bytes : {md_, html_}) {
      ASSERT_TRUE(store::KeepPublishedFile(dir_.path(), bytes).ok());
    }
    document["n"] = 2;
    Result<docs::PublishedVersion> kept = docs::PublishVersion(
        **ledger, "ex-7b", document, {{kMd, Sha256Hex(md_)}, {kHtml, Sha256Hex(html_)}}, "second",
        "tester", "", docs::kSummaryVersionKind);
    ASSERT_TRUE(kept.ok());
    old_seq_ = old->seq;
    seq_ = kept->seq;
    Result<std::unique_ptr<Site>> site = Site::Load(
        dir_.path(), {std::filesystem::path(GPAIKIT_SOURCE_DATA_DIR) / "portal/templates"});
    ASSERT_TRUE(site.ok()) << site.status().message();
    site_ = std::move(*site);
  }

  Response Get(const std::string& path) { return site_->Handle("GET", path, kBase); }
  std::string Path(int64_t seq, const std::string& name) {
    return Cat("/summaries/", std::to_string(seq), "/", name);
  }

  test_util::TempDir dir_;
  const std::string md_ = "# Public summary\n\nweb pages\n";
  const std::string html_ = "<!DOCTYPE html><html><style>p{}</style><p>summary</p></html>\n";
  int64_t old_seq_ = 0, note_seq_ = 0, seq_ = 0;
  std::unique_ptr<Site> site_;
};

TEST_F(SummaryDownloadsTest, ServesEachKeptFileAsAnAttachmentWithItsSha256AsETag) {
  Response md = Get(Path(seq_, kMd));
  EXPECT_EQ(md.status, 200);
  EXPECT_EQ(md.content_type, "text/markdown; charset=utf-8");
  EXPECT_EQ(md.body, md_);
  EXPECT_EQ(Header(md, "Content-Disposition"), Cat("attachment; filename=\"", kMd, "\""));
  EXPECT_EQ(Header(md, "ETag"), Cat("\"", Sha256Hex(md_), "\""));
  Response html = Get(Path(seq_, kHtml));
  EXPECT_EQ(html.status, 200);
  EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(html.body, html_);
  // The rendered HTML's own styles do not loosen the site's policy: only a stricter one is added.
  EXPECT_EQ(Header(html, "Content-Security-Policy"), "sandbox; default-src 'none'");
  EXPECT_EQ(site_->Handle("HEAD", Path(seq_, kMd), kBase).status, 200);
}

TEST_F(SummaryDownloadsTest, ThePageLinksKeptFilesWithTheirSizeAndSaysWhichWereNotKept) {
  std::string page = Get("/summaries").body;
  EXPECT_NE(page.find(Cat("<a href=\"", Path(seq_, kMd), "\" download>", kMd, "</a> (",
                          std::to_string(md_.size()), " bytes)")),
            std::string::npos)
      << page;
  EXPECT_NE(page.find(Cat("<a href=\"", Path(seq_, kHtml), "\" download>")), std::string::npos);
  EXPECT_EQ(page.find(Cat("href=\"", Path(old_seq_, kMd), "\"")), std::string::npos);
  EXPECT_NE(page.find(Cat(kMd, " (file not kept: only its SHA-256 is recorded): <code>",
                          Sha256Hex("# old, never kept\n"))),
            std::string::npos)
      << page;
  Response missing = Get(Path(old_seq_, kMd));
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("was not kept"), std::string::npos) << missing.body;
}

TEST_F(SummaryDownloadsTest, AKeptFileThatNoLongerMatchesItsHashIsA500NotTheBytes) {
  const std::string tampered = "# Public summary\n\nnothing crawled\n";
  dir_.Write(Cat(".gpaikit/published/", Sha256Hex(md_)), tampered);
  testing::internal::CaptureStderr();
  Response response = Get(Path(seq_, kMd));
  std::string log = testing::internal::GetCapturedStderr();
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("nothing crawled"), std::string::npos) << "the changed bytes sent";
  EXPECT_NE(response.body.find(
                Cat("does not match the SHA-256 recorded in ledger entry ", std::to_string(seq_))),
            std::string::npos)
      << response.body;
  EXPECT_NE(log.find(Sha256Hex(md_)), std::string::npos) << "logged with the file: " << log;
  EXPECT_NE(log.find(Sha256Hex(tampered)), std::string::npos) << log;
  EXPECT_EQ(Get(Path(seq_, kHtml)).status, 200) << "the other file is intact";
}

TEST_F(SummaryDownloadsTest, UnknownEntriesAndNamesAndTraversalLikeNamesAre404) {
  const std::string md(kMd);
  for (const std::string& name : std::vector<std::string>{
           "ex-7b-training-summary.pdf", "EX-7B-training-summary.md", "../../gpaikit.yaml",
           "..%2F..%2Fgpaikit.yaml", "./" + md, md + "/", md + "%00", "/" + md,
           Cat("../published/", Sha256Hex(md_)), Sha256Hex(md_), "rendered"}) {
    Response response = Get(Path(seq_, name));
    EXPECT_EQ(response.status, 404) << name;
    EXPECT_EQ(response.body.find("web pages"), std::string::npos) << name;
  }
  EXPECT_EQ(Get(Path(note_seq_, kMd)).status, 404) << "a note entry is no summary";
  EXPECT_EQ(Get(Path(99, kMd)).status, 404);
  EXPECT_EQ(Get(Cat("/summaries/0", std::to_string(seq_), "/", kMd)).status, 404);
  EXPECT_EQ(Get(Cat("/summaries//", kMd)).status, 404);
  EXPECT_EQ(Get(Cat("/summaries/", std::to_string(seq_), "/")).status, 404);
}

TEST(SummaryFilePathTest, SplitsTheEntryNumberFromTheNameAndRefusesTheRest) {
  std::optional<SummaryFilePath> parsed = ParseSummaryFilePath("/summaries/12/a-b.md");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->seq, 12);
  EXPECT_EQ(parsed->name, "a-b.md");
  parsed = ParseSummaryFilePath("/summaries/3/../x");
  ASSERT_TRUE(parsed.has_value()) << "the name is taken as it is, then matched exactly";
  EXPECT_EQ(parsed->name, "../x");
  for (std::string_view path :
       {"/summaries/12", "/summaries/12.json", "/summaries/0/x", "/summaries/012/x",
        "/summaries/1x/y", "/summaries//x", "/summaries/1/", "/summary/1/x", "summaries/1/x",
        "/summaries/1234567890123456789/x", "/summaries/-1/x"}) {
    EXPECT_FALSE(ParseSummaryFilePath(path).has_value()) << path;
  }
  EXPECT_EQ(SummaryFileHref(7, "a.md"), "/summaries/7/a.md");
  EXPECT_EQ(FileSizeText(1), "1 byte");
  EXPECT_EQ(FileSizeText(1023), "1023 bytes");
  EXPECT_EQ(FileSizeText(1536), "1.5 KiB");
  EXPECT_EQ(FileSizeText(3 * 1024 * 1024), "3.0 MiB");
}

}  // namespace
}  // namespace gpaikit::portal
