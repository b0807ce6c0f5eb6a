// Renders a report Document as GitHub-flavoured Markdown (tables escaped, statuses in bold).
#include <sstream>

#include "gpaikit/report/report.h"

namespace gpaikit::report {
namespace {

std::string EscapeCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

std::string Styled(const Text& text) {
  std::string escaped = EscapeCell(text.text);
  if (escaped.empty()) return escaped;
  switch (text.tone) {
    case Tone::kBad:
    case Tone::kWarn:
      return "**" + escaped + "**";
    case Tone::kMuted:
      return "_" + escaped + "_";
    default:
      return escaped;
  }
}

void RenderSection(const Section& section, int depth, std::ostringstream& out) {
  out << std::string(static_cast<size_t>(depth), '#') << ' ' << section.title << "\n\n";
  for (const Block& block : section.blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out << Styled(paragraph->text) << "\n\n";
    } else if (const auto* facts = std::get_if<FactList>(&block)) {
      for (const Fact& fact : facts->facts) {
        out << "- **" << EscapeCell(fact.label) << ":** " << Styled(fact.value) << "\n";
      }
      out << "\n";
    } else if (const auto* bullets = std::get_if<BulletList>(&block)) {
      for (const Text& item : bullets->items) out << "- " << Styled(item) << "\n";
      out << "\n";
    } else if (const auto* table = std::get_if<Table>(&block)) {
      out << "|";
      for (const std::string& column : table->header) out << ' ' << EscapeCell(column) << " |";
      out << "\n|";
      for (size_t i = 0; i < table->header.size(); ++i) out << " --- |";
      out << "\n";
      for (const auto& row : table->rows) {
        out << "|";
        for (const Text& cell : row) out << ' ' << Styled(cell) << " |";
        out << "\n";
      }
      out << "\n";
    }
  }
  for (const Section& child : section.children) RenderSection(child, depth + 1, out);
}

}  // namespace

std::string RenderMarkdown(const Document& document) {
  std::ostringstream out;
  out << "# " << document.title << "\n\n";
  for (const Fact& fact : document.header) {
    out << "- **" << EscapeCell(fact.label) << ":** " << Styled(fact.value) << "\n";
  }
  if (!document.header.empty()) out << "\n";
  for (const Section& section : document.sections) RenderSection(section, 2, out);
  return out.str();
}

}  // namespace gpaikit::report
