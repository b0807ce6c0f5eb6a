// Internal: reads a file's bytes in chunks, inflating gzip (ISA-L when built with it, else zlib).
#ifndef GPAIKIT_SRC_OPTOUT_BYTE_SOURCE_H_
#define GPAIKIT_SRC_OPTOUT_BYTE_SOURCE_H_

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include "gpaikit/base/status.h"

namespace gpaikit::optout {

// A plain or gzip (possibly multi-member) file, read sequentially.
class ByteSource {
 public:
  ~ByteSource();
  // Opens `path`; gzip is recognised by its magic bytes, not its name.
  static Result<std::unique_ptr<ByteSource>> Open(const std::filesystem::path& path);
  // Fills up to `size` bytes; returns 0 at the end. Errors give the compressed byte offset.
  Result<size_t> Read(char* out, size_t size);

 private:
  struct State;
  ByteSource() = default;
  std::unique_ptr<State> state_;
};

}  // namespace gpaikit::optout

#endif  // GPAIKIT_SRC_OPTOUT_BYTE_SOURCE_H_
