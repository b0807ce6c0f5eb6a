// Parses a model's `documentation:` map and `artefacts:` list in gpaikit.yaml.
#ifndef GPAIKIT_PROJECT_DOCUMENTATION_PARSER_H_
#define GPAIKIT_PROJECT_DOCUMENTATION_PARSER_H_

#include <string>
#include <vector>

#include "base/yaml_reader.h"
#include "gpaikit/project/documentation.h"

namespace gpaikit::project {

// Row ids are checked against the Form later (the project module does not load data).
std::vector<DocumentationValue> ParseDocumentation(const YAML::Node& node, const std::string& path,
                                                   Diagnostics& diagnostics);
std::vector<Artefact> ParseArtefacts(const YAML::Node& node, const std::string& path,
                                     Diagnostics& diagnostics);

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_DOCUMENTATION_PARSER_H_
