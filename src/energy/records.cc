// Energy records as JSON lines: writing with fsync per interval, reading with every bad line
// reported at file:line:column (docs/energy.md "Records").
#include "gpaikit/energy/records.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "gpaikit/base/files.h"
#include "gpaikit/base/json_error.h"

namespace gpaikit::energy {
namespace {

constexpr std::string_view kSchema = "gpaikit.energy-record/1";

// The 1-based column of byte offset `byte` (counted from 1 as nlohmann reports it) in `line`.
int ColumnOf(std::string_view line, size_t byte) {
  return static_cast<int>(std::min(std::max<size_t>(byte, 1), line.size() + 1));
}

// Reads one required field; a problem names the key and what it should be.
template <typename T>
bool Field(const nlohmann::json& object, const char* key, const char* expected, T& out,
           std::string& problem) {
  auto it = object.find(key);
  bool ok = it != object.end();
  if (ok) {
    if constexpr (std::is_same_v<T, std::string>) {
      ok = it->is_string() && !it->get<std::string>().empty();
    } else if constexpr (std::is_same_v<T, int>) {
      ok = it->is_number_integer() && it->get<int64_t>() >= 0;
    } else {
      ok = it->is_number() && std::isfinite(it->get<double>()) && it->get<double>() >= 0;
    }
  }
  if (!ok) {
    if (problem.empty()) problem = std::string("\"") + key + "\": expected " + expected;
    return false;
  }
  out = it->get<T>();
  return true;
}

std::string ParseLine(const nlohmann::json& object, Record& record) {
  if (!object.is_object()) return "expected a JSON object";
  auto schema = object.find("schema");
  if (schema == object.end() || *schema != kSchema) {
    return "\"schema\": expected \"" + std::string(kSchema) + "\"";
  }
  std::string problem;
  Field(object, "run", "a run name", record.run, problem);
  Field(object, "node", "a node name", record.node, problem);
  Field(object, "device", "a device id", record.device, problem);
  Field(object, "domain", "a domain such as \"gpu\"", record.domain, problem);
  Field(object, "start", "Unix seconds", record.start, problem);
  Field(object, "end", "Unix seconds", record.end, problem);
  Field(object, "joules", "a non-negative number", record.joules, problem);
  Field(object, "method", "a method name", record.method, problem);
  Field(object, "samples_lost", "a non-negative integer", record.samples_lost, problem);
  if (problem.empty() && record.end < record.start) problem = "\"end\" is before \"start\"";
  return problem;
}

}  // namespace

std::filesystem::path RecordsDir(const std::filesystem::path& project_root) {
  return project_root / ".gpaikit" / "energy";
}

std::string RecordLine(const Record& record) {
  nlohmann::json object = {{"schema", kSchema},       {"run", record.run},
                           {"node", record.node},     {"device", record.device},
                           {"domain", record.domain}, {"start", record.start},
                           {"end", record.end},       {"joules", record.joules},
                           {"method", record.method}, {"samples_lost", record.samples_lost}};
  return object.dump();
}

Result<RecordWriter> RecordWriter::Open(const std::filesystem::path& path) {
  std::error_code error;
  std::filesystem::create_directories(path.parent_path(), error);
  if (error) return Status::Io(path.parent_path().string() + ": " + error.message());
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Io(path.string() + ": " + std::strerror(errno));
  return RecordWriter(fd, path);
}

RecordWriter::RecordWriter(RecordWriter&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)) {
  other.fd_ = -1;
}

RecordWriter::~RecordWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Status RecordWriter::Append(const std::vector<Record>& records) {
  std::string batch;
  for (const Record& record : records) batch += RecordLine(record) + "\n";
  // One write of whole lines (O_APPEND), then fsync: a crash leaves whole intervals only, or a
  // torn last line that the reader reports and skips.
  size_t written = 0;
  while (written < batch.size()) {
    ssize_t n = ::write(fd_, batch.data() + written, batch.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Io(path_.string() + ": " + std::strerror(errno));
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd_) != 0 && errno != EINVAL) {
    return Status::Io(path_.string() + ": fsync: " + std::strerror(errno));
  }
  return Status::Ok();
}

void ParseRecords(std::string_view text, const std::string& file, ParsedRecords& out) {
  int line_number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    std::string place = file + ":" + std::to_string(line_number) + ":";
    nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    if (object.is_discarded()) {
      // A line is one JSON text, so its column is the byte offset plus one.
      JsonError error = LocateJsonError(line);
      size_t column = error.offset == JsonError::npos ? 1 : ColumnOf(line, error.offset + 1);
      out.problems.push_back(place + std::to_string(column) +
                             ": expected one JSON object per line (a record): " + error.reason);
      continue;
    }
    Record record;
    std::string problem = ParseLine(object, record);
    if (!problem.empty()) {
      out.problems.push_back(place + "1: " + problem);
    } else {
      out.records.push_back(std::move(record));
    }
  }
}

Result<ParsedRecords> LoadRecords(const std::filesystem::path& project_root) {
  ParsedRecords out;
  std::filesystem::path dir = RecordsDir(project_root);
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) return out;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_regular_file() && it->path().extension() == ".jsonl") files.push_back(it->path());
  }
  if (error) return Status::Io(dir.string() + ": " + error.message());
  std::sort(files.begin(), files.end());
  for (const std::filesystem::path& path : files) {
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) return text.status();
    std::string name = std::filesystem::relative(path, project_root, error).string();
    ParseRecords(*text, error ? path.string() : name, out);
  }
  return out;
}

}  // namespace gpaikit::energy
