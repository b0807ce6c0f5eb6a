// File reading, atomic (and durable) writing, and data/ folder discovery.
#include "gpaikit/base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

#include "gpaikit/base/durable_file.h"

#ifndef GPAIKIT_SOURCE_DATA_DIR
#define GPAIKIT_SOURCE_DATA_DIR "data"
#endif

namespace gpaikit {

namespace fs = std::filesystem;

std::string FileTypeName(fs::file_type type) {
  switch (type) {
    case fs::file_type::regular:
      return "a regular file";
    case fs::file_type::directory:
      return "a folder";
    case fs::file_type::fifo:
      return "a named pipe (FIFO)";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::block:
    case fs::file_type::character:
      return "a device";
    case fs::file_type::not_found:
      return "a symbolic link to nothing";
    default:
      return "an unknown kind of file";
  }
}

Status CheckRegularFile(const fs::path& path) {
  std::error_code error;
  fs::file_status status = fs::status(path, error);  // follows symbolic links
  if (status.type() == fs::file_type::regular) return Status::Ok();
  if (status.type() == fs::file_type::not_found) {
    if (fs::is_symlink(fs::symlink_status(path, error))) {
      return Status::NotFound(path.string() + ": a symbolic link to nothing");
    }
    return Status::NotFound(path.string() + ": no such file");
  }
  if (error) return Status::Io(path.string() + ": cannot open: " + error.message());
  return Status::InvalidInput(path.string() + ": " + FileTypeName(status.type()) +
                              ", not a regular file");
}

Status ReadFileInto(const fs::path& path, std::string* out) {
  out->clear();
  if (Status regular = CheckRegularFile(path); !regular.ok()) return regular;
  // O_NONBLOCK: should the file have become a pipe since the check, the open does not wait.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path.string() + ": no such file");
    return Status::Io(path.string() + ": cannot open: " + std::strerror(errno));
  }
  struct stat info {};
  size_t expected = 0;
  if (::fstat(fd, &info) == 0 && info.st_size > 0) expected = static_cast<size_t>(info.st_size);
  // One read when the size is known (a regular file); files of unknown size (pipes, /proc)
  // grow the string as they go.
  out->resize(std::max<size_t>(expected + 1, size_t{1} << 12));
  size_t size = 0;
  while (true) {
    if (size == out->size()) out->resize(out->size() * 2);
    ssize_t n = ::read(fd, out->data() + size, out->size() - size);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string error = std::strerror(errno);
      ::close(fd);
      out->clear();
      return Status::Io(path.string() + ": read failed: " + error);
    }
    size += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(size);
  return Status::Ok();
}

Result<std::string> ReadFile(const fs::path& path) {
  std::string contents;
  Status status = ReadFileInto(path, &contents);
  if (!status.ok()) return status;
  return contents;
}

Status WriteFile(const fs::path& path, std::string_view contents) {
  std::error_code error;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), error);
  if (error) return Status::Io(path.parent_path().string() + ": " + error.message());
  // A temporary name of this process and call: two writers of one file (two appends to one
  // ledger updating its head) must not share it, or one renames the other's half-written file.
  static std::atomic<unsigned> calls{0};
  fs::path temporary = path;
  temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(calls++);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Io(temporary.string() + ": cannot write: " + std::strerror(errno));
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();  // the last bytes reach the disk here: a full disk shows only now
    if (!out) {
      int err = errno;
      std::error_code ignored;
      fs::remove(temporary, ignored);
      return Status::Io(path.string() + ": write failed: " + std::strerror(err));
    }
  }
  fs::rename(temporary, path, error);
  if (error) return Status::Io(path.string() + ": " + error.message());
  return Status::Ok();
}

