// The one input-stream stack: decoded byte windows over files (corpus files, robots.txt case
// lists) that are gzip (RFC 1952, multi-member; ISA-L, zlib fallback), zstd (RFC 8878,
// multi-frame) or plain, recognised by their magic bytes.
#ifndef GPAIKIT_BASE_INPUT_STREAM_H_
#define GPAIKIT_BASE_INPUT_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit {

enum class Compression : uint8_t { kNone, kGzip, kZstd };
std::string_view CompressionName(Compression compression);

// Which gzip inflater to use. kAuto picks ISA-L when it was found at build time.
enum class GzipEngine : uint8_t { kAuto, kIsal, kZlib };

// Bytes readable past the end of every window (simdjson's SIMDJSON_PADDING is 64).
inline constexpr size_t kInputPadding = 64;

// A problem in the compressed stream. The stream has resynchronised at the next gzip member or
// zstd frame (or reached the end); decoded bytes before the problem stay valid.
struct DecodeError {
  uint64_t compressed_offset = 0;  // byte offset in the file where the bad member/frame starts
  uint64_t decoded_offset = 0;     // decoded bytes produced before the problem (the break)
  std::string message;
  // Decoded offset where the bad member began: bytes from here to the break are suspect.
  uint64_t member_decoded_offset = 0;
};

// The file's bytes from a source (a file or memory), decoded, as a sliding window. Readers parse
// in place: data() stays valid until the next More() or Consume().
class InputStream {
 public:
  enum class Fill : uint8_t { kMore, kEnd, kError };

  // Opens `path`; the compression is recognised from the first bytes.
  static Result<std::unique_ptr<InputStream>> Open(const std::filesystem::path& path,
                                                   GzipEngine engine = GzipEngine::kAuto);
  // Over bytes in memory (tests, fuzzers); `bytes` must outlive the stream.
  static std::unique_ptr<InputStream> FromMemory(std::string_view bytes, std::string name,
                                                 GzipEngine engine = GzipEngine::kAuto);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // The unconsumed decoded bytes; at least kInputPadding bytes past size() are readable.
  const char* data() const { return buffer_.get() + begin_; }
  size_t size() const { return end_ - begin_; }
  std::string_view view() const { return {data(), size()}; }
  // Decoded offset of data()[0] from the start of the file's decoded stream.
  uint64_t offset() const { return consumed_; }
  // Bytes readable after data() + i (at least kInputPadding past size()).
  size_t CapacityFrom(size_t i) const { return capacity_ + kInputPadding - begin_ - i; }

  void Consume(size_t n);
  // Decodes more bytes and appends them (kMore), or says there are no more (kEnd), or reports a
  // problem in the compressed data (kError; see error()). Fails with kError too when the window
  // would grow beyond `max_window` bytes.
  Fill More();
  const DecodeError& error() const { return error_; }
  // error() as an InvalidInput Status naming the stream ("<name>: <message>").
  Status ErrorStatus() const { return Status::InvalidInput(name_ + ": " + error_.message); }

  Compression compression() const { return compression_; }
  const std::string& name() const { return name_; }
  uint64_t source_size() const { return source_size_; }
  uint64_t compressed_read() const { return in_offset_; }  // source bytes taken so far (progress)
  // Compressed offset of the gzip member or zstd frame holding decoded offset `decoded`, or -1
  // (plain files, or when the window no longer remembers it).
  int64_t MemberOffset(uint64_t decoded) const;
  void set_max_window(size_t bytes) { max_window_ = bytes; }
  bool using_isal() const { return using_isal_; }

  struct MemberStart {
    uint64_t decoded, compressed;
  };
  class Decoder;  // one per compression (input_decoders.cc)
  class Source;   // file or memory

 private:
  InputStream() = default;
  bool EnsureSpace(size_t want);
  Fill Produce();
  // Reads more compressed input; returns false at the end of the source.
  bool Refill();
  // Sets error() for the member or frame being decoded ("<prefix><unit> starting at byte N:
  // <detail>") and resets the decoder; returns the member's compressed offset.
  uint64_t FailMember(std::string_view prefix, std::string_view detail);

  friend class Decoder;
  std::unique_ptr<Source> source_;
  std::unique_ptr<Decoder> decoder_;
  std::string name_;
  Compression compression_ = Compression::kNone;
  bool using_isal_ = false;
  uint64_t source_size_ = 0;

  // Decoded window: [begin_, end_) of buffer_, which holds capacity_ + kInputPadding bytes.
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0, begin_ = 0, end_ = 0;
  uint64_t consumed_ = 0;  // decoded offset of buffer_[begin_]
  size_t max_window_ = size_t{1} << 30;

  // Compressed input: in_data_[in_pos_, in_len_) are the source bytes just before in_offset_,
  // in the caller's memory or copied into in_.
  std::vector<char> in_;
  const char* in_data_ = nullptr;
  size_t in_pos_ = 0, in_len_ = 0;
  uint64_t in_offset_ = 0;  // source offset just after in_[in_len_ - 1]
  bool source_done_ = false;

  std::vector<MemberStart> members_;  // recent member/frame starts, oldest first
  DecodeError error_;
};

// The whole decoded contents of a plain, gzip or zstd file; a decoding problem fails, naming the
// file and the compressed offset of the bad member or frame.
Result<std::string> ReadDecodedFile(const std::filesystem::path& path);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_INPUT_STREAM_H_
