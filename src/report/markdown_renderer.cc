// Renders a report Document as GitHub-flavoured Markdown (user text escaped, statuses in bold).
#include <cctype>
#include <sstream>
#include <string_view>

#include "gpaikit/report/report.h"

namespace gpaikit::report {
namespace {

// Where a leading block marker ends (after leading blanks): just past a "#" (heading), a "-" or
// "+" before a blank, the end or another "-" (list item, rule), or the "." or ")" of a number
// before a blank or the end ("1. " starts an ordered list); 0 when the text starts with none.
size_t LeadingMarkerEnd(std::string_view text) {
  size_t i = text.find_first_not_of(" \t");
  if (i == std::string_view::npos) return 0;
  auto ends_marker = [&](size_t next) {
    return next >= text.size() || text[next] == ' ' || text[next] == '\t';
  };
  if (text[i] == '#') return i + 1;
  if ((text[i] == '-' || text[i] == '+') &&
      (ends_marker(i + 1) || (text[i] == '-' && text[i + 1] == '-'))) {
    return i + 1;
  }
  size_t digits = i;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits > i && digits < text.size() && (text[digits] == '.' || text[digits] == ')') &&
      ends_marker(digits + 1)) {
    return digits + 1;
  }
  return 0;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool StartsEntity(std::string_view rest) {
  return !rest.empty() && (IsWordChar(rest.front()) || rest.front() == '#');
}

std::string Styled(const Text& text) {
  std::string escaped = EscapeMarkdown(text.text);
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
  out << std::string(static_cast<size_t>(depth), '#') << ' ' << EscapeMarkdown(section.title)
      << "\n\n";
  for (const Block& block : section.blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out << Styled(paragraph->text) << "\n\n";
    } else if (const auto* facts = std::get_if<FactList>(&block)) {
      for (const Fact& fact : facts->facts) {
        out << "- **" << EscapeMarkdown(fact.label) << ":** " << Styled(fact.value) << "\n";
      }
      out << "\n";
    } else if (const auto* bullets = std::get_if<BulletList>(&block)) {
      for (const Text& item : bullets->items) out << "- " << Styled(item) << "\n";
      out << "\n";
    } else if (const auto* table = std::get_if<Table>(&block)) {
      out << "|";
      for (const std::string& column : table->header) out << ' ' << EscapeMarkdown(column) << " |";
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

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t marker = LeadingMarkerEnd(text);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (i + 1 == marker) out += '\\';  // "\# ", "\- ", "1\. "
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += StartsEntity(text.substr(i + 1)) ? "&amp;" : "&";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "<br>";
        break;
      case '\n':
        out += "<br>";
        break;
      case '_':  // inside a word (snake_case) it opens no emphasis and stays as written
        if (i > 0 && i + 1 < text.size() && IsWordChar(text[i - 1]) && IsWordChar(text[i + 1])) {
          out += c;
          break;
        }
        out += "\\_";
        break;
      case '\\':
      case '`':
      case '*':
      case '~':
      case '[':
      case ']':
      case '|':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderMarkdown(const Document& document) {
  std::ostringstream out;
  out << "# " << EscapeMarkdown(document.title) << "\n\n";
  for (const Fact& fact : document.header) {
    out << "- **" << EscapeMarkdown(fact.label) << ":** " << Styled(fact.value) << "\n";
  }
  if (!document.header.empty()) out << "\n";
  for (const Section& section : document.sections) RenderSection(section, 2, out);
  return out.str();
}

}  // namespace gpaikit::report
