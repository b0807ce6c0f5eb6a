// Evidence stored by content hash with fsync: staged before the case commits, moved into place
// after, deleted when filing fails, and reconciled at start after a crash, so that no file is
// left that no case names and no committed case lacks its file.
#include "portal/evidence_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "gpaikit/base/durable_file.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/sha256.h"
#include "portal/csrf.h"
#include "portal/intake_form.h"
#include "portal/sqlite_statement.h"

namespace gpaikit::portal {
namespace {

namespace fs = std::filesystem;

Status Errno(const fs::path& path, const char* what) {
  return Status::Io(path.string() + ": " + what + ": " + std::strerror(errno));
}

// Writes `bytes` to the new file `path` (it must not exist) and fsyncs it and its folder; the
// file is removed again when any step fails.
Status WriteNewFileDurably(const fs::path& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Errno(path, "cannot create");
  Status status;
  size_t done = 0;
  while (status.ok() && done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) status = Errno(path, "write");
    if (n > 0) done += static_cast<size_t>(n);
  }
  if (status.ok() && ::fsync(fd) != 0) status = Errno(path, "fsync");
  ::close(fd);
  if (status.ok()) status = SyncFolder(path.parent_path());
  if (!status.ok()) ::unlink(path.c_str());
  return status;
}

// Moves `staged` to `final_path`; a staged file already moved by ReconcileEvidence of another
// process counts as moved when the final file is there.
Status MoveIntoPlace(const fs::path& staged, const fs::path& final_path) {
  if (::rename(staged.c_str(), final_path.c_str()) == 0) return Status::Ok();
  if (errno == ENOENT && ::access(final_path.c_str(), F_OK) == 0) return Status::Ok();
  return Errno(final_path, "cannot move the staged evidence into place");
}

Result<bool> NamedByACase(const PortalDb& db, const std::string& sha256) {
  bool named = false;
  Status status = db.Read([&]() -> Status {
    SqlStatement query(db.handle(), "SELECT 1 FROM case_evidence WHERE sha256 = ?1 LIMIT 1");
    query.Bind(1, sha256);
    Result<bool> row = query.Next();
    if (!row.ok()) return row.status();
    named = *row;
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return named;
}

}  // namespace

fs::path EvidenceFolder(const fs::path& project_root) {
  return project_root / ".gpaikit" / "portal-uploads";
}

fs::path EvidenceStagingFolder(const fs::path& project_root) {
  return EvidenceFolder(project_root) / "staging";
}

Result<StagedEvidence> StageEvidence(const fs::path& project_root, const UploadedFile& file) {
  if (Status name = CheckUploadName(file.filename); !name.ok()) {
    return Status::InvalidInput("evidence file: " + name.message());
  }
  std::optional<std::string> type = DetectEvidenceType(file.data);
  if (!type) {
    return Status::InvalidInput("evidence file '" + file.filename +
                                "': not a PDF, PNG, JPEG or plain UTF-8 text file (judged by its "
                                "content, not its name)");
  }
  StagedEvidence staged{
      {Sha256Hex(file.data), *type, static_cast<int64_t>(file.data.size()), file.filename}, {}};
  fs::path final_path = EvidenceFolder(project_root) / staged.evidence.sha256;
  std::error_code error;
  if (fs::exists(final_path, error) && fs::file_size(final_path, error) == file.data.size()) {
    return staged;  // stored before, by a committed filing (final files only come after commit)
  }
  fs::path folder = EvidenceStagingFolder(project_root);
  fs::create_directories(folder, error);
  if (error) return Status::Io(folder.string() + ": cannot create: " + error.message());
  staged.staged = folder / (staged.evidence.sha256 + "." + HexOf(RandomBytes(8)));
  if (Status written = WriteNewFileDurably(staged.staged, file.data); !written.ok()) {
    return written;
  }
  return staged;
}

Status PromoteEvidence(const fs::path& project_root, const std::vector<StagedEvidence>& files) {
  fs::path folder = EvidenceFolder(project_root);
  bool moved = false;
  for (const StagedEvidence& file : files) {
    if (file.staged.empty()) continue;
    if (Status status = MoveIntoPlace(file.staged, folder / file.evidence.sha256); !status.ok()) {
      return status;
    }
    moved = true;
  }
  return moved ? SyncFolder(folder) : Status::Ok();
}

Status SettleFailedFiling(const fs::path& project_root, const PortalDb& db,
                          const std::vector<StagedEvidence>& files) {
  std::vector<StagedEvidence> named;
  for (const StagedEvidence& file : files) {
    if (file.staged.empty()) continue;
    Result<bool> needed = NamedByACase(db, file.evidence.sha256);
    if (!needed.ok()) return needed.status();
    if (*needed) {
      named.push_back(file);
    } else {
      ::unlink(file.staged.c_str());
    }
  }
  return PromoteEvidence(project_root, named);
}

Result<int> ReconcileEvidence(const fs::path& project_root, const PortalDb& db, std::time_t now,
                              std::time_t grace_seconds) {
  fs::path folder = EvidenceStagingFolder(project_root);
  std::error_code error;
  if (!fs::exists(folder, error)) return 0;
  int moved = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    std::string name = entry.path().filename().string();
    size_t dot = name.find('.');
    std::string sha256 = name.substr(0, dot);
    if (dot == std::string::npos || !IsSha256Hex(sha256) || !entry.is_regular_file(error)) {
      continue;  // not a file StageEvidence writes: left alone
    }
    fs::path final_path = EvidenceFolder(project_root) / sha256;
    if (fs::exists(final_path, error)) {
      ::unlink(entry.path().c_str());  // the committed file is in place; this copy is not needed
      continue;
    }
    Result<bool> named = NamedByACase(db, sha256);
    if (!named.ok()) return named.status();
    if (*named) {
      Result<std::string> bytes = ReadFile(entry.path());
      if (bytes.ok() && Sha256Hex(*bytes) == sha256) {
        if (Status status = MoveIntoPlace(entry.path(), final_path); !status.ok()) return status;
        if (Status status = SyncFolder(final_path.parent_path()); !status.ok()) return status;
        ++moved;
        continue;
      }
    }
    struct stat info {};
    if (::stat(entry.path().c_str(), &info) == 0 && now - info.st_mtime > grace_seconds) {
      ::unlink(entry.path().c_str());  // a filing that never committed (or a torn write)
    }
  }
  if (error) return Status::Io(folder.string() + ": cannot list: " + error.message());
  return moved;
}

}  // namespace gpaikit::portal
