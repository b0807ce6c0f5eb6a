// Reads data/crosswalks/*.yaml: another framework's items and, per Code of Practice measure, the
// items it corresponds to, with basis and verification level (schema in docs/crosswalks.md).
#include <algorithm>
#include <map>

#include "base/yaml_reader.h"
#include "gpaikit/assess/crosswalk.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/text.h"

namespace gpaikit::assess {
namespace {

constexpr std::string_view kSchema = "gpaikit.crosswalk/1";
constexpr std::string_view kVerified[] = {"primary", "secondary", "unverified"};
constexpr std::string_view kBasis[] = {"spec", "gpaikit"};

void ReadItems(MapReader& map, const std::string& items_verified, Crosswalk& out) {
  YAML::Node list = map.Sequence("items", true);
  Diagnostics& diagnostics = map.diagnostics();
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = "items[" + std::to_string(i) + "]";
    MapReader item_map(list[i], path, diagnostics,
                       {"id", "title", "parent", "subcategories", "verified"});
    if (!item_map.valid()) continue;
    CrosswalkItem item;
    item.id = item_map.String("id", true).value_or("");
    item.title = item_map.String("title", true).value_or("");
    item.parent = item_map.String("parent").value_or("");
    item.subcategories = item_map.Integer("subcategories");
    item.verified = item_map.Choice("verified", kVerified).value_or(items_verified);
    if (item.id.empty()) continue;
    if (out.FindItem(item.id)) {
      diagnostics.Error(item_map.MarkOf("id"), path + ".id: '" + item.id + "' defined twice");
      continue;
    }
    if (!item.parent.empty() && !out.FindItem(item.parent)) {
      diagnostics.Error(item_map.MarkOf("parent"),
                        path + ".parent: '" + item.parent + "' is not an item defined above");
    }
    out.items.push_back(std::move(item));
  }
}

void ReadMappings(MapReader& map, const law::CodeOfPractice& code, Crosswalk& out) {
  YAML::Node list = map.Sequence("mappings", true);
  Diagnostics& diagnostics = map.diagnostics();
  std::vector<std::string_view> measure_ids;
  for (const law::CopMeasure* measure : code.Measures()) measure_ids.push_back(measure->id);
  std::vector<std::string_view> item_ids;
  for (const CrosswalkItem& item : out.items) item_ids.push_back(item.id);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string path = "mappings[" + std::to_string(i) + "]";
    MapReader mapping_map(list[i], path, diagnostics,
                          {"measure", "items", "basis", "verified", "note"});
    if (!mapping_map.valid()) continue;
    CrosswalkMapping mapping;
    mapping.measure = mapping_map.String("measure", true).value_or("");
    mapping.basis = mapping_map.Choice("basis", kBasis, true).value_or("");
    mapping.verified = mapping_map.Choice("verified", kVerified, true).value_or("");
    mapping.note = mapping_map.String("note").value_or("");
    if (!mapping_map.Has("items")) {
      diagnostics.Error(list[i].Mark(), path +
                                            ".items: required key is missing (use [] and a "
                                            "note when nothing corresponds)");
    }
    YAML::Node items = mapping_map.Sequence("items");
    for (size_t k = 0; k < items.size(); ++k) {
      std::string item_path = path + ".items[" + std::to_string(k) + "]";
      if (!items[k].IsScalar()) {
        diagnostics.Error(items[k].Mark(), item_path + ": expected an item id");
        continue;
      }
      std::string id = items[k].Scalar();
      if (!out.FindItem(id)) {
        diagnostics.Error(items[k].Mark(), item_path + ": '" + id + "' is not an item of " +
                                               out.framework + DidYouMean(id, item_ids));
      } else if (std::find(mapping.items.begin(), mapping.items.end(), id) != mapping.items.end()) {
        diagnostics.Error(items[k].Mark(), item_path + ": '" + id + "' listed twice");
      } else {
        mapping.items.push_back(id);
      }
    }
    if (mapping.measure.empty()) continue;
    if (!code.FindMeasure(mapping.measure)) {
      diagnostics.Error(mapping_map.MarkOf("measure"),
                        path + ".measure: '" + mapping.measure + "' is not a measure of " +
                            code.rulepack + DidYouMean(mapping.measure, measure_ids));
      continue;
    }
    if (out.FindMapping(mapping.measure)) {
      diagnostics.Error(mapping_map.MarkOf("measure"),
                        path + ".measure: '" + mapping.measure + "' mapped twice");
      continue;
    }
    out.mappings.push_back(std::move(mapping));
  }
  // Every measure is stated, so that "no mapping" is a judgement in the file, not an omission.
  std::string absent;
  for (std::string_view id : measure_ids) {
    if (!out.FindMapping(id)) absent += (absent.empty() ? "" : ", ") + std::string(id);
  }
  if (!absent.empty() && list.size() > 0) {
    diagnostics.Error(map.MarkOf("mappings"),
                      "mappings: no entry for " + absent + " (use items: [] when none fits)");
  }
}

}  // namespace

