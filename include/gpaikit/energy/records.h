// Energy records: what `gpaikit energy measure` appends, one JSON line per device and interval,
// under <project>/.gpaikit/energy/ (docs/energy.md "Records"; AI Act Annex XI 2(e)).
#ifndef GPAIKIT_ENERGY_RECORDS_H_
#define GPAIKIT_ENERGY_RECORDS_H_

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::energy {

// How the joules of one record were obtained.
inline constexpr std::string_view kMethodNvmlCounter = "nvml-energy-counter";
inline constexpr std::string_view kMethodNvmlPower = "nvml-power-samples";
inline constexpr std::string_view kMethodRapl = "rapl";

// One device's energy over one metering interval on one node.
struct Record {
  std::string run;     // --run NAME: a compute run of gpaikit.yaml
  std::string node;    // host name of the node the meter ran on
  std::string device;  // GPU UUID ("GPU-..."), or "rapl:<node>:<zone>" for a CPU/DRAM domain
  std::string domain;  // "gpu", "cpu-package", "dram", "psys" or another powercap zone kind
  double start = 0;    // Unix seconds (UTC)
  double end = 0;
  double joules = 0;
  std::string method;    // one of kMethod*
  int samples_lost = 0;  // readings that failed in this interval (device lost, read error)
};

// The folder of a project's energy records.
std::filesystem::path RecordsDir(const std::filesystem::path& project_root);
// One record as a JSON line (schema "gpaikit.energy-record/1"), without the newline.
std::string RecordLine(const Record& record);

// Appends records to one file and makes each batch durable (fsync) before returning, so that a
// crash loses at most the interval being measured.
class RecordWriter {
 public:
  static Result<RecordWriter> Open(const std::filesystem::path& path);
  RecordWriter(RecordWriter&& other) noexcept;
  RecordWriter& operator=(RecordWriter&&) = delete;
  RecordWriter(const RecordWriter&) = delete;
  ~RecordWriter();
  Status Append(const std::vector<Record>& records);
  const std::filesystem::path& path() const { return path_; }

 private:
  RecordWriter(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::filesystem::path path_;
};

// Parsing a records file: every bad line is reported ("file:line:column: what was expected")
// and skipped; the good ones are kept (DESIGN.md "Inputs": batch work reports and goes on).
struct ParsedRecords {
  std::vector<Record> records;
  std::vector<std::string> problems;
};
void ParseRecords(std::string_view text, const std::string& file, ParsedRecords& out);
// Every *.jsonl file under RecordsDir(project_root), in path order. A missing folder gives none.
Result<ParsedRecords> LoadRecords(const std::filesystem::path& project_root);

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_RECORDS_H_
