// Renders the filled training-content summary laid out like the Commission's template (header,
// numbered sections, tick boxes, the 1.3 table) as Markdown and print-ready HTML via src/report,
// and as JSON gpaikit.training-summary/1 (AI Act Art. 53(1)(d); docs/summary.md).
#include <algorithm>
#include <cctype>
#include <variant>

#include "docs/training_summary_internal.h"
#include "gpaikit/docs/training_summary.h"

namespace gpaikit::docs {
namespace {

using report::Text;
using report::Tone;

constexpr const char* kTicked = "\u2612";    // ☒
constexpr const char* kUnticked = "\u2610";  // ☐

// The tick-box order of the template's "modality(ies)" questions (spec 3.2, section 2).
constexpr const char* kBoxModalities[] = {"text", "image", "video", "audio", "other"};

std::string Capitalised(std::string word) {
  if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  return word;
}

// The template's labels end with ':'; the renderers add their own.
std::string Label(const std::string& label) {
  return label.ends_with(':') ? label.substr(0, label.size() - 1) : label;
}

std::string Box(bool ticked, const std::string& label) {
  return std::string(ticked ? kTicked : kUnticked) + " " + label;
}

std::string Joined(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

// The value of a filled field as one line of text (tick boxes for yes-no and modalities).
std::string ValueText(const FieldValue& field) {
  if (field.kind == "yes-no") {
    return Box(field.yes.value_or(false), "Yes") + "  " + Box(!field.yes.value_or(true), "No");
  }
  if (field.kind == "modalities") {
    std::vector<std::string> boxes;
    for (const char* modality : kBoxModalities) {
      bool ticked = std::find(field.modalities.begin(), field.modalities.end(), modality) !=
                    field.modalities.end();
      boxes.push_back(Box(ticked, Capitalised(modality)));
    }
    return Joined(boxes, "  ");
  }
  if (field.kind == "list" || field.kind == "domain-list") {
    std::string text = Joined(field.items, "; ");
    if (!field.text.empty()) text = field.text + (text.empty() ? "" : "; " + text);
    return text;
  }
  std::string text = field.text;
  if (!field.items.empty()) text += (text.empty() ? "" : " ") + Joined(field.items, "; ");
  return text;
}

// A field's answer; the reasons for a missing or inapplicable one (which name gpaikit.yaml keys
// and template field ids) only in a draft.
Text StatusText(const FieldValue& field, bool draft) {
  switch (field.status) {
    case FieldStatus::kFilled:
      return {ValueText(field), Tone::kPlain};
    case FieldStatus::kMissing:
      return {draft ? "MISSING: " + field.why : "Not provided", Tone::kBad};
    case FieldStatus::kNotApplicable:
      return {draft ? "Not applicable: " + field.why : "Not applicable", Tone::kMuted};
    case FieldStatus::kOptionalEmpty:
      return {"(none)", Tone::kMuted};
  }
  return {};
}

report::Table SizeTable(const FieldValue& field, const law::summary::Template& form) {
  report::Table table{{"Modality", "Training data size", "Types of content"}, {}, {14, 52, 34}};
  for (const SizeRow& row : field.sizes) {
    const law::summary::ModalitySizes* sizes = form.FindSizes(row.modality);
    std::vector<std::string> boxes;
    for (const law::summary::SizeBucket& bucket : sizes->buckets) {
      boxes.push_back(Box(row.present && bucket.label == row.bucket, bucket.label));
    }
    std::string size = Joined(boxes, "  ");
    if (sizes->buckets.empty()) size = sizes->free_text + ":";
    if (!row.size_text.empty()) size += (size.empty() ? "" : " \u2014 ") + row.size_text;
    table.rows.push_back({{Box(row.present, Capitalised(row.modality))},
                          {size, row.present ? Tone::kPlain : Tone::kMuted},
                          {row.types_of_content}});
  }
  return table;
}

report::Table DomainTable(const TopDomains& top) {
  report::Table table{{"#", "Domain", "Content scraped", "Records"}, {}, {7, 51, 24, 18}};
  for (size_t i = 0; i < top.listed.size(); ++i) {
    const DomainStat& domain = top.listed[i];
    table.rows.push_back({{std::to_string(i + 1)},
                          {domain.domain},
                          {HumanBytes(domain.content_bytes) + (top.exact ? "" : " (at least)")},
                          {std::to_string(domain.records)}});
  }
  return table;
}

// The section's current question/answer table: the last block when it is one, else a new one.
report::Table& AnswerTable(report::Section& section) {
  if (section.blocks.empty() || !std::holds_alternative<report::Table>(section.blocks.back()) ||
      std::get<report::Table>(section.blocks.back()).header.front() != "Field") {
    section.blocks.push_back(report::Table{{"Field", "Answer"}, {}, {40, 60}});
  }
  return std::get<report::Table>(section.blocks.back());
}

// One field as a row of its section's table (the 1.3 table and the domain list as tables of
// their own), with its notes as muted rows.
void AddField(report::Section& section, const FieldValue& field, const law::summary::Template& form,
              bool draft) {
  if (field.kind == "size-table" && !field.sizes.empty()) {
    section.blocks.push_back(SizeTable(field, form));
    if (field.status != FieldStatus::kFilled) {
      AnswerTable(section).rows.push_back({{"Size table"}, StatusText(field, draft)});
    }
  } else if (field.kind == "domain-list" && field.status == FieldStatus::kFilled && field.domains) {
    AnswerTable(section).rows.push_back(
        {{Label(field.label)},
         {std::to_string(field.items.size()) + (field.items.size() == 1 ? " domain" : " domains") +
          " (table below)"}});
    section.blocks.push_back(DomainTable(*field.domains));
  } else {
    AnswerTable(section).rows.push_back({{Label(field.label)}, StatusText(field, draft)});
  }
  for (const std::string& remark : field.remarks) {
    AnswerTable(section).rows.push_back({{""}, {remark, Tone::kPlain}});
  }
  if (!draft) return;
  for (const std::string& note : field.notes) {
    AnswerTable(section).rows.push_back({{""}, {"Note: " + note, Tone::kMuted}});
  }
}

nlohmann::json FieldJson(const FieldValue& field) {
  nlohmann::json out = {{"id", field.id},
                        {"section", field.section},
                        {"label", field.label},
                        {"kind", field.kind},
                        {"status", FieldStatusName(field.status)},
                        {"source", field.provenance.source},
                        {"verified", field.provenance.verified}};
  if (!field.why.empty()) out["why"] = field.why;
  if (!field.text.empty()) out["text"] = field.text;
  if (field.yes) out["answer"] = *field.yes ? "yes" : "no";
  if (field.kind == "modalities" && field.status == FieldStatus::kFilled) {
    out["modalities"] = field.modalities;
  }
  if (!field.items.empty()) out["items"] = field.items;
  if (!field.sizes.empty()) {
    nlohmann::json rows = nlohmann::json::array();
    for (const SizeRow& row : field.sizes) {
      rows.push_back({{"modality", row.modality},
                      {"present", row.present},
                      {"size_range", row.bucket},
                      {"size", row.size_text},
                      {"size_source", row.size_source},
                      {"types_of_content", row.types_of_content}});
    }
    out["modalities"] = rows;
  }
  if (field.domains) {
    const TopDomains& top = *field.domains;
    nlohmann::json listed = nlohmann::json::array();
    for (const DomainStat& d : top.listed) {
      listed.push_back(
          {{"domain", d.domain}, {"content_bytes", d.content_bytes}, {"records", d.records}});
    }
    out["domains"] = {{"domain_count", top.domain_count},
                      {"listed_count", top.listed_count},
                      {"sme_rule", top.sme_rule},
                      {"exact", top.exact},
                      {"bytes_error_bound", top.bytes_error_bound},
                      {"listed", listed}};
  }
  if (!field.remarks.empty()) out["remarks"] = field.remarks;
  if (!field.notes.empty()) out["notes"] = field.notes;
  return out;
}

}  // namespace

nlohmann::json SummaryJson(const TrainingSummary& summary, const law::summary::Template& form) {
  nlohmann::json fields = nlohmann::json::array();
  for (const FieldValue& field : summary.fields) fields.push_back(FieldJson(field));
  nlohmann::json previous = nlohmann::json::array();
  for (const project::PreviousVersion& p : summary.previous_versions) {
    previous.push_back({{"version", p.version}, {"url", p.url}});
  }
  nlohmann::json out = {{"schema", "gpaikit.training-summary/1"},
                        {"template", form.form},
                        {"template_source", form.provenance.source},
                        {"model", {{"id", summary.model_id}, {"name", summary.model_name}}},
                        {"version", FieldJson(summary.version)},
                        {"last_update", FieldJson(summary.last_update)},
                        {"previous_versions", previous},
                        {"complete", summary.complete()},
                        {"counts",
                         {{"fields", summary.fields.size()},
                          {"filled", summary.CountFields(FieldStatus::kFilled)},
                          {"missing", summary.CountFields(FieldStatus::kMissing)},
                          {"not_applicable", summary.CountFields(FieldStatus::kNotApplicable)},
                          {"empty_optional", summary.CountFields(FieldStatus::kOptionalEmpty)},
                          {"header_missing", summary.CountStatus(FieldStatus::kMissing) -
                                                 summary.CountFields(FieldStatus::kMissing)}}},
                        {"missing", summary.MissingIds()},
                        {"findings", summary.findings},
                        {"fields", fields}};
  if (summary.stats) {
    const CorpusStats& stats = *summary.stats;
    out["stats"] = {{"files", stats.files},
                    {"records", stats.records},
                    {"content_bytes", stats.content_bytes},
                    {"first_date", stats.first_date},
                    {"last_date", stats.last_date},
                    {"domains", stats.domains.size()},
                    {"domains_exact", stats.domains_exact}};
  }
  return out;
}

report::Document SummaryDocument(const TrainingSummary& summary, const law::summary::Template& form,
                                 bool draft) {
  report::Document document;
  document.title = form.title + ": " + summary.model_name;
  std::string version = summary.version.status == FieldStatus::kFilled
                            ? summary.version.text
                            : StatusText(summary.version, draft).text;
  document.header.push_back(
      {Label(summary.version.label),
       {version, summary.version.status == FieldStatus::kFilled ? Tone::kPlain : Tone::kBad}});
  for (const std::string& previous : summary.version.items) {
    document.header.push_back({"Previous version", {previous}});
  }
  document.header.push_back(
      {Label(summary.last_update.label), StatusText(summary.last_update, draft)});
  document.header.push_back({"Template", {form.instrument}});
  if (draft) {
    int missing = summary.CountStatus(FieldStatus::kMissing);
    document.header.push_back({"Template version in gpaikit", {form.form}});
    document.header.push_back(
        {"Completeness",
         {missing                    ? summary.CountsText()
          : summary.findings.empty() ? "complete"
                                     : std::to_string(summary.findings.size()) + " finding(s)",
          summary.complete() ? Tone::kGood : Tone::kBad}});
    for (const std::string& finding : summary.findings) {
      document.header.push_back({"Finding", {finding, Tone::kBad}});
    }
  }
  for (const law::summary::Section& top : form.sections) {
    if (top.number.find('.') != std::string::npos) continue;
    report::Section section{"summary-" + top.number, top.number + ". " + top.title, {}, {}};
    for (const law::summary::Section& sub : form.sections) {
      if (!sub.number.starts_with(top.number + ".")) continue;
      report::Section child{"summary-" + sub.number, sub.number + ". " + sub.title, {}, {}};
      for (const FieldValue& field : summary.fields) {
        if (field.section == sub.number) AddField(child, field, form, draft);
      }
      // 2.2 only groups 2.2.1 and 2.2.2: nest those under it.
      if (std::count(sub.number.begin(), sub.number.end(), '.') == 2 && !section.children.empty()) {
        section.children.back().children.push_back(std::move(child));
      } else {
        section.children.push_back(std::move(child));
      }
    }
    document.sections.push_back(std::move(section));
  }
  return document;
}

std::string RenderSummaryMarkdown(const TrainingSummary& summary,
                                  const law::summary::Template& form, bool draft) {
  return report::RenderMarkdown(SummaryDocument(summary, form, draft));
}

Result<std::string> RenderSummaryHtml(const TrainingSummary& summary,
                                      const law::summary::Template& form, bool draft,
                                      const std::filesystem::path& templates) {
  return report::RenderHtml(SummaryDocument(summary, form, draft), templates);
}

}  // namespace gpaikit::docs
