// InputStream: a sliding window of decoded bytes, compression recognised by magic bytes (RFC 1952
// section 2.3.1 for gzip, RFC 8878 section 3.1.1 for zstd), resynchronising after a bad member.
#include "gpaikit/base/input_stream.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/input_decoders.h"
#include "gpaikit/base/files.h"

namespace gpaikit {

class InputStream::Source {
 public:
  virtual ~Source() = default;
  // Reads up to `n` bytes at `offset`; returns bytes read (0 at the end), or -1 on error.
  virtual int64_t ReadAt(uint64_t offset, char* out, size_t n) = 0;
  // All the source's bytes in memory (the caller's bytes), or nullptr: the decoders then read
  // them in place instead of through ReadAt's copy.
  virtual const char* InMemory() const { return nullptr; }
};

namespace {

constexpr size_t kInChunk = size_t{1} << 20;      // compressed bytes read at once
constexpr size_t kMemoryChunk = size_t{4} << 20;  // in-memory compressed bytes handed out at once
constexpr size_t kOutChunk = size_t{128} << 10;   // free space wanted before decoding
constexpr size_t kProduceTarget = size_t{64} << 10;  // decoded bytes per More() call

// Compressed files are read with pread into the stream's input buffer. (Mapping them was
// measured slower: on the benchmark machine the page-table work of mapping and unmapping each
// chunk cost more than the copy, 88% against 97% of raw inflate for the decoding alone.)
class FileSource : public InputStream::Source {
 public:
  explicit FileSource(int fd) : fd_(fd) {}
  ~FileSource() override { ::close(fd_); }
  int64_t ReadAt(uint64_t offset, char* out, size_t n) override {
    while (true) {
      ssize_t got = ::pread(fd_, out, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      return got;
    }
  }

 private:
  int fd_;
};

class MemorySource : public InputStream::Source {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  int64_t ReadAt(uint64_t offset, char* out, size_t n) override {
    if (offset >= bytes_.size()) return 0;
    size_t take = std::min(n, bytes_.size() - static_cast<size_t>(offset));
    std::memcpy(out, bytes_.data() + offset, take);
    return static_cast<int64_t>(take);
  }
  const char* InMemory() const override { return bytes_.empty() ? nullptr : bytes_.data(); }

 private:
  std::string_view bytes_;
};

Compression Detect(const char* bytes, size_t n) {
  const auto* u = reinterpret_cast<const unsigned char*>(bytes);
  if (n >= 2 && u[0] == 0x1f && u[1] == 0x8b) return Compression::kGzip;
  if (n >= 4 && u[0] == 0x28 && u[1] == 0xb5 && u[2] == 0x2f && u[3] == 0xfd) {
    return Compression::kZstd;
  }
  return Compression::kNone;
}

}  // namespace

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "none";
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
  }
  return "none";
}

InputStream::~InputStream() = default;

