// Tests for the file helpers: atomic writes read back, and picking a versioned data file.
#include "gpaikit/base/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace gpaikit {
namespace {

namespace fs = std::filesystem;

class FilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / "gpaikit_files_test";
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(FilesTest, WriteCreatesFoldersAndReadsBack) {
  ASSERT_TRUE(WriteFile(root_ / "a" / "b.txt", "bytes\n").ok());
  Result<std::string> read = ReadFile(root_ / "a" / "b.txt");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "bytes\n");
  EXPECT_FALSE(ReadFile(root_ / "missing.txt").ok());
}

// Hardening: a named pipe blocked the read for ever; a folder failed with "read failed: Is a
// directory"; /proc files report size 0 and must still be read to their end.
TEST_F(FilesTest, ReadFileSaysWhatANonRegularFileIs) {
  fs::create_directories(root_);
  ASSERT_EQ(::mkfifo((root_ / "pipe").c_str(), 0600), 0);
  Result<std::string> pipe = ReadFile(root_ / "pipe");
  ASSERT_FALSE(pipe.ok());
  EXPECT_EQ(pipe.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(pipe.status().message(),
            (root_ / "pipe").string() + ": a named pipe (FIFO), not a regular file");
  Result<std::string> folder = ReadFile(root_);
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().message(), root_.string() + ": a folder, not a regular file");
  fs::create_symlink(root_ / "missing", root_ / "dangling");
  EXPECT_EQ(ReadFile(root_ / "dangling").status().message(),
            (root_ / "dangling").string() + ": a symbolic link to nothing");
  EXPECT_EQ(ReadFile(root_ / "missing").status().code(), StatusCode::kNotFound);
  if (fs::exists("/proc/self/status")) {
    Result<std::string> proc = ReadFile("/proc/self/status");
    ASSERT_TRUE(proc.ok()) << proc.status().message();
    EXPECT_EQ(proc->rfind("Name:", 0), 0u) << *proc;
  }
}

TEST_F(FilesTest, VersionedDataFilePicksTheNewestOrTheOneAskedFor) {
  for (const char* name :
       {"form-2025-07.yaml", "form-2026-01.yaml", "other-2027-01.yaml", "form-2024-01.yml"}) {
    ASSERT_TRUE(WriteFile(root_ / name, "x: 1\n").ok());
  }
  EXPECT_EQ(DataFileVersions(root_, "form-"), (std::vector<std::string>{"2025-07", "2026-01"}));
  EXPECT_EQ(*VersionedDataFile(root_, "form-", "", "form"), root_ / "form-2026-01.yaml");
  EXPECT_EQ(*VersionedDataFile(root_, "form-", "2025-07", "form"), root_ / "form-2025-07.yaml");
  Result<fs::path> missing = VersionedDataFile(root_, "form-", "1999-01", "form");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "form '1999-01' is not installed (available: 2026-01)");
  EXPECT_FALSE(VersionedDataFile(root_ / "none", "form-", "", "form").ok());
}

// Issue 14 "Nothing is written outside where the user said": ids and {file: ...} values.
TEST_F(FilesTest, PathInsideRefusesEveryWayOut) {
  ASSERT_TRUE(WriteFile(root_ / "project" / "a.md", "x").ok());
  EXPECT_EQ(*PathInside(root_ / "project", "a.md", "file"), root_ / "project" / "a.md");
  EXPECT_TRUE(PathInside(root_ / "project", "new/b.md", "file").ok());  // not there yet: fine
  for (const char* bad : {"../a.md", "x/../../a.md", "/etc/hostname", ""}) {
    Result<fs::path> refused = PathInside(root_ / "project", bad, "documentation file");
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidInput);
    EXPECT_EQ(refused.status().message().rfind("documentation file '", 0), 0u) << bad;
  }
  fs::create_directory_symlink(root_, root_ / "project" / "up");
  Result<fs::path> via_link = PathInside(root_ / "project", "up/secret", "file");
  ASSERT_FALSE(via_link.ok());
  EXPECT_NE(via_link.status().message().find("symbolic link leads outside"), std::string::npos);
}

TEST(PlainFileNameTest, AcceptsIdsRefusesPathsAndHiddenNames) {
  for (const char* good : {"lumen-7b", "kestrel-lex-1.7b", "A_1"}) {
    EXPECT_TRUE(IsPlainFileName(good)) << good;
  }
  for (const char* bad :
       {"", ".", "..", ".hidden", "a/b", "../x", "/etc/x", "a b", "a\\b", "-rf"}) {
    EXPECT_FALSE(IsPlainFileName(bad)) << bad;
  }
  EXPECT_FALSE(IsPlainFileName(std::string(129, 'a')));
}

}  // namespace
}  // namespace gpaikit
