// Tests of the portal database: durability settings, per-component migrations, transactions
// that roll back, kept prepared statements, and errors that name the file.
#include "portal/portal_db.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "base/temp_dir_test_util.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

std::unique_ptr<PortalDb> OpenIn(const test_util::TempDir& dir) {
  Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir.path());
  EXPECT_TRUE(db.ok()) << db.status().message();
  return db.ok() ? std::move(*db) : nullptr;
}

std::string Pragma(const PortalDb& db, const std::string& name) {
  SqlStatement pragma(db.handle(), ("PRAGMA " + name).c_str());
  Result<bool> row = pragma.Next();
  EXPECT_TRUE(row.ok() && *row);
  return pragma.Text(0);
}

TEST(PortalDbTest, CreatesTheFileBesideTheLedgerInWalWithFullSync) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  EXPECT_EQ(db->path(), dir.path() / ".gpaikit" / "portal.sqlite");
  EXPECT_TRUE(std::filesystem::exists(db->path()));
  EXPECT_EQ(Pragma(*db, "journal_mode"), "wal");
  EXPECT_EQ(Pragma(*db, "synchronous"), "2");  // FULL
  EXPECT_EQ(Pragma(*db, "foreign_keys"), "1");
}

TEST(PortalDbTest, MigrationsRunOncePerComponentAndVersion) {
  test_util::TempDir dir;
  std::vector<std::string> cases = {"CREATE TABLE a (x INTEGER);",
                                    "ALTER TABLE a ADD COLUMN y TEXT;"};
  {
    std::unique_ptr<PortalDb> db = OpenIn(dir);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Migrate("cases", {cases[0]}).ok());
    EXPECT_EQ(*db->AppliedVersion("cases"), 1);
    ASSERT_TRUE(db->Migrate("staff", {"CREATE TABLE b (z INTEGER);"}).ok());
  }
  // Reopened with one more migration: only version 2 runs (running version 1 again would fail).
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  Status migrated = db->Migrate("cases", cases);
  ASSERT_TRUE(migrated.ok()) << migrated.message();
  EXPECT_EQ(*db->AppliedVersion("cases"), 2);
  EXPECT_EQ(*db->AppliedVersion("staff"), 1);
  EXPECT_EQ(*db->AppliedVersion("nobody"), 0);
  ASSERT_TRUE(db->Execute("INSERT INTO a(x, y) VALUES (1, 'two');").ok());
  SqlStatement count(db->handle(), "SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(*count.Next());
  EXPECT_EQ(count.Int(0), 3);
}

TEST(PortalDbTest, AFailingMigrationNamesFileComponentAndVersionAndAppliesNothing) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  Status status = db->Migrate("cases", {"CREATE TABLE ok1 (x);", "CREATE TABLEX broken;"});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("portal.sqlite"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find("migration cases version 2"), std::string::npos);
  EXPECT_EQ(*db->AppliedVersion("cases"), 0);
  EXPECT_FALSE(db->Execute("SELECT * FROM ok1;").ok());  // rolled back with the rest
}

TEST(PortalDbTest, ANewerSchemaThanKnownIsRefused) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Migrate("cases", {"CREATE TABLE a (x);", "CREATE TABLE b (x);"}).ok());
  Status status = db->Migrate("cases", {"CREATE TABLE a (x);"});
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("newer than this gpaikit knows"), std::string::npos);
}

TEST(PortalDbTest, TransactionCommitsOrRollsBack) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Migrate("t", {"CREATE TABLE t (x INTEGER);"}).ok());
  ASSERT_TRUE(db->Transaction([&] { return db->Execute("INSERT INTO t VALUES (1);"); }).ok());
  Status failed = db->Transaction([&]() -> Status {
    Status inserted = db->Execute("INSERT INTO t VALUES (2);");
    if (!inserted.ok()) return inserted;
    return Status::InvalidInput("changed my mind");
  });
  EXPECT_EQ(failed.message(), "changed my mind");
  SqlStatement sum(db->handle(), "SELECT COUNT(*), SUM(x) FROM t");
  ASSERT_TRUE(*sum.Next());
  EXPECT_EQ(sum.Int(0), 1);
  EXPECT_EQ(sum.Int(1), 1);
}

// Commits `sql` `times` times, one transaction each.
void CommitEach(const PortalDb& db, int times, const std::string& sql) {
  for (int i = 0; i < times; ++i) {
    ASSERT_TRUE(db.Transaction([&] { return db.Execute(sql); }).ok()) << "commit " << i;
  }
}

TEST(PortalDbTest, BackgroundCheckpointsCopyTheWalIntoTheDatabase) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Migrate("t", {"CREATE TABLE t (x BLOB);"}).ok());
  ASSERT_TRUE(db->CheckpointInBackground(8).ok());
  // Until a checkpoint, committed pages live only in the WAL: the database file keeps its size.
  // The writer's own automatic checkpoint (at 1000 frames) is not reached by these 40 or so.
  std::uintmax_t before = std::filesystem::file_size(db->path());
  ASSERT_NO_FATAL_FAILURE(CommitEach(*db, 10, "INSERT INTO t VALUES (randomblob(16000));"));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while ((db->BackgroundCheckpoints() == 0 ||
          std::filesystem::file_size(db->path()) < before + 8 * 16000) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(db->BackgroundCheckpoints(), 1);
  EXPECT_GE(std::filesystem::file_size(db->path()), before + 8 * 16000);
  db.reset();  // stops the thread before the connection closes
  db = OpenIn(dir);
  SqlStatement count(db->handle(), "SELECT COUNT(*) FROM t");
  ASSERT_TRUE(*count.Next());
  EXPECT_EQ(count.Int(0), 10);
}

