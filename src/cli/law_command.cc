// `gpaikit law versions` and `gpaikit law diff KIND OLD NEW`: the versions of every data file that
// holds the law, and what changed between two versions of one (src/law/law_versions.cc,
// src/law/law_diff*.cc; docs/law-changes.md).
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/files.h"
#include "gpaikit/law/law_diff.h"
#include "gpaikit/law/law_versions.h"

namespace gpaikit::cli {
namespace {

struct LawOptions {
  std::string kind, old_version, new_version;
  OutputOptions output;
};

int RunVersions(const LawOptions& options) {
  Result<std::vector<law::DataFileVersion>> files = law::ListDataFileVersions(DataDir());
  if (!files.ok()) return ReportFailure(files.status());
  std::string text = "data files in " + DataDir().string() + ":\n";
  nlohmann::json list = nlohmann::json::array();
  for (const law::DataFileVersion& file : *files) {
    text += "\n" + file.kind + " " + file.version + "  " + file.file + "\n";
    if (!file.title.empty()) text += "  title: " + file.title + "\n";
    nlohmann::json dates = nlohmann::json::object();
    for (const auto& [name, value] : file.dates) {
      text += "  " + name + ": " + value + "\n";
      dates[name] = value;
    }
    for (const std::string& source : file.sources) text += "  source: " + source + "\n";
    for (const std::string& mapped : file.mapped_versions) {
      text += "  also maps: " + mapped + " (law diff " + file.kind + " " + mapped + " " +
              file.version + ")\n";
    }
    list.push_back({{"kind", file.kind},
                    {"version", file.version},
                    {"file", file.file},
                    {"title", file.title},
                    {"dates", dates},
                    {"sources", file.sources},
                    {"mapped_versions", file.mapped_versions}});
  }
  Status written =
      EmitTextOrJson(options.output, text, {{"schema", "gpaikit.law-versions/1"}, {"files", list}});
  return written.ok() ? kExitOk : ReportFailure(written);
}

std::string Indented(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\n            ") : std::string(1, c);
  return out;
}

std::string DiffText(const law::LawDiff& diff) {
  std::string out = "law diff " + diff.kind + ": " + diff.old_label + " -> " + diff.new_label +
                    "\n  old: " + diff.old_file + "\n  new: " + diff.new_file + "\n";
  if (!diff.file_fields.empty()) out += "\nfile:\n";
  for (const law::FieldChange& field : diff.file_fields) {
    out += "  " + field.field + ": " + (field.before.empty() ? "(none)" : field.before) + " -> " +
           (field.after.empty() ? "(none)" : field.after) + "\n";
  }
  for (const char* change : {"added", "removed", "changed", "renumbered", "merged", "split"}) {
    size_t count = diff.Count(change);
    if (count == 0) continue;
    out += std::string("\n") + change + " (" + std::to_string(count) + "):\n";
    for (const law::ItemChange& item : diff.items) {
      if (item.change != change) continue;
      out += "  " + item.collection + " " + item.id;
      if (!item.old_ids.empty()) {
        std::string ids;
        for (const std::string& id : item.old_ids) ids += (ids.empty() ? "" : ", ") + id;
        out += " (draft " + ids + ")";
      }
      if (!item.title.empty()) out += ": " + item.title;
      out += "\n";
      for (const law::FieldChange& field : item.fields) {
        if (item.change == "added") {
          out += "    " + field.field + ": " + field.after + "\n";
        } else if (item.change == "removed") {
          out += "    " + field.field + ": " + field.before + "\n";
        } else {
          out += "    " + field.field +
                 ":\n      before: " + Indented(field.before.empty() ? "(none)" : field.before) +
                 "\n      after:  " + Indented(field.after.empty() ? "(none)" : field.after) + "\n";
        }
      }
    }
  }
  out += "\nsummary:";
  for (const char* change : {"added", "removed", "changed", "renumbered", "merged", "split"}) {
    out += std::string(" ") + std::to_string(diff.Count(change)) + " " + change + ",";
  }
  out.back() = '\n';
  return out;
}

nlohmann::json DiffJson(const law::LawDiff& diff) {
  auto fields = [](const std::vector<law::FieldChange>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const law::FieldChange& field : list) {
      out.push_back(
          {{"field", field.field},
           {"before",
            field.before.empty() ? nlohmann::json(nullptr) : nlohmann::json(field.before)},
           {"after", field.after.empty() ? nlohmann::json(nullptr) : nlohmann::json(field.after)}});
    }
    return out;
  };
  nlohmann::json items = nlohmann::json::array();
  for (const law::ItemChange& item : diff.items) {
    items.push_back({{"change", item.change},
                     {"collection", item.collection},
                     {"id", item.id},
                     {"title", item.title},
                     {"old_ids", item.old_ids},
                     {"fields", fields(item.fields)}});
  }
  return {{"schema", "gpaikit.law-diff/1"},
          {"kind", diff.kind},
          {"old", {{"version", diff.old_label}, {"file", diff.old_file}}},
          {"new", {{"version", diff.new_label}, {"file", diff.new_file}}},
          {"file_fields", fields(diff.file_fields)},
          {"items", items}};
}

int RunDiff(const LawOptions& options) {
  Result<std::filesystem::path> new_file =
      law::LawFileFor(DataDir(), options.kind, options.new_version);
  if (!new_file.ok()) return ReportFailure(new_file.status());
  Result<law::LawDiff> diff = Status::Internal("unset");
  if (options.kind == "code" && options.old_version == "third-draft") {
    diff = law::DiffThirdDraftToCode(options.new_version, *new_file);
  } else {
    Result<std::filesystem::path> old_file =
        law::LawFileFor(DataDir(), options.kind, options.old_version);
    if (!old_file.ok()) return ReportFailure(old_file.status());
    diff = law::DiffLawFiles(options.kind, options.old_version, *old_file, options.new_version,
                             *new_file);
  }
  if (!diff.ok()) return ReportFailure(diff.status());
  Status written = EmitTextOrJson(options.output, DiffText(*diff), DiffJson(*diff));
  return written.ok() ? kExitOk : ReportFailure(written);
}

}  // namespace

