// Batch robots.txt checks over a case file: each robots file parsed once, verdicts appended.
#include "gpaikit/optout/robots_cases.h"

#include <zlib.h>

#include <string_view>
#include <unordered_map>

#include "gpaikit/files.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::optout {

Result<std::string> ReadMaybeGzipFile(const std::filesystem::path& path) {
  if (path.extension() != ".gz") return ReadFile(path);
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return Status::NotFound(path.string() + ": cannot open");
  gzbuffer(file, 1 << 17);
  std::string data;
  std::string buffer(1 << 17, '\0');
  int n;
  while ((n = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()))) > 0) {
    data.append(buffer.data(), static_cast<size_t>(n));
  }
  int error = 0;
  const char* message = gzerror(file, &error);
  std::string reason = message ? message : "";
  gzclose(file);
  if (n < 0 || (error != Z_OK && error != Z_STREAM_END)) {
    return Status::InvalidInput(path.string() + ": byte " + std::to_string(data.size()) +
                                ": gzip data expected (" + reason + ")");
  }
  return data;
}

Result<RobotsCaseStats> CheckRobotsCases(const std::filesystem::path& case_file,
                                         const RobotsParseOptions& options, std::string* out) {
  Result<std::string> data = ReadMaybeGzipFile(case_file);
  if (!data.ok()) return data.status();
  RobotsCaseStats stats;
  std::unordered_map<std::string, RobotsPolicy> policies;
  std::string_view last_name;
  const RobotsPolicy* last = nullptr;
  std::string scratch;
  std::string_view rest = *data;
  out->reserve(out->size() + rest.size() + rest.size() / 16);
  size_t line_number = 0;
  while (!rest.empty()) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    ++line_number;
    if (line.empty()) continue;
    size_t tab1 = line.find('\t');
    size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) {
      return Status::InvalidInput(case_file.string() + ":" + std::to_string(line_number) +
                                  ": expected 3 or more TAB-separated columns "
                                  "(robots file, agent, URL)");
    }
    std::string_view name = line.substr(0, tab1);
    std::string_view agent = line.substr(tab1 + 1, tab2 - tab1 - 1);
    size_t tab3 = line.find('\t', tab2 + 1);
    std::string_view url = line.substr(
        tab2 + 1, tab3 == std::string_view::npos ? std::string_view::npos : tab3 - tab2 - 1);
    if (last == nullptr || name != last_name) {
      auto it = policies.find(std::string(name));
      if (it == policies.end()) {
        std::filesystem::path robots = case_file.parent_path() / std::string(name);
        Result<std::string> body = ReadFile(robots);
        if (!body.ok()) {
          return Status(body.status().code(), case_file.string() + ":" +
                                                  std::to_string(line_number) + ": " +
                                                  body.status().message());
        }
        stats.robots_bytes += body->size();
        ++stats.robots_files;
        it = policies.emplace(std::string(name), RobotsPolicy::Parse(*body, options)).first;
        if (it->second.truncated()) ++stats.truncated_files;
      }
      last = &it->second;
      last_name = it->first;
    }
    bool allowed = last->CheckPath(agent, RobotsMatchPath(url, &scratch)).allowed;
    ++stats.cases;
    stats.allowed += allowed;
    if (tab3 != std::string_view::npos) {
      std::string_view expected = line.substr(tab3 + 1, 1);
      if (expected == "0" || expected == "1") {
        ++stats.with_expected;
        stats.agree += (expected == "1") == allowed;
      }
    }
    out->append(line);
    out->append(allowed ? "\t1\n" : "\t0\n");
  }
  return stats;
}

}  // namespace gpaikit::optout
