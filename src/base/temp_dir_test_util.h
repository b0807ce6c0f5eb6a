// Test helper: a fresh folder under the system's temporary folder, removed afterwards, for the
// tests of every module that reads or writes files.
#ifndef GPAIKIT_BASE_TEMP_DIR_TEST_UTIL_H_
#define GPAIKIT_BASE_TEMP_DIR_TEST_UTIL_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace gpaikit::test_util {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "gpaikit-test") {
    path_ = std::filesystem::temp_directory_path() /
            (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(next_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `bytes` to `name` under the folder (creating subfolders) and returns its path.
  std::filesystem::path Write(const std::string& name, const std::string& bytes) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  static inline int next_ = 0;
  std::filesystem::path path_;
};

}  // namespace gpaikit::test_util

#endif  // GPAIKIT_BASE_TEMP_DIR_TEST_UTIL_H_
