// Tests for the hash-chained ledger: append and read back, and Verify naming the first bad entry
// after each kind of direct tampering with the SQLite file (edit, deletion, insertion, reordering).
#include "gpaikit/store/ledger.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/files.h"

namespace gpaikit::store {
namespace {

namespace fs = std::filesystem;

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("gpaikit_records_" + std::to_string(::getpid()) + "_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    auto db = Ledger::Open(root_);
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(*db);
    for (int i = 1; i <= 4; ++i) {
      ASSERT_TRUE(db_->Append(i % 2 ? "mdf.version" : "incident.open", "model-a", "alice",
                              "{\"n\":" + std::to_string(i) + "}",
                              "2026-01-0" + std::to_string(i) + "T10:00:00Z")
                      .ok());
    }
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(root_);
  }

  // Tampers as an attacker with file access would: triggers dropped, SQL run directly.
  void Tamper(const std::string& sql) {
    sqlite3* raw = db_->handle();
    ASSERT_EQ(
        sqlite3_exec(
            raw,
            "DROP TRIGGER IF EXISTS entries_no_update; DROP TRIGGER IF EXISTS entries_no_delete;",
            nullptr, nullptr, nullptr),
        SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
  }

  Verification Verified() {
    Result<Verification> v = db_->Verify();
    EXPECT_TRUE(v.ok());
    return v.ok() ? *v : Verification{};
  }

  fs::path root_;
  std::unique_ptr<Ledger> db_;
};

TEST_F(LedgerTest, AppendsChainsAndReadsBack) {
  auto all = db_->Entries();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[0].previous_hash, "");
  EXPECT_EQ((*all)[1].previous_hash, (*all)[0].hash);
  EXPECT_EQ((*all)[3].time, "2026-01-04T10:00:00Z");
  EXPECT_EQ(db_->Entries("incident.")->size(), 2u);
  EXPECT_EQ(db_->Get(3)->content, "{\"n\":3}");
  EXPECT_FALSE(db_->Get(9).ok());
  EXPECT_TRUE(Verified().ok());
  EXPECT_EQ(Verified().entries_checked, 4);
  EXPECT_TRUE(fs::exists(root_ / ".gpaikit" / "ledger-head"));
}

TEST_F(LedgerTest, SqlUpdatesAndDeletesAreRefused) {
  char* message = nullptr;
  EXPECT_NE(sqlite3_exec(db_->handle(), "UPDATE entries SET author = 'mallory'", nullptr, nullptr,
                         &message),
            SQLITE_OK);
  EXPECT_NE(std::string(message).find("append-only"), std::string::npos);
  sqlite3_free(message);
  EXPECT_NE(sqlite3_exec(db_->handle(), "DELETE FROM entries", nullptr, nullptr, nullptr),
            SQLITE_OK);
}

TEST_F(LedgerTest, EditIsCaught) {
  Tamper("UPDATE entries SET content = '{\"n\":99}' WHERE seq = 2");
  Verification v = Verified();
  EXPECT_EQ(v.first_bad_seq, 2);
  EXPECT_NE(v.problem.find("edited"), std::string::npos);
}

TEST_F(LedgerTest, DeletionInTheMiddleIsCaught) {
  Tamper("DELETE FROM entries WHERE seq = 2");
  EXPECT_EQ(Verified().first_bad_seq, 3);
}

TEST_F(LedgerTest, DeletionOfTheNewestIsCaughtByTheHeadFile) {
  Tamper("DELETE FROM entries WHERE seq = 4");
  Verification v = Verified();
  EXPECT_FALSE(v.ok());
  EXPECT_NE(v.problem.find("ends at entry 3"), std::string::npos) << v.problem;
}

TEST_F(LedgerTest, InsertionIsCaught) {
  // Renumber to make room, then insert a forged entry whose hash is self-consistent.
  Tamper("UPDATE entries SET seq = seq + 10 WHERE seq >= 3");
  Entry forged{3, "mdf.version", "model-a", "mallory", "2026-01-02T12:00:00Z", "{}", "", ""};
  forged.previous_hash = db_->Get(2)->hash;
  forged.hash = EntryHash(forged);
  Tamper(
      "INSERT INTO entries VALUES (3, 'mdf.version', 'model-a', 'mallory', "
      "'2026-01-02T12:00:00Z', '{}', '" +
      forged.previous_hash + "', '" + forged.hash + "')");
  EXPECT_EQ(Verified().first_bad_seq, 13);
}

TEST_F(LedgerTest, ReorderingIsCaught) {
  Tamper(
      "UPDATE entries SET seq = 100 WHERE seq = 2; UPDATE entries SET seq = 2 WHERE seq = 3;"
      "UPDATE entries SET seq = 3 WHERE seq = 100;");
  EXPECT_EQ(Verified().first_bad_seq, 2);
}

}  // namespace
}  // namespace gpaikit::store

