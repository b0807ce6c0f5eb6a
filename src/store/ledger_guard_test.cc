// Tests for the ledger against concurrent writers and every tamper kind (issue 14 "The ledger's
// promise holds against every writer and every tamperer"): numbers taken inside the write
// transaction, appends refused on a ledger that does not verify, strict heads, signed heads and
// rollback detection with a published head.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <set>

#include "gpaikit/base/files.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::store {
namespace {

namespace fs = std::filesystem;

class LedgerGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("gpaikit_ledger_guard_" + std::to_string(::getpid()) + "_" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    ::unsetenv("GPAIKIT_LEDGER_KEY");
    ::setenv("XDG_CONFIG_HOME", (root_.string() + "-config").c_str(), 1);  // no user key
    Reopen();
    for (int i = 1; i <= 3; ++i) ASSERT_TRUE(Add().ok());
  }
  void TearDown() override {
    ledger_.reset();
    fs::remove_all(root_);
    fs::remove_all(root_.string() + "-config");
    ::unsetenv("XDG_CONFIG_HOME");
  }
  void Reopen() {
    ledger_.reset();
    auto opened = Ledger::Open(root_);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    ledger_ = std::move(*opened);
  }
  Result<Entry> Add() { return ledger_->Append("k", "s", "a", "{}"); }
  fs::path Head() const { return root_ / ".gpaikit" / "ledger-head"; }
  fs::path Db() const { return root_ / ".gpaikit" / "ledger.sqlite"; }
  void Tamper(const std::string& sql) {
    std::string all = "DROP TRIGGER IF EXISTS entries_no_delete; " + sql;
    ASSERT_EQ(sqlite3_exec(ledger_->handle(), all.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  }
  // A refused append writes nothing, and the ledger still fails verification.
  void ExpectAppendRefused(const std::string& fragment) {
    int64_t before = ledger_->Verify()->entries_checked;
    Result<Entry> appended = Add();
    ASSERT_FALSE(appended.ok());
    EXPECT_EQ(appended.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(appended.status().message().find("does not verify"), std::string::npos);
    EXPECT_NE(appended.status().message().find(fragment), std::string::npos)
        << appended.status().message();
    EXPECT_EQ(ledger_->Verify()->entries_checked, before);
    EXPECT_FALSE(ledger_->Verify()->ok());
  }
  // Copies the .gpaikit folder (a backup an attacker could restore).
  void Snapshot(const fs::path& to) {
    ledger_.reset();  // closes the WAL into the database file
    fs::remove_all(to);
    fs::copy(root_ / ".gpaikit", to, fs::copy_options::recursive);
    Reopen();
  }

  fs::path root_;
  std::unique_ptr<Ledger> ledger_;
};

// Before: the next append made `verify` green again after each of these.
TEST_F(LedgerGuardTest, AppendIsRefusedAfterTheNewestEntryWasDeleted) {
  Tamper("DELETE FROM entries WHERE seq = 3");
  ExpectAppendRefused("ends at entry 2");
}

TEST_F(LedgerGuardTest, AppendIsRefusedAfterTheHeadFileWasDeleted) {
  fs::remove(Head());
  ExpectAppendRefused("ledger-head is missing");
}

TEST_F(LedgerGuardTest, AppendIsRefusedAfterAnOlderDatabaseWasRestored) {
  fs::path backup = root_.string() + "-old";
  Snapshot(backup);
  ASSERT_TRUE(Add().ok());
  ledger_.reset();
  fs::copy_file(backup / "ledger.sqlite", Db(), fs::copy_options::overwrite_existing);
  fs::remove(root_ / ".gpaikit" / "ledger.sqlite-wal");
  fs::remove(root_ / ".gpaikit" / "ledger.sqlite-shm");
  Reopen();
  ExpectAppendRefused("records entry 4");
  fs::remove_all(backup);
}

// A fresh Ledger object verifies the whole chain before its first append. (One that appended
// before checks what changed since; ledger_test.cc "IncrementalVerification" covers that.)
TEST_F(LedgerGuardTest, AppendIsRefusedAfterAnEdit) {
  Tamper("DROP TRIGGER entries_no_update; UPDATE entries SET author = 'mallory' WHERE seq = 1;");
  Reopen();
  ExpectAppendRefused("entry 1: content does not match its hash");
}

// Before: sequence 0 and an overflowing number were accepted without the hash checked.
TEST_F(LedgerGuardTest, MalformedHeadFilesAreRejectedWithTheirLine) {
  std::string hash = ledger_->Get(3)->hash;
  std::string upper = hash;
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  for (const std::string& text :
       {"0 " + hash + "\n", "99999999999999999999 " + hash + "\n",
        "18446744073709551619 " + hash + "\n", "03 " + hash + "\n", "3 " + upper + "\n",
        "3 " + hash.substr(1) + "\n", "-3 " + hash + "\n", "3  " + hash + "\n", std::string(),
        std::string("\n"), "3 " + hash + "\nnot a signature\n", "3 " + hash + "\n\nmore\n"}) {
    SCOPED_TRACE(text);
    ASSERT_TRUE(WriteFile(Head(), text).ok());
    Result<Verification> v = ledger_->Verify();
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok());
    EXPECT_NE(v->problem.find("ledger-head:"), std::string::npos) << v->problem;
    EXPECT_NE(v->problem.find(": expected"), std::string::npos) << v->problem;
  }
  ASSERT_TRUE(WriteFile(Head(), "3 " + hash + "\n").ok());
  EXPECT_TRUE(ledger_->Verify()->ok());
}

// Rollback of both database and head file: invisible to the chain alone, caught by a head that
// was published before (ledger verify --expect-head).
TEST_F(LedgerGuardTest, RollbackOfDatabaseAndHeadIsCaughtByThePublishedHead) {
  fs::path backup = root_.string() + "-old";
  Snapshot(backup);
  ASSERT_TRUE(Add().ok());
  std::string published = ledger_->CurrentHead()->hash;
  EXPECT_TRUE(ledger_->Verify(published)->ok());
  ledger_.reset();
  fs::remove_all(root_ / ".gpaikit");
  fs::copy(backup, root_ / ".gpaikit", fs::copy_options::recursive);
  Reopen();
  EXPECT_TRUE(ledger_->Verify()->ok()) << "an unkeyed chain cannot see this rollback";
  Result<Verification> v = ledger_->Verify(published);
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->ok());
  EXPECT_NE(v->problem.find("is not an entry of this ledger"), std::string::npos) << v->problem;
  fs::remove_all(backup);
}

TEST_F(LedgerGuardTest, HeadsAreSignedWithTheUsersKeyAndEditsToTheSignatureAreCaught) {
  fs::path key_file = root_.string() + "-config/gpaikit/ledger.key";
  HeadKey key = HeadKey::Generate();
  ASSERT_TRUE(key.Save(key_file).ok());
  EXPECT_EQ(fs::status(key_file).permissions() & fs::perms::group_read, fs::perms::none);
  EXPECT_FALSE(key.Save(key_file).ok()) << "an existing key is never overwritten";
  Reopen();
  ASSERT_TRUE(Add().ok());
  Result<struct Head> head = ledger_->ReadHead();
  ASSERT_TRUE(head.ok()) << head.status().message();
  EXPECT_TRUE(head->SignatureValid());
  EXPECT_EQ(head->public_key, key.PublicKeyHex());
  EXPECT_EQ(ledger_->Verify()->signed_by, key.PublicKeyHex());
  EXPECT_EQ(HeadKey::Load(key_file)->PublicKeyHex(), key.PublicKeyHex());
  // A head re-pointed at an older entry keeps a signature that no longer matches.
  struct Head forged = *head;
  forged.seq = 3;
  forged.hash = ledger_->Get(3)->hash;
  ASSERT_TRUE(WriteFile(Head(), forged.ToText()).ok());
  Result<Verification> v = ledger_->Verify();
  EXPECT_FALSE(v->ok());
  EXPECT_NE(v->problem.find("signature does not match"), std::string::npos) << v->problem;
}

TEST_F(LedgerGuardTest, AKeyInsideTheProjectOrMalformedIsRefused) {
  ASSERT_TRUE(WriteFile(root_ / "ledger.key", "gpaikit-ledger-key-v1 xyz\n").ok());
  ::setenv("GPAIKIT_LEDGER_KEY", (root_ / "ledger.key").c_str(), 1);
  auto inside = Ledger::Open(root_);
  ASSERT_FALSE(inside.ok());
  EXPECT_NE(inside.status().message().find("inside the project folder"), std::string::npos);
  ASSERT_TRUE(WriteFile(root_.string() + "-config/bad.key", "nonsense\n").ok());
  ::setenv("GPAIKIT_LEDGER_KEY", (root_.string() + "-config/bad.key").c_str(), 1);
  auto malformed = Ledger::Open(root_);
  ASSERT_FALSE(malformed.ok());
  EXPECT_NE(malformed.status().message().find("bad.key:1: expected"), std::string::npos);
  ::unsetenv("GPAIKIT_LEDGER_KEY");
}

// Before: two publishes at once gave two "version 4"; 40 concurrent request adds gave 15
// duplicate numbers. Two processes append in a loop, each numbering inside the transaction.
TEST_F(LedgerGuardTest, TwoProcessesAppendingInALoopNeverShareANumber) {
  constexpr int kPerProcess = 40;
  std::vector<pid_t> children;
  for (int p = 0; p < 2; ++p) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto own = Ledger::Open(root_);
      int failures = own.ok() ? 0 : 1;
      for (int i = 0; own.ok() && i < kPerProcess; ++i) {
        Result<Entry> appended = (*own)->Append("n", "writer", [](const Ledger& now) {
          Result<std::vector<Entry>> numbered = now.Entries("n");
          if (!numbered.ok()) return Result<Draft>(numbered.status());
          return Result<Draft>(Draft{"number/" + std::to_string(numbered->size() + 1), "{}"});
        });
        failures += appended.ok() ? 0 : 1;
      }
      ::_exit(failures == 0 ? 0 : 1);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  Result<std::vector<Entry>> numbered = ledger_->Entries("n");
  ASSERT_TRUE(numbered.ok());
  ASSERT_EQ(numbered->size(), 2u * kPerProcess);
  std::set<std::string> subjects;
  for (const Entry& entry : *numbered) subjects.insert(entry.subject);
  EXPECT_EQ(subjects.size(), 2u * kPerProcess) << "a number was given twice";
  EXPECT_EQ(subjects.count("number/" + std::to_string(2 * kPerProcess)), 1u);
  EXPECT_TRUE(ledger_->Verify()->ok()) << ledger_->Verify()->problem;
}

}  // namespace
}  // namespace gpaikit::store
