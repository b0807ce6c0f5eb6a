// Energy records: written durably as JSON lines, read back, and bad lines reported at
// file:line:column and skipped (DESIGN.md "Inputs, and what bad input gets").
#include "gpaikit/energy/records.h"

#include <gtest/gtest.h>

#include "base/temp_dir_test_util.h"

namespace gpaikit::energy {
namespace {

using test_util::TempDir;

Record Sample() {
  return Record{"pretrain", "node-a", "GPU-aaaa", "gpu",
                100.5,      110.5,    2500.25,    std::string(kMethodNvmlCounter),
                1};
}

TEST(RecordsTest, WrittenRecordsReadBack) {
  TempDir dir("gpaikit-energy-test");
  Result<RecordWriter> writer =
      RecordWriter::Open(RecordsDir(dir.path()) / "pretrain" / "node-a.jsonl");
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  ASSERT_TRUE(writer->Append({Sample(), Sample()}).ok());
  Result<ParsedRecords> parsed = LoadRecords(dir.path());
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->problems.empty());
  ASSERT_EQ(parsed->records.size(), 2u);
  const Record& r = parsed->records[0];
  EXPECT_EQ(r.run, "pretrain");
  EXPECT_EQ(r.device, "GPU-aaaa");
  EXPECT_DOUBLE_EQ(r.start, 100.5);
  EXPECT_DOUBLE_EQ(r.joules, 2500.25);
  EXPECT_EQ(r.samples_lost, 1);
}

TEST(RecordsTest, NoRecordsFolderGivesNone) {
  TempDir dir("gpaikit-energy-test");
  Result<ParsedRecords> parsed = LoadRecords(dir.path());
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->records.empty());
}

TEST(RecordsTest, BadLinesAreReportedWithPlaceAndSkipped) {
  std::string good = RecordLine(Sample());
  std::string torn = good.substr(0, 40);  // a meter killed in the middle of a write
  std::string negative = good;
  negative.replace(negative.find("2500.25"), 7, "-1");
  ParsedRecords parsed;
  ParseRecords(good + "\n" + torn + "\n\n" + negative + "\n[1]\n" + good + "\n", "r.jsonl", parsed);
  EXPECT_EQ(parsed.records.size(), 2u);
  ASSERT_EQ(parsed.problems.size(), 3u);
  EXPECT_EQ(parsed.problems[0].rfind("r.jsonl:2:41: expected one JSON object per line", 0), 0u)
      << parsed.problems[0];
  EXPECT_EQ(parsed.problems[1], "r.jsonl:4:1: \"joules\": expected a non-negative number");
  EXPECT_EQ(parsed.problems[2], "r.jsonl:5:1: expected a JSON object");
}

// The fuzzer's find (CI, energy_records_fuzzer): a number beyond a double threw out of the reader.
TEST(RecordsTest, NumberBeyondADoubleIsAProblemNotACrash) {
  std::string huge = RecordLine(Sample());
  huge.replace(huge.find("2500.25"), 7, "1e99999");
  ParsedRecords parsed;
  ParseRecords("66666666666666e66666\n" + huge + "\n", "r.jsonl", parsed);
  EXPECT_TRUE(parsed.records.empty());
  ASSERT_EQ(parsed.problems.size(), 2u);
  EXPECT_EQ(parsed.problems[0].rfind("r.jsonl:1:1: expected one JSON object per line", 0), 0u)
      << parsed.problems[0];
  EXPECT_NE(parsed.problems[1].find("number overflow"), std::string::npos) << parsed.problems[1];
}

}  // namespace
}  // namespace gpaikit::energy