namespace gpaikit::store {
namespace {

// An append interrupted after COMMIT leaves the head file behind: accepted, and counted.
TEST(LedgerHeadTest, HeadFileBehindTheDatabaseIsAccepted) {
  fs::path root =
      fs::temp_directory_path() / ("gpaikit_records_head_behind_" + std::to_string(::getpid()));
  fs::remove_all(root);
  auto db = Ledger::Open(root);
  ASSERT_TRUE(db.ok());
  Result<Entry> first = (*db)->Append("k", "s", "a", "{}", "2026-01-01T00:00:00Z");
  ASSERT_TRUE(first.ok());
  std::string head = std::to_string(first->seq) + " " + first->hash + "\n";
  ASSERT_TRUE((*db)->Append("k", "s", "a", "{}", "2026-01-02T00:00:00Z").ok());
  ASSERT_TRUE(WriteFile(root / ".gpaikit" / "ledger-head", head).ok());
  Result<Verification> v = (*db)->Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok()) << v->problem;
  EXPECT_EQ(v->head_behind, 1);
  ASSERT_TRUE(
      WriteFile(root / ".gpaikit" / "ledger-head", "1 " + std::string(64, 'f') + "\n").ok());
  EXPECT_FALSE((*db)->Verify()->ok());
  db->reset();
  fs::remove_all(root);
}

// The head file guards the newest entries: once the chain holds entries it must exist, or deleting
// the newest rows together with the head file would pass (docs/ledger.md, tampering table).
TEST(LedgerHeadTest, MissingHeadFileIsAFailureOnceEntriesExist) {
  fs::path root =
      fs::temp_directory_path() / ("gpaikit_records_head_missing_" + std::to_string(::getpid()));
  fs::remove_all(root);
  auto db = Ledger::Open(root);
  ASSERT_TRUE(db.ok());
  EXPECT_TRUE((*db)->Verify()->ok()) << "an empty ledger needs no head file";
  ASSERT_TRUE((*db)->Append("k", "s", "a", "{}", "2026-01-01T00:00:00Z").ok());
  fs::remove(root / ".gpaikit" / "ledger-head");
  Result<Verification> v = (*db)->Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok());
  EXPECT_NE(v->problem.find("ledger-head is missing"), std::string::npos) << v->problem;
  db->reset();
  fs::remove_all(root);
}

// AppendAll(..., kLater) leaves the head file for later, but not a new ledger's first one: the
// next append's check would take its absence for entries removed (a batch of complaints and then
// a request's entry, the portal's group commit on a new project).
TEST(LedgerHeadTest, ANewLedgersFirstHeadIsWrittenAtOnceEvenWhenAskedForLater) {
  test_util::TempDir dir;
  auto db = Ledger::Open(dir.path());
  ASSERT_TRUE(db.ok());
  auto draft = [](const Ledger&) { return Result<Draft>(Draft{"s", "{}"}); };
  Result<std::vector<Entry>> first =
      (*db)->AppendAll({{"k", "a", draft, ""}, {"k", "a", draft, ""}}, Ledger::HeadWrite::kLater);
  ASSERT_TRUE(first.ok()) << first.status().message();
  ASSERT_TRUE((*db)->ReadHead().ok());
  EXPECT_EQ((*db)->ReadHead()->seq, 2);
  ASSERT_TRUE((*db)->Append("k", "s", "a", "{}").ok()) << "the check finds the head file";
  ASSERT_TRUE((*db)->AppendAll({{"k", "a", draft, ""}}, Ledger::HeadWrite::kLater).ok());
  EXPECT_EQ((*db)->ReadHead()->seq, 3) << "later heads are left for WriteHead";
}

}  // namespace
}  // namespace gpaikit::store

