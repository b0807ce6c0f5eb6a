// gzip (RFC 1952) through ISA-L's igzip or zlib, and zstd (RFC 8878) through libzstd, one member
// or frame after another, reporting where each ends so readers can name compressed offsets.
#include "base/input_decoders.h"

#include <zlib.h>
#include <zstd.h>

#include <cstdint>

#ifdef GPAIKIT_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

namespace gpaikit {
namespace {

#ifdef GPAIKIT_HAVE_ISAL
const char* IsalError(int code) {
  switch (code) {
    case ISAL_INVALID_BLOCK:
      return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
      return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK:
      return "invalid deflate back-reference distance";
    case ISAL_INVALID_WRAPPER:
      return "invalid gzip header (expected bytes 1f 8b 08)";
    case ISAL_UNSUPPORTED_METHOD:
      return "gzip header names a compression method other than deflate";
    case ISAL_INCORRECT_CHECKSUM:
      return "gzip CRC-32 or length check failed";
    default:
      return "inflate failed";
  }
}

class IsalGzipDecoder : public InputStream::Decoder {
 public:
  // The state is zeroed once: a corrupt stream may make ISA-L copy from its history window before
  // anything was written there, and that must read zeros, not heap garbage (jsonl_reader_fuzzer
  // found the same bytes read two ways; valgrind showed the uninitialised window).
  IsalGzipDecoder() : state_() { Reset(); }
  Step Run(const char* in, size_t in_len, char* out, size_t out_len) override {
    Step step;
    state_.next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(in));
    state_.avail_in = static_cast<uint32_t>(in_len);
    state_.next_out = reinterpret_cast<uint8_t*>(out);
    state_.avail_out = static_cast<uint32_t>(out_len);
    int ret = isal_inflate(&state_);
    step.consumed = in_len - state_.avail_in;
    step.produced = out_len - state_.avail_out;
    if (step.consumed > 0) started_ = true;
    if (ret < 0) {
      step.error = true;
      step.message = IsalError(ret);
    } else if (state_.block_state == ISAL_BLOCK_FINISH) {
      step.member_end = true;
      Reset();
    }
    return step;
  }
  void Reset() override {
    isal_inflate_init(&state_);
    state_.crc_flag = ISAL_GZIP;
    started_ = false;
  }
  const char* unit() const override { return "gzip member"; }

 private:
  inflate_state state_;
};
#endif

class ZlibGzipDecoder : public InputStream::Decoder {
 public:
  ZlibGzipDecoder() { inflateInit2(&stream_, 16 + MAX_WBITS); }
  ~ZlibGzipDecoder() override { inflateEnd(&stream_); }
  Step Run(const char* in, size_t in_len, char* out, size_t out_len) override {
    Step step;
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
    stream_.avail_in = static_cast<uInt>(in_len);
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(out_len);
    int ret = inflate(&stream_, Z_NO_FLUSH);
    step.consumed = in_len - stream_.avail_in;
    step.produced = out_len - stream_.avail_out;
    if (step.consumed > 0) started_ = true;
    if (ret == Z_STREAM_END) {
      step.member_end = true;
      Reset();
    } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
      step.error = true;
      step.message = stream_.msg != nullptr ? stream_.msg : "inflate failed";
      if (step.message == "incorrect header check") {
        step.message = "invalid gzip header (expected bytes 1f 8b 08)";
      }
    }
    return step;
  }
  void Reset() override {
    inflateReset(&stream_);
    started_ = false;
  }
  const char* unit() const override { return "gzip member"; }

 private:
  z_stream stream_{};
};

class ZstdDecoder : public InputStream::Decoder {
 public:
  ZstdDecoder() : context_(ZSTD_createDCtx()) {}
  ~ZstdDecoder() override { ZSTD_freeDCtx(context_); }
  Step Run(const char* in, size_t in_len, char* out, size_t out_len) override {
    Step step;
    ZSTD_inBuffer input{in, in_len, 0};
    ZSTD_outBuffer output{out, out_len, 0};
    size_t ret = ZSTD_decompressStream(context_, &output, &input);
    step.consumed = input.pos;
    step.produced = output.pos;
    if (step.consumed > 0) started_ = true;
    if (ZSTD_isError(ret)) {
      step.error = true;
      step.message = ZSTD_getErrorName(ret);
    } else if (ret == 0) {
      step.member_end = true;
      started_ = false;
    }
    return step;
  }
  void Reset() override {
    ZSTD_DCtx_reset(context_, ZSTD_reset_session_only);
    started_ = false;
  }
  const char* unit() const override { return "zstd frame"; }

 private:
  ZSTD_DCtx* context_;
};

}  // namespace

std::unique_ptr<InputStream::Decoder> MakeDecoder(Compression compression, GzipEngine engine,
                                                  bool* using_isal) {
  *using_isal = false;
  switch (compression) {
    case Compression::kNone:
      return nullptr;
    case Compression::kZstd:
      return std::make_unique<ZstdDecoder>();
    case Compression::kGzip:
#ifdef GPAIKIT_HAVE_ISAL
      if (engine != GzipEngine::kZlib) {
        *using_isal = true;
        return std::make_unique<IsalGzipDecoder>();
      }
#endif
      (void)engine;
      return std::make_unique<ZlibGzipDecoder>();
  }
  return nullptr;
}

}  // namespace gpaikit
