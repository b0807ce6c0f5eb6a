// The decoders behind InputStream: gzip members (RFC 1952) through ISA-L or zlib, zstd frames
// (RFC 8878) through libzstd. Internal to base.
#ifndef GPAIKIT_BASE_INPUT_DECODERS_H_
#define GPAIKIT_BASE_INPUT_DECODERS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "gpaikit/base/input_stream.h"

namespace gpaikit {

class InputStream::Decoder {
 public:
  struct Step {
    size_t consumed = 0, produced = 0;
    bool member_end =
        false;  // a gzip member or zstd frame ended (the decoder is ready for the next)
    bool error = false;
    std::string message;  // what was wrong, when `error`
  };
  virtual ~Decoder() = default;
  virtual Step Run(const char* in, size_t in_len, char* out, size_t out_len) = 0;
  // Forgets the current member (after an error), ready for a new one.
  virtual void Reset() = 0;
  // True when bytes of a member have been consumed and its end not yet reached.
  bool started() const { return started_; }
  // What one member or frame is called in messages ("gzip member", "zstd frame").
  virtual const char* unit() const = 0;

 protected:
  bool started_ = false;
};

// Returns nullptr for Compression::kNone (plain input is read straight into the window).
std::unique_ptr<InputStream::Decoder> MakeDecoder(Compression compression, GzipEngine engine,
                                                  bool* using_isal);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_INPUT_DECODERS_H_
