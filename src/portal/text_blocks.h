// Plain text with Markdown headings split into blocks for the portal's pages (the copyright
// policy's first paragraph on the home page, the Safety and Security summaries): only headings
// and paragraphs are recognised; nothing else of Markdown is interpreted.
#ifndef GPAIKIT_PORTAL_TEXT_BLOCKS_H_
#define GPAIKIT_PORTAL_TEXT_BLOCKS_H_

#include <string>
#include <string_view>
#include <vector>

namespace gpaikit::portal {

struct TextBlock {
  bool heading = false;  // a line starting with '#', its text without the '#'s
  std::string text;      // a paragraph's lines joined with single spaces
};

// The blocks of `text` in order: each line starting with '#' is a heading (one with no words is
// dropped); runs of other non-blank lines form a paragraph, each line without its leading
// spaces, tabs and trailing CR; blank lines (spaces and tabs only) end a paragraph.
std::vector<TextBlock> SplitTextBlocks(std::string_view text);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_TEXT_BLOCKS_H_
