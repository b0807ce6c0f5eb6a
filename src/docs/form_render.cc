// Renders one audience's Model Documentation Form as Markdown, print-ready HTML laid out like the
// official Form (report template form.html), and JSON (Code of Practice, Transparency, Measure 1.2:
// each audience gets its rows).
#include <string>

#include "gpaikit/base/template_set.h"
#include "gpaikit/docs/docs.h"
#include "gpaikit/report/report.h"

namespace gpaikit::docs {
namespace {

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

Result<std::string> RenderHtml(const ModelDocumentation& documentation, const law::form::Form& form,
                               std::string_view audience, bool draft,
                               const std::filesystem::path& templates) {
  Result<TemplateSet> set = TemplateSet::Load(report::ReportTemplateFolder(templates),
                                              {"report template", {"form.html"}, {}, {"form.css"}});
  if (!set.ok()) return set.status();
  TemplateData data;
  data.set("page_title", form.title + ": " + documentation.model_name);
  data.set("form_title", form.title);
  kainjow::mustache::list meta;
  for (const auto& [label, text] :
       {std::pair<std::string, std::string>{"Provider", documentation.provider},
        {"Model", documentation.model_name},
        {"For", AudienceLabel(form, audience)},
        {"Document version number", documentation.header.version},
        {"Date the document was last updated", documentation.header.last_updated},
        {"Form", form.form}}) {
    TemplateData fact;
    fact.set("label", label);
    fact.set("text", text);
    meta.push_back(std::move(fact));
  }
  data.set("meta", meta);
  data.set("note", draft ? form.confidentiality : WithoutInternalTags(form.confidentiality));
  kainjow::mustache::list audiences;
  for (const law::form::Audience& each : form.audiences) {
    TemplateData column;
    column.set("label", each.label);
    column.set("tag", each.spec_tag);
    audiences.push_back(std::move(column));
  }
  kainjow::mustache::list sections;
  for (const law::form::Section& section : form.sections) {
    kainjow::mustache::list rows;
    for (const RowValue& value : documentation.rows) {
      const law::form::Row& row = *value.row;
      if (row.section != section.number || !row.For(audience)) continue;
      TemplateData row_data;
      row_data.set("id", row.id);
      row_data.set("name", row.name);
      row_data.set("guidance", row.guidance);
      row_data.set("absent",
                   value.status == RowStatus::kMissing || value.status == RowStatus::kNotRequired);
      row_data.set("shown", ShownValue(value));
      row_data.set("value", value.value);
      // Where a derived value came from: a working note, only in the draft.
      row_data.set("noted", draft && value.status == RowStatus::kDerived);
      row_data.set("basis", value.basis);
      kainjow::mustache::list ticks;
      for (const law::form::Audience& each : form.audiences) {
        TemplateData tick;
        tick.set("on", row.For(each.id));
        ticks.push_back(std::move(tick));
      }
      row_data.set("ticks", ticks);
      rows.push_back(std::move(row_data));
    }
    if (rows.empty()) continue;
    TemplateData section_data;
    section_data.set("number", std::to_string(section.number));
    section_data.set("title", section.title);
    section_data.set("audiences", audiences);
    section_data.set("rows", rows);
    sections.push_back(std::move(section_data));
  }
  data.set("sections", sections);
  const std::string& style = set->File("form.css");
  data.set("form_style", kainjow::mustache::partial([&style] { return style; }));
  return set->Render("form.html", std::move(data), report::EscapeHtml);
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
