// WARC record reader (ISO 28500:2017 WARC 1.1 sections 4-6; WARC 1.0 and 0.x heads accepted):
// header fields, block by Content-Length, two CRLFs; response payloads per RFC 9112.
#include <simdjson.h>

#include <cstdint>
#include <cstring>

#include "corpus/http.h"
#include "corpus/reader_util.h"
#include "gpaikit/corpus/record.h"

namespace gpaikit::corpus {
namespace {

constexpr size_t kMaxHeadBytes = 1 << 20;  // a WARC header block larger than this is rejected

bool IsDocumentType(std::string_view type) {
  return type == "response" || type == "resource" || type == "conversion";
}

// Offset of the first byte of the first ill-formed UTF-8 sequence in `text` (RFC 3629 section 4:
// no overlongs, no surrogates D800-DFFF, nothing above U+10FFFF, no truncated sequences), or
// text.size() when it is all well-formed. Run only after simdjson's fast check has failed.
size_t FirstInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;  // overlong below U+0800
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;  // overlong below U+10000
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return i;  // a continuation byte, an overlong C0/C1 lead, or F5-FF
    }
    if (n - i < len || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return n;
}

// Appends `what` and the byte position of the first invalid UTF-8 in `text` to the record's
// note, when there is one.
void NoteInvalidUtf8(std::string_view text, const char* what, const char* where, Record* record) {
  if (simdjson::validate_utf8(text.data(), text.size())) return;
  size_t at = FirstInvalidUtf8(text);
  if (at == text.size()) return;
  if (!record->note.empty()) record->note += "; ";
  record->note += std::string(what) + " is not valid UTF-8 at byte " + std::to_string(at) + where;
}

// Window bytes wanted after a record's block: its two CRLFs and the next record's "WARC/".
constexpr size_t kAfterRecord = 9;

class WarcReader : public RecordReader {
 public:
  WarcReader(InputStream* input, const ReaderOptions& options) : in_(input), options_(options) {}
  Format format() const override { return Format::kWarc; }
  void OnDecodeError() override { NoteDecodeError(); }

  Step Next(Record* record) override {
    in_->Consume(pending_consume_);
    pending_consume_ = 0;
    if (taint_.has_pending) return TakePending();
    // Separating CR/LF bytes beyond the two CRLFs are tolerated (no record is lost).
    while (true) {
      std::string_view window = in_->view();
      size_t skip = 0;
      while (skip < window.size() && (window[skip] == '\r' || window[skip] == '\n')) ++skip;
      in_->Consume(skip);
      if (in_->size() >= 5) break;
      InputStream::Fill fill = in_->More();
      if (fill == InputStream::Fill::kError) {
        NoteDecodeError();
        return TakePending();
      }
      if (fill == InputStream::Fill::kEnd) {
        if (in_->size() == 0) return Step::kEnd;
        break;
      }
    }
    if (std::memcmp(in_->data(), "WARC/", std::min<size_t>(5, in_->size())) != 0 ||
        in_->size() < 5) {
      return SkipToRecord();
    }
    // The header block ends at the first empty line.
    size_t head_end = 0, body_start = 0;
    while (!FindHeadEnd(in_->view(), &head_end, &body_start)) {
      if (in_->size() > kMaxHeadBytes) {
        return Bad(in_->offset(), "WARC header block is not terminated within 1 MiB", 1);
      }
      InputStream::Fill fill = in_->More();
      if (fill == InputStream::Fill::kError) {
        NoteDecodeError();
        continue;
      }
      if (fill == InputStream::Fill::kEnd) {
        return Bad(in_->offset(), "file ends inside a WARC header block", in_->size());
      }
    }
    uint64_t offset = in_->offset();
    std::string_view head(in_->data(), head_end);
    Fields fields = ParseFields(head);
    if (!fields.has_length) {
      return Bad(offset,
                 fields.length_text.empty()
                     ? "WARC record has no Content-Length (ISO 28500 section 5.3: mandatory)"
                     : "WARC Content-Length '" + std::string(fields.length_text) +
                           "' is not a decimal number",
                 1);
    }
    if (fields.length > options_.max_record_bytes) {
      return SkipLarge(offset, body_start, fields.length);
    }
    size_t need = body_start + static_cast<size_t>(fields.length);
    const char* window_before = in_->data();
    while (in_->size() < need + kAfterRecord) {
      InputStream::Fill fill = in_->More();
      if (fill == InputStream::Fill::kMore) continue;
      if (fill == InputStream::Fill::kError) {
        NoteDecodeError();
        continue;
      }
      if (in_->size() >= need) break;  // the file ends without the trailing CRLFs
      if (Step resynced; Resynchronise(offset, body_start, in_->size(), fields.length, &resynced)) {
        return resynced;
      }
      return Bad(offset,
                 "WARC record truncated: Content-Length " + std::to_string(fields.length) +
                     " but only " + std::to_string(in_->size() - body_start) + " bytes follow",
                 in_->size());
    }
    // A member that fails (often only at its CRC-32 check) taints the records it holds, and a
    // record running across the resynchronisation point is cut.
    if (taint_.Overlaps(offset, offset + need)) {
      Bad(offset,
          "WARC record lost to the decoding error at decoded offset " +
              std::to_string(taint_.break_at) + " (" + taint_.message + ")",
          static_cast<size_t>(std::min<uint64_t>(taint_.break_at - offset, in_->size())));
      issue_skipped_record_ = taint_.ChargeLostRecord();
      return Step::kIssue;
    }
    if (in_->data() != window_before) {  // More() moved the window: the views are read again
      head = std::string_view(in_->data(), head_end);
      fields = ParseFields(head);
    }
    size_t end = need;
    for (int i = 0; i < 4 && end < in_->size(); ++i) {  // the two CRLFs (section 4)
      char c = in_->data()[end];
      if (c != '\r' && c != '\n') break;
      ++end;
    }
    // A record is followed by the next one or the end; anything else suggests a Content-Length
    // larger than the record (only then is the block searched).
    if (!NextRecordAt(end)) {
      if (Step resynced; Resynchronise(offset, body_start, need, fields.length, &resynced)) {
        return resynced;
      }
    }
    pending_consume_ = end;
    return Fill(record, fields, offset, head,
                std::string_view(in_->data() + body_start, fields.length),
                std::string_view(in_->data(), end));
  }

