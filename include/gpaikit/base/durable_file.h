// Durable atomic file replacement: temporary file, fsync, rename, fsync of the folder.
#ifndef GPAIKIT_BASE_DURABLE_FILE_H_
#define GPAIKIT_BASE_DURABLE_FILE_H_

#include <filesystem>
#include <string_view>

#include "gpaikit/base/status.h"

namespace gpaikit {

// Like WriteFile (files.h: temporary file then rename, parent folders created), but durable: the
// temporary file is fsynced before the rename and the folder after it, so that once this returns
// Ok the new contents survive a crash, and a reader never sees a half-written file (a blocklist
// the staff desk changes while a filter reads it).
Status WriteFileSynced(const std::filesystem::path& path, std::string_view contents);

// Fsyncs `folder`, so that the entries created, renamed or removed in it survive a crash; Io
// naming the folder and the step otherwise.
Status SyncFolder(const std::filesystem::path& folder);

}  // namespace gpaikit

#endif  // GPAIKIT_BASE_DURABLE_FILE_H_
