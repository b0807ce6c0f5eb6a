// JSON Lines reader (RFC 8259 values, one per line, jsonlines.org) with simdjson On-Demand,
// parsing each line in place in the decoder's window; and format recognition by first bytes.
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "gpaikit/corpus/record.h"

namespace gpaikit::corpus {
namespace {

int Hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (size_t i = at; i < at + 4; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// UTF-8 bytes of a JSON string's value, from its raw text between the quotes (RFC 8259 section
// 7): each escape counts as the bytes it stands for; a lone surrogate as U+FFFD (3 bytes).
uint64_t UnescapedLength(std::string_view raw) {
  uint64_t total = raw.size();
  size_t pos = 0;
  while (pos < raw.size()) {
    const void* hit = std::memchr(raw.data() + pos, '\\', raw.size() - pos);
    if (hit == nullptr) break;
    size_t i = static_cast<size_t>(static_cast<const char*>(hit) - raw.data());
    if (i + 1 < raw.size() && raw[i + 1] == 'u') {
      int unit = Hex4(raw, i + 2);
      size_t consumed = 6, bytes = 3;
      if (unit < 0) {
        consumed = 2;
        bytes = 1;
      } else if (unit < 0x80) {
        bytes = 1;
      } else if (unit < 0x800) {
        bytes = 2;
      } else if (unit >= 0xD800 && unit < 0xDC00 && i + 12 <= raw.size() && raw[i + 6] == '\\' &&
                 raw[i + 7] == 'u') {
        int low = Hex4(raw, i + 8);
        if (low >= 0xDC00 && low < 0xE000) {
          consumed = 12;
          bytes = 4;
        }
      }
      total -= consumed - bytes;
      pos = i + consumed;
    } else {
      total -= 1;
      pos = i + 2;
    }
  }
  return total;
}

// The configured field paths (JSON Pointers naming object members, RFC 6901) as a tree of
// segments, so one pass over a line's objects finds every field.
enum FieldKind : size_t { kTextField, kUrlField, kDateField, kTokensField, kFieldKinds };

struct PathNode {
  std::string key;
  std::vector<PathNode> children;
  std::vector<std::pair<size_t, size_t>> targets;  // (FieldKind, index among that kind's paths)
};

std::vector<std::string> PointerSegments(std::string_view pointer) {
  std::vector<std::string> out;
  size_t pos = 1;  // after the leading '/'
  while (pos <= pointer.size()) {
    size_t end = pointer.find('/', pos);
    if (end == std::string_view::npos) end = pointer.size();
    std::string segment;
    for (size_t i = pos; i < end; ++i) {  // ~1 is '/', ~0 is '~' (RFC 6901 section 4)
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        segment += pointer[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        segment += pointer[i];
      }
    }
    out.push_back(std::move(segment));
    pos = end + 1;
  }
  return out;
}

PathNode BuildPathTree(const JsonlFields& fields) {
  PathNode root;
  const std::vector<std::string>* lists[kFieldKinds] = {&fields.text, &fields.url, &fields.date,
                                                        &fields.tokens};
  for (size_t kind = 0; kind < kFieldKinds; ++kind) {
    for (size_t index = 0; index < lists[kind]->size(); ++index) {
      const std::string& pointer = (*lists[kind])[index];
      if (pointer.empty() || pointer[0] != '/') continue;  // FieldPathToPointer always adds it
      PathNode* node = &root;
      for (std::string& segment : PointerSegments(pointer)) {
        auto it = std::find_if(node->children.begin(), node->children.end(),
                               [&](const PathNode& child) { return child.key == segment; });
        if (it == node->children.end()) {
          node->children.push_back(PathNode{std::move(segment), {}, {}});
          it = node->children.end() - 1;
        }
        node = &*it;
      }
      node->targets.emplace_back(kind, index);
    }
  }
  return root;
}

// A raw JSON token without trailing blanks (simdjson's raw tokens keep them).
std::string_view TrimToken(std::string_view raw) {
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
    raw.remove_suffix(1);
  }
  return raw;
}

class JsonlReader : public RecordReader {
 public:
  JsonlReader(InputStream* input, const ReaderOptions& options)
      : in_(input), options_(options), paths_(BuildPathTree(options.fields)) {
    const std::vector<std::string>* lists[kFieldKinds] = {
        &options_.fields.text, &options_.fields.url, &options_.fields.date,
        &options_.fields.tokens};
    for (size_t kind = 0; kind < kFieldKinds; ++kind) found_[kind].resize(lists[kind]->size());
  }
  Format format() const override { return Format::kJsonl; }
  void OnDecodeError() override {
    const DecodeError& e = in_->error();
    taint_from_ = e.member_decoded_offset;
    break_at_ = e.decoded_offset;
    taint_message_ = e.message;
    pending_issue_ = {e.member_decoded_offset, 0, e.message};
    has_pending_issue_ = true;
  }

