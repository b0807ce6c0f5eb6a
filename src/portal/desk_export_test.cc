// Tests of the desk's CSV export (RFC 4180, formula injection neutralised) and figures.
#include <gtest/gtest.h>

#include "portal/desk_csv.h"
#include "portal/desk_figures.h"

namespace gpaikit::portal {
namespace {

constexpr int64_t kDay = 86400;

TEST(DeskCsvTest, QuotesWhatRfc4180Requires) {
  EXPECT_EQ(CsvCell("plain"), "plain");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvCell("two\r\nlines"), "\"two\r\nlines\"");
  EXPECT_EQ(CsvCell(""), "");
}

// OWASP CSV injection: a cell a spreadsheet would run as a formula starts with ' instead.
TEST(DeskCsvTest, FormulaCharactersAreNeutralised) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://evil.example\")"),
            "\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
  for (const char* text : {"=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"}) {
    std::string cell = CsvCell(text);
    EXPECT_TRUE(cell.starts_with("\"'")) << text << " -> " << cell;
  }
  EXPECT_EQ(CsvCell("a=1"), "a=1") << "only a leading character matters";
}

TEST(DeskCsvTest, DocumentReadsBackCellForCell) {
  std::vector<CsvRow> rows = {{"C-2026-000001", "=cmd|' /C calc'!A0", "line1\nline2", ""},
                              {"C-2026-000002", "plain, with comma", "\"quoted\"", "x"}};
  std::string document = CsvDocument({"number", "title", "text", "owner"}, rows);
  EXPECT_TRUE(document.ends_with("\r\n"));
  Result<std::vector<CsvRow>> read = ParseCsv(document, "export.csv");
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_EQ(read->size(), 3u);
  EXPECT_EQ((*read)[0], (CsvRow{"number", "title", "text", "owner"}));
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < rows[r].size(); ++c) {
      EXPECT_EQ((*read)[r + 1][c], CsvShownText(rows[r][c]));
    }
  }
}

TEST(DeskCsvTest, ReaderNamesThePlaceOfAnError) {
  Result<std::vector<CsvRow>> open = ParseCsv("a,b\r\nc,\"never closed\r\n", "x.csv");
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().message(), "x.csv:2:3: quoted field is not closed");
  Result<std::vector<CsvRow>> stray = ParseCsv("a,b\"c\r\n", "x.csv");
  ASSERT_FALSE(stray.ok());
  EXPECT_EQ(stray.status().message(), "x.csv:1:4: a quote inside an unquoted field");
  EXPECT_FALSE(ParseCsv("\"a\"b\r\n", "x.csv").ok());
}

TEST(DeskFiguresTest, MedianDaysToFirstReply) {
  EXPECT_FALSE(MedianDaysToFirstReply({}).has_value());
  EXPECT_FALSE(MedianDaysToFirstReply({{0, 0, 0}}).has_value()) << "no reply yet";
  EXPECT_DOUBLE_EQ(*MedianDaysToFirstReply({{0, 3 * kDay, 0}, {0, 1 * kDay, 0}, {0, 10 * kDay, 0}}),
                   3.0);
  // Even count: mean of the middle two; unreplied cases do not count.
  EXPECT_DOUBLE_EQ(
      *MedianDaysToFirstReply(
          {{0, 2 * kDay, 0}, {0, 5 * kDay, 0}, {100, 0, 0}, {0, 1 * kDay, 0}, {0, 8 * kDay, 0}}),
      3.5);
  EXPECT_DOUBLE_EQ(*MedianDaysToFirstReply({{0, kDay / 2, 0}}), 0.5);
}

TEST(DeskFiguresTest, OpenItemsPerAgeBucket) {
  int64_t now = 1000 * kDay;
  std::vector<CaseTimes> cases = {{now, 0, 0},                       // 0 days
                                  {now - 7 * kDay, 0, 0},            // 7: first bucket (inclusive)
                                  {now - 8 * kDay, 0, 0},            // 8
                                  {now - 14 * kDay, now - kDay, 0},  // 14, replied but open
                                  {now - 15 * kDay, 0, 0},           // 15
                                  {now - 91 * kDay, 0, 0},           // 91
                                  {now - 200 * kDay, 0, now - kDay}};  // closed: not counted
  std::vector<AgeBucket> buckets = OpenItemsPerAge(cases, now);
  ASSERT_EQ(buckets.size(), 5u);
  EXPECT_EQ(buckets[0].label, "0-7 days");
  EXPECT_EQ(buckets[1].label, "8-14 days");
  EXPECT_EQ(buckets[4].label, "over 90 days");
  std::vector<int64_t> counts;
  for (const AgeBucket& b : buckets) counts.push_back(b.open);
  EXPECT_EQ(counts, (std::vector<int64_t>{2, 2, 1, 0, 1}));
  EXPECT_EQ(DaysOpen({now - 200 * kDay, 0, now - kDay}, now), 199) << "closed: counted to close";
}

}  // namespace
}  // namespace gpaikit::portal