Status WriteFileSynced(const fs::path& path, std::string_view contents) {
  std::error_code error;
  fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  fs::create_directories(folder, error);
  if (error) return Status::Io(folder.string() + ": " + error.message());
  static std::atomic<unsigned> calls{0};
  fs::path temporary = path;
  temporary += ".tmp-" + std::to_string(::getpid()) + "-s" + std::to_string(calls++);
  auto failed = [&](const fs::path& what, const char* step) {
    Status status = Status::Io(what.string() + ": " + step + ": " + std::strerror(errno));
    std::error_code ignored;
    fs::remove(temporary, ignored);
    return status;
  };
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return failed(temporary, "cannot write");
  size_t written = 0;
  while (written < contents.size()) {
    ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return failed(path, "write failed");
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    return failed(path, "fsync");
  }
  if (::close(fd) != 0) return failed(path, "close");
  if (::rename(temporary.c_str(), path.c_str()) != 0) return failed(path, "rename");
  // The rename itself is durable once the folder's entry is on disk.
  return SyncFolder(folder);
}

Status SyncFolder(const fs::path& folder) {
  int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return Status::Io(folder.string() + ": open: " + std::strerror(errno));
  int synced = ::fsync(dir);
  int err = errno;
  ::close(dir);
  if (synced != 0) return Status::Io(folder.string() + ": fsync: " + std::strerror(err));
  return Status::Ok();
}

bool LiesInside(const fs::path& path, const fs::path& folder) {
  std::error_code error;
  fs::path real_folder = fs::weakly_canonical(folder, error);
  if (error) return false;
  fs::path real_path = fs::weakly_canonical(path, error);
  if (error) return false;
  fs::path inside = real_path.lexically_relative(real_folder);
  return !inside.empty() && *inside.begin() != "..";
}

Status CheckRelativePath(const fs::path& relative, std::string_view what) {
  auto refuse = [&](const std::string& why) {
    return Status::InvalidInput(std::string(what) + " '" + relative.string() + "': " + why);
  };
  if (relative.empty()) return refuse("expected a file name");
  if (relative.is_absolute() || relative.has_root_name() || relative.has_root_directory()) {
    return refuse("expected a relative path, not an absolute one");
  }
  for (const fs::path& part : relative) {
    if (part == "..") return refuse("'..' would leave the folder");
  }
  return Status::Ok();
}

Result<fs::path> PathInside(const fs::path& folder, const fs::path& relative,
                            std::string_view what) {
  if (Status lexical = CheckRelativePath(relative, what); !lexical.ok()) {
    return Status::InvalidInput(lexical.message() + " (the folder is " + folder.string() + ")");
  }
  fs::path joined = folder / relative;
  // Symbolic links that exist are followed: the file must still end up inside the folder.
  if (!LiesInside(joined, folder.empty() ? fs::path(".") : folder)) {
    std::error_code error;
    return Status::InvalidInput(std::string(what) + " '" + relative.string() +
                                "': a symbolic link leads outside " + folder.string() + " (to " +
                                fs::weakly_canonical(joined, error).string() + ")");
  }
  return joined;
}

bool IsPlainFileName(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(name.front())) return false;
  for (char c : name) {
    if (!alnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

fs::path DataDir() {
  if (const char* env = std::getenv("GPAIKIT_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code error;
  fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "gpaikit" / "data";
    if (fs::is_directory(installed, error)) return installed;
  }
  return GPAIKIT_SOURCE_DATA_DIR;
}

std::vector<std::string> DataFileVersions(const fs::path& folder, std::string_view prefix) {
  std::vector<std::string> versions;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".yaml")) {
      versions.push_back(name.substr(prefix.size(), name.size() - prefix.size() - 5));
    }
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

Result<fs::path> VersionedDataFile(const fs::path& folder, std::string_view prefix,
                                   std::string_view version, std::string_view what) {
  std::vector<std::string> versions = DataFileVersions(folder, prefix);
  if (versions.empty()) {
    return Status::NotFound(folder.string() + ": no " + std::string(what) + " files (" +
                            std::string(prefix) + "*.yaml)");
  }
  std::string chosen = version.empty() ? versions.back() : std::string(version);
  if (std::find(versions.begin(), versions.end(), chosen) == versions.end()) {
    return Status::NotFound(std::string(what) + " '" + chosen +
                            "' is not installed (available: " + versions.back() + ")");
  }
  return folder / (std::string(prefix) + chosen + ".yaml");
}

}  // namespace gpaikit