  Step Next(Record* record) override {
    in_->Consume(pending_consume_);
    pending_consume_ = 0;
    if (has_pending_issue_) {
      has_pending_issue_ = false;
      issue_ = pending_issue_;
      issue_skipped_record_ = false;
      return Step::kIssue;
    }
    while (true) {
      size_t scanned = 0;
      size_t newline = std::string_view::npos;
      bool last = false;
      while (true) {
        std::string_view window = in_->view();
        const void* hit = window.size() > scanned
                              ? std::memchr(window.data() + scanned, '\n', window.size() - scanned)
                              : nullptr;
        if (hit != nullptr) {
          newline = static_cast<size_t>(static_cast<const char*>(hit) - window.data());
          break;
        }
        scanned = window.size();
        if (scanned > options_.max_record_bytes) return SkipLongLine();
        InputStream::Fill fill = in_->More();
        if (fill == InputStream::Fill::kEnd) {
          if (in_->size() == 0) return Step::kEnd;
          newline = in_->size();
          last = true;
          break;
        }
        if (fill == InputStream::Fill::kError) OnDecodeError();  // its lines are lost below
      }
      ++line_;
      pending_consume_ = last ? newline : newline + 1;
      std::string_view text(in_->data(), newline);
      while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
      }
      size_t lead = 0;
      while (lead < text.size() && (text[lead] == ' ' || text[lead] == '\t')) ++lead;
      if (lead == text.size()) {  // a blank line holds no record
        in_->Consume(pending_consume_);
        pending_consume_ = 0;
        continue;
      }
      uint64_t start = in_->offset(), end = start + newline + 1;
      if (end > taint_from_ && start < break_at_) {
        // Bytes up to the break are lost; a line starts again right after it.
        if (break_at_ < end) pending_consume_ = static_cast<size_t>(break_at_ - start);
        return Bad("lost to the decoding error at decoded offset " + std::to_string(break_at_) +
                   " (" + taint_message_ + ")");
      }
      return Parse(record, text, lead);
    }
  }

 private:
  // Finds the configured fields in one pass over the line's objects (fields of interest only;
  // simdjson On-Demand skips the rest), keeping each one's raw token.
  simdjson::error_code Walk(simdjson::ondemand::object object, const PathNode& node) {
    for (auto member : object) {
      if (member.error()) return member.error();
      simdjson::ondemand::field& field = member.value_unsafe();
      std::string_view key;
      if (auto error = field.unescaped_key().get(key)) return error;
      const PathNode* child = nullptr;
      for (const PathNode& candidate : node.children) {
        if (candidate.key == key) child = &candidate;
      }
      if (child == nullptr) continue;
      simdjson::ondemand::value value = field.value();
      if (!child->targets.empty()) {
        std::string_view raw = value.raw_json_token();
        for (auto [kind, index] : child->targets) {
          if (found_[kind][index].data() == nullptr) found_[kind][index] = TrimToken(raw);
        }
      }
      if (!child->children.empty()) {
        simdjson::ondemand::json_type type;
        if (auto error = value.type().get(type)) return error;
        if (type != simdjson::ondemand::json_type::object) continue;
        simdjson::ondemand::object inner;
        if (auto error = value.get_object().get(inner)) return error;
        if (auto error = Walk(inner, *child)) return error;
      }
    }
    return simdjson::SUCCESS;
  }

