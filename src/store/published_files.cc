// The content-addressed store of published rendered files (.gpaikit/published/<sha256>).
#include "gpaikit/store/published_files.h"

#include "gpaikit/base/durable_file.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"

namespace gpaikit::store {

namespace fs = std::filesystem;

fs::path PublishedFilesFolder(const fs::path& project_root) {
  return project_root / ".gpaikit" / "published";
}

Result<std::string> KeepPublishedFile(const fs::path& project_root, std::string_view bytes) {
  std::string sha256 = Sha256Hex(bytes);
  fs::path file = PublishedFilesFolder(project_root) / sha256;
  std::error_code error;
  if (fs::is_regular_file(file, error)) {
    Result<std::string> kept = ReadFile(file);
    if (kept.ok() && Sha256Hex(*kept) == sha256) return sha256;  // already kept
  }
  Status written = WriteFileSynced(file, bytes);
  if (!written.ok()) return written;
  return sha256;
}

Result<std::optional<uint64_t>> KeptFileSize(const fs::path& project_root,
                                             std::string_view sha256) {
  if (!IsSha256Hex(sha256)) return std::optional<uint64_t>();
  fs::path file = PublishedFilesFolder(project_root) / std::string(sha256);
  std::error_code error;
  fs::file_status status = fs::status(file, error);
  if (status.type() == fs::file_type::not_found) return std::optional<uint64_t>();
  if (error) return Status::Io(file.string() + ": " + error.message());
  if (status.type() != fs::file_type::regular) {
    return Status::Io(file.string() + ": " + FileTypeName(status.type()) + ", not a regular file");
  }
  uint64_t size = fs::file_size(file, error);
  if (error) return Status::Io(file.string() + ": " + error.message());
  return std::optional<uint64_t>(size);
}

Result<std::string> ReadPublishedFile(const fs::path& project_root, std::string_view sha256) {
  if (!IsSha256Hex(sha256)) {
    return Status::NotFound(std::string("not a SHA-256: \"").append(sha256).append("\""));
  }
  fs::path file = PublishedFilesFolder(project_root) / std::string(sha256);
  Result<std::string> bytes = ReadFile(file);
  if (!bytes.ok()) return bytes.status();
  std::string actual = Sha256Hex(*bytes);
  if (actual != sha256) {
    std::string message = file.string();
    message.append(": kept file damaged or changed: its SHA-256 is ")
        .append(actual)
        .append(", its name and the ledger record ")
        .append(sha256);
    return Status::Internal(std::move(message));
  }
  return bytes;
}

}  // namespace gpaikit::store