const CrosswalkItem* Crosswalk::FindItem(std::string_view item_id) const {
  for (const CrosswalkItem& item : items) {
    if (item.id == item_id) return &item;
  }
  return nullptr;
}

const CrosswalkMapping* Crosswalk::FindMapping(std::string_view measure) const {
  for (const CrosswalkMapping& mapping : mappings) {
    if (mapping.measure == measure) return &mapping;
  }
  return nullptr;
}

const std::vector<std::string_view>& CrosswalkFrameworks() {
  static const std::vector<std::string_view> frameworks = {"nist-ai-rmf", "iso-42001", "hiroshima"};
  return frameworks;
}

Result<Crosswalk> ParseCrosswalk(std::string_view text, const std::string& file,
                                 const law::CodeOfPractice& code) {
  Result<YAML::Node> root = ParseYaml(text, file);
  if (!root.ok()) return root.status();
  Diagnostics diagnostics(file);
  MapReader map(*root, "", diagnostics,
                {"schema", "crosswalk", "framework", "title", "framework_version", "code_rulepack",
                 "source", "items_verified", "items", "mappings"});
  if (!map.valid()) return diagnostics.ToStatus();
  Crosswalk out;
  out.file = file;
  std::string schema = map.String("schema", true).value_or("");
  if (map.Has("schema") && schema != kSchema) {
    diagnostics.Error(map.MarkOf("schema"), "schema: expected '" + std::string(kSchema) + "'");
  }
  out.id = map.String("crosswalk", true).value_or("");
  std::vector<std::string_view> frameworks = CrosswalkFrameworks();
  out.framework = map.Choice("framework", std::span(frameworks), true).value_or("");
  if (!out.id.empty() && !out.framework.empty() && !out.id.starts_with(out.framework + "/")) {
    diagnostics.Error(map.MarkOf("crosswalk"),
                      "crosswalk: expected '" + out.framework + "/<version>'");
  }
  out.title = map.String("title", true).value_or("");
  out.framework_version = map.String("framework_version", true).value_or("");
  out.code_rulepack = map.String("code_rulepack", true).value_or("");
  if (map.Has("code_rulepack") && out.code_rulepack != code.rulepack) {
    diagnostics.Error(map.MarkOf("code_rulepack"), "code_rulepack: '" + out.code_rulepack +
                                                       "' but the Code loaded is '" +
                                                       code.rulepack + "'");
  }
  out.source = map.String("source", true).value_or("");
  std::string items_verified = map.Choice("items_verified", kVerified, true).value_or("");
  ReadItems(map, items_verified, out);
  ReadMappings(map, code, out);
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return out;
}

Result<Crosswalk> LoadCrosswalkFile(const std::filesystem::path& path,
                                    const law::CodeOfPractice& code) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseCrosswalk(*text, path.string(), code);
}

Result<Crosswalk> LoadCrosswalk(const std::filesystem::path& data_dir, std::string_view framework,
                                const law::CodeOfPractice& code) {
  const std::vector<std::string_view>& known = CrosswalkFrameworks();
  if (std::find(known.begin(), known.end(), framework) == known.end()) {
    std::string list;
    for (std::string_view f : known) list += (list.empty() ? "" : ", ") + std::string(f);
    return Status::InvalidInput("unknown crosswalk '" + std::string(framework) +
                                "'; expected one of " + list);
  }
  std::string version = code.rulepack.substr(code.rulepack.find('/') + 1);
  return LoadCrosswalkFile(
      data_dir / "crosswalks" / (std::string(framework) + "-" + version + ".yaml"), code);
}

}  // namespace gpaikit::assess
