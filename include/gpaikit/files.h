// Whole-file reads and writes with Status errors, and where gpaikit finds its data/ folder.
#ifndef GPAIKIT_FILES_H_
#define GPAIKIT_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "gpaikit/status.h"

namespace gpaikit {

Result<std::string> ReadFile(const std::filesystem::path& path);
// Writes atomically (temporary file then rename), creating parent folders.
Status WriteFile(const std::filesystem::path& path, std::string_view contents);

// The data/ folder: $GPAIKIT_DATA_DIR if set, else <exe>/../share/gpaikit/data if it exists,
// else the source tree's data/ recorded at build time.
std::filesystem::path DataDir();

}  // namespace gpaikit

#endif  // GPAIKIT_FILES_H_
