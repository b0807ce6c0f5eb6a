// Renders one audience's Model Documentation Form as Markdown, print-ready HTML laid out like the
// official Form, and JSON (Code of Practice, Transparency, Measure 1.2: each audience gets its
// rows).
#include <string>

#include "gpaikit/docs/docs.h"
#include "gpaikit/report/report.h"

namespace gpaikit::docs {
namespace {

using report::EscapeHtml;
using report::EscapeMarkdown;

std::string AudienceLabel(const law::form::Form& form, std::string_view audience) {
  const law::form::Audience* found = form.FindAudience(audience);
  return found ? found->label : std::string(audience);
}

std::string ShownValue(const RowValue& value) {
  switch (value.status) {
    case RowStatus::kMissing:
      return "(missing)";
    case RowStatus::kNotRequired:
      return "(not required)";
    default:
      return value.value;
  }
}

constexpr const char* kCss = R"css(
body{font:10.5pt/1.4 "DejaVu Sans",Arial,sans-serif;margin:2em;color:#111}
h1{font-size:16pt;margin:0 0 .3em}
h2{font-size:12pt;background:#1f3864;color:#fff;padding:.3em .5em;margin:1.4em 0 0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #777;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#d9e2f3}
td.id{width:3.2em;font-weight:bold}
td.field{width:30%}
td.field small{display:block;color:#555;font-size:8.5pt;margin-top:.3em}
td.value{white-space:pre-wrap}
td.tick{width:2.6em;text-align:center}
.missing{color:#b00020;font-weight:bold}
.basis{display:block;color:#555;font-size:8.5pt;margin-top:.3em}
.meta td{border:none;padding:.1em .8em .1em 0}
.note{font-size:9pt;color:#333;border-left:3px solid #1f3864;padding-left:.6em}
@page{size:A4;margin:15mm}
@media print{body{margin:0}tr{page-break-inside:avoid}h2{page-break-after:avoid}}
)css";

}  // namespace

std::string WithoutInternalTags(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '[') {
      size_t j = i + 1;
      while (j < text.size() &&
             ((text[j] >= 'A' && text[j] <= 'Z') || (text[j] >= '0' && text[j] <= '9'))) {
        ++j;
      }
      if (j < text.size() && text[j] == ']' && j > i + 1) {
        while (!out.empty() && out.back() == ' ') out.pop_back();
        i = j + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string RenderMarkdown(const ModelDocumentation& documentation, const law::form::Form& form,
                           std::string_view audience, bool draft) {
  std::string out = "# " + EscapeMarkdown(form.title + ": " + documentation.model_name) + "\n\n";
  out += "- Provider: " + EscapeMarkdown(documentation.provider) + "\n";
  out += "- For: " + EscapeMarkdown(AudienceLabel(form, audience)) + "\n";
  out += "- Document version: " + EscapeMarkdown(documentation.header.version) + "\n";
  out +=
      "- Date the document was last updated: " + EscapeMarkdown(documentation.header.last_updated) +
      "\n";
  out += "- Form: " + EscapeMarkdown(form.form) + "\n";
  out += "- Confidentiality: " +
         EscapeMarkdown(draft ? form.confidentiality : WithoutInternalTags(form.confidentiality)) +
         "\n";
  for (const law::form::Section& section : form.sections) {
    std::string table;
    for (const RowValue& value : documentation.rows) {
      if (value.row->section != section.number || !value.row->For(audience)) continue;
      table += "| " + EscapeMarkdown(value.row->id) + " | " + EscapeMarkdown(value.row->name) +
               " | " + EscapeMarkdown(ShownValue(value)) + " |\n";
    }
    if (table.empty()) continue;
    out += "\n## Section " + std::to_string(section.number) + ". " + EscapeMarkdown(section.title) +
           "\n\n";
    out += "| # | Field | Value |\n|---|---|---|\n" + table;
  }
  return out;
}

std::string RenderHtml(const ModelDocumentation& documentation, const law::form::Form& form,
                       std::string_view audience, bool draft) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>" +
                    EscapeHtml(form.title + ": " + documentation.model_name) + "</title>\n<style>" +
                    kCss + "</style></head><body>\n";
  out += "<h1>" + EscapeHtml(form.title) + "</h1>\n<table class=\"meta\">";
  for (const auto& [label, text] :
       {std::pair<std::string, std::string>{"Provider", documentation.provider},
        {"Model", documentation.model_name},
        {"For", AudienceLabel(form, audience)},
        {"Document version number", documentation.header.version},
        {"Date the document was last updated", documentation.header.last_updated},
        {"Form", form.form}}) {
    out += "<tr><td><b>" + EscapeHtml(label) + "</b></td><td>" + EscapeHtml(text) + "</td></tr>";
  }
  out += "</table>\n<p class=\"note\">" +
         EscapeHtml(draft ? form.confidentiality : WithoutInternalTags(form.confidentiality)) +
         "</p>\n";
  for (const law::form::Section& section : form.sections) {
    std::string rows;
    for (const RowValue& value : documentation.rows) {
      const law::form::Row& row = *value.row;
      if (row.section != section.number || !row.For(audience)) continue;
      rows += "<tr><td class=\"id\">" + EscapeHtml(row.id) + "</td><td class=\"field\">" +
              EscapeHtml(row.name) + "<small>" + EscapeHtml(row.guidance) +
              "</small></td><td class=\"value\">";
      bool absent = value.status == RowStatus::kMissing || value.status == RowStatus::kNotRequired;
      rows += absent ? "<span class=\"missing\">" + EscapeHtml(ShownValue(value)) + "</span>"
                     : EscapeHtml(value.value);
      if (draft && value.status == RowStatus::kDerived) {  // where it came from: a working note
        rows += "<span class=\"basis\">" + EscapeHtml(value.basis) + "</span>";
      }
      rows += "</td>";
      for (const law::form::Audience& each : form.audiences) {
        rows +=
            "<td class=\"tick\">" + std::string(row.For(each.id) ? "&#9746;" : "&#9744;") + "</td>";
      }
      rows += "</tr>\n";
    }
    if (rows.empty()) continue;
    out += "<h2>Section " + std::to_string(section.number) + ". " + EscapeHtml(section.title) +
           "</h2>\n<table><thead><tr><th>#</th><th>Field</th><th>Value</th>";
    for (const law::form::Audience& each : form.audiences) {
      out += "<th title=\"" + EscapeHtml(each.label) + "\">" + EscapeHtml(each.spec_tag) + "</th>";
    }
    out += "</tr></thead><tbody>\n" + rows + "</tbody></table>\n";
  }
  out += "</body></html>\n";
  return out;
}

nlohmann::json AudienceJson(const ModelDocumentation& documentation, const law::form::Form& form,
                            std::string_view audience) {
  nlohmann::json rows = nlohmann::json::object();
  for (const RowValue& value : documentation.rows) {
    if (!value.row->For(audience)) continue;
    rows[value.row->id] = {
        {"name", value.row->name}, {"value", value.value}, {"status", RowStatusName(value.status)}};
  }
  return {{"schema", "gpaikit.mdf/1"},
          {"audience", std::string(audience)},
          {"model", documentation.model_id},
          {"form", form.form},
          {"header",
           {{"version", documentation.header.version},
            {"last_updated", documentation.header.last_updated}}},
          {"rows", rows}};
}

nlohmann::json FullJson(const ModelDocumentation& documentation, const law::form::Form& form) {
  nlohmann::json rows = nlohmann::json::object();
  for (const RowValue& value : documentation.rows) {
    rows[value.row->id] = {{"name", value.row->name},
                           {"value", value.value},
                           {"status", RowStatusName(value.status)},
                           {"audiences", value.row->audiences}};
  }
  return {{"schema", "gpaikit.mdf/1"},
          {"audience", "all"},
          {"model", documentation.model_id},
          {"form", form.form},
          {"rows", rows}};
}

}  // namespace gpaikit::docs
