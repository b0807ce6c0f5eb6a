// Small text utilities shared by parsers: edit distance, "did you mean" suggestions, word lists.
#ifndef GPAIKIT_BASE_TEXT_H_
#define GPAIKIT_BASE_TEXT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gpaikit {

// Levenshtein distance between a and b (insertions, deletions, substitutions cost 1).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, or "" when none is within a third of the word's length
// (at least 2 edits), so that suggestions stay plausible.
std::string NearestWord(std::string_view word, std::span<const std::string_view> candidates);

// "; did you mean 'x'?" for the NearestWord of `word`, or "" when there is none: the suffix every
// unknown-name message ends with.
std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates);

// The words joined by ", " ("a, b, c"), as messages list the accepted values.
std::string JoinWords(std::span<const std::string_view> words);

// Lowercase ASCII copy.
std::string AsciiLower(std::string_view text);

// `text` cut to at most `max_bytes` (never inside a UTF-8 character) with "..." after it when
// cut: user text quoted in a message stays short however long it is.
std::string Abbreviated(std::string_view text, size_t max_bytes = 80);

// The length of the UTF-8 sequence starting at text[i] (RFC 3629 section 4: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when the bytes there are not UTF-8.
size_t Utf8SequenceLength(std::string_view text, size_t i);

// The byte offset of the first byte of `text` that is not UTF-8, or nullopt when all of it is.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_TEXT_H_
