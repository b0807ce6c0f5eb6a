// `gpaikit --version`: the version from CMake's project(VERSION) and each data file's own version
// fields, so that a report can be traced to the law versions installed.
#include "cli/version_text.h"

#include <algorithm>
#include <vector>

#include "base/yaml_reader.h"
#include "gpaikit/version.h"

namespace gpaikit::cli {
namespace {

// The top-level fields that say which version of what a data file is (docs/data-files.md).
constexpr const char* kVersionFields[] = {"rulepack", "form",         "crosswalk", "calendar",
                                          "covers",   "code_version", "schema",    "format"};

std::string Scalar(const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsMap() && node["from"] && node["to"]) {
    return node["from"].as<std::string>() + " to " + node["to"].as<std::string>();
  }
  return "";
}

std::string Fields(const std::filesystem::path& file) {
  Result<YAML::Node> root = LoadYamlFile(file);
  if (!root.ok()) return "unreadable: " + root.status().message();
  if (!root->IsMap()) return "no version fields";
  std::string out;
  for (const char* field : kVersionFields) {
    if (!(*root)[field]) continue;
    std::string value = Scalar((*root)[field]);
    if (!value.empty()) out += (out.empty() ? "" : ", ") + std::string(field) + " " + value;
  }
  return out.empty() ? "no version fields" : out;
}

}  // namespace

std::string VersionText(const std::filesystem::path& data_dir) {
  std::string out =
      std::string("gpaikit ") + kVersion + "\ndata files in " + data_dir.string() + ":\n";
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(data_dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    std::filesystem::path relative = it->path().lexically_relative(data_dir);
    if (*relative.begin() == "templates") continue;
    if (it->is_regular_file() && it->path().extension() == ".yaml") files.push_back(relative);
  }
  if (error) return out + "  cannot list: " + error.message() + "\n";
  std::sort(files.begin(), files.end());
  size_t width = 0;
  for (const auto& file : files) width = std::max(width, file.string().size());
  for (const auto& file : files) {
    std::string name = file.string();
    out += "  " + name + std::string(width - name.size() + 2, ' ') + Fields(data_dir / file) + "\n";
  }
  return out;
}

}  // namespace gpaikit::cli
