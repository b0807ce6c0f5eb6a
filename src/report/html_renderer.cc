// Renders a report Document as one self-contained, print-ready HTML page (inline CSS only).
#include <cctype>
#include <sstream>

#include "gpaikit/report/report.h"
#include "report/print_html.h"

namespace gpaikit::report {
namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #1d2433; --muted: #667085; --line: #d0d5dd; --good: #067647; --warn: #b54708;
        --bad: #b42318; --band: #f2f4f7; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; border-bottom: 3px solid var(--ink); padding-bottom: .4rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
h4 { font-size: 1rem; margin-top: 1.1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
         vertical-align: top; }
th { background: var(--band); }
td.nw { white-space: nowrap; }
tr { break-inside: avoid; }
.good { color: var(--good); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.bad { color: var(--bad); font-weight: 700; }
.muted { color: var(--muted); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85em; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  section.model { break-before: page; }
  section.model:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
)css";

const char* ToneClass(Tone tone) {
  switch (tone) {
    case Tone::kGood:
      return "good";
    case Tone::kWarn:
      return "warn";
    case Tone::kBad:
      return "bad";
    case Tone::kMuted:
      return "muted";
    default:
      return "";
  }
}

// Escapes `text` and typesets powers of ten: "4.2x10^25" becomes "4.2&times;10<sup>25</sup>".
std::string Typeset(const std::string& text) {
  std::string escaped = EscapeHtml(text);
  std::string out;
  size_t i = 0;
  while (i < escaped.size()) {
    size_t at = escaped.find("x10^", i);
    if (at == std::string::npos || at == 0 ||
        !std::isdigit(static_cast<unsigned char>(escaped[at - 1]))) {
      out.append(escaped, i, at == std::string::npos ? std::string::npos : at + 4 - i);
      if (at == std::string::npos) break;
      i = at + 4;
      continue;
    }
    size_t end = at + 4;
    if (end < escaped.size() && escaped[end] == '-') ++end;
    while (end < escaped.size() && std::isdigit(static_cast<unsigned char>(escaped[end]))) ++end;
    out.append(escaped, i, at - i);
    out += "&times;10<sup>" + escaped.substr(at + 4, end - at - 4) + "</sup>";
    i = end;
  }
  return out;
}

// `print`: a newline in the text becomes <br> (printed documents show list rows line by line);
// the screen HTML keeps the text as it was.
std::string Span(const Text& text, bool print = false) {
  std::string typeset = Typeset(text.text);
  if (print) {
    for (size_t at = typeset.find('\n'); at != std::string::npos; at = typeset.find('\n', at + 4)) {
      typeset.replace(at, 1, "<br>");
    }
  }
  const char* css = ToneClass(text.tone);
  if (*css == '\0') return typeset;
  return std::string("<span class=\"") + css + "\">" + typeset + "</span>";
}

// Short single-token cells (ids, dates, statuses) are kept on one line.
const char* CellAttributes(const Text& text) {
  return text.text.size() <= 24 && text.text.find(' ') == std::string::npos ? " class=\"nw\"" : "";
}

void RenderFacts(const std::vector<Fact>& facts, std::ostringstream& out) {
  out << "<dl class=\"facts\">\n";
  for (const Fact& fact : facts) {
    out << "<dt>" << EscapeHtml(fact.label) << "</dt><dd>" << Span(fact.value) << "</dd>\n";
  }
  out << "</dl>\n";
}

// `print`: the print HTML of DOCX and PDF exports (line breaks kept, column widths given).
void RenderSection(const Section& section, int depth, std::ostringstream& out, bool print = false) {
  int level = depth > 6 ? 6 : depth;
  out << "<section id=\"" << EscapeHtml(section.id) << "\""
      << (depth == 2 ? " class=\"model\"" : "") << ">\n<h" << level << ">"
      << EscapeHtml(section.title) << "</h" << level << ">\n";
  for (const Block& block : section.blocks) {
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out << "<p>" << Span(paragraph->text, print) << "</p>\n";
    } else if (const auto* facts = std::get_if<FactList>(&block)) {
      RenderFacts(facts->facts, out);
    } else if (const auto* bullets = std::get_if<BulletList>(&block)) {
      out << "<ul>\n";
      for (const Text& item : bullets->items) out << "<li>" << Span(item, print) << "</li>\n";
      out << "</ul>\n";
    } else if (const auto* table = std::get_if<Table>(&block)) {
      out << "<table>\n";
      if (print && !table->widths.empty()) {
        out << "<colgroup>";
        for (int width : table->widths) {
          out << "<col width=\"" << width << "%\" style=\"width: " << width << "%\">";
        }
        out << "</colgroup>\n";
      }
      out << "<thead><tr>";
      for (const std::string& column : table->header)
        out << "<th>" << EscapeHtml(column) << "</th>";
      out << "</tr></thead>\n<tbody>\n";
      for (const auto& row : table->rows) {
        out << "<tr>";
        for (const Text& cell : row)
          out << "<td" << CellAttributes(cell) << ">" << Span(cell, print) << "</td>";
        out << "</tr>\n";
      }
      out << "</tbody>\n</table>\n";
    }
  }
  for (const Section& child : section.children) RenderSection(child, depth + 1, out, print);
  out << "</section>\n";
}

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RenderHtml(const Document& document) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
      << EscapeHtml(document.title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n"
      << "<body>\n<header>\n<h1>" << EscapeHtml(document.title) << "</h1>\n";
  RenderFacts(document.header, out);
  out << "</header>\n<main>\n";
  for (const Section& section : document.sections) RenderSection(section, 2, out);
  out << "</main>\n<footer>Generated by gpaikit. Figures and dates are derived from the project "
         "file and the pinned rulepack; each rule names its legal source.</footer>\n"
      << "</body>\n</html>\n";
  return out.str();
}

std::string RenderPrintHtml(const Document& document, const std::string& page_footer) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
      << EscapeHtml(document.title) << "</title>\n</head>\n<body>\n";
  if (!page_footer.empty()) {
    out << "<div class=\"page-footer\">" << EscapeHtml(page_footer) << "</div>\n";
  }
  out << "<h1>" << EscapeHtml(document.title) << "</h1>\n<table class=\"header-facts\">\n";
  for (const Fact& fact : document.header) {
    out << "<tr><td>" << EscapeHtml(fact.label) << "</td><td>" << Span(fact.value, true)
        << "</td></tr>\n";
  }
  out << "</table>\n";
  for (const Section& section : document.sections) RenderSection(section, 2, out, true);
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace gpaikit::report
