// Measures a JSON string's body (RFC 8259 section 7) at SIMD speed for the JSONL reader's fast
// path: the closing quote, the unescaped UTF-8 length, and the checks simdjson's stage 1 makes.
#include "corpus/json_string_scan.h"

#include <immintrin.h>
#include <simdjson.h>

#include <cstring>

namespace gpaikit::corpus {
namespace {

int Hex4(const char* s, size_t available) {
  if (available < 4) return -1;
  int v = 0;
  for (size_t i = 0; i < 4; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// The escape at s[i] (a backslash) within s[0, size): the bytes it spans and the UTF-8 bytes it
// stands for. A \u escape spans 6 bytes only when 4 hex digits follow (so it never swallows a
// quote), a surrogate pair 12; anything else 2 bytes standing for 1.
void Escape(const char* s, size_t size, size_t i, size_t* spans, size_t* bytes) {
  *spans = 2;
  *bytes = 1;
  if (i + 1 >= size || s[i + 1] != 'u') return;
  int unit = Hex4(s + i + 2, size - i - 2);
  if (unit < 0) return;
  *spans = 6;
  *bytes = unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
  if (unit >= 0xD800 && unit < 0xDC00 && i + 12 <= size && s[i + 6] == '\\' && s[i + 7] == 'u') {
    int low = Hex4(s + i + 8, size - i - 8);
    if (low >= 0xDC00 && low < 0xE000) {
      *spans = 12;
      *bytes = 4;
    }
  }
}

bool Special(unsigned char c) { return c == '"' || c == '\\' || c < 0x20; }

// Offset of the first quote, backslash or control byte at or after `from` (or `limit`); sets
// `*high` when a byte with the top bit set was passed.
size_t NextSpecialScalar(const char* s, size_t from, size_t limit, bool* high) {
  size_t i = from;
  while (i < limit && !Special(static_cast<unsigned char>(s[i]))) {
    *high |= (static_cast<unsigned char>(s[i]) & 0x80) != 0;
    ++i;
  }
  return i;
}

__attribute__((target("avx2,bmi"))) size_t NextSpecialAvx2(const char* s, size_t from, size_t limit,
                                                           bool* high) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i backslash = _mm256_set1_epi8('\\');
  const __m256i control_max = _mm256_set1_epi8(0x1F);
  size_t i = from;
  uint32_t high_bits = 0;
  while (i + 32 <= limit) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
    __m256i special = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)),
        _mm256_cmpeq_epi8(_mm256_min_epu8(v, control_max), v));
    auto mask = static_cast<uint32_t>(_mm256_movemask_epi8(special));
    high_bits |= static_cast<uint32_t>(_mm256_movemask_epi8(v));  // may flag bytes past the quote
    if (mask != 0) {
      *high |= high_bits != 0;
      return i + static_cast<size_t>(_tzcnt_u32(mask));
    }
    i += 32;
  }
  *high |= high_bits != 0;
  return NextSpecialScalar(s, i, limit, high);
}

bool HasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi");
  return has;
}

}  // namespace

uint64_t UnescapedLength(std::string_view raw) {
  uint64_t total = raw.size();
  size_t pos = 0;
  while (pos < raw.size()) {
    const void* hit = std::memchr(raw.data() + pos, '\\', raw.size() - pos);
    if (hit == nullptr) break;
    size_t i = static_cast<size_t>(static_cast<const char*>(hit) - raw.data());
    size_t spans = 0, bytes = 0;
    Escape(raw.data(), raw.size(), i, &spans, &bytes);
    total -= spans - bytes;
    pos = i + spans;
  }
  return total;
}

JsonStringBody ScanJsonStringBody(const char* body, size_t limit, bool allow_simd) {
  JsonStringBody out;
  const bool avx2 = allow_simd && HasAvx2();
  bool high = false;
  uint64_t removed = 0;
  size_t i = 0;
  while (true) {
    i = avx2 ? NextSpecialAvx2(body, i, limit, &high) : NextSpecialScalar(body, i, limit, &high);
    if (i >= limit) return out;  // no closing quote within reach
    auto c = static_cast<unsigned char>(body[i]);
    if (c == '"') break;
    if (c != '\\') return out;  // an unescaped control character
    if (i + 1 >= limit || static_cast<unsigned char>(body[i + 1]) < 0x20) return out;
    size_t spans = 0, bytes = 0;
    Escape(body, limit, i, &spans, &bytes);
    removed += spans - bytes;
    i += spans;
  }
  // A quote, backslash or control byte never belongs to a multi-byte UTF-8 sequence, so the body
  // is valid UTF-8 exactly when the line is valid around it.
  if (high && !simdjson::validate_utf8(body, i)) return out;
  out.ok = true;
  out.length = i;
  out.unescaped_bytes = i - removed;
  return out;
}

}  // namespace gpaikit::corpus
