// Loads gpaikit.yaml as far as it parses, so that the context loader can add its own findings
// (unknown accelerators, law versions not installed) to the file's errors and report them together.
#ifndef GPAIKIT_PROJECT_PROJECT_LOADER_H_
#define GPAIKIT_PROJECT_PROJECT_LOADER_H_

#include <filesystem>

#include "gpaikit/project/project.h"

namespace gpaikit::project {

// The project as far as it parsed; `status` gets every error of the file (Ok when none).
Project LoadProjectPartly(const std::filesystem::path& dir_or_file, Status& status);

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_PROJECT_LOADER_H_
