// Whole-file reads and writes with Status errors, and where gpaikit finds its data/ folder.
#ifndef GPAIKIT_BASE_FILES_H_
#define GPAIKIT_BASE_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit {

// The whole file in one read where its size is known; NotFound or Io errors name the path.
Result<std::string> ReadFile(const std::filesystem::path& path);
// The same into `*out`, reusing its capacity (many small files read one after another).
Status ReadFileInto(const std::filesystem::path& path, std::string* out);
// Writes atomically (temporary file then rename), creating parent folders.
Status WriteFile(const std::filesystem::path& path, std::string_view contents);

// The data/ folder: $GPAIKIT_DATA_DIR if set, else <exe>/../share/gpaikit/data if it exists,
// else the source tree's data/ recorded at build time.
std::filesystem::path DataDir();

// The versions of the data files named `prefix` + VERSION + ".yaml" in `folder`, oldest first.
std::vector<std::string> DataFileVersions(const std::filesystem::path& folder,
                                          std::string_view prefix);
// The file of `version` among them (empty: the newest), or NotFound naming `what` and the
// newest available version.
Result<std::filesystem::path> VersionedDataFile(const std::filesystem::path& folder,
                                                std::string_view prefix, std::string_view version,
                                                std::string_view what);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_FILES_H_
