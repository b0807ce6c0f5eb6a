// Test and fuzz support: everything a JSONL reader reports for some bytes, as one comparable text
// (records with their fields, issues with their places), with the fast path on or off.
#ifndef GPAIKIT_CORPUS_JSONL_TRANSCRIPT_H_
#define GPAIKIT_CORPUS_JSONL_TRANSCRIPT_H_

#include <functional>
#include <string>
#include <string_view>

#include "gpaikit/corpus/record.h"

namespace gpaikit::corpus::testing {

// `fast_records`, when given, receives how many records the fast path read; `each` sees every
// record as it is read.
inline std::string JsonlTranscript(std::string_view bytes, bool fast_path, size_t window = 4 << 20,
                                   uint64_t* fast_records = nullptr,
                                   const std::function<void(const Record&)>& each = {}) {
  auto input = InputStream::FromMemory(bytes, "t.jsonl");
  input->set_max_window(window);
  ReaderOptions options;
  options.max_record_bytes = window / 4;
  options.jsonl_fast_path = fast_path;
  auto reader = MakeJsonlReader(input.get(), options);
  std::string out;
  Record record;
  for (int steps = 0; steps < 100000; ++steps) {
    RecordReader::Step step = reader->Next(&record);
    if (step == RecordReader::Step::kEnd) break;
    if (step == RecordReader::Step::kIssue) {
      const ReadIssue& issue = reader->issue();
      out += "issue @" + std::to_string(issue.offset) + " line " + std::to_string(issue.line) +
             (reader->issue_skipped_record() ? " skipped: " : ": ") + issue.message + "\n";
      continue;
    }
    if (each) each(record);
    out += "record @" + std::to_string(record.offset) + " line " + std::to_string(record.line) +
           " raw " + std::to_string(record.raw.size()) + " bytes " +
           std::to_string(record.content_bytes) + " tokens " + std::to_string(record.tokens) +
           " payload [" + std::string(record.payload) + "] url [" + std::string(record.url) +
           "] date [" + std::string(record.date) + "]\n";
  }
  if (fast_records != nullptr) *fast_records = reader->fast_path_records();
  return out;
}

}  // namespace gpaikit::corpus::testing

#endif  // GPAIKIT_CORPUS_JSONL_TRANSCRIPT_H_
