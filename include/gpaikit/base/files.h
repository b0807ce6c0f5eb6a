// Whole-file reads and writes with Status errors, and where gpaikit finds its data/ folder.
#ifndef GPAIKIT_BASE_FILES_H_
#define GPAIKIT_BASE_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit {

// What a file that is not a regular file is, for messages: "a folder", "a named pipe (FIFO)",
// "a socket", "a device", "a symbolic link to nothing", "an unknown kind of file".
std::string FileTypeName(std::filesystem::file_type type);
// Ok when `path` is a regular file or a symbolic link to one, whatever size it reports (files
// under /proc say 0 and are read to their end); NotFound "PATH: no such file"; InvalidInput
// saying what else it is ("PATH: a named pipe (FIFO), not a regular file"), so that nothing
// blocks on a pipe. Every input file is checked here before it is opened.
Status CheckRegularFile(const std::filesystem::path& path);

// The whole file in one read where its size is known, else read to its end; CheckRegularFile's
// errors, or Io errors naming the path.
Result<std::string> ReadFile(const std::filesystem::path& path);
// The same into `*out`, reusing its capacity (many small files read one after another).
Status ReadFileInto(const std::filesystem::path& path, std::string* out);
// Writes atomically (temporary file then rename), creating parent folders.
Status WriteFile(const std::filesystem::path& path, std::string_view contents);

// `relative` joined to `folder`, refused (InvalidInput naming `what`) when it would leave the
// folder: an absolute path, a ".." part, or a symbolic link on the way that points outside.
// Every file name built from user data (a model id, a {file: ...} value) goes through here.
Result<std::filesystem::path> PathInside(const std::filesystem::path& folder,
                                         const std::filesystem::path& relative,
                                         std::string_view what);
// True when `path` is `folder` or lies under it once symbolic links that exist are resolved.
bool LiesInside(const std::filesystem::path& path, const std::filesystem::path& folder);
// The part of PathInside that needs no folder: InvalidInput naming `what` when `relative` is
// empty, absolute or has a ".." part (for messages at the place in a file that gave it).
Status CheckRelativePath(const std::filesystem::path& relative, std::string_view what);
// True when `name` can be one file-name part on every system gpaikit writes to: 1 to 128 of
// A-Z a-z 0-9 . _ -, starting with a letter or digit (so never ".", ".." or hidden).
bool IsPlainFileName(std::string_view name);

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
