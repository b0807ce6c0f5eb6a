// Tests of the WAL-writing VFS (wal_write_vfs.h): a commit's frames reach the file in one write,
// other connections (on SQLite's default VFS) see every commit at once, with or without a sync,
// and large transactions, checkpoints and WAL restarts keep the database intact.
#include "gpaikit/store/wal_write_vfs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "base/temp_dir_test_util.h"

namespace gpaikit::store {
namespace {

class WalWriteVfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(WalWriteVfsName(), nullptr);
    writer_ = Open(WalWriteVfsName());
    Exec(writer_,
         "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
         "CREATE TABLE t (n INTEGER PRIMARY KEY, body BLOB NOT NULL);");
    reader_ = Open(nullptr);  // the default VFS, as another tool would read the file
  }
  void TearDown() override {
    sqlite3_close(reader_);
    sqlite3_close(writer_);
  }

  sqlite3* Open(const char* vfs) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((dir_.path() / "t.sqlite").c_str(), &db,
                              SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs),
              SQLITE_OK);
    return db;
  }
  static void Exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "") << " in " << sql.substr(0, 200);
  }
  static int64_t Number(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
    int64_t value = sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    sqlite3_finalize(statement);
    return value;
  }
  static std::string Text(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return value;
  }
  // Inserts rows first..last-1 in one transaction, each with a body of `size` bytes that
  // depends on its number (randomblob would not let a reader check what it reads).
  void Insert(int first, int last, int size) {
    std::string sql = "BEGIN;";
    for (int n = first; n < last; ++n) {
      sql += "INSERT INTO t VALUES (" + std::to_string(n) + ", substr(replace(hex(zeroblob(" +
             std::to_string(size) + ")), '00', printf('%02d', " + std::to_string(n % 100) +
             ")), 1, " + std::to_string(size) + "));";
    }
    Exec(writer_, sql + "COMMIT;");
  }
  // Rows whose body is not what Insert made.
  static int64_t WrongBodies(sqlite3* db) {
    return Number(db,
                  "SELECT COUNT(*) FROM t WHERE body <> substr(replace(hex(zeroblob(length(body)))"
                  ", '00', printf('%02d', n % 100)), 1, length(body))");
  }

  test_util::TempDir dir_;
  sqlite3* writer_ = nullptr;
  sqlite3* reader_ = nullptr;
};

TEST_F(WalWriteVfsTest, ACommitsFramesReachTheFileInOneWrite) {
  WalWriteCounts before = WalWriteCountsNow();
  Insert(0, 20, 3000);  // about 20 pages: 40 writes from SQLite (a header and a page each)
  WalWriteCounts after = WalWriteCountsNow();
  EXPECT_GE(after.received - before.received, 40);
  EXPECT_EQ(after.written - before.written, 1);
  EXPECT_EQ(Number(reader_, "SELECT COUNT(*) FROM t"), 20);
  EXPECT_EQ(WrongBodies(reader_), 0);
}

TEST_F(WalWriteVfsTest, AnotherConnectionSeesEachCommitWithOrWithoutASync) {
  for (const char* synchronous : {"FULL", "NORMAL", "OFF"}) {
    Exec(writer_, std::string("PRAGMA synchronous=") + synchronous + ";");
    int64_t start = Number(reader_, "SELECT COUNT(*) FROM t");
    for (int i = 0; i < 20; ++i) {
      Insert(static_cast<int>(start) + i, static_cast<int>(start) + i + 1, 500 + 300 * i);
      ASSERT_EQ(Number(reader_, "SELECT COUNT(*) FROM t"), start + i + 1) << synchronous;
    }
  }
  EXPECT_EQ(WrongBodies(reader_), 0);
  EXPECT_EQ(Text(reader_, "PRAGMA integrity_check"), "ok");
}

TEST_F(WalWriteVfsTest, ALargeTransactionCheckpointsAndRestartsKeepTheDatabaseIntact) {
  // A small page cache spills pages to the WAL before the commit, which then reads them back.
  Exec(writer_, "PRAGMA cache_size=20;");
  WalWriteCounts before = WalWriteCountsNow();
  Insert(0, 1500, 4000);  // about 6 MB: more than is gathered before writing
  EXPECT_GE(WalWriteCountsNow().written - before.written, 2);
  Exec(writer_, "PRAGMA wal_checkpoint(TRUNCATE);");
  Insert(1500, 1600, 2000);  // the WAL starts again from its header
  Exec(writer_, "PRAGMA wal_checkpoint(RESTART);");
  Insert(1600, 1700, 100);
  EXPECT_EQ(Number(reader_, "SELECT COUNT(*) FROM t"), 1700);
  EXPECT_EQ(WrongBodies(reader_), 0);
  sqlite3_close(writer_);
  writer_ = Open(nullptr);  // reopened without the VFS: what it wrote is an ordinary database
  EXPECT_EQ(Text(writer_, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(Number(writer_, "SELECT COUNT(*) FROM t"), 1700);
}

}  // namespace
}  // namespace gpaikit::store