  Step Parse(Record* record, std::string_view text, size_t lead) {
    *record = Record();
    record->offset = in_->offset();
    record->line = line_;
    record->raw = std::string_view(in_->data(), pending_consume_);
    if (text.back() != '}') return Bad("expected a JSON object ending in '}'");
    auto doc = parser_.iterate(text.data() + lead, text.size() - lead, in_->CapacityFrom(lead));
    if (doc.error()) return Bad(simdjson::error_message(doc.error()));
    simdjson::ondemand::object object;
    if (auto error = doc.value_unsafe().get_object().get(object)) {
      return Bad(simdjson::error_message(error));
    }
    for (auto& kind : found_) std::fill(kind.begin(), kind.end(), std::string_view());
    if (auto error = Walk(object, paths_)) return Bad(simdjson::error_message(error));
    // Text: its UTF-8 length from the raw token, without unescaping.
    bool found_text = false;
    for (size_t i = 0; i < found_[kTextField].size() && !found_text; ++i) {
      std::string_view raw = found_[kTextField][i];
      if (raw.data() == nullptr) continue;
      if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') {
        return Bad("field " + options_.fields.text[i] + " is not a string");
      }
      record->payload = raw.substr(1, raw.size() - 2);
      record->content_bytes = UnescapedLength(record->payload);
      found_text = true;
    }
    if (!found_text) return Bad("no text field (looked for " + Join(options_.fields.text) + ")");
    if (!String(doc.value_unsafe(), kUrlField, options_.fields.url, &url_scratch_, &record->url)) {
      return Step::kIssue;
    }
    if (!String(doc.value_unsafe(), kDateField, options_.fields.date, &date_scratch_,
                &record->date)) {
      return Step::kIssue;
    }
    for (size_t i = 0; i < found_[kTokensField].size(); ++i) {
      std::string_view raw = found_[kTokensField][i];
      if (raw.data() == nullptr) continue;
      double number = 0;
      if (!ParseNumber(raw, &number) || number < 0 || number > 9.0e18) {
        return Bad("field " + options_.fields.tokens[i] + " is not a non-negative number");
      }
      record->tokens = static_cast<int64_t>(std::llround(number));
      break;
    }
    record->modality = Modality::kText;
    record->media_type = "text/plain";
    record->is_document = true;
    return Step::kRecord;
  }

