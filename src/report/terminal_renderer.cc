// Renders a report Document as aligned plain text for a terminal, with ANSI colour on request.
#include <algorithm>
#include <sstream>

#include "gpaikit/report/report.h"

namespace gpaikit::report {
namespace {

class Painter {
 public:
  explicit Painter(bool colour) : colour_(colour) {}
  std::string Paint(const Text& text) const {
    if (!colour_ || text.tone == Tone::kPlain) return text.text;
    const char* code = text.tone == Tone::kGood   ? "\033[32m"
                       : text.tone == Tone::kWarn ? "\033[33m"
                       : text.tone == Tone::kBad  ? "\033[1;31m"
                                                  : "\033[2m";
    return code + text.text + "\033[0m";
  }
  std::string Bold(const std::string& text) const {
    return colour_ ? "\033[1m" + text + "\033[0m" : text;
  }

 private:
  bool colour_;
};

// Display width, counting UTF-8 code points rather than bytes.
size_t Width(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

// Terminal tables keep every column but the last within this many characters.
constexpr size_t kMaxColumnWidth = 44;

// `text` cut to `width` display characters, ending in "..." when cut.
Text Clip(const Text& text, size_t width) {
  if (Width(text.text) <= width) return text;
  std::string out;
  size_t shown = 0;
  for (size_t i = 0; i < text.text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text.text[i]);
    if ((c & 0xC0) != 0x80 && ++shown > width - 3) break;
    out += text.text[i];
  }
  return Text{out + "...", text.tone};
}

std::string Pad(const std::string& painted, const std::string& plain, size_t width) {
  size_t w = Width(plain);
  return painted + std::string(width > w ? width - w : 0, ' ');
}

void RenderSection(const Section& section, int depth, const Painter& painter,
                   std::ostringstream& out) {
  std::string indent(static_cast<size_t>(2 * (depth - 2)), ' ');
  out << "\n" << indent << painter.Bold(section.title) << "\n";
  for (const Block& block : section.blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out << indent << "  " << painter.Paint(paragraph->text) << "\n";
    } else if (const auto* facts = std::get_if<FactList>(&block)) {
      size_t width = 0;
      for (const Fact& fact : facts->facts) width = std::max(width, Width(fact.label));
      for (const Fact& fact : facts->facts) {
        out << indent << "  " << Pad(fact.label + ":", fact.label + ":", width + 2)
            << painter.Paint(fact.value) << "\n";
      }
    } else if (const auto* bullets = std::get_if<BulletList>(&block)) {
      for (const Text& item : bullets->items) {
        out << indent << "  - " << painter.Paint(item) << "\n";
      }
    } else if (const auto* table = std::get_if<Table>(&block)) {
      std::vector<size_t> widths(table->header.size(), 0);
      for (size_t i = 0; i < widths.size(); ++i) widths[i] = Width(table->header[i]);
      for (const auto& row : table->rows) {
        for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
          widths[i] = std::max(widths[i], std::min(Width(row[i].text), kMaxColumnWidth));
        }
      }
      out << indent << "  ";
      for (size_t i = 0; i < widths.size(); ++i) {
        out << Pad(painter.Bold(table->header[i]), table->header[i], widths[i] + 2);
      }
      out << "\n";
      for (const auto& row : table->rows) {
        out << indent << "  ";
        for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
          if (i + 1 == row.size()) {
            out << painter.Paint(row[i]);
          } else {
            Text cell = Clip(row[i], kMaxColumnWidth);
            out << Pad(painter.Paint(cell), cell.text, widths[i] + 2);
          }
        }
        out << "\n";
      }
    }
  }
  for (const Section& child : section.children) RenderSection(child, depth + 1, painter, out);
}

}  // namespace

std::string RenderTerminal(const Document& document, bool colour) {
  Painter painter(colour);
  std::ostringstream out;
  out << painter.Bold(document.title) << "\n";
  for (const Fact& fact : document.header) {
    out << "  " << fact.label << ": " << painter.Paint(fact.value) << "\n";
  }
  for (const Section& section : document.sections) RenderSection(section, 2, painter, out);
  return out.str();
}

}  // namespace gpaikit::report
