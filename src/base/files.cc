// File reading and atomic writing, and data/ folder discovery.
#include "gpaikit/base/files.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#ifndef GPAIKIT_SOURCE_DATA_DIR
#define GPAIKIT_SOURCE_DATA_DIR "data"
#endif

namespace gpaikit {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!fs::exists(path)) return Status::NotFound(path.string() + ": no such file");
    return Status::Io(path.string() + ": cannot open: " + std::strerror(errno));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return Status::Io(path.string() + ": read failed");
  return contents.str();
}

Status WriteFile(const fs::path& path, std::string_view contents) {
  std::error_code error;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), error);
  if (error) return Status::Io(path.parent_path().string() + ": " + error.message());
  fs::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Io(temporary.string() + ": cannot write: " + std::strerror(errno));
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    if (!out) return Status::Io(temporary.string() + ": write failed");
  }
  fs::rename(temporary, path, error);
  if (error) return Status::Io(path.string() + ": " + error.message());
  return Status::Ok();
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
