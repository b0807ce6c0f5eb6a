// Records of a training corpus as the readers yield them: WARC (ISO 28500:2017, WARC 1.1) and
// JSON Lines documents, as views into the decoder's window (no per-record copies).
#ifndef GPAIKIT_CORPUS_RECORD_H_
#define GPAIKIT_CORPUS_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/input_stream.h"
#include "gpaikit/base/status.h"

namespace gpaikit::corpus {

// The template's modalities (AI Act Art. 53(1)(d) summary template, section 1.3).
enum class Modality : uint8_t { kText, kImage, kAudio, kVideo, kOther };
inline constexpr size_t kModalityCount = 5;
std::string_view ModalityName(Modality modality);
// text/*, +xml, +json, JSON, XML, JavaScript and PDF are text; image/*, audio/*, video/* theirs;
// anything else (including an empty type) is other. Parameters (";charset=...") are ignored.
Modality ModalityOfMediaType(std::string_view media_type);

enum class Format : uint8_t { kWarc, kJsonl };
std::string_view FormatName(Format format);

// One record. Every view points into the reader's window and is valid until the next Next().
struct Record {
  uint64_t offset = 0;  // decoded byte offset of the record's first byte
  uint64_t line = 0;    // JSONL: 1-based line number; WARC: 0
  // WARC-Type ("response", "resource", "conversion", "request", ...); empty for JSONL.
  std::string_view warc_type;
  // True for records that carry content (WARC response, resource, conversion; JSONL lines).
  bool is_document = false;
  std::string_view url;         // WARC-Target-URI (angle brackets removed) or the URL field
  std::string_view date;        // WARC-Date or the date field, as written
  std::string_view media_type;  // the payload's media type as found (see the issue's rule)
  Modality modality = Modality::kOther;
  uint64_t content_bytes = 0;  // HTTP entity body (de-chunked), block, or text field's UTF-8 bytes
  int64_t tokens = -1;         // token count from the data, -1 when absent
  std::string_view http_headers;  // WARC response: the HTTP header lines (after the status line)
  std::string_view payload;       // the payload as stored (chunked bodies not de-chunked)
  std::string_view raw;           // the whole record as stored (WARC: through its trailing CRLFs)
  // A problem that did not stop the record from counting ("invalid chunked encoding ..."); empty
  // when none. The scanner reports it with the record's offset.
  std::string note;
};

// A problem with the input: the record (if any) at `offset` was not counted, except for notes.
struct ReadIssue {
  uint64_t offset = 0;
  uint64_t line = 0;  // JSONL lines
  std::string message;
};

// JSONL field paths (JSON Pointers, RFC 6901); the first path present in a line is used.
struct JsonlFields {
  // Defaults read FineWeb/datatrove ("text", "url", "date", "token_count") and Dolma ("text",
  // "added"/"created", "metadata.url") exports.
  std::vector<std::string> url = {"/url", "/metadata/url", "/meta/url"};
  std::vector<std::string> text = {"/text", "/content"};
  std::vector<std::string> date = {"/date", "/added", "/created", "/metadata/date"};
  std::vector<std::string> tokens = {"/token_count", "/metadata/token_count", "/num_tokens"};
};
// "metadata.url" or "/metadata/url" to a JSON Pointer.
std::string FieldPathToPointer(std::string_view path);

struct ReaderOptions {
  JsonlFields fields;
  size_t max_record_bytes = size_t{256} << 20;  // larger records are reported and skipped
  // JSONL: measure a top-level text member without simdjson's pass over it (same results; off
  // only to compare the two paths in tests).
  bool jsonl_fast_path = true;
};

class RecordReader {
 public:
  enum class Step : uint8_t { kRecord, kIssue, kEnd };
  virtual ~RecordReader() = default;
  // The next record (kRecord), or a problem the reader has stepped past (kIssue; see issue()),
  // or the end of the input.
  virtual Step Next(Record* record) = 0;
  virtual Format format() const = 0;
  // Tells the reader the input's last More() failed (error() describes it) before it read.
  virtual void OnDecodeError() = 0;
  const ReadIssue& issue() const { return issue_; }
  // True when the last kIssue refers to a record that was not counted.
  bool issue_skipped_record() const { return issue_skipped_record_; }
  // Records read by a reader's fast path (JSONL's text measured without a full parse).
  virtual uint64_t fast_path_records() const { return 0; }

 protected:
  ReadIssue issue_;
  bool issue_skipped_record_ = false;
};

std::unique_ptr<RecordReader> MakeWarcReader(InputStream* input, const ReaderOptions& options);
std::unique_ptr<RecordReader> MakeJsonlReader(InputStream* input, const ReaderOptions& options);

// Recognises the format from the first decoded bytes ("WARC/" or a '{' after blanks and an
// optional UTF-8 byte order mark) and returns its reader. Fails naming the file and offset 0 with
// what was found (an ARC file, an empty file, unknown bytes).
Result<std::unique_ptr<RecordReader>> OpenReader(InputStream* input, const ReaderOptions& options);

}  // namespace gpaikit::corpus

#endif  // GPAIKIT_CORPUS_RECORD_H_
