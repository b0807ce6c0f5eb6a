// The documentation values a project gives per model for the Model Documentation Form, and the
// distributed artefacts whose hashes prove authenticity (Code of Practice, Transparency,
// Measure 1.1; Form row 1.3). Format in docs/documentation.md.
#ifndef GPAIKIT_PROJECT_DOCUMENTATION_H_
#define GPAIKIT_PROJECT_DOCUMENTATION_H_

#include <string>
#include <utility>
#include <vector>

#include "gpaikit/base/source_location.h"

namespace gpaikit::project {

using Fields = std::vector<std::pair<std::string, std::string>>;

// One `documentation:` entry: a Form row id and its value, given as exactly one of a scalar
// (`text`), a Markdown file (`file`, relative to the project folder), a list of scalars
// (`items`), a list of mappings (`records`) or one mapping (`fields`; nested mappings are
// flattened to dotted keys, e.g. `hardware_days.h100`).
struct DocumentationValue {
  std::string row;
  std::string text;
  std::string file;
  std::vector<std::string> items;
  std::vector<Fields> records;
  Fields fields;
  SourceLocation location;
};

// A distributed artefact (weights, binaries) hashed for row 1.3, or a service endpoint.
struct Artefact {
  std::string path;  // relative to the project folder
  std::string url;
  SourceLocation location;
};

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_DOCUMENTATION_H_
