// Batch robots.txt checks over a case file: streamed, each robots file parsed once.
#include "gpaikit/optout/robots_cases.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "byte_source.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {
namespace {

constexpr size_t kChunk = 1 << 20;

// Checks the cases of one case file, line by line; owns the parsed policies.
class CaseRunner {
 public:
  CaseRunner(const std::filesystem::path& case_file, const RobotsParseOptions& options,
             const RobotsCaseSink& sink)
      : case_file_(case_file), options_(options), sink_(sink) {
    out_.reserve(kChunk + 4096);
  }

  Status Line(std::string_view line, size_t number) {
    if (line.empty()) return Status::Ok();
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) {
      return Status::InvalidInput(Where(number) +
                                  "expected 3 or more TAB-separated columns "
                                  "(robots file, agent, URL)");
    }
    std::string_view name = line.substr(0, tab1);
    std::string_view agent = line.substr(tab1 + 1, tab2 - tab1 - 1);
    size_t tab3 = line.find('\t', tab2 + 1);
    std::string_view url = line.substr(
        tab2 + 1, tab3 == std::string_view::npos ? std::string_view::npos : tab3 - tab2 - 1);
    if (last_ == nullptr || name != last_name_) {
      Status status = Select(name, number);
      if (!status.ok()) return status;
    }
    bool allowed = last_->CheckPath(agent, RobotsMatchPath(url, &scratch_)).allowed;
    ++stats_.cases;
    stats_.allowed += allowed;
    if (tab3 != std::string_view::npos) {
      std::string_view expected = line.substr(tab3 + 1, 1);
      if (expected == "0" || expected == "1") {
        ++stats_.with_expected;
        stats_.agree += (expected == "1") == allowed;
      }
    }
    out_.append(line);
    out_.append(allowed ? "\t1\n" : "\t0\n");
    if (out_.size() >= kChunk) Flush();
    return Status::Ok();
  }

  void Flush() {
    if (!out_.empty()) sink_(out_);
    out_.clear();
  }
  const RobotsCaseStats& stats() const { return stats_; }
  std::string Where(size_t number) const {
    return case_file_.string() + ":" + std::to_string(number) + ": ";
  }

 private:
  Status Select(std::string_view name, size_t number) {
    key_.assign(name);
    auto it = policies_.find(key_);
    if (it == policies_.end()) {
      // Memory stays bounded: a case file normally lists each robots file's cases together, so
      // forgetting older policies costs at most a re-parse.
      if (policies_.size() >= kMaxPolicies) policies_.clear();
      Status read = ReadBody(case_file_.parent_path() / key_);
      if (!read.ok()) return Status(read.code(), Where(number) + read.message());
      stats_.robots_bytes += body_size_;
      ++stats_.robots_files;
      it = policies_
               .emplace(key_,
                        RobotsPolicy::Parse(std::string_view(body_.get(), body_size_), options_))
               .first;
      if (it->second.truncated()) ++stats_.truncated_files;
    }
    last_ = &it->second;
    last_name_ = it->first;
    return Status::Ok();
  }

