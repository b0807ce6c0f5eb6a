// The body of a JSON string (RFC 8259 section 7) measured without a full parse: where it ends,
// the UTF-8 length of its value, and whether a JSON parser would accept it.
#ifndef GPAIKIT_CORPUS_JSON_STRING_SCAN_H_
#define GPAIKIT_CORPUS_JSON_STRING_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gpaikit::corpus {

// UTF-8 bytes of a JSON string's value, from its raw text between the quotes: each escape counts as
// the bytes it stands for; a lone surrogate as U+FFFD (3 bytes).
uint64_t UnescapedLength(std::string_view raw);

struct JsonStringBody {
  bool ok = false;               // a closing quote found, and the body is valid (below)
  size_t length = 0;             // bytes from the body's start to the closing quote
  uint64_t unescaped_bytes = 0;  // UnescapedLength of those bytes
};

// Scans from `body` (just after an opening quote) for the closing quote, reading at most `limit`
// bytes. Not ok when no closing quote comes first, or on what simdjson's stage 1 rejects inside a
// string: a control character (below U+0020), escaped or not, or invalid UTF-8. Uses AVX2 when the
// processor has it and `allow_simd` (false: the portable loop, for tests).
JsonStringBody ScanJsonStringBody(const char* body, size_t limit, bool allow_simd = true);

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_JSON_STRING_SCAN_H_
