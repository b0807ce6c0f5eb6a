// Parses a model's `training_data:` mapping in gpaikit.yaml: the facts of the public summary of
// training content that a corpus scan cannot measure (AI Act Art. 53(1)(d)).
#ifndef GPAIKIT_PROJECT_TRAINING_DATA_PARSER_H_
#define GPAIKIT_PROJECT_TRAINING_DATA_PARSER_H_

#include <string>

#include "base/yaml_reader.h"
#include "gpaikit/project/training_data.h"

namespace gpaikit::project {

TrainingData ParseTrainingData(const YAML::Node& node, const std::string& path,
                               Diagnostics& diagnostics);

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_TRAINING_DATA_PARSER_H_
