// Batch robots.txt checks over a case file: streamed, each robots file parsed once.
#include "gpaikit/optout/robots_cases.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "gpaikit/base/files.h"
#include "gpaikit/base/input_stream.h"
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
      // Read into the reused body buffer (no new pages per file).
      Status read = ReadFileInto(case_file_.parent_path() / key_, &body_);
      if (!read.ok()) return Status(read.code(), Where(number) + read.message());
      stats_.robots_bytes += body_.size();
      ++stats_.robots_files;
      it = policies_.emplace(key_, RobotsPolicy::Parse(body_, options_)).first;
      if (it->second.truncated()) ++stats_.truncated_files;
    }
    last_ = &it->second;
    last_name_ = it->first;
    return Status::Ok();
  }

  static constexpr size_t kMaxPolicies = 16;
  const std::filesystem::path& case_file_;
  const RobotsParseOptions& options_;
  const RobotsCaseSink& sink_;
  std::unordered_map<std::string, RobotsPolicy> policies_;
  std::string_view last_name_;
  const RobotsPolicy* last_ = nullptr;
  std::string scratch_, out_, key_, body_;
  RobotsCaseStats stats_;
};

}  // namespace

Result<RobotsCaseStats> CheckRobotsCases(const std::filesystem::path& case_file,
                                         const RobotsParseOptions& options,
                                         const RobotsCaseSink& sink) {
  Result<std::unique_ptr<InputStream>> opened = InputStream::Open(case_file);
  if (!opened.ok()) return opened.status();
  InputStream& input = **opened;
  CaseRunner runner(case_file, options, sink);
  size_t line_number = 0, scanned = 0;  // bytes of the window known to hold no newline
  Status status;
  while (status.ok()) {
    InputStream::Fill fill = input.More();
    if (fill == InputStream::Fill::kError) {
      status = input.ErrorStatus();
      break;
    }
    std::string_view view = input.view();
    size_t start = 0;
    while (status.ok()) {
      size_t end = view.find('\n', std::max(start, scanned));
      if (end == std::string_view::npos) break;
      status = runner.Line(view.substr(start, end - start), ++line_number);
      start = end + 1;
    }
    input.Consume(start);
    scanned = view.size() - start;
    if (fill == InputStream::Fill::kEnd) {
      if (status.ok() && input.size() > 0) status = runner.Line(input.view(), ++line_number);
      break;
    }
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