TEST(PortalDbTest, UnderContinuousCommitsTheWalStillStartsOver) {
  // A background round never completes while commits go on; the writer's next commit copies
  // what was committed during the round, so the WAL starts over instead of growing.
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Migrate("t", {"CREATE TABLE t (x TEXT);"}).ok());
  ASSERT_TRUE(db->CheckpointInBackground(16).ok());
  ASSERT_NO_FATAL_FAILURE(CommitEach(*db, 1500, "INSERT INTO t VALUES (hex(randomblob(64)));"));
  EXPECT_GE(db->BackgroundCheckpoints(), 1);
  // Without starting over, 1,500 commits of a frame or two each; with it, about 16 and the
  // few committed during a round (room is left for a thread kept waiting by a busy machine).
  std::filesystem::path wal = db->path();
  wal += "-wal";
  EXPECT_LT(std::filesystem::file_size(wal), 400u * (4096 + 24));
}

TEST(PortalDbTest, AFileThatIsNotSqliteIsNamedInTheError) {
  test_util::TempDir dir;
  dir.Write(".gpaikit/portal.sqlite", std::string(4096, 'x'));
  Result<std::unique_ptr<PortalDb>> db = PortalDb::Open(dir.path());
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find((dir.path() / ".gpaikit/portal.sqlite").string()),
            std::string::npos)
      << db.status().message();
}

TEST(PortalDbTest, ABadStatementReportsTheFileOnStep) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  SqlStatement select(db->handle(), "SELECT * FROM no_such_table");
  Result<bool> row = select.Next();
  ASSERT_FALSE(row.ok());
  EXPECT_NE(row.status().message().find("portal.sqlite"), std::string::npos);
  EXPECT_NE(row.status().message().find("no_such_table"), std::string::npos);
}

TEST(PortalDbTest, AKeptStatementComesBackResetWithoutItsBindings) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  const char* sql = "SELECT ?1 UNION ALL SELECT 'second'";
  sqlite3_stmt* first = nullptr;
  {
    SqlStatement select(db->statements(), sql);
    select.Bind(1, std::string("bound"));
    ASSERT_TRUE(*select.Next());
    EXPECT_EQ(select.Text(0), "bound");  // left in the middle of its rows
  }
  {
    SqlStatement again(db->statements(), sql);
    ASSERT_TRUE(*again.Next());
    EXPECT_TRUE(again.IsNull(0));  // from the first row again, the binding cleared
    ASSERT_TRUE(*again.Next());
    EXPECT_EQ(again.Text(0), "second");
    EXPECT_FALSE(*again.Next());
    first = sqlite3_next_stmt(db->handle(), nullptr);
  }
  // Kept, not finalised: the connection still has exactly that one statement.
  EXPECT_NE(first, nullptr);
  EXPECT_EQ(sqlite3_next_stmt(db->handle(), first), nullptr);
}

TEST(PortalDbTest, TheSameKeptStatementUsedTwiceAtOnceIsTwoStatements) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Migrate("t", {"CREATE TABLE t (x INTEGER);"}).ok());
  ASSERT_TRUE(db->Execute("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);").ok());
  const char* sql = "SELECT x FROM t WHERE x >= ?1 ORDER BY x";
  SqlStatement outer(db->statements(), sql);
  outer.Bind(1, int64_t{1});
  std::vector<int64_t> pairs;
  while (*outer.Next()) {
    SqlStatement inner(db->statements(), sql);
    inner.Bind(1, outer.Int(0));
    while (*inner.Next()) pairs.push_back(outer.Int(0) * 10 + inner.Int(0));
  }
  EXPECT_EQ(pairs, (std::vector<int64_t>{11, 12, 22}));
}

TEST(PortalDbTest, AKeptStatementStillRunsAfterTheSchemaChanged) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Migrate("t", {"CREATE TABLE t (x INTEGER);"}).ok());
  const char* sql = "SELECT COUNT(*) FROM t";
  { ASSERT_TRUE(*SqlStatement(db->statements(), sql).Next()); }
  ASSERT_TRUE(db->Migrate("t", {"CREATE TABLE t (x INTEGER);",
                                "ALTER TABLE t ADD COLUMN y TEXT; INSERT INTO t VALUES (5, 'y');"})
                  .ok());
  SqlStatement count(db->statements(), sql);
  ASSERT_TRUE(*count.Next());
  EXPECT_EQ(count.Int(0), 1);
}

TEST(PortalDbTest, CacheTransactionLeavesTheConnectionAtFullSync) {
  test_util::TempDir dir;
  std::unique_ptr<PortalDb> db = OpenIn(dir);
  ASSERT_TRUE(db);
  std::string inside;
  for (int round = 0; round < 2; ++round) {  // the second round finds the statements kept
    ASSERT_TRUE(db->CacheTransaction([&]() -> Status {
                    SqlStatement level(db->handle(), "PRAGMA synchronous");
                    if (Result<bool> row = level.Next(); row.ok() && *row) inside = level.Text(0);
                    return Status::Ok();
                  }).ok());
    EXPECT_EQ(inside, "1");                      // NORMAL inside
    EXPECT_EQ(Pragma(*db, "synchronous"), "2");  // FULL again after
  }
}

}  // namespace
}  // namespace gpaikit::portal