void RegisterLawCommand(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<LawOptions>();
  CLI::App* law =
      app.add_subcommand("law", "The versions of the law's data files and their changes");
  law->require_subcommand(1);
  CLI::App* versions = law->add_subcommand(
      "versions",
      "List every data file (rulepack, Code, Form, template, crawlers, holidays, ...) "
      "with its version, dates and sources");
  AddOutputOptions(versions, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the list (JSON schema gpaikit.law-versions/1)");
  CLI::App* diff = law->add_subcommand(
      "diff",
      "Compare two versions of one data file: items added, removed and changed, with the "
      "text before and after");
  diff->add_option("kind", options->kind,
                   "rulepack, code, form, template, crosswalk, crawlers, holidays or accelerators")
      ->required();
  diff->add_option("old", options->old_version,
                   "The old version (as `law versions` lists it; for the Code also third-draft), "
                   "or a file path")
      ->required();
  diff->add_option("new", options->new_version, "The new version, or a file path")->required();
  AddOutputOptions(diff, options->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the changes (JSON schema gpaikit.law-diff/1)");
  SetHelpFooter(law, {"gpaikit law versions", "gpaikit law diff code third-draft 2025-07"});
  SetHelpFooter(versions, {"gpaikit law versions --json"});
  SetHelpFooter(diff, {"gpaikit law diff code third-draft 2025-07",
                       "gpaikit law diff form 2025-07 next/model-documentation-form-2027-07.yaml"});
  versions->callback([options, &exit_code] { exit_code = RunVersions(*options); });
  diff->callback([options, &exit_code] { exit_code = RunDiff(*options); });
}

}  // namespace gpaikit::cli
