// Walking a text line by line, the loop that header, Markdown and form parsers share: lines end
// at '\n', and a '\r' before it is dropped, so CRLF and LF texts read alike.
#ifndef GPAIKIT_BASE_LINES_H_
#define GPAIKIT_BASE_LINES_H_

#include <string_view>

namespace gpaikit {

// Calls `fn(line)` for every line of `text` in order, without its '\n' and a '\r' before it. A
// last line without '\n' counts; a text ending in '\n' has no empty line after it, and an empty
// text has no line.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
  }
}

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_LINES_H_