 private:
  struct Fields {
    std::string_view type, uri, date, content_type, payload_type, length_text;
    uint64_t length = 0;
    bool has_length = false;
  };

  static bool FindHeadEnd(std::string_view window, size_t* head_end, size_t* body_start) {
    size_t pos = 0;
    while (true) {
      size_t eol = window.find('\n', pos);
      if (eol == std::string_view::npos) return false;
      size_t next = eol + 1;
      if (next < window.size() && window[next] == '\n') {
        *head_end = next;
        *body_start = next + 1;
        return true;
      }
      if (next + 1 < window.size() && window[next] == '\r' && window[next + 1] == '\n') {
        *head_end = next;
        *body_start = next + 2;
        return true;
      }
      if (next >= window.size() || (next + 1 >= window.size() && window[next] == '\r')) {
        return false;
      }
      pos = next;
    }
  }

  static Fields ParseFields(std::string_view head) {
    Fields fields;
    size_t first = head.find('\n');
    ForEachHeader(head.substr(first + 1), [&](std::string_view name, std::string_view value) {
      if (EqualsAscii(name, "WARC-Type")) {
        fields.type = value;
      } else if (EqualsAscii(name, "WARC-Target-URI")) {
        if (value.size() >= 2 && value.front() == '<' && value.back() == '>') {
          value = value.substr(1, value.size() - 2);  // WARC 1.0's example form
        }
        fields.uri = value;
      } else if (EqualsAscii(name, "WARC-Date")) {
        fields.date = value;
      } else if (EqualsAscii(name, "Content-Type")) {
        fields.content_type = value;
      } else if (EqualsAscii(name, "WARC-Identified-Payload-Type")) {
        fields.payload_type = value;
      } else if (EqualsAscii(name, "Content-Length")) {
        fields.length_text = value;
        fields.has_length = ParseDecimal(value, &fields.length);
      }
    });
    return fields;
  }

  Step Fill(Record* record, const Fields& fields, uint64_t offset, std::string_view header,
            std::string_view block, std::string_view raw) {
    *record = Record();
    record->offset = offset;
    record->warc_type = fields.type;
    record->url = fields.uri;
    record->date = fields.date;
    record->raw = raw;
    // The header is UTF-8 (ISO 28500 section 4), as is WET text; other blocks are any bytes.
    NoteInvalidUtf8(header, "WARC header", " of the record (ISO 28500 section 4)", record);
    if (fields.type == "conversion") {
      NoteInvalidUtf8(block, "conversion record's text", " of its block", record);
    }
    if (!IsDocumentType(fields.type)) return Step::kRecord;
    std::string_view what = fields.type;
    if (fields.uri.empty()) {
      return Bad(offset, std::string(what) + " record has no WARC-Target-URI", 0);
    }
    record->media_type = fields.payload_type;
    bool http =
        fields.type == "response" && (StartsWithAscii(fields.content_type, "application/http") ||
                                      StartsWithAscii(block, "HTTP/1."));
    if (http) {
      Result<HttpHead> parsed = ParseHttpHead(block);
      if (!parsed.ok()) return Bad(offset, "response record: " + parsed.status().message(), 0);
      const HttpHead& head = *parsed;
      record->http_headers = head.headers;
      record->payload = block.substr(head.head_size);
      if (record->media_type.empty()) record->media_type = head.content_type;
      record->content_bytes = record->payload.size();
      if (head.chunked) {
        Result<uint64_t> length = ChunkedLength(record->payload);
        if (length.ok()) {
          record->content_bytes = *length;
        } else {
          if (!record->note.empty()) record->note += "; ";
          record->note += length.status().message() + "; counted the body as stored";
        }
      }
    } else {
      record->payload = block;
      record->content_bytes = block.size();
      if (record->media_type.empty()) record->media_type = fields.content_type;
    }
    record->modality = ModalityOfMediaType(record->media_type);
    record->is_document = true;
    return Step::kRecord;
  }

