// Small helpers shared by the corpus readers: ASCII case folding, decimal numbers, and the suspect
// range a decoding error leaves.
#ifndef GPAIKIT_CORPUS_READER_UTIL_H_
#define GPAIKIT_CORPUS_READER_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "gpaikit/base/input_stream.h"
#include "gpaikit/corpus/record.h"

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

// A decoding error's suspect bytes (from the bad member's start to the break) and its report,
// queued until the reader hands it out.
struct DecodeTaint {
  uint64_t from = UINT64_MAX, break_at = 0;
  std::string message;
  ReadIssue pending;
  bool has_pending = false;

  // Counting (docs/corpus.md, "skipped_records"): a failed member or frame loses at least one
  // record, and each record reported lost to it beyond the first is one more.
  bool charged = false, lost_seen = false;

  void Note(const DecodeError& e) {
    from = e.member_decoded_offset;
    break_at = e.decoded_offset;
    message = e.message;
    pending = {e.member_decoded_offset, 0, e.message};
    has_pending = true;
    charged = lost_seen = false;
  }
  // Whether the report of the error itself counts as a skipped record.
  bool ChargeError() {
    bool first = !charged;
    charged = true;
    return first;
  }
  // Whether a record reported lost to the error counts as a skipped record.
  bool ChargeLostRecord() {
    if (lost_seen) return true;
    lost_seen = true;
    return ChargeError();
  }
  // True when decoded bytes [start, end) overlap the suspect range.
  bool Overlaps(uint64_t start, uint64_t end) const { return end > from && start < break_at; }
};

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_READER_UTIL_H_
