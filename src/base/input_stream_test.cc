// Tests for the input-stream stack: plain, gzip (RFC 1952 section 2.2, members one after another)
// and zstd (RFC 8878 section 3.1, frames one after another) give the same bytes; bad members are
// reported with their compressed offset and reading resumes at the next member.
#include "gpaikit/base/input_stream.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "base/compression_test_util.h"

namespace gpaikit {
namespace {

using test_util::Gzip;
using test_util::Zstd;

struct Drained {
  std::string bytes;
  std::vector<DecodeError> errors;
};

// Reads the stream to its end, collecting decoded bytes and every reported problem.
Drained Drain(InputStream& input) {
  Drained out;
  while (true) {
    InputStream::Fill fill = input.More();
    out.bytes.append(input.view());
    input.Consume(input.size());
    if (fill == InputStream::Fill::kEnd) break;
    if (fill == InputStream::Fill::kError) out.errors.push_back(input.error());
  }
  return out;
}

// Text large enough to span several decoder windows (More() decodes about 64 KiB at a time).
std::string Lines(int count, const std::string& tag) {
  std::string text;
  for (int i = 0; i < count; ++i) text += tag + " line " + std::to_string(i) + "\n";
  return text;
}

class TempFile {
 public:
  explicit TempFile(const std::string& bytes) {
    path_ =
        std::filesystem::temp_directory_path() /
        ("gpaikit-input-stream-test-" + std::to_string(::getpid()) + "-" + std::to_string(next_++));
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int next_ = 0;
  std::filesystem::path path_;
};

TEST(InputStreamTest, PlainGzipAndZstdGiveTheSameBytesFromMemoryAndFromFiles) {
  std::string a = Lines(20000, "a"), b = Lines(15000, "b");
  const std::string plain = a + b;
  struct Case {
    std::string bytes;
    Compression compression;
    GzipEngine engine;
  };
  std::vector<Case> cases = {
      {plain, Compression::kNone, GzipEngine::kAuto},
      {Gzip(a) + Gzip(b), Compression::kGzip, GzipEngine::kAuto},  // RFC 1952 2.2: members
      {Gzip(a) + Gzip(b), Compression::kGzip, GzipEngine::kZlib},
      {Gzip(a) + Gzip(b), Compression::kGzip, GzipEngine::kIsal},
      {Zstd(a) + Zstd(b), Compression::kZstd, GzipEngine::kAuto},  // RFC 8878 3.1: frames
  };
  for (const Case& c : cases) {
    auto memory = InputStream::FromMemory(c.bytes, "memory", c.engine);
    EXPECT_EQ(memory->compression(), c.compression);
    Drained from_memory = Drain(*memory);
    EXPECT_TRUE(from_memory.errors.empty());
    EXPECT_EQ(from_memory.bytes, plain) << CompressionName(c.compression);

    TempFile file(c.bytes);
    Result<std::unique_ptr<InputStream>> opened = InputStream::Open(file.path(), c.engine);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    EXPECT_EQ((*opened)->source_size(), c.bytes.size());
    Drained from_file = Drain(**opened);
    EXPECT_TRUE(from_file.errors.empty());
    EXPECT_EQ(from_file.bytes, plain) << CompressionName(c.compression);
    EXPECT_EQ((*opened)->compressed_read(), c.bytes.size());
    if (c.engine == GzipEngine::kZlib) {
      EXPECT_FALSE((*opened)->using_isal());
    }
  }
}

TEST(InputStreamTest, MemberOffsetNamesTheCompressedStartOfEachMember) {
  std::string first = Gzip("first member\n"), second = Gzip("second member\n");
  std::string bytes = first + second;
  auto input = InputStream::FromMemory(bytes, "two.gz");
  Drained drained = Drain(*input);
  ASSERT_EQ(drained.bytes, "first member\nsecond member\n");
  EXPECT_EQ(input->MemberOffset(0), 0);
  EXPECT_EQ(input->MemberOffset(std::string("first member\n").size()),
            static_cast<int64_t>(first.size()));
  auto plain = InputStream::FromMemory("plain\n", "plain.txt");
  Drain(*plain);
  EXPECT_EQ(plain->MemberOffset(0), -1);
}

TEST(InputStreamTest, ACorruptMemberIsReportedAndReadingResumesAtTheNextMember) {
  std::string good1 = Gzip("one\n"), bad = Gzip(Lines(100, "bad")), good2 = Gzip("three\n");
  bad[bad.size() / 2] = static_cast<char>(bad[bad.size() / 2] ^ 0x55);  // damage the deflate data
  bad[bad.size() - 6] = static_cast<char>(bad[bad.size() - 6] ^ 0x55);  // and the CRC-32
  std::string bytes = good1 + bad + good2;
  for (GzipEngine engine : {GzipEngine::kZlib, GzipEngine::kIsal}) {
    auto input = InputStream::FromMemory(bytes, "bad.gz", engine);
    Drained drained = Drain(*input);
    ASSERT_EQ(drained.errors.size(), 1u);
    const DecodeError& error = drained.errors[0];
    EXPECT_EQ(error.compressed_offset, good1.size());
    EXPECT_EQ(error.member_decoded_offset, 4u);  // "one\n" decoded before the bad member
    EXPECT_NE(error.message.find("gzip member starting at byte " + std::to_string(good1.size())),
              std::string::npos)
        << error.message;
    EXPECT_TRUE(drained.bytes.starts_with("one\n"));
    EXPECT_TRUE(drained.bytes.ends_with("three\n"));
  }
}

TEST(InputStreamTest, ATruncatedFileIsReportedAndReadDecodedFileFails) {
  std::string whole = Zstd(Lines(5000, "z"));
  std::string bytes = Zstd("kept\n") + whole.substr(0, whole.size() / 2);
  auto input = InputStream::FromMemory(bytes, "cut.zst");
  Drained drained = Drain(*input);
  ASSERT_EQ(drained.errors.size(), 1u);
  EXPECT_NE(drained.errors[0].message.find("truncated zstd frame"), std::string::npos)
      << drained.errors[0].message;
  EXPECT_TRUE(drained.bytes.starts_with("kept\n"));

  TempFile file(bytes);
  Result<std::string> read = ReadDecodedFile(file.path());
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(read.status().message().find(file.path().string() + ": truncated zstd frame"),
            std::string::npos)
      << read.status().message();
}

TEST(InputStreamTest, AWindowLargerThanTheLimitIsAnError) {
  std::string plain = Lines(50000, "w");
  auto input = InputStream::FromMemory(plain, "big.txt");
  input->set_max_window(size_t{1} << 18);
  InputStream::Fill fill = InputStream::Fill::kMore;
  while (fill == InputStream::Fill::kMore) fill = input->More();  // never consumes
  ASSERT_EQ(fill, InputStream::Fill::kError);
  EXPECT_NE(input->error().message.find("larger than 262144 bytes"), std::string::npos)
      << input->error().message;
}

TEST(InputStreamTest, OpeningAMissingFileIsNotFound) {
  Result<std::unique_ptr<InputStream>> opened = InputStream::Open("/nonexistent/gpaikit/x.gz");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kNotFound);
  Result<std::string> read = ReadDecodedFile("/nonexistent/gpaikit/x.gz");
  EXPECT_EQ(read.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace gpaikit