  // A JSON number token (RFC 8259 section 6) as a double.
  static bool ParseNumber(std::string_view raw, double* out) {
    if (raw.empty() || !(raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'))) return false;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), *out);
    return ec == std::errc() && end == raw.data() + raw.size();
  }

  // The first present, non-null field of `kind` as a string into `*out` (absent: empty): a view
  // into the line when it has no escapes, else unescaped into `*scratch`.
  bool String(simdjson::ondemand::document& d, size_t kind, const std::vector<std::string>& paths,
              std::string* scratch, std::string_view* out) {
    for (size_t i = 0; i < found_[kind].size(); ++i) {
      std::string_view raw = found_[kind][i];
      if (raw.data() == nullptr || raw == "null") continue;
      if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') {
        Bad("field " + paths[i] + " is not a string");
        return false;
      }
      raw = raw.substr(1, raw.size() - 2);
      if (raw.find('\\') == std::string_view::npos) {
        *out = raw;
        return true;
      }
      std::string_view unescaped;  // rare: look the field up again and let simdjson unescape it
      d.rewind();
      if (d.at_pointer(paths[i]).get_string().get(unescaped) != simdjson::SUCCESS) {
        Bad("field " + paths[i] + " is not a valid string");
        return false;
      }
      scratch->assign(unescaped);
      *out = *scratch;
      return true;
    }
    return true;
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
  }

  Step Bad(std::string message) {
    issue_ = {in_->offset(), line_, "line " + std::to_string(line_) + ": " + message};
    issue_skipped_record_ = true;
    return Step::kIssue;
  }

  Step SkipLongLine() {
    ++line_;
    uint64_t offset = in_->offset();
    uint64_t skipped = 0;
    while (true) {
      std::string_view window = in_->view();
      const void* hit = std::memchr(window.data(), '\n', window.size());
      if (hit != nullptr) {
        size_t n = static_cast<size_t>(static_cast<const char*>(hit) - window.data()) + 1;
        skipped += n;
        in_->Consume(n);
        break;
      }
      skipped += window.size();
      in_->Consume(window.size());
      if (in_->More() != InputStream::Fill::kMore) break;
    }
    issue_ = {offset, line_,
              "line " + std::to_string(line_) + " of " + std::to_string(skipped) +
                  " bytes exceeds the limit of " + std::to_string(options_.max_record_bytes) +
                  " bytes (--max-record-bytes)"};
    issue_skipped_record_ = true;
    return Step::kIssue;
  }

  InputStream* in_;
  ReaderOptions options_;
  simdjson::ondemand::parser parser_{size_t{4} << 30};
  PathNode paths_;
  std::vector<std::string_view> found_[kFieldKinds];  // raw tokens of this line's fields
  size_t pending_consume_ = 0;
  uint64_t line_ = 0;
  ReadIssue pending_issue_;
  std::string url_scratch_, date_scratch_;
  bool has_pending_issue_ = false;
  uint64_t taint_from_ = UINT64_MAX, break_at_ = 0;
  std::string taint_message_;
};

std::string Printable(std::string_view bytes) {
  std::string out;
  for (char c : bytes.substr(0, 16)) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f) {
      out += c;
    } else {
      static const char* kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

}  // namespace

std::unique_ptr<RecordReader> MakeJsonlReader(InputStream* input, const ReaderOptions& options) {
  return std::make_unique<JsonlReader>(input, options);
}

std::string FieldPathToPointer(std::string_view path) {
  if (path.empty() || path.front() == '/') return std::string(path);
  std::string out = "/";
  for (char c : path) out += c == '.' ? '/' : c;
  return out;
}

Result<std::unique_ptr<RecordReader>> OpenReader(InputStream* input, const ReaderOptions& options) {
  bool decode_error = false;
  while (input->size() < 64) {
    InputStream::Fill fill = input->More();
    if (fill == InputStream::Fill::kEnd) break;
    if (fill == InputStream::Fill::kError) {
      if (input->size() == 0) {
        return Status::InvalidInput(input->name() + ": offset 0: " + input->error().message);
      }
      decode_error = true;
      break;
    }
  }
  auto make = [&](std::unique_ptr<RecordReader> reader) {
    if (decode_error) reader->OnDecodeError();
    return reader;
  };
  std::string_view head = input->view();
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {
    input->Consume(3);
    head = input->view();
  }
  size_t lead = 0;
  while (lead < head.size() &&
         (head[lead] == ' ' || head[lead] == '\t' || head[lead] == '\r' || head[lead] == '\n')) {
    ++lead;
  }
  std::string_view start = head.substr(lead);
  if (head.substr(0, 5) == "WARC/") return make(MakeWarcReader(input, options));
  if (!start.empty() && start.front() == '{') return make(MakeJsonlReader(input, options));
  std::string prefix = input->name() + ": offset 0: ";
  if (head.empty()) return Status::InvalidInput(prefix + "empty file (expected WARC or JSONL)");
  if (head.substr(0, 11) == "filedesc://") {
    return Status::InvalidInput(prefix +
                                "an ARC file (the format before WARC); gpaikit reads WARC 1.0/1.1 "
                                "and JSONL (convert ARC with warcio's 'warcio recompress')");
  }
  return Status::InvalidInput(prefix + "expected 'WARC/1.1' (WARC) or '{' (JSON Lines), found '" +
                              Printable(head) + "'");
}

}  // namespace gpaikit::corpus
