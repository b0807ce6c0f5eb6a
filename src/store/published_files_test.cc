// Tests of the content-addressed store of published rendered files (published_files.h).
#include "gpaikit/store/published_files.h"

#include <gtest/gtest.h>

#include <vector>

#include "base/temp_dir_test_util.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"

namespace gpaikit::store {
namespace {

namespace fs = std::filesystem;

TEST(PublishedFilesTest, KeepsBytesUnderTheirSha256AndReadsThemBack) {
  test_util::TempDir dir;
  const std::string bytes = "# Summary\n\nweb pages\n";
  Result<std::string> kept = KeepPublishedFile(dir.path(), bytes);
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(*kept, Sha256Hex(bytes));
  fs::path file = dir.path() / ".gpaikit" / "published" / *kept;
  EXPECT_EQ(PublishedFilesFolder(dir.path()) / *kept, file);
  Result<std::string> on_disk = ReadFile(file);
  ASSERT_TRUE(on_disk.ok());
  EXPECT_EQ(*on_disk, bytes);
  Result<std::string> read = ReadPublishedFile(dir.path(), *kept);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, bytes);
  Result<std::optional<uint64_t>> size = KeptFileSize(dir.path(), *kept);
  ASSERT_TRUE(size.ok());
  ASSERT_TRUE(size->has_value());
  EXPECT_EQ(**size, bytes.size());
  // Idempotent: keeping the same bytes again leaves one file with the same contents.
  ASSERT_TRUE(KeepPublishedFile(dir.path(), bytes).ok());
  size_t files = 0;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(PublishedFilesFolder(dir.path()))) {
    EXPECT_EQ(entry.path().filename().string(), *kept) << "no temporary file left behind";
    ++files;
  }
  EXPECT_EQ(files, 1u);
}

TEST(PublishedFilesTest, ADamagedFileIsRefusedAndRepairedByKeepingAgain) {
  test_util::TempDir dir;
  const std::string bytes = "<html>summary</html>\n";
  Result<std::string> kept = KeepPublishedFile(dir.path(), bytes);
  ASSERT_TRUE(kept.ok());
  dir.Write(".gpaikit/published/" + *kept, "<html>other</html>\n");
  Result<std::string> read = ReadPublishedFile(dir.path(), *kept);
  ASSERT_FALSE(read.ok()) << "changed bytes were handed out";
  EXPECT_EQ(read.status().code(), StatusCode::kInternal);
  EXPECT_NE(read.status().message().find(*kept), std::string::npos) << read.status().message();
  EXPECT_NE(read.status().message().find(Sha256Hex("<html>other</html>\n")), std::string::npos);
  ASSERT_TRUE(KeepPublishedFile(dir.path(), bytes).ok());
  read = ReadPublishedFile(dir.path(), *kept);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(*read, bytes);
}

TEST(PublishedFilesTest, AFileNotKeptOrANameThatIsNoSha256IsNotFound) {
  test_util::TempDir dir;
  std::string absent = Sha256Hex("never kept");
  EXPECT_EQ(ReadPublishedFile(dir.path(), absent).status().code(), StatusCode::kNotFound);
  Result<std::optional<uint64_t>> size = KeptFileSize(dir.path(), absent);
  ASSERT_TRUE(size.ok());
  EXPECT_FALSE(size->has_value());
  dir.Write("secret", "x");
  for (const std::string& name :
       std::vector<std::string>{"../../secret", "", std::string(64, 'A'), std::string(63, 'a'),
                                std::string(64, 'g'), absent.substr(0, 63) + "/"}) {
    EXPECT_FALSE(IsSha256Hex(name)) << name;
    EXPECT_EQ(ReadPublishedFile(dir.path(), name).status().code(), StatusCode::kNotFound) << name;
    Result<std::optional<uint64_t>> none = KeptFileSize(dir.path(), name);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value()) << name;
  }
  EXPECT_TRUE(IsSha256Hex(absent));
}

}  // namespace
}  // namespace gpaikit::store
