// HTTP/1.1 response heads and chunked bodies inside WARC response records (RFC 9112 sections 4,
// 5 and 7.1), parsed in place. Internal to the corpus module.
#ifndef GPAIKIT_CORPUS_HTTP_H_
#define GPAIKIT_CORPUS_HTTP_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gpaikit/base/lines.h"
#include "gpaikit/base/status.h"

namespace gpaikit::corpus {

struct HttpHead {
  int status = 0;
  std::string_view headers;  // header lines after the status line, without the blank line
  size_t head_size = 0;      // bytes of status line, headers and the blank line
  std::string_view content_type;
  bool chunked = false;  // Transfer-Encoding ends in "chunked"
};

// Parses the response head at the start of `block` ("HTTP/1.x NNN ..." then headers then a
// blank line; LF alone is accepted as a line end). Fails (InvalidInput) saying what was expected.
Result<HttpHead> ParseHttpHead(std::string_view block);

// The value of the first header line named `name` (case-insensitive) in `headers`, trimmed.
std::string_view HeaderValue(std::string_view headers, std::string_view name);

// The de-chunked length of a chunked body. Malformed chunking fails (InvalidInput) with
// "invalid chunked encoding at byte N of the HTTP body (what was expected)".
Result<uint64_t> ChunkedLength(std::string_view body);

// Calls `fn(name, value)` for every header line in `headers`.
template <typename Fn>
void ForEachHeader(std::string_view headers, Fn fn) {
  ForEachLine(headers, [&fn](std::string_view line) {
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    fn(line.substr(0, colon), value);
  });
}

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_HTTP_H_
