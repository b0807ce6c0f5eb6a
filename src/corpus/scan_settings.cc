// Scan settings given by name, checked once for the CLI and the Python package.
#include "gpaikit/corpus/scan_settings.h"

#include <cmath>

#include "gpaikit/corpus/record.h"

namespace gpaikit::corpus {
namespace {

// The readers' JSON pointers for the dotted `given` paths; the defaults when none are given.
void SetFields(const std::vector<std::string>& given, std::vector<std::string>& fields) {
  if (given.empty()) return;
  fields.clear();
  for (const std::string& path : given) fields.push_back(FieldPathToPointer(path));
}

}  // namespace

std::string BytesPerTokenProblem(double ratio) {
  return std::isfinite(ratio) && ratio >= 0.1 && ratio <= 1000
             ? ""
             : "expected a number of bytes per token from 0.1 to 1000";
}

Status ApplyScanSettings(const ScanSettings& settings, ScanOptions& options) {
  if (settings.gzip != "auto" && settings.gzip != "isal" && settings.gzip != "zlib") {
    return Status::InvalidInput("gzip '" + settings.gzip + "': expected auto, isal or zlib");
  }
  if (std::string problem = BytesPerTokenProblem(settings.bytes_per_token); !problem.empty()) {
    return Status::InvalidInput("bytes per token " + std::to_string(settings.bytes_per_token) +
                                ": " + problem);
  }
  if (settings.max_record_mib < 1 || settings.max_record_mib > kMaxRecordMibLimit) {
    return Status::InvalidInput("max record MiB " + std::to_string(settings.max_record_mib) +
                                ": expected 1 to " + std::to_string(kMaxRecordMibLimit));
  }
  options.gzip = settings.gzip == "isal"   ? GzipEngine::kIsal
                 : settings.gzip == "zlib" ? GzipEngine::kZlib
                                           : GzipEngine::kAuto;
  options.bytes_per_token = settings.bytes_per_token;
  options.max_domains = settings.max_domains;
  options.max_errors = settings.max_errors;
  options.strict = settings.strict;
  options.reader.max_record_bytes = settings.max_record_mib << 20;
  SetFields(settings.url_fields, options.reader.fields.url);
  SetFields(settings.text_fields, options.reader.fields.text);
  SetFields(settings.date_fields, options.reader.fields.date);
  SetFields(settings.token_fields, options.reader.fields.tokens);
  return Status::Ok();
}

}  // namespace gpaikit::corpus
