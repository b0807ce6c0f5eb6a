// Parses gpaikit.yaml's `copyright:` (blocklist files, Copyright Measure 1.2) and
// `corpus_filter:` (the project's `corpus filter` job, Measures 1.2-1.3) sections.
#ifndef GPAIKIT_PROJECT_COPYRIGHT_PARSER_H_
#define GPAIKIT_PROJECT_COPYRIGHT_PARSER_H_

#include "base/yaml_reader.h"
#include "gpaikit/project/project.h"

namespace gpaikit::project {

// Reads both sections from the top-level `reader` into `project`; every problem (a path that is
// absolute or leaves the folder, a job with neither robots nor a blocklist) goes to the
// reader's diagnostics with its place.
void ParseCopyrightSections(MapReader& reader, Project& project);

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_COPYRIGHT_PARSER_H_
