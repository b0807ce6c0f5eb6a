// Test helpers for the corpus module: WARC records, gzip members, zstd frames and temporary files.
#ifndef GPAIKIT_CORPUS_CORPUS_TEST_UTIL_H_
#define GPAIKIT_CORPUS_CORPUS_TEST_UTIL_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/compression_test_util.h"
#include "base/temp_dir_test_util.h"

namespace gpaikit::corpus::testing {

// A WARC 1.1 record (ISO 28500 section 4): version line, fields, CRLF, block, CRLF CRLF.
inline std::string WarcRecord(const std::string& type, const std::string& uri,
                              const std::string& date, const std::string& content_type,
                              const std::string& block, const std::string& extra = "") {
  std::string out = "WARC/1.1\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) out += "WARC-Target-URI: " + uri + "\r\n";
  out += "WARC-Date: " + date + "\r\nWARC-Record-ID: <urn:uuid:x>\r\n";
  if (!content_type.empty()) out += "Content-Type: " + content_type + "\r\n";
  out += extra;
  out += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  return out;
}

inline std::string HttpResponse(const std::string& content_type, const std::string& body,
                                const std::string& extra_headers = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\n" + extra_headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

using ::gpaikit::test_util::Gzip;
using ::gpaikit::test_util::Zstd;

// A fresh folder under the system's temporary folder, removed by the destructor.
class TempDir : public ::gpaikit::test_util::TempDir {
 public:
  TempDir() : ::gpaikit::test_util::TempDir("gpaikit-corpus-test") {}
};

}  // namespace gpaikit::corpus::testing

#endif  // GPAIKIT_CORPUS_CORPUS_TEST_UTIL_H_
