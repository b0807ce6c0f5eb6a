// `gpaikit law versions`: every data file's kind, version, dates and sources, read from the files
// themselves (docs/law-changes.md); and where a version of a kind lives, for `law diff`.
#include "gpaikit/law/law_versions.h"

#include <algorithm>
#include <set>

#include "base/yaml_reader.h"
#include "gpaikit/base/civil_date.h"

namespace gpaikit::law {
namespace {

// Where each kind's versions live: data/<folder>/<prefix><version>.yaml, or one file (`single`).
struct KindLayout {
  const char* kind;
  const char* folder;
  const char* prefix;
  const char* single;  // the one file of a kind that has no versions side by side, else ""
};

constexpr KindLayout kLayouts[] = {
    {"rulepack", "law", "ai-act-gpai-", ""},
    {"code", "code-of-practice", "", ""},
    {"form", "forms", "model-documentation-form-", ""},
    {"template", "forms", "training-content-summary-", ""},
    {"crosswalk", "crosswalks", "", ""},
    {"crawlers", "", "", "crawlers.yaml"},
    {"holidays", "law/holidays", "", ""},
    {"accelerators", "", "", "accelerators.yaml"},
};

// The version a file of `layout` at `relative` has by its name, or "" when it is not of it.
std::optional<std::string> VersionByName(const KindLayout& layout,
                                         const std::filesystem::path& relative) {
  if (*layout.single) {
    if (relative == layout.single) return std::string("installed");
    return std::nullopt;
  }
  if (relative.parent_path() != layout.folder) return std::nullopt;
  std::string stem = relative.stem().string();
  if (!stem.starts_with(layout.prefix)) return std::nullopt;
  return stem.substr(std::string_view(layout.prefix).size());
}

std::string ScalarOf(const YAML::Node& node) {
  return node && node.IsScalar() ? node.Scalar() : "";
}

// "title <url>" for a source entry given as a mapping, or its text.
std::string SourceText(const YAML::Node& source) {
  if (source.IsScalar()) return source.Scalar();
  if (!source.IsMap()) return "";
  std::string title = ScalarOf(source["title"]);
  if (title.empty() && source["repo"]) {
    title = ScalarOf(source["repo"]) + " " + ScalarOf(source["path"]) + " at " +
            ScalarOf(source["commit"]);
  }
  std::string url = ScalarOf(source["url"]);
  return url.empty() ? title : (title.empty() ? url : title + " <" + url + ">");
}

DataFileVersion Describe(const KindLayout& layout, const std::string& relative,
                         const std::string& by_name, const YAML::Node& root) {
  DataFileVersion out;
  out.kind = layout.kind;
  out.file = relative;
  out.version = by_name;
  if (!root.IsMap()) return out;
  out.title = ScalarOf(root["title"]);
  for (const auto& pair : root) {
    std::string key = pair.first.Scalar();
    if (pair.second.IsScalar() && CivilDate::Parse(pair.second.Scalar())) {
      out.dates.emplace_back(key, pair.second.Scalar());
    } else if (key == "covers" && pair.second.IsMap()) {
      out.dates.emplace_back("covers",
                             ScalarOf(pair.second["from"]) + " to " + ScalarOf(pair.second["to"]));
    }
  }
  for (const char* key : {"source", "source_document", "instrument", "parse_source"}) {
    if (root[key]) out.sources.push_back(SourceText(root[key]));
  }
  if (root["sources"] && root["sources"].IsSequence()) {
    for (const YAML::Node& source : root["sources"]) {
      out.sources.push_back(SourceText(source));
      if (ScalarOf(source["id"]) == "third-draft") out.mapped_versions.push_back("third-draft");
    }
  }
  std::erase(out.sources, "");
  return out;
}

}  // namespace

const std::vector<std::string>& LawFileKinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const KindLayout& layout : kLayouts) out.push_back(layout.kind);
    return out;
  }();
  return kinds;
}

Result<std::vector<DataFileVersion>> ListDataFileVersions(const std::filesystem::path& data_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(data_dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".yaml") {
      files.push_back(it->path().lexically_relative(data_dir));
    }
  }
  if (error) return Status::Io(data_dir.string() + ": cannot list: " + error.message());
  std::sort(files.begin(), files.end());
  std::vector<DataFileVersion> out;
  for (const KindLayout& layout : kLayouts) {
    for (const std::filesystem::path& relative : files) {
      std::optional<std::string> version = VersionByName(layout, relative);
      if (!version) continue;
      Result<YAML::Node> root = LoadYamlFile(data_dir / relative);
      if (!root.ok()) return root.status();
      out.push_back(Describe(layout, relative.string(), *version, *root));
    }
  }
  return out;
}

Result<std::filesystem::path> LawFileFor(const std::filesystem::path& data_dir,
                                         const std::string& kind, const std::string& version) {
  const KindLayout* layout = nullptr;
  for (const KindLayout& candidate : kLayouts) {
    if (kind == candidate.kind) layout = &candidate;
  }
  if (layout == nullptr) {
    std::string kinds;
    for (const std::string& k : LawFileKinds()) kinds += (kinds.empty() ? "" : ", ") + k;
    return Status::InvalidInput("law: unknown kind '" + kind + "' (expected one of: " + kinds +
                                ")");
  }
  if (version.find('/') != std::string::npos || version.ends_with(".yaml")) {
    if (!std::filesystem::is_regular_file(version)) {
      return Status::NotFound(version + ": no such file (expected a " + kind + " data file)");
    }
    return std::filesystem::path(version);
  }
  Result<std::vector<DataFileVersion>> installed = ListDataFileVersions(data_dir);
  if (!installed.ok()) return installed.status();
  std::string available;
  for (const DataFileVersion& file : *installed) {
    if (file.kind != kind) continue;
    if (file.version == version) return data_dir / file.file;
    available += (available.empty() ? "" : ", ") + file.version;
  }
  return Status::NotFound(
      kind + " version '" + version + "' is not installed in " + data_dir.string() +
      " (available: " + (available.empty() ? "none" : available) + "; or give the path of a file)");
}

}  // namespace gpaikit::law
