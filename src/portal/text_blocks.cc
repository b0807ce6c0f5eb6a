// Headings and paragraphs of a plain text with Markdown headings (text_blocks.h).
#include "portal/text_blocks.h"

#include "gpaikit/base/lines.h"

namespace gpaikit::portal {

std::vector<TextBlock> SplitTextBlocks(std::string_view text) {
  std::vector<TextBlock> blocks;
  std::string paragraph;
  auto flush = [&] {
    if (paragraph.empty()) return;
    blocks.push_back({false, std::move(paragraph)});
    paragraph.clear();
  };
  ForEachLine(text, [&](std::string_view line) {
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
      flush();
    } else if (line[0] == '#') {
      flush();
      size_t words = line.find_first_not_of("# \t");
      if (words != std::string_view::npos)
        blocks.push_back({true, std::string(line.substr(words))});
    } else {
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += line.substr(first);
    }
  });
  flush();
  return blocks;
}

}  // namespace gpaikit::portal