  // An issue for the record at `offset`; `consume` bytes of the window are stepped over (the
  // rest is searched for the next record).
  Step Bad(uint64_t offset, std::string message, size_t consume) {
    if (pending_consume_ == 0) pending_consume_ = std::min(consume, in_->size());
    issue_ = {offset, 0, std::move(message)};
    issue_skipped_record_ = true;
    return Step::kIssue;
  }

  // True when window byte `at`, after any further CR/LF bytes, starts "WARC/" or the data ends.
  bool NextRecordAt(size_t at) const {
    std::string_view window = in_->view();
    while (at < window.size() && (window[at] == '\r' || window[at] == '\n')) ++at;
    std::string_view rest = window.substr(at, 5);
    return std::string_view("WARC/").starts_with(rest);
  }

  // A Content-Length running past the record (over the next records, or past the file's end):
  // when a line starting "WARC/1." follows the header within window bytes [body_start, limit),
  // reports the record as skipped, with the bytes passed over, and resumes at that line.
  bool Resynchronise(uint64_t offset, size_t body_start, size_t limit, uint64_t length,
                     Step* step) {
    std::string_view block(in_->data() + body_start - 1, limit - body_start + 1);
    size_t hit = block.find("\nWARC/1.");
    if (hit == std::string_view::npos) return false;
    size_t next = body_start + hit;  // the window offset of the next record's "WARC/"
    *step = Bad(offset,
                "WARC Content-Length " + std::to_string(length) +
                    " runs past the record: a record starts at offset " +
                    std::to_string(offset + next) + "; skipped the " + std::to_string(next) +
                    " bytes from offset " + std::to_string(offset) + " to it",
                next);
    return true;
  }

  // Remembers the suspect range of a decoding error and queues its report.
  void NoteDecodeError() { taint_.Note(in_->error()); }

  Step TakePending() {
    taint_.has_pending = false;
    issue_ = taint_.pending;
    issue_skipped_record_ = taint_.ChargeError();
    return Step::kIssue;
  }

  // Bytes that are not a record: skip to the next line starting "WARC/".
  Step SkipToRecord() {
    uint64_t offset = in_->offset();
    uint64_t skipped = 0;
    while (true) {
      std::string_view window = in_->view();
      size_t hit = window.find("\nWARC/");
      if (hit != std::string_view::npos) {
        skipped += hit + 1;
        in_->Consume(hit + 1);
        break;
      }
      size_t keep = std::min<size_t>(window.size(), 5);
      skipped += window.size() - keep;
      in_->Consume(window.size() - keep);
      InputStream::Fill fill = in_->More();
      if (fill == InputStream::Fill::kEnd) {
        skipped += in_->size();
        in_->Consume(in_->size());
        break;
      }
      if (fill == InputStream::Fill::kError) NoteDecodeError();
    }
    issue_ = {offset, 0,
              std::to_string(skipped) + " bytes that are not a WARC record (expected 'WARC/1.1' " +
                  "or 'WARC/1.0' at a record's start" +
                  (offset == 0 ? std::string(")") : std::string("; skipped to the next record)"))};
    issue_skipped_record_ = false;
    return Step::kIssue;
  }

  // A record above max_record_bytes: reported, its bytes streamed past without being held.
  Step SkipLarge(uint64_t offset, size_t body_start, uint64_t length) {
    uint64_t left = body_start + length;
    while (left > 0) {
      if (in_->size() == 0) {
        InputStream::Fill fill = in_->More();
        if (fill == InputStream::Fill::kError) NoteDecodeError();  // reported at the next call
        if (fill == InputStream::Fill::kEnd) break;
      }
      size_t take = static_cast<size_t>(std::min<uint64_t>(left, in_->size()));
      in_->Consume(take);
      left -= take;
    }
    issue_ = {offset, 0,
              "WARC record of " + std::to_string(length) + " bytes exceeds the limit of " +
                  std::to_string(options_.max_record_bytes) + " bytes (--max-record-mib)"};
    issue_skipped_record_ = true;
    return Step::kIssue;
  }

  InputStream* in_;
  ReaderOptions options_;
  size_t pending_consume_ = 0;
  DecodeTaint taint_;
};

}  // namespace

std::unique_ptr<RecordReader> MakeWarcReader(InputStream* input, const ReaderOptions& options) {
  return std::make_unique<WarcReader>(input, options);
}

}  // namespace gpaikit::corpus
