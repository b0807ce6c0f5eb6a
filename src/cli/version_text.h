// What `gpaikit --version` prints: the program version and the version fields of the installed
// data files (rulepacks, Code of Practice, forms, crosswalks, crawler registry, accelerators,
// holidays), read from the files themselves.
#ifndef GPAIKIT_CLI_VERSION_TEXT_H_
#define GPAIKIT_CLI_VERSION_TEXT_H_

#include <filesystem>
#include <string>

namespace gpaikit::cli {

// "gpaikit X.Y.Z" and, per YAML file under `data_dir` (templates/ excepted: it is a project
// scaffold, not law), its path and the identifying fields it declares.
std::string VersionText(const std::filesystem::path& data_dir);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_VERSION_TEXT_H_
