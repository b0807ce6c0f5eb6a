// Sequential reads of plain or gzip files: ISA-L's igzip inflate when available (about 2.4x zlib
// here, DESIGN.md "Dependencies"), zlib otherwise.
#include "byte_source.h"

#include <cstring>

#ifdef GPAIKIT_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#else
#include <zlib.h>
#endif

#include "gpaikit/optout/robots_cases.h"

namespace gpaikit::optout {

struct ByteSource::State {
  std::string path;
  std::string input;  // the whole file (compressed files are small next to what they hold)
  size_t position = 0;
  bool gzip = false;
  bool finished = false;
#ifdef GPAIKIT_HAVE_ISAL
  inflate_state inflate;
#else
  z_stream stream{};
  bool stream_open = false;
#endif
};

ByteSource::~ByteSource() {
#ifndef GPAIKIT_HAVE_ISAL
  if (state_ && state_->stream_open) inflateEnd(&state_->stream);
#endif
}

Result<std::unique_ptr<ByteSource>> ByteSource::Open(const std::filesystem::path& path) {
  Result<std::string> data = ReadWholeFile(path);
  if (!data.ok()) return data.status();
  std::unique_ptr<ByteSource> source(new ByteSource());
  source->state_ = std::make_unique<State>();
  State& state = *source->state_;
  state.path = path.string();
  state.input = std::move(*data);
  state.gzip = state.input.size() >= 2 && static_cast<unsigned char>(state.input[0]) == 0x1f &&
               static_cast<unsigned char>(state.input[1]) == 0x8b;
  if (!state.gzip) return source;
#ifdef GPAIKIT_HAVE_ISAL
  isal_inflate_init(&state.inflate);
  state.inflate.crc_flag = ISAL_GZIP;
  state.inflate.next_in = reinterpret_cast<uint8_t*>(state.input.data());
  state.inflate.avail_in = static_cast<uint32_t>(state.input.size());
#else
  state.stream.next_in = reinterpret_cast<Bytef*>(state.input.data());
  state.stream.avail_in = static_cast<uInt>(state.input.size());
  if (inflateInit2(&state.stream, 16 + MAX_WBITS) != Z_OK) {
    return Status::Internal(state.path + ": zlib inflateInit2 failed");
  }
  state.stream_open = true;
#endif
  return source;
}

Result<size_t> ByteSource::Read(char* out, size_t size) {
  State& state = *state_;
  if (!state.gzip) {
    size_t n = std::min(size, state.input.size() - state.position);
    std::memcpy(out, state.input.data() + state.position, n);
    state.position += n;
    return n;
  }
  if (state.finished) return size_t{0};
  auto error = [&](size_t consumed, const std::string& why) -> Status {
    return Status::InvalidInput(state.path + ": byte " + std::to_string(consumed) +
                                ": gzip data expected (" + why + ")");
  };
#ifdef GPAIKIT_HAVE_ISAL
  inflate_state& z = state.inflate;
  z.next_out = reinterpret_cast<uint8_t*>(out);
  z.avail_out = static_cast<uint32_t>(size);
  while (z.avail_out > 0) {
    int rc = isal_inflate(&z);
    size_t consumed = state.input.size() - z.avail_in;
    if (rc != ISAL_DECOMP_OK) return error(consumed, "igzip error " + std::to_string(rc));
    if (z.block_state == ISAL_BLOCK_FINISH) {
      if (z.avail_in == 0) {
        state.finished = true;
        break;
      }
      // Another gzip member follows.
      uint8_t* next = z.next_in;
      uint32_t left = z.avail_in;
      isal_inflate_reset(&z);
      z.crc_flag = ISAL_GZIP;
      z.next_in = next;
      z.avail_in = left;
      continue;
    }
    if (z.avail_in == 0) {
      if (z.avail_out == size) return error(consumed, "truncated");
      break;
    }
  }
  return size - z.avail_out;
#else
  z_stream& z = state.stream;
  z.next_out = reinterpret_cast<Bytef*>(out);
  z.avail_out = static_cast<uInt>(size);
  while (z.avail_out > 0) {
    int rc = inflate(&z, Z_NO_FLUSH);
    size_t consumed = state.input.size() - z.avail_in;
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) {
        state.finished = true;
        break;
      }
      inflateReset(&z);  // another gzip member follows
      continue;
    }
    if (rc != Z_OK) return error(consumed, z.msg ? z.msg : "zlib error " + std::to_string(rc));
    if (z.avail_in == 0) {
      if (z.avail_out == size) return error(consumed, "truncated");
      break;
    }
  }
  return size - z.avail_out;
#endif
}

}  // namespace gpaikit::optout
