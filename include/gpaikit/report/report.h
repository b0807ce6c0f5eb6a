// A report as data (sections of paragraphs, facts, lists and tables) and its renderers:
// Markdown, self-contained print-ready HTML, and terminal text with optional colour.
#ifndef GPAIKIT_REPORT_REPORT_H_
#define GPAIKIT_REPORT_REPORT_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::report {

// How a piece of text should stand out: fine, needs attention, blocking, or secondary.
enum class Tone { kPlain, kGood, kWarn, kBad, kMuted };

struct Text {
  std::string text;
  Tone tone = Tone::kPlain;
};

struct Fact {
  std::string label;
  Text value;
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<Text>> rows;
  // Column widths in percent for printed documents (DOCX, PDF); empty: automatic.
  std::vector<int> widths = {};
};

struct Paragraph {
  Text text;
};
struct FactList {
  std::vector<Fact> facts;
};
struct BulletList {
  std::vector<Text> items;
};

using Block = std::variant<Paragraph, FactList, BulletList, Table>;

// A titled part of the report; modules contribute sections (scope, docs, safety, ...).
struct Section {
  std::string id;  // stable anchor, e.g. "model-aurora-7b-obligations"
  std::string title;
  std::vector<Block> blocks;
  std::vector<Section> children;
};

struct Document {
  std::string title;
  std::vector<Fact> header;
  std::vector<Section> sections;
};

std::string RenderMarkdown(const Document& document);
// One self-contained HTML page (its CSS inline, no external resources; prints cleanly on A4)
// from the mustache templates document.html, section, facts, span and style.css of `templates`
// (empty: the installed data/report/templates; docs/reports.md "HTML templates"). Every value is
// HTML-escaped. InvalidInput naming the template file that is missing or not valid mustache.
Result<std::string> RenderHtml(const Document& document,
                               const std::filesystem::path& templates = {});
// The folder of the HTML report templates: `folder` when not empty (a provider's branded copy),
// else data/report/templates.
std::filesystem::path ReportTemplateFolder(const std::filesystem::path& folder);
// Plain text for a terminal; ANSI colours only when `colour`.
std::string RenderTerminal(const Document& document, bool colour);

// HTML-escapes &, <, >, " and '.
std::string EscapeHtml(const std::string& text);
// Escapes `text` for Markdown so that it shows as written and never becomes markup, wherever it is
// put (paragraph, list item, table cell, heading): < and > as entities (no raw HTML), & before
// what could be an entity, a backslash before \ ` * _ ~ [ ] | (no code, emphasis, link, image or
// table column; not before a _ inside a word, which emphasises nothing), a leading block marker
// escaped ("# ", "- ", "1. " start no heading, list or rule), and line breaks as <br> (the text
// stays one line). Every user string put into Markdown goes through here.
std::string EscapeMarkdown(std::string_view text);

}  // namespace gpaikit::report

#endif  // GPAIKIT_REPORT_REPORT_H_
