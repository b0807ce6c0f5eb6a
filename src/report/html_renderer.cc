// Renders a report Document as HTML from the mustache template files of data/report/templates/
// (or a provider's copy): one self-contained, print-ready page with its CSS inline, and the plain
// HTML that DOCX and PDF exports are converted from. Every value is escaped by the engine.
#include <cctype>

#include "gpaikit/base/files.h"
#include "gpaikit/base/template_set.h"
#include "gpaikit/report/report.h"
#include "report/print_html.h"

namespace gpaikit::report {
namespace {

using kainjow::mustache::list;

// The template files: the two pages and the partials they share; style.css is put inline into
// the screen page (as the partial "style").
TemplateSetSpec ReportSpec() {
  return {"report template",
          {"document.html", "print-document.html", "section", "facts", "span"},
          {"section", "facts", "span"},
          {"style.css"}};
}

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

// One part of a span: plain text, then an optional power of ten and an optional line break.
// Every key is set, so that mustache never takes a missing one from an enclosing context.
TemplateData Part(std::string text, std::string power, bool line_break) {
  TemplateData data;
  data.set("text", std::move(text));
  if (power.empty()) {
    data.set("power", false);
  } else {
    data.set("power", std::move(power));
  }
  data.set("br", line_break);
  return data;
}

// Cuts one line into parts each followed by a power of ten: "4.2x10^25 FLOP" gives "4.2" with
// power "25", then " FLOP" (typeset as 4.2&times;10<sup>25</sup> FLOP).
void AddLineParts(const std::string& s, bool line_break, list& parts) {
  std::string plain;
  size_t i = 0;
  while (i < s.size()) {
    size_t at = s.find("x10^", i);
    if (at == std::string::npos) {
      plain.append(s, i, std::string::npos);
      break;
    }
    if (at == 0 || !std::isdigit(static_cast<unsigned char>(s[at - 1]))) {
      plain.append(s, i, at + 4 - i);
      i = at + 4;
      continue;
    }
    size_t end = at + 4;
    if (end < s.size() && s[end] == '-') ++end;
    while (end < s.size() && std::isdigit(static_cast<unsigned char>(s[end]))) ++end;
    plain.append(s, i, at - i);
    parts.push_back(Part(std::move(plain), s.substr(at + 4, end - at - 4), false));
    plain.clear();
    i = end;
  }
  parts.push_back(Part(std::move(plain), "", line_break));
}

// A piece of text as the span partial shows it: its tone and its parts. `print`: each line break
// of the text becomes <br> (printed documents show list rows line by line); the screen page keeps
// the text as it is.
TemplateData SpanData(const Text& text, bool print) {
  TemplateData span;
  const char* tone = ToneClass(text.tone);
  span.set("toned", *tone != '\0');
  span.set("tone", std::string(tone));
  list parts;
  if (!print) {
    AddLineParts(text.text, false, parts);
  } else {
    size_t start = 0;
    for (size_t at = text.text.find('\n'); at != std::string::npos;
         at = text.text.find('\n', start)) {
      AddLineParts(text.text.substr(start, at - start), true, parts);
      start = at + 1;
    }
    AddLineParts(text.text.substr(start), false, parts);
  }
  span.set("parts", parts);
  return span;
}

// Short single-token cells (ids, dates, statuses) are kept on one line.
bool NoWrap(const Text& text) {
  return text.text.size() <= 24 && text.text.find(' ') == std::string::npos;
}

TemplateData FactsData(const std::vector<Fact>& facts, bool print) {
  list entries;
  for (const Fact& fact : facts) {
    TemplateData entry;
    entry.set("label", fact.label);
    entry.set("value", SpanData(fact.value, print));
    entries.push_back(std::move(entry));
  }
  TemplateData data;
  data.set("entries", entries);
  return data;
}

TemplateData TableData(const Table& table, bool print) {
  TemplateData data;
  if (print && !table.widths.empty()) {  // column widths for DOCX and PDF
    list widths;
    for (int width : table.widths) widths.push_back(TemplateData(std::to_string(width)));
    TemplateData colgroup;
    colgroup.set("widths", widths);
    data.set("colgroup", colgroup);
  } else {
    data.set("colgroup", false);
  }
  list columns;
  for (const std::string& column : table.header) columns.push_back(TemplateData(column));
  data.set("columns", columns);
  list rows;
  for (const auto& row : table.rows) {
    list cells;
    for (const Text& cell : row) {
      TemplateData cell_data = SpanData(cell, print);
      cell_data.set("nowrap", NoWrap(cell));
      cells.push_back(std::move(cell_data));
    }
    TemplateData row_data;
    row_data.set("cells", cells);
    rows.push_back(std::move(row_data));
  }
  data.set("rows", rows);
  return data;
}

TemplateData BlockData(const Block& block, bool print) {
  TemplateData data;
  data.set("paragraph", false);
  data.set("fact_list", false);
  data.set("bullets", false);
  data.set("table", false);
  if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
    data.set("paragraph", SpanData(paragraph->text, print));
  } else if (const auto* facts = std::get_if<FactList>(&block)) {
    data.set("fact_list", FactsData(facts->facts, print));
  } else if (const auto* bullets = std::get_if<BulletList>(&block)) {
    list items;
    for (const Text& item : bullets->items) items.push_back(SpanData(item, print));
    TemplateData list_data;
    list_data.set("items", items);
    data.set("bullets", list_data);
  } else if (const auto* table = std::get_if<Table>(&block)) {
    data.set("table", TableData(*table, print));
  }
  return data;
}

TemplateData SectionData(const Section& section, int depth, bool print) {
  TemplateData data;
  data.set("id", section.id);
  data.set("title", section.title);
  data.set("level", std::to_string(depth > 6 ? 6 : depth));
  data.set("model", depth == 2);  // each model's section starts a printed page
  list blocks;
  for (const Block& block : section.blocks) blocks.push_back(BlockData(block, print));
  data.set("blocks", blocks);
  list children;
  for (const Section& child : section.children) {
    children.push_back(SectionData(child, depth + 1, print));
  }
  data.set("children", children);
  return data;
}

// Renders `page` ("document.html" or "print-document.html") of the templates in `folder`.
Result<std::string> RenderPage(const std::string& page, const Document& document, bool print,
                               const std::string& page_footer,
                               const std::filesystem::path& folder) {
  Result<TemplateSet> templates = TemplateSet::Load(ReportTemplateFolder(folder), ReportSpec());
  if (!templates.ok()) return templates.status();
  TemplateData data;
  data.set("title", document.title);
  data.set("header", FactsData(document.header, print));
  if (page_footer.empty()) {
    data.set("page_footer", false);
  } else {
    data.set("page_footer", page_footer);
  }
  list sections;
  for (const Section& section : document.sections) {
    sections.push_back(SectionData(section, 2, print));
  }
  data.set("sections", sections);
  const std::string& style = templates->File("style.css");
  data.set("style", kainjow::mustache::partial([&style] { return style; }));
  return templates->Render(page, std::move(data), EscapeHtml);
}

}  // namespace

std::filesystem::path ReportTemplateFolder(const std::filesystem::path& folder) {
  return folder.empty() ? DataDir() / "report" / "templates" : folder;
}

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

Result<std::string> RenderHtml(const Document& document, const std::filesystem::path& templates) {
  return RenderPage("document.html", document, false, "", templates);
}

Result<std::string> RenderPrintHtml(const Document& document, const std::string& page_footer,
                                    const std::filesystem::path& templates) {
  return RenderPage("print-document.html", document, true, page_footer, templates);
}

}  // namespace gpaikit::report
