// Small byte-string helpers shared by the corpus readers (ASCII case folding, decimal numbers).
#ifndef GPAIKIT_CORPUS_READER_UTIL_H_
#define GPAIKIT_CORPUS_READER_UTIL_H_

#include <cstdint>
#include <string_view>

namespace gpaikit::corpus {

inline char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline bool EqualsAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

inline bool StartsWithAscii(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsAscii(text.substr(0, prefix.size()), prefix);
}

// A non-empty run of at most 19 decimal digits, nothing else.
inline bool ParseDecimal(std::string_view text, uint64_t* value) {
  if (text.empty() || text.size() > 19) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *value = v;
  return true;
}

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_READER_UTIL_H_
