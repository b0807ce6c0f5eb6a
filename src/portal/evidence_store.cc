// Evidence stored by content hash with fsync, so that a complaint's tracking number is only shown
// once its files are on disk.
#include "portal/evidence_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "gpaikit/base/sha256.h"
#include "portal/intake_form.h"

namespace gpaikit::portal {
namespace {

namespace fs = std::filesystem;

Status Errno(const fs::path& path, const char* what) {
  return Status::Io(path.string() + ": " + what + ": " + std::strerror(errno));
}

Status SyncFolder(const fs::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno(folder, "cannot open the folder");
  int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) return Errno(folder, "fsync");
  return Status::Ok();
}

Status WriteDurably(const fs::path& path, const std::string& bytes) {
  static std::atomic<unsigned> calls{0};
  fs::path temporary = path;
  temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(calls++);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Errno(temporary, "cannot create");
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status failed = Errno(temporary, "write");
      ::close(fd);
      ::unlink(temporary.c_str());
      return failed;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status failed = Errno(temporary, "fsync");
    ::close(fd);
    ::unlink(temporary.c_str());
    return failed;
  }
  ::close(fd);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    Status failed = Errno(path, "rename");
    ::unlink(temporary.c_str());
    return failed;
  }
  return SyncFolder(path.parent_path());
}

}  // namespace

fs::path EvidenceFolder(const fs::path& project_root) {
  return project_root / ".gpaikit" / "portal-uploads";
}

Result<Evidence> StoreEvidence(const fs::path& project_root, const UploadedFile& file) {
  if (Status name = CheckUploadName(file.filename); !name.ok()) {
    return Status::InvalidInput("evidence file: " + name.message());
  }
  std::optional<std::string> type = DetectEvidenceType(file.data);
  if (!type) {
    return Status::InvalidInput("evidence file '" + file.filename +
                                "': not a PDF, PNG, JPEG or plain UTF-8 text file (judged by its "
                                "content, not its name)");
  }
  Evidence evidence{Sha256Hex(file.data), *type, static_cast<int64_t>(file.data.size()),
                    file.filename};
  fs::path folder = EvidenceFolder(project_root);
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return Status::Io(folder.string() + ": cannot create: " + error.message());
  fs::path path = folder / evidence.sha256;
  if (fs::exists(path, error) && fs::file_size(path, error) == file.data.size()) return evidence;
  if (Status written = WriteDurably(path, file.data); !written.ok()) return written;
  return evidence;
}

}  // namespace gpaikit::portal
