// Small text utilities shared by parsers: edit distance and "did you mean" suggestions.
#ifndef GPAIKIT_BASE_TEXT_H_
#define GPAIKIT_BASE_TEXT_H_

#include <span>
#include <string>
#include <string_view>

namespace gpaikit {

// Levenshtein distance between a and b (insertions, deletions, substitutions cost 1).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, or "" when none is within a third of the word's length
// (at least 2 edits), so that suggestions stay plausible.
std::string NearestWord(std::string_view word, std::span<const std::string_view> candidates);

// Lowercase ASCII copy.
std::string AsciiLower(std::string_view text);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_TEXT_H_
