// Tests of documentation versions and downstream requests in the records log (Code of Practice,
// Transparency, Measure 1.1 keep previous versions, 1.2(4) answer within 14 days, 1.3 integrity).
#include <gtest/gtest.h>

#include "gpaikit/docs_records.h"

namespace gpaikit::docs {
namespace {

std::filesystem::path FreshFolder(const char* name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

CivilDate Date(const char* text) { return *CivilDate::Parse(text); }

TEST(RecordsTest, VersionsAreNumberedPerModelAndDiffFieldByField) {
  auto records = store::RecordsDatabase::Open(FreshFolder("gpaikit-docs-versions"));
  ASSERT_TRUE(records.ok()) << records.status().message();
  nlohmann::json first = {{"rows", {{"2.1", {{"value", "a transformer"}}}}}};
  nlohmann::json second = {{"rows", {{"2.1", {{"value", "a sparse transformer"}}}}}};
  ASSERT_TRUE(
      PublishVersion(**records, "m", first, {{"ai-office.html", "ab"}}, "first", "me", "2036-03-01")
          .ok());
  ASSERT_TRUE(PublishVersion(**records, "other", first, {}, "", "me", "").ok());
  Result<PublishedVersion> v2 = PublishVersion(**records, "m", second, {{"ai-office.html", "cd"}},
                                               "second", "me", "2036-03-01");
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->number, 2);
  Result<std::vector<PublishedVersion>> versions = PublishedVersions(**records, "m");
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].retain_until, "2036-03-01");
  std::vector<std::string> diff =
      DiffJson((*versions)[0].content["documentation"], (*versions)[1].content["documentation"]);
  EXPECT_EQ(diff, std::vector<std::string>{
                      "rows.2.1.value: \"a transformer\" -> \"a sparse transformer\""});
  EXPECT_TRUE((*records)->Verify()->ok());
}

// Measure 1.2(4): due 14 days after receipt; overdue while unanswered after that.
TEST(RecordsTest, RequestsAreDueAfterTheAnswerPeriodAndAnsweredOnce) {
  auto records = store::RecordsDatabase::Open(FreshFolder("gpaikit-docs-requests"));
  ASSERT_TRUE(records.ok());
  Result<Request> added =
      AddRequest(**records, "Acme Health", "m", "context window", Date("2026-11-02"), 14, "me");
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_EQ(added->number, 1);
  EXPECT_EQ(added->due, Date("2026-11-16"));
  EXPECT_FALSE(added->Overdue(Date("2026-11-16")));
  EXPECT_TRUE(added->Overdue(Date("2026-11-17")));
  EXPECT_FALSE(AnswerRequest(**records, 1, Date("2026-11-01"), "", "me").ok());  // before receipt
  Result<Request> answered = AnswerRequest(**records, 1, Date("2026-11-20"), "sent", "me");
  ASSERT_TRUE(answered.ok());
  EXPECT_FALSE(answered->Overdue(Date("2026-12-31")));
  EXPECT_TRUE(answered->AnsweredLate());
  EXPECT_FALSE(AnswerRequest(**records, 1, Date("2026-11-21"), "", "me").ok());
  EXPECT_EQ(AnswerRequest(**records, 7, Date("2026-11-21"), "", "me").status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace gpaikit::docs