Result<std::unique_ptr<InputStream>> InputStream::Open(const std::filesystem::path& path,
                                                       GzipEngine engine) {
  if (Status regular = CheckRegularFile(path); !regular.ok()) return regular;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // never waits on a pipe
  if (fd < 0) {
    int err = errno;
    std::string message = path.string() + ": cannot open: " + std::strerror(err);
    return err == ENOENT ? Status::NotFound(message) : Status::Io(message);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return Status::Io(path.string() + ": not a regular file");
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  std::unique_ptr<InputStream> stream(new InputStream());
  stream->source_ = std::make_unique<FileSource>(fd);
  stream->source_size_ = static_cast<uint64_t>(info.st_size);
  stream->name_ = path.string();
  char head[4] = {0, 0, 0, 0};
  int64_t got = stream->source_->ReadAt(0, head, sizeof head);
  if (got < 0) return Status::Io(path.string() + ": read failed: " + std::strerror(errno));
  stream->compression_ = Detect(head, static_cast<size_t>(got));
  stream->decoder_ = MakeDecoder(stream->compression_, engine, &stream->using_isal_);
  return stream;
}

std::unique_ptr<InputStream> InputStream::FromMemory(std::string_view bytes, std::string name,
                                                     GzipEngine engine) {
  std::unique_ptr<InputStream> stream(new InputStream());
  stream->source_ = std::make_unique<MemorySource>(bytes);
  stream->source_size_ = bytes.size();
  stream->name_ = std::move(name);
  stream->compression_ = Detect(bytes.data(), bytes.size());
  stream->decoder_ = MakeDecoder(stream->compression_, engine, &stream->using_isal_);
  return stream;
}

void InputStream::Consume(size_t n) {
  n = std::min(n, size());
  begin_ += n;
  consumed_ += n;
  if (begin_ == end_) begin_ = end_ = 0;
  // Forget member starts wholly before the window, keeping the one the window starts in.
  size_t drop = 0;
  while (drop + 1 < members_.size() && members_[drop + 1].decoded <= consumed_) ++drop;
  if (drop > 64) members_.erase(members_.begin(), members_.begin() + static_cast<long>(drop));
}

int64_t InputStream::MemberOffset(uint64_t decoded) const {
  int64_t found = -1;
  for (const MemberStart& start : members_) {
    if (start.decoded > decoded) break;
    found = static_cast<int64_t>(start.compressed);
  }
  return found;
}

bool InputStream::EnsureSpace(size_t want) {
  if (capacity_ - end_ >= want) return true;
  size_t live = end_ - begin_;
  if (begin_ > 0 && capacity_ - live >= want) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, live);
    begin_ = 0;
    end_ = live;
    return true;
  }
  size_t capacity = std::max<size_t>(capacity_ * 2, 4 * kOutChunk);
  while (capacity - live < want) capacity *= 2;
  if (capacity > max_window_ + want) return false;
  std::unique_ptr<char[]> grown(new char[capacity + kInputPadding]);
  if (live > 0) std::memcpy(grown.get(), buffer_.get() + begin_, live);
  std::memset(grown.get() + capacity, 0, kInputPadding);
  buffer_ = std::move(grown);
  capacity_ = capacity;
  begin_ = 0;
  end_ = live;
  return true;
}

bool InputStream::Refill() {
  if (source_done_) return false;
  size_t rest = in_len_ - in_pos_;
  if (const char* memory = source_->InMemory(); memory != nullptr) {
    if (in_offset_ >= source_size_) {
      source_done_ = true;
      return false;
    }
    uint64_t start = in_offset_ - rest;
    size_t add = static_cast<size_t>(std::min<uint64_t>(kMemoryChunk, source_size_ - in_offset_));
    in_data_ = memory + start;
    in_pos_ = 0;
    in_len_ = rest + add;
    in_offset_ += add;
    return true;
  }
  if (in_.empty()) in_.resize(kInChunk);
  in_data_ = in_.data();
  if (rest > 0 && in_pos_ > 0) std::memmove(in_.data(), in_.data() + in_pos_, rest);
  in_pos_ = 0;
  in_len_ = rest;
  int64_t got = source_->ReadAt(in_offset_, in_.data() + in_len_, in_.size() - in_len_);
  if (got <= 0) {
    source_done_ = true;  // a read error ends the stream like its end; More() reports it
    return false;
  }
  in_len_ += static_cast<size_t>(got);
  in_offset_ += static_cast<uint64_t>(got);
  return true;
}

InputStream::Fill InputStream::More() {
  if (!EnsureSpace(kOutChunk)) {
    error_ = {0, consumed_ + size(),
              "a record needs a window larger than " + std::to_string(max_window_) + " bytes"};
    return Fill::kError;
  }
  if (decoder_ == nullptr) {  // plain: read straight into the window
    int64_t got = source_->ReadAt(in_offset_, buffer_.get() + end_, capacity_ - end_);
    if (got <= 0) return Fill::kEnd;
    end_ += static_cast<size_t>(got);
    in_offset_ += static_cast<uint64_t>(got);
    return Fill::kMore;
  }
  return Produce();
}

