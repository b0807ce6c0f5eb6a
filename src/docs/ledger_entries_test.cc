// Tests of documentation versions and downstream requests in the ledger (Code of Practice,
// Transparency, Measure 1.1 keep previous versions, 1.2(4) answer within 14 days, 1.3 integrity).
#include "gpaikit/docs/ledger_entries.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace gpaikit::docs {
namespace {

std::filesystem::path FreshFolder(const char* name) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

CivilDate Date(const char* text) { return *CivilDate::Parse(text); }

TEST(LedgerTest, VersionsAreNumberedPerModelAndDiffFieldByField) {
  auto records = store::Ledger::Open(FreshFolder("gpaikit-docs-versions"));
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
TEST(LedgerTest, RequestsAreDueAfterTheAnswerPeriodAndAnsweredOnce) {
  auto records = store::Ledger::Open(FreshFolder("gpaikit-docs-requests"));
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

// Measure 1.3 (integrity): four published versions of a model, then one kind of tampering done
// directly on the database as an attacker with file access would (triggers dropped); `Verify`
// must fail and name the first bad entry.
struct Tampering {
  const char* name;
  const char* sql;
  int64_t first_bad;    // 0: caught by the head file instead (newest entry removed)
  const char* problem;  // part of the message
};

class PublishedLedgerTamperTest : public ::testing::TestWithParam<Tampering> {};

TEST_P(PublishedLedgerTamperTest, VerifyNamesTheFirstBadEntry) {
  const Tampering& tampering = GetParam();
  auto records =
      store::Ledger::Open(FreshFolder((std::string("gpaikit-tamper-") + tampering.name).c_str()));
  ASSERT_TRUE(records.ok()) << records.status().message();
  for (int i = 1; i <= 4; ++i) {
    std::string note = "v";  // appended: GCC 12 at -O3 misreports "v" + to_string (-Wrestrict)
    note += std::to_string(i);
    nlohmann::json documentation = {
        {"rows", {{"4.5", {{"value", "hardware " + std::to_string(i)}}}}}};
    ASSERT_TRUE(PublishVersion(**records, "m", documentation, {{"m-ai-office.json", "00"}}, note,
                               "me", "2036-03-01")
                    .ok());
  }
  ASSERT_TRUE((*records)->Verify()->ok());
  sqlite3* raw = (*records)->handle();
  ASSERT_EQ(sqlite3_exec(raw,
                         "DROP TRIGGER IF EXISTS entries_no_update; "
                         "DROP TRIGGER IF EXISTS entries_no_delete;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, tampering.sql, nullptr, nullptr, nullptr), SQLITE_OK)
      << tampering.sql;
  Result<store::Verification> verification = (*records)->Verify();
  ASSERT_TRUE(verification.ok());
  EXPECT_FALSE(verification->ok()) << tampering.name;
  if (tampering.first_bad) {
    EXPECT_EQ(verification->first_bad_seq, tampering.first_bad) << verification->problem;
  }
  EXPECT_NE(verification->problem.find(tampering.problem), std::string::npos)
      << verification->problem;
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, PublishedLedgerTamperTest,
    ::testing::Values(
        Tampering{"edit-documentation",
                  "UPDATE entries SET content = replace(content, 'hardware 2', 'hardware X') "
                  "WHERE seq = 2",
                  2, "edited"},
        Tampering{"edit-author", "UPDATE entries SET author = 'mallory' WHERE seq = 3", 3,
                  "edited"},
        Tampering{"deletion", "DELETE FROM entries WHERE seq = 2", 3, "sequence"},
        Tampering{"insertion",
                  "UPDATE entries SET seq = seq + 10 WHERE seq >= 3; "
                  "INSERT INTO entries SELECT 3, kind, subject, author, time, content, "
                  "previous_hash, hash FROM entries WHERE seq = 2",
                  3, ""},
        Tampering{"reordering",
                  "UPDATE entries SET seq = 100 WHERE seq = 2; "
                  "UPDATE entries SET seq = 2 WHERE seq = 3; "
                  "UPDATE entries SET seq = 3 WHERE seq = 100;",
                  2, ""},
        Tampering{"newest-removed", "DELETE FROM entries WHERE seq = 4", 0, "ends at entry 3"}),
    [](const ::testing::TestParamInfo<Tampering>& param_info) {
      std::string name = param_info.param.name;
      for (char& c : name)
        if (c == '-') c = '_';
      return name;
    });

}  // namespace
}  // namespace gpaikit::docs
