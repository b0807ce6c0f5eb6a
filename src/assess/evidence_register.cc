// Reads the provider's evidence register, evidence.yaml: the Code's conditions that hold and where
// each evidence item of a measure is (Code of Practice, all chapters; format in docs/safety.md).
#include <algorithm>

#include "base/yaml_reader.h"
#include "gpaikit/assess/assess.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/text.h"

namespace gpaikit::assess {
namespace {

namespace fs = std::filesystem;

struct Context {
  const law::CodeOfPractice& code;
  std::vector<std::string> evidence_ids;
  fs::path root;
  Diagnostics& diagnostics;
};

void CheckReference(Context& context, const YAML::Node& node, const std::string& path) {
  if (!node.IsScalar() || node.Scalar().empty()) {
    context.diagnostics.Error(node.Mark(), path + ": expected a file, address or statement");
    return;
  }
  std::string ref = node.Scalar();
  std::string file = ref.substr(0, ref.find('#'));
  bool looks_like_file = ref.find("://") == std::string::npos &&
                         ref.find(' ') == std::string::npos && file.find('/') != std::string::npos;
  if (looks_like_file && !fs::exists(context.root / file)) {
    context.diagnostics.Error(node.Mark(),
                              path + ": file '" + file + "' does not exist in the project");
  }
}

EvidenceScope ReadScope(Context& context, MapReader& map) {
  EvidenceScope scope;
  std::vector<std::string_view> conditions(context.code.conditions.begin(),
                                           context.code.conditions.end());
  for (const std::string& c : map.StringList("conditions", std::span(conditions))) {
    scope.conditions.insert(c);
  }
  if (!map.Has("evidence")) return scope;
  YAML::Node node = map.Get("evidence");
  if (node.IsNull()) return scope;  // a section left empty, as `gpaikit evidence init` writes it
  if (!node.IsMap()) {
    context.diagnostics.Error(node.Mark(), map.PathOf("evidence") +
                                               ": expected a mapping of "
                                               "evidence id: reference");
    return scope;
  }
  std::vector<std::string_view> ids(context.evidence_ids.begin(), context.evidence_ids.end());
  std::vector<std::string_view> objectives;
  for (const law::AppendixItem& item : context.code.security_objectives) {
    objectives.push_back(item.id);
  }
  for (const auto& entry : node) {
    std::string id = entry.first.Scalar();
    std::string path = map.PathOf("evidence") + "." + id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
      context.diagnostics.Error(
          entry.first.Mark(),
          path + ": not an evidence id of " + context.code.rulepack + DidYouMean(id, ids));
      continue;
    }
    EvidenceEntry evidence;
    if (entry.second.IsMap()) {  // per item (Appendix 4 objectives)
      for (const auto& item : entry.second) {
        std::string item_id = item.first.Scalar();
        if (std::find(objectives.begin(), objectives.end(), item_id) == objectives.end()) {
          context.diagnostics.Error(item.first.Mark(), path + "." + item_id +
                                                           ": not an Appendix 4 objective" +
                                                           DidYouMean(item_id, objectives));
          continue;
        }
        CheckReference(context, item.second, path + "." + item_id);
        if (item.second.IsScalar()) evidence.items[item_id] = item.second.Scalar();
      }
    } else {
      CheckReference(context, entry.second, path);
      if (entry.second.IsScalar()) evidence.reference = entry.second.Scalar();
    }
    scope.evidence[id] = std::move(evidence);
  }
  return scope;
}

}  // namespace

Result<EvidenceRegister> LoadEvidenceRegister(const fs::path& project_root,
                                              const law::CodeOfPractice& code,
                                              const project::Project& project) {
  fs::path path = project_root / "evidence.yaml";
  if (!fs::exists(path)) return EvidenceRegister{};
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseEvidenceRegister(*text, path.string(), project_root, code, project);
}

Result<EvidenceRegister> ParseEvidenceRegister(std::string_view text, const std::string& file,
                                               const fs::path& project_root,
                                               const law::CodeOfPractice& code,
                                               const project::Project& project) {
  EvidenceRegister out;
  Result<YAML::Node> root = ParseYaml(text, file);
  if (!root.ok()) return root.status();
  out.file = file;
  Diagnostics diagnostics(file);
  Context context{code, {}, project_root, diagnostics};
  for (const law::CopMeasure* measure : code.Measures()) {
    for (const law::CopEvidence& evidence : measure->evidence) {
      context.evidence_ids.push_back(evidence.id);
    }
  }
  MapReader map(*root, "", diagnostics, {"conditions", "evidence", "models"});
  out.all = ReadScope(context, map);
  if (map.Has("models")) {
    YAML::Node models = map.Get("models");
    std::vector<std::string_view> ids;
    for (const project::Model& model : project.models) ids.push_back(model.id);
    if (!models.IsMap()) {
      diagnostics.Error(models.Mark(),
                        "models: expected a mapping of model id: {conditions, "
                        "evidence}");
    } else {
      for (const auto& entry : models) {
        std::string id = entry.first.Scalar();
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
          diagnostics.Error(entry.first.Mark(),
                            "models." + id + ": not a model in gpaikit.yaml" + DidYouMean(id, ids));
          continue;
        }
        MapReader model(entry.second, "models." + id, diagnostics, {"conditions", "evidence"});
        out.models[id] = ReadScope(context, model);
      }
    }
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return out;
}

}  // namespace gpaikit::assess
