// Tests of batch checks over case files: output format, gzip (incl. multi-member), errors.
#include "gpaikit/optout/robots_cases.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

namespace gpaikit::optout {
namespace {

namespace fs = std::filesystem;

class RobotsCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("gpaikit_cases_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "robots");
    Write(dir_ / "robots/a.txt", "User-agent: *\nDisallow: /private\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  static void Write(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  // Writes `text` as gzip members, one per part (zlib appends a member per gzopen).
  static void WriteGzip(const fs::path& path, std::initializer_list<std::string> parts) {
    fs::remove(path);
    for (const std::string& part : parts) {
      gzFile file = gzopen(path.c_str(), "ab");
      gzwrite(file, part.data(), static_cast<unsigned>(part.size()));
      gzclose(file);
    }
  }
  fs::path dir_;
};

const char* kCases =
    "robots/a.txt\tFooBot\thttp://x.example/private/1\t0\n"
    "robots/a.txt\tFooBot\thttp://x.example/public\t1\textra\n";

TEST_F(RobotsCasesTest, PlainFile) {
  Write(dir_ / "cases.tsv", kCases);
  std::string out;
  auto stats = CheckRobotsCases(dir_ / "cases.tsv", {}, &out);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(out,
            "robots/a.txt\tFooBot\thttp://x.example/private/1\t0\t0\n"
            "robots/a.txt\tFooBot\thttp://x.example/public\t1\textra\t1\n");
  EXPECT_EQ(stats->cases, 2u);
  EXPECT_EQ(stats->agree, 2u);
  EXPECT_EQ(stats->robots_files, 1u);
}

TEST_F(RobotsCasesTest, MultiMemberGzip) {
  WriteGzip(dir_ / "cases.tsv.gz", {"robots/a.txt\tFooBot\thttp://x.example/priv", "ate/1\t0\n",
                                    "robots/a.txt\tFooBot\thttp://x.example/public\t1\n"});
  std::string out;
  auto stats = CheckRobotsCases(dir_ / "cases.tsv.gz", {}, &out);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->cases, 2u);
  EXPECT_EQ(stats->agree, 2u);
}

TEST_F(RobotsCasesTest, TruncatedGzipIsAnError) {
  std::string big;
  for (int i = 0; i < 2000; ++i)
    big += "robots/a.txt\tFooBot\thttp://x.example/" + std::to_string(i) + "\n";
  WriteGzip(dir_ / "full.gz", {big});
  std::ifstream in(dir_ / "full.gz", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Write(dir_ / "cut.gz", bytes.substr(0, bytes.size() / 2));
  std::string out;
  auto stats = CheckRobotsCases(dir_ / "cut.gz", {}, &out);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("truncated gzip member"), std::string::npos)
      << stats.status().message();
}

TEST_F(RobotsCasesTest, ErrorsNameFileAndLine) {
  Write(dir_ / "bad.tsv", "robots/a.txt\tFooBot\thttp://x/\nonly\ttwo\n");
  std::string out;
  auto stats = CheckRobotsCases(dir_ / "bad.tsv", {}, &out);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("bad.tsv:2: expected 3 or more TAB-separated columns"),
            std::string::npos)
      << stats.status().message();
  Write(dir_ / "missing.tsv", "robots/none.txt\tFooBot\thttp://x/\n");
  stats = CheckRobotsCases(dir_ / "missing.tsv", {}, &out);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("missing.tsv:1: "), std::string::npos);
  EXPECT_NE(stats.status().message().find("no such file"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::optout
