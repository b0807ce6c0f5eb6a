// Parses the Model Documentation Form values of a model (`documentation:`) and its distributed
// artefacts (`artefacts:`) (Code of Practice, Transparency, Measure 1.1; Form row 1.3).
#include "project/documentation_parser.h"

#include <regex>

#include "gpaikit/base/files.h"

namespace gpaikit::project {
namespace {

// Flattens a mapping of scalars (and nested mappings) into dotted keys.
void Flatten(const YAML::Node& node, const std::string& prefix, const std::string& path,
             Fields& out, Diagnostics& diagnostics) {
  for (const auto& pair : node) {
    std::string key = prefix + pair.first.Scalar();
    if (pair.second.IsMap()) {
      Flatten(pair.second, key + ".", path + "." + pair.first.Scalar(), out, diagnostics);
    } else if (pair.second.IsScalar()) {
      out.emplace_back(key, pair.second.Scalar());
    } else {
      diagnostics.Error(pair.second.Mark(), path + "." + pair.first.Scalar() +
                                                ": expected text, a number or a mapping");
    }
  }
}

}  // namespace

std::vector<DocumentationValue> ParseDocumentation(const YAML::Node& node, const std::string& path,
                                                   Diagnostics& diagnostics) {
  std::vector<DocumentationValue> values;
  if (!node.IsMap()) {
    diagnostics.Error(node.Mark(), path +
                                       ": expected a mapping of Form row ids (\"2.1\", "
                                       "\"7.2b\", ...) to values");
    return values;
  }
  static const std::regex kRowId(R"(\d\.\d[a-c]?)");
  for (const auto& pair : node) {
    DocumentationValue value;
    value.row = pair.first.Scalar();
    std::string where = path + "." + value.row;
    value.location = diagnostics.At(pair.first.Mark());
    if (!std::regex_match(value.row, kRowId)) {
      diagnostics.Error(pair.first.Mark(),
                        where + ": expected a Form row id such as \"2.1\" or \"7.2b\"");
      continue;
    }
    const YAML::Node& v = pair.second;
    if (v.IsScalar()) {
      value.text = v.Scalar();
    } else if (v.IsMap() && v.size() == 1 && v["file"]) {
      value.file = v["file"].Scalar();
      if (Status relative = CheckRelativePath(value.file, where + ".file"); !relative.ok()) {
        diagnostics.Error(v["file"].Mark(), relative.message() +
                                                " (expected a Markdown file inside the project "
                                                "folder)");
      }
    } else if (v.IsMap()) {
      Flatten(v, "", where, value.fields, diagnostics);
    } else if (v.IsSequence()) {
      for (size_t i = 0; i < v.size(); ++i) {
        if (v[i].IsScalar()) {
          value.items.push_back(v[i].Scalar());
        } else if (v[i].IsMap()) {
          Fields record;
          Flatten(v[i], "", where + "[" + std::to_string(i) + "]", record, diagnostics);
          value.records.push_back(std::move(record));
        } else {
          diagnostics.Error(v[i].Mark(),
                            where + "[" + std::to_string(i) + "]: expected text or a mapping");
        }
      }
      if (!value.items.empty() && !value.records.empty()) {
        diagnostics.Error(v.Mark(), where + ": mix of text and mappings; use one or the other");
      }
    } else {
      diagnostics.Error(v.Mark(), where + ": expected text, {file: PATH.md}, a list or a mapping");
    }
    for (const DocumentationValue& earlier : values) {
      if (earlier.row == value.row) {
        diagnostics.Error(pair.first.Mark(), where + ": row given twice");
      }
    }
    values.push_back(std::move(value));
  }
  return values;
}

std::vector<Artefact> ParseArtefacts(const YAML::Node& node, const std::string& path,
                                     Diagnostics& diagnostics) {
  std::vector<Artefact> artefacts;
  if (!node.IsSequence()) {
    diagnostics.Error(node.Mark(), path + ": expected a list of {path: FILE} or {url: URL}");
    return artefacts;
  }
  for (size_t i = 0; i < node.size(); ++i) {
    std::string where = path + "[" + std::to_string(i) + "]";
    MapReader reader(node[i], where, diagnostics, {"path", "url"});
    Artefact artefact;
    artefact.location = diagnostics.At(node[i].Mark());
    artefact.path = reader.String("path").value_or("");
    artefact.url = reader.String("url").value_or("");
    if (artefact.path.empty() == artefact.url.empty()) {
      diagnostics.Error(node[i].Mark(), where +
                                            ": give exactly one of 'path' (a distributed "
                                            "file to hash) or 'url' (a service endpoint)");
    }
    artefacts.push_back(std::move(artefact));
  }
  return artefacts;
}

}  // namespace gpaikit::project