  // Reads a robots.txt file into the reused body buffer (no zero-filling, no new pages per file).
  Status ReadBody(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return Status::NotFound(path.string() + ": no such file");
      return Status::Io(path.string() + ": cannot open: " + std::strerror(errno));
    }
    body_size_ = 0;
    while (true) {
      if (body_size_ == body_capacity_) {
        size_t capacity = body_capacity_ == 0 ? (1 << 16) : body_capacity_ * 2;
        std::unique_ptr<char[]> bigger(new char[capacity]);
        if (body_size_ > 0) std::memcpy(bigger.get(), body_.get(), body_size_);
        body_ = std::move(bigger);
        body_capacity_ = capacity;
      }
      ssize_t n = ::read(fd, body_.get() + body_size_, body_capacity_ - body_size_);
      if (n == 0) break;
      if (n < 0) {
        if (errno == EINTR) continue;
        std::string error = std::strerror(errno);
        ::close(fd);
        return Status::Io(path.string() + ": read failed: " + error);
      }
      body_size_ += static_cast<size_t>(n);
    }
    ::close(fd);
    return Status::Ok();
  }

  static constexpr size_t kMaxPolicies = 16;
  const std::filesystem::path& case_file_;
  const RobotsParseOptions& options_;
  const RobotsCaseSink& sink_;
  std::unordered_map<std::string, RobotsPolicy> policies_;
  std::string_view last_name_;
  const RobotsPolicy* last_ = nullptr;
  std::string scratch_, out_, key_;
  std::unique_ptr<char[]> body_;
  size_t body_size_ = 0, body_capacity_ = 0;
  RobotsCaseStats stats_;
};

}  // namespace

Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path.string() + ": no such file");
    return Status::Io(path.string() + ": cannot open: " + std::strerror(errno));
  }
  struct stat info;
  std::string data;
  if (::fstat(fd, &info) == 0 && info.st_size > 0) data.reserve(static_cast<size_t>(info.st_size));
  char buffer[1 << 16];
  while (true) {
    // Read straight into the string when its size is known, else through the buffer.
    ssize_t n;
    if (data.capacity() > data.size()) {
      size_t old = data.size();
      data.resize(data.capacity());
      n = ::read(fd, data.data() + old, data.size() - old);
      data.resize(old + static_cast<size_t>(n > 0 ? n : 0));
    } else {
      n = ::read(fd, buffer, sizeof(buffer));
      if (n > 0) data.append(buffer, static_cast<size_t>(n));
    }
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string error = std::strerror(errno);
      ::close(fd);
      return Status::Io(path.string() + ": read failed: " + error);
    }
  }
  ::close(fd);
  return data;
}

Result<std::string> ReadMaybeGzipFile(const std::filesystem::path& path) {
  Result<std::unique_ptr<ByteSource>> source = ByteSource::Open(path);
  if (!source.ok()) return source.status();
  std::string data;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  while (true) {
    Result<size_t> n = (*source)->Read(buffer.get(), kChunk);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    data.append(buffer.get(), *n);
  }
  return data;
}

Result<RobotsCaseStats> CheckRobotsCases(const std::filesystem::path& case_file,
                                         const RobotsParseOptions& options,
                                         const RobotsCaseSink& sink) {
  Result<std::unique_ptr<ByteSource>> source = ByteSource::Open(case_file);
  if (!source.ok()) return source.status();
  CaseRunner runner(case_file, options, sink);
  std::string buffer(kChunk, '\0');
  size_t held = 0, line_number = 0;
  Status status;
  while (status.ok()) {
    if (held == buffer.size()) buffer.resize(buffer.size() * 2);  // a very long line
    Result<size_t> n = (*source)->Read(buffer.data() + held, buffer.size() - held);
    if (!n.ok()) {
      status = n.status();
      break;
    }
    bool done = *n == 0;
    size_t size = held + *n;
    std::string_view view(buffer.data(), size);
    size_t start = 0;
    while (status.ok()) {
      size_t end = view.find('\n', start);
      if (end == std::string_view::npos) {
        if (done && start < size) status = runner.Line(view.substr(start), ++line_number);
        break;
      }
      status = runner.Line(view.substr(start, end - start), ++line_number);
      start = end + 1;
    }
    if (done) break;
    held = size - start;
    std::memmove(buffer.data(), buffer.data() + start, held);
  }
  runner.Flush();
  if (!status.ok()) return status;
  return runner.stats();
}

Result<RobotsCaseStats> CheckRobotsCases(const std::filesystem::path& case_file,
                                         const RobotsParseOptions& options, std::string* out) {
  return CheckRobotsCases(case_file, options,
                          [out](std::string_view chunk) { out->append(chunk); });
}

}  // namespace gpaikit::optout
