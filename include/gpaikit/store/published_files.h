// The rendered files of published versions, kept content-addressed under the project's
// .gpaikit/published/<sha256> so that every recorded version can be handed out again byte for
// byte (AI Act Art. 53(1)(d) public summary; Code of Practice, Transparency, Measures 1.1, 1.3).
#ifndef GPAIKIT_STORE_PUBLISHED_FILES_H_
#define GPAIKIT_STORE_PUBLISHED_FILES_H_

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "gpaikit/base/status.h"

namespace gpaikit::store {

// <project_root>/.gpaikit/published
std::filesystem::path PublishedFilesFolder(const std::filesystem::path& project_root);

// Keeps `bytes` as PublishedFilesFolder/<SHA-256 of bytes> and returns that SHA-256. Durable
// (temporary file, fsync, rename, fsync of the folder) and idempotent: a file already kept with
// the right bytes is left as it is; one whose bytes do not hash to its name is replaced.
Result<std::string> KeepPublishedFile(const std::filesystem::path& project_root,
                                      std::string_view bytes);

// The size of the file kept for `sha256`, or nullopt when none is kept (or `sha256` is not a
// SHA-256); Io naming the path when it cannot be examined. Does not check the bytes.
Result<std::optional<uint64_t>> KeptFileSize(const std::filesystem::path& project_root,
                                             std::string_view sha256);

// The bytes kept for `sha256`, checked: NotFound when none is kept (or `sha256` is not a
// SHA-256); Internal naming the path and both hashes when the bytes do not hash to `sha256`
// (the file was damaged or changed: never hand those bytes out).
Result<std::string> ReadPublishedFile(const std::filesystem::path& project_root,
                                      std::string_view sha256);

}  // namespace gpaikit::store

#endif  // GPAIKIT_STORE_PUBLISHED_FILES_H_
