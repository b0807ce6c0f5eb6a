// The versions of the data files that hold the law (`gpaikit law versions`, `gpaikit law diff`;
// docs/law-changes.md): which file is which kind and version, its dates and sources, and where a
// version of a kind lives.
#ifndef GPAIKIT_LAW_LAW_VERSIONS_H_
#define GPAIKIT_LAW_LAW_VERSIONS_H_

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::law {

// One installed data file.
struct DataFileVersion {
  std::string kind;  // rulepack, code, form, template, crosswalk, crawlers, holidays, accelerators
  std::string file;  // relative to the data folder: "code-of-practice/2025-07.yaml"
  std::string version;  // the file's own version ("2025-07", "eu-institutions-brussels"), else ""
  std::string title;
  std::vector<std::pair<std::string, std::string>> dates;  // top-level dates: {"published", ...}
  std::vector<std::string> sources;                        // "title <url>" or the source text
  std::vector<std::string> mapped_versions;  // earlier versions the file maps ("third-draft")
};

// Every data file under `data_dir` (templates and portal assets left out), sorted by kind and
// file. InvalidInput naming the file and line:column when one is not YAML.
Result<std::vector<DataFileVersion>> ListDataFileVersions(const std::filesystem::path& data_dir);

// The kinds `law diff` knows, in the order `law versions` lists them.
const std::vector<std::string>& LawFileKinds();

// The file holding version `version` of `kind` under `data_dir` ("code", "2025-07" ->
// data/code-of-practice/2025-07.yaml). A `version` that names an existing file (it contains a
// '/' or ends in ".yaml") is that file. NotFound listing the installed versions otherwise.
Result<std::filesystem::path> LawFileFor(const std::filesystem::path& data_dir,
                                         const std::string& kind, const std::string& version);

}  // namespace gpaikit::law

#endif  // GPAIKIT_LAW_LAW_VERSIONS_H_
