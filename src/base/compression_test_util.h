// Test helpers: gzip members (RFC 1952) and zstd frames (RFC 8878) of given bytes, for the tests
// of every module that reads compressed input through the base input stream.
#ifndef GPAIKIT_BASE_COMPRESSION_TEST_UTIL_H_
#define GPAIKIT_BASE_COMPRESSION_TEST_UTIL_H_

#include <zlib.h>
#include <zstd.h>

#include <string>

namespace gpaikit::test_util {

// One complete gzip member holding `data`.
inline std::string Gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

// One complete zstd frame holding `data`.
inline std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  out.resize(ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3));
  return out;
}

}  // namespace gpaikit::test_util

#endif  // GPAIKIT_BASE_COMPRESSION_TEST_UTIL_H_
