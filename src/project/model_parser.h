// Parses one entry of `models:` in gpaikit.yaml (shared by the project parser and its tests).
#ifndef GPAIKIT_PROJECT_MODEL_PARSER_H_
#define GPAIKIT_PROJECT_MODEL_PARSER_H_

#include <string>

#include "base/yaml_reader.h"
#include "gpaikit/project/project.h"

namespace gpaikit::project {

Model ParseModel(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics);

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_MODEL_PARSER_H_