namespace gpaikit::store {
namespace {

// Incremental verification (docs/ledger.md): after its first append a Ledger object checks the
// newest entry it verified, the entries added since and the head file. Tampering between two
// appends of one object is refused when the check can see it, and otherwise left for the full
// Verify to find: an append never makes a tampered ledger verify (issue 14).
class IncrementalVerificationTest : public LedgerTest {
 protected:
  void ExpectRefused(Ledger& ledger, const std::string& fragment) {
    Result<Entry> appended = ledger.Append("k", "s", "a", "{}");
    ASSERT_FALSE(appended.ok());
    EXPECT_EQ(appended.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(appended.status().message().find(fragment), std::string::npos)
        << appended.status().message();
    EXPECT_EQ(db_->Entries()->size(), 4u) << "a refused append writes nothing";
  }
  fs::path HeadFile() const { return root_ / ".gpaikit" / "ledger-head"; }
};

TEST_F(IncrementalVerificationTest, AnOldEntryEditedIsFoundByVerifyAndRefusedByAFreshLedger) {
  Tamper("UPDATE entries SET content = '{\"n\":99}' WHERE seq = 2");
  // The object's check does not reread entry 2; its append leaves the break in the chain.
  ASSERT_TRUE(db_->Append("k", "s", "a", "{}").ok());
  EXPECT_EQ(Verified().first_bad_seq, 2);
  auto fresh = Ledger::Open(root_);
  ASSERT_TRUE(fresh.ok());
  Result<Entry> appended = (*fresh)->Append("k", "s", "a", "{}");
  ASSERT_FALSE(appended.ok());
  EXPECT_NE(appended.status().message().find("entry 2: content does not match"), std::string::npos)
      << appended.status().message();
}

TEST_F(IncrementalVerificationTest, AChainRewrittenFromAnOldEntryIsRefused) {
  // Entry 2 edited and every later hash recomputed: self-consistent, so a full Verify of an
  // unsigned ledger passes; the rewritten newest entry no longer has the hash this object saw.
  std::vector<Entry> entries = *db_->Entries();
  entries[1].content = "{\"n\":99}";
  std::string sql;
  for (size_t i = 1; i < entries.size(); ++i) {
    entries[i].previous_hash = entries[i - 1].hash;
    entries[i].hash = EntryHash(entries[i]);
    sql += "UPDATE entries SET content = '" + entries[i].content + "', previous_hash = '" +
           entries[i].previous_hash + "', hash = '" + entries[i].hash +
           "' WHERE seq = " + std::to_string(entries[i].seq) + ";";
  }
  Tamper(sql);
  ASSERT_TRUE(WriteFile(HeadFile(), "4 " + entries[3].hash + "\n").ok());
  EXPECT_TRUE(Verified().ok()) << "without a published head the rewrite is consistent";
  ExpectRefused(*db_, "entry 4: its hash changed since this process verified it");
}

TEST_F(IncrementalVerificationTest, TheNewestEntryEditedIsRefused) {
  Tamper("UPDATE entries SET author = 'mallory' WHERE seq = 4");
  ExpectRefused(*db_, "entry 4: content does not match its hash");
}

TEST_F(IncrementalVerificationTest, TheNewestEntryDeletedIsRefused) {
  Tamper("DELETE FROM entries WHERE seq = 4");
  ASSERT_TRUE(WriteFile(HeadFile(), "3 " + db_->Get(3)->hash + "\n").ok());
  Result<Entry> appended = db_->Append("k", "s", "a", "{}");
  ASSERT_FALSE(appended.ok());
  EXPECT_NE(appended.status().message().find("entry 4: verified earlier by this process"),
            std::string::npos)
      << appended.status().message();
}

TEST_F(IncrementalVerificationTest, TheHeadFileTamperedIsRefused) {
  ASSERT_TRUE(WriteFile(HeadFile(), "4 " + std::string(64, 'f') + "\n").ok());
  ExpectRefused(*db_, "records entry 4");
  ASSERT_TRUE(WriteFile(HeadFile(), "9 " + db_->Get(4)->hash + "\n").ok());
  ExpectRefused(*db_, "the database ends at entry 4");
  ASSERT_TRUE(WriteFile(HeadFile(), "4 " + db_->Get(4)->hash + "\nnot a signature\n").ok());
  ExpectRefused(*db_, "ledger-head:2");
  fs::remove(HeadFile());
  ExpectRefused(*db_, "ledger-head is missing");
}

TEST_F(IncrementalVerificationTest, EntriesAnotherWriterAddedAreVerified) {
  auto other = Ledger::Open(root_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Append("k", "other", "bob", "{\"n\":5}").ok());
  ASSERT_TRUE((*other)->Append("k", "other", "bob", "{\"n\":6}").ok());
  Result<Entry> seventh = db_->Append("k", "s", "a", "{}");
  ASSERT_TRUE(seventh.ok()) << seventh.status().message();
  EXPECT_EQ(seventh->seq, 7);
  EXPECT_EQ(seventh->previous_hash, db_->Get(6)->hash);
  ASSERT_TRUE((*other)->Append("k", "other", "bob", "{\"n\":8}").ok());
  Tamper("UPDATE entries SET content = '{\"n\":80}' WHERE seq = 8");
  Result<Entry> refused = db_->Append("k", "s", "a", "{}");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("entry 8: content does not match"), std::string::npos)
      << refused.status().message();
}

TEST_F(IncrementalVerificationTest, AppendAllWritesInOneTransactionOrNothing) {
  auto numbered = [](const Ledger& now) -> Result<Draft> {
    return Draft{"n/" + std::to_string(now.Entries("n")->size() + 1), "{}"};
  };
  Result<std::vector<Entry>> batch = db_->AppendAll(
      {{"n", "a", numbered, ""}, {"n", "a", numbered, ""}, {"n", "a", numbered, ""}});
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  ASSERT_EQ(batch->size(), 3u);
  EXPECT_EQ((*batch)[2].subject, "n/3") << "each build sees the entries before it in the batch";
  EXPECT_EQ((*batch)[2].seq, 7);
  EXPECT_EQ(db_->ReadHead()->seq, 7);
  auto failing = [](const Ledger&) -> Result<Draft> { return Status::InvalidInput("no"); };
  Result<std::vector<Entry>> refused =
      db_->AppendAll({{"n", "a", numbered, ""}, {"n", "a", failing, ""}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(db_->Entries()->size(), 7u) << "one failure writes none of the batch";
  EXPECT_TRUE(Verified().ok());
  EXPECT_TRUE(db_->AppendAll({})->empty());
}

TEST_F(IncrementalVerificationTest, AppendAllLaterLeavesTheHeadFileToWriteHead) {
  // A writer answers its callers between the commit and the head file (docs/ledger.md).
  Result<std::vector<Entry>> batch = db_->AppendAll({{"n", "a",
                                                      [](const Ledger&) {
                                                        return Result<Draft>(Draft{"n", "{}"});
                                                      },
                                                      ""}},
                                                    Ledger::HeadWrite::kLater);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(db_->ReadHead()->seq, 4) << "the head file still records the entry before the batch";
  Result<Verification> behind = db_->Verify();
  ASSERT_TRUE(behind.ok());
  EXPECT_TRUE(behind->ok()) << behind->problem;
  EXPECT_EQ(behind->head_behind, 1);
  ASSERT_TRUE(db_->WriteHead().ok());
  EXPECT_EQ(db_->ReadHead()->seq, 5);
  EXPECT_EQ(db_->ReadHead()->hash, (*batch)[0].hash);
  EXPECT_EQ(db_->Verify()->head_behind, 0);
  // Nothing is due any more: a second WriteHead leaves a newer head file alone.
  auto other = Ledger::Open(root_);
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->Append("k", "other", "bob", "{}").ok());
  ASSERT_TRUE(db_->WriteHead().ok());
  EXPECT_EQ(db_->ReadHead()->seq, 6);
}

}  // namespace
}  // namespace gpaikit::store
