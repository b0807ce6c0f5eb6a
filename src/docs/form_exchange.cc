// The Model Documentation Form as a report::Document for DOCX and PDF exports, laid out like the
// Commission's Word form (Code of Practice, Transparency, Measures 1.1-1.2), and the footer rule
// that ties a printed copy to its ledger entry (Measure 1.3 integrity; docs/exchange.md).
#include <algorithm>

#include "gpaikit/docs/exchange.h"

namespace gpaikit::docs {
namespace {

constexpr const char* kTicked = "\u2612";    // ☒
constexpr const char* kUnticked = "\u2610";  // ☐

// The non-empty pieces of `text` between `separator`s.
std::vector<std::string> Split(const std::string& text, std::string_view separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + separator.size();
  }
  return out;
}

// The Form's options of a choice or range row (empty for other kinds).
std::vector<std::string> Options(const law::form::Kind& kind) {
  if (kind.type == "choice") return kind.options;
  std::vector<std::string> out;
  if (kind.type == "range") {
    for (const law::form::Bin& bin : kind.bins) out.push_back(bin.label);
  }
  return out;
}

bool IsOption(const std::vector<std::string>& options, const std::string& text) {
  return std::find(options.begin(), options.end(), text) != options.end();
}

// The options a value chooses: one a line (given in gpaikit.yaml), or a derived line of options
// joined by ", " (rows 2.3 and 2.5 from the model's modalities); a line that is neither stays
// whole (an "other" answer).
std::vector<std::string> Chosen(const std::vector<std::string>& options, const std::string& value) {
  std::vector<std::string> chosen;
  for (const std::string& line : Split(value, "\n")) {
    std::vector<std::string> parts = Split(line, ", ");
    bool all_options = std::all_of(parts.begin(), parts.end(), [&](const std::string& part) {
      return IsOption(options, part);
    });
    if (IsOption(options, line) || !all_options) {
      chosen.push_back(line);
    } else {
      chosen.insert(chosen.end(), parts.begin(), parts.end());
    }
  }
  return chosen;
}

// A choice or range value as the Form's tick boxes, one a line; a chosen value that is not one
// of the options ticks the "other" box with the value after it.
std::string TickBoxes(const law::form::Kind& kind, const std::string& value) {
  std::vector<std::string> options = Options(kind);
  std::vector<std::string> chosen = Chosen(options, value);
  std::string out;
  for (const std::string& option : options) {
    if (!out.empty()) out += '\n';
    out.append(IsOption(chosen, option) ? kTicked : kUnticked).append(" ").append(option);
  }
  std::vector<std::string> others;
  for (const std::string& line : chosen) {
    if (!IsOption(options, line)) others.push_back(line);
  }
  if (!kind.other_label.empty() || !others.empty()) {
    std::string label = kind.other_label.empty() ? "Other" : kind.other_label;
    if (others.empty()) return out.append("\n").append(kUnticked).append(" ").append(label);
    for (const std::string& other : others) {
      out.append("\n").append(kTicked).append(" ").append(label).append(": ").append(other);
    }
  }
  return out;
}

report::Text ValueCell(const RowValue& value) {
  switch (value.status) {
    case RowStatus::kMissing:
      return {"(missing)", report::Tone::kBad};
    case RowStatus::kNotRequired:
      return {"(not required)", report::Tone::kMuted};
    default:
      break;
  }
  if (!Options(value.row->kind).empty()) return {TickBoxes(value.row->kind, value.value)};
  return {value.value};
}

}  // namespace

report::Document FormDocument(const ModelDocumentation& documentation, const law::form::Form& form,
                              std::string_view audience) {
  report::Document document;
  document.title = form.title;
  const law::form::Audience* found = form.FindAudience(audience);
  document.header = {{"Provider", {documentation.provider}},
                     {"Model", {documentation.model_name}},
                     {"For", {found ? found->label : std::string(audience)}},
                     {"Document version number", {documentation.header.version}},
                     {"Date the document was last updated", {documentation.header.last_updated}},
                     {"Form", {form.form}},
                     {"Confidentiality", {WithoutInternalTags(form.confidentiality)}}};
  for (const law::form::Section& section : form.sections) {
    report::Table table{{"#", "Field", "Value"}, {}, {6, 28, 48}};
    for (const law::form::Audience& each : form.audiences) {
      table.header.push_back(each.spec_tag);
      table.widths.push_back(6);
    }
    for (const RowValue& value : documentation.rows) {
      const law::form::Row& row = *value.row;
      if (row.section != section.number || !row.For(audience)) continue;
      std::vector<report::Text> cells = {{row.id}, {row.name}, ValueCell(value)};
      for (const law::form::Audience& each : form.audiences) {
        cells.push_back({row.For(each.id) ? kTicked : kUnticked});
      }
      table.rows.push_back(std::move(cells));
    }
    if (table.rows.empty()) continue;
    document.sections.push_back({"form-section-" + std::to_string(section.number),
                                 "Section " + std::to_string(section.number) + ". " + section.title,
                                 {std::move(table)},
                                 {}});
  }
  return document;
}

const PublishedVersion* RecordingVersion(const std::vector<PublishedVersion>& versions,
                                         const nlohmann::json& document) {
  if (versions.empty()) return nullptr;
  const PublishedVersion& newest = versions.back();
  return newest.content.value("documentation", nlohmann::json()) == document ? &newest : nullptr;
}

std::string PageFooter(const std::string& what, const std::string& version, const std::string& date,
                       const PublishedVersion* recorded) {
  std::string out = what + " \u00b7 version " + version + " \u00b7 " + date + " \u00b7 ";
  if (!recorded) return out + "not recorded in the ledger";
  return out + "ledger entry " + std::to_string(recorded->seq) + " SHA-256 " + recorded->hash;
}

}  // namespace gpaikit::docs