uint64_t InputStream::FailMember(std::string_view prefix, std::string_view detail) {
  uint64_t start = members_.empty() ? 0 : members_.back().compressed;
  error_ = {start, consumed_ + size(),
            std::string(prefix) + decoder_->unit() + " starting at byte " + std::to_string(start) +
                ": " + std::string(detail)};
  error_.member_decoded_offset = members_.empty() ? 0 : members_.back().decoded;
  decoder_->Reset();
  return start;
}

InputStream::Fill InputStream::Produce() {
  size_t produced = 0;
  while (produced < kProduceTarget && capacity_ - end_ > 0) {
    if (in_pos_ == in_len_ && !Refill()) {
      if (decoder_->started()) {
        FailMember("truncated ", "the file ends before the member does");
        return Fill::kError;
      }
      return produced > 0 ? Fill::kMore : Fill::kEnd;
    }
    if (!decoder_->started()) {
      uint64_t compressed = in_offset_ - (in_len_ - in_pos_);
      uint64_t decoded = consumed_ + size();
      if (members_.empty() || members_.back().compressed != compressed) {
        members_.push_back({decoded, compressed});
      }
    }
    Decoder::Step step = decoder_->Run(in_data_ + in_pos_, in_len_ - in_pos_, buffer_.get() + end_,
                                       capacity_ - end_);
    in_pos_ += step.consumed;
    end_ += step.produced;
    produced += step.produced;
    if (step.error) {
      uint64_t start = FailMember("", step.message);
      // Resynchronise: look for the next member's magic bytes after the bad member's start.
      const unsigned char magic_gzip[3] = {0x1f, 0x8b, 0x08};
      const unsigned char magic_zstd[4] = {0x28, 0xb5, 0x2f, 0xfd};
      bool gzip = compression_ == Compression::kGzip;
      const void* magic = gzip ? static_cast<const void*>(magic_gzip) : magic_zstd;
      size_t magic_len = gzip ? 3 : 4;
      in_pos_ = in_len_ = 0;
      in_offset_ = start + 1;
      source_done_ = false;
      while (true) {
        if (in_len_ - in_pos_ < magic_len && !Refill()) {
          in_pos_ = in_len_;
          break;
        }
        const char* base = in_data_ + in_pos_;
        const void* hit = memmem(base, in_len_ - in_pos_, magic, magic_len);
        if (hit != nullptr) {
          in_pos_ += static_cast<size_t>(static_cast<const char*>(hit) - base);
          break;
        }
        in_pos_ = in_len_ - (magic_len - 1);  // keep a possible partial match
        if (!Refill()) {
          in_pos_ = in_len_;
          break;
        }
      }
      return Fill::kError;
    }
    if (step.consumed == 0 && step.produced == 0 && !step.member_end) {
      if (!Refill() && in_pos_ == in_len_) continue;  // handled at the loop top
      if (source_done_ && in_len_ - in_pos_ > 0 && step.consumed == 0) {
        // The decoder cannot use the remaining bytes and nothing more will come.
        FailMember("truncated ", "the file ends before the member does");
        in_pos_ = in_len_;
        return Fill::kError;
      }
    }
  }
  return Fill::kMore;
}

Result<std::string> ReadDecodedFile(const std::filesystem::path& path) {
  Result<std::unique_ptr<InputStream>> opened = InputStream::Open(path);
  if (!opened.ok()) return opened.status();
  InputStream& input = **opened;
  std::string contents;
  while (true) {
    InputStream::Fill fill = input.More();
    if (fill == InputStream::Fill::kError) {
      return input.ErrorStatus();
    }
    contents.append(input.view());
    input.Consume(input.size());
    if (fill == InputStream::Fill::kEnd) return contents;
  }
}

}  // namespace gpaikit
