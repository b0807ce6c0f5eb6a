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

#include "corpus/json_string_scan.h"
#include "corpus/reader_util.h"
#include "gpaikit/corpus/record.h"

namespace gpaikit::corpus {
namespace {

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

// How far into a line the fast path looks for its text member's key.
constexpr size_t kKeySearch = 4096;

// Without trailing JSON whitespace: a raw token (simdjson's keep it), or a line before its newline.
std::string_view TrimTrailingBlanks(std::string_view raw) {
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
    const PathNode* first = paths_.children.empty() ? nullptr : &paths_.children.front();
    if (options_.jsonl_fast_path && !options_.fields.text.empty() && first != nullptr &&
        first->targets.size() == 1 && first->targets[0] == std::pair<size_t, size_t>{0, 0} &&
        first->children.empty() && std::none_of(first->key.begin(), first->key.end(), [](char c) {
          return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
        })) {
      fast_key_ = "\"" + first->key + "\"";
    }
  }
  Format format() const override { return Format::kJsonl; }
  uint64_t fast_path_records() const override { return fast_records_; }
  void OnDecodeError() override { taint_.Note(in_->error()); }

  Step Next(Record* record) override {
    in_->Consume(pending_consume_);
    pending_consume_ = 0;
    if (taint_.has_pending) {
      taint_.has_pending = false;
      issue_ = taint_.pending;
      issue_skipped_record_ = taint_.ChargeError();
      return Step::kIssue;
    }
    if (!fast_key_.empty()) {
      Step step;
      if (FastLine(record, &step)) return step;
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
          if (in_->size() == 0) return taint_.has_pending ? Next(record) : Step::kEnd;
          newline = in_->size();
          last = true;
          break;
        }
        if (fill == InputStream::Fill::kError) OnDecodeError();  // its lines are lost below
      }
      ++line_;
      pending_consume_ = last ? newline : newline + 1;
      std::string_view text = TrimTrailingBlanks(std::string_view(in_->data(), newline));
      size_t lead = 0;
      while (lead < text.size() && (text[lead] == ' ' || text[lead] == '\t')) ++lead;
      if (lead == text.size()) {  // a blank line holds no record
        in_->Consume(pending_consume_);
        pending_consume_ = 0;
        continue;
      }
      uint64_t start = in_->offset(), end = start + newline + 1;
      if (taint_.Overlaps(start, end)) {
        // Bytes up to the break are lost; a line starts again right after it.
        if (taint_.break_at < end) pending_consume_ = static_cast<size_t>(taint_.break_at - start);
        Bad("lost to the decoding error at decoded offset " + std::to_string(taint_.break_at) +
            " (" + taint_.message + ")");
        issue_skipped_record_ = taint_.ChargeLostRecord();
        return Step::kIssue;
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
          if (found_[kind][index].data() == nullptr) found_[kind][index] = TrimTrailingBlanks(raw);
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

  // Parses one JSON object (`capacity` bytes readable from `json`) and finds the configured fields.
  simdjson::error_code Locate(const char* json, size_t length, size_t capacity) {
    for (auto& kind : found_) std::fill(kind.begin(), kind.end(), std::string_view());
    if (auto error = parser_.iterate(json, length, capacity).get(doc_)) return error;
    simdjson::ondemand::object object;
    if (auto error = doc_.get_object().get(object)) return error;
    return Walk(object, paths_);
  }

  void Begin(Record* record) {
    *record = Record();
    record->offset = in_->offset();
    record->line = line_;
    record->raw = std::string_view(in_->data(), pending_consume_);
  }

  Step Parse(Record* record, std::string_view text, size_t lead) {
    Begin(record);
    if (text.back() != '}') return Bad("expected a JSON object ending in '}'");
    if (auto error = Locate(text.data() + lead, text.size() - lead, in_->CapacityFrom(lead))) {
      return Bad(simdjson::error_message(error));
    }
    // Text: its UTF-8 length from the raw token, without unescaping.
    for (size_t i = 0; i < found_[kTextField].size(); ++i) {
      std::string_view raw = found_[kTextField][i];
      if (raw.data() == nullptr) continue;
      if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') {
        return Bad("field " + options_.fields.text[i] + " is not a string");
      }
      record->payload = raw.substr(1, raw.size() - 2);
      record->content_bytes = UnescapedLength(record->payload);
      return Fields(record);
    }
    return Bad("no text field (looked for " + Join(options_.fields.text) + ")");
  }

  // The fields after the text: URL, date and token count.
  Step Fields(Record* record) {
    if (!String(kUrlField, options_.fields.url, &url_scratch_, &record->url)) return Step::kIssue;
    if (!String(kDateField, options_.fields.date, &date_scratch_, &record->date)) {
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

  // The fast path for a line whose first text field is a top-level member (FineWeb, Dolma): the
  // text's body is measured by ScanJsonStringBody, and simdjson parses only the rest of the line,
  // copied with the text emptied. False (nothing consumed or counted) when the line does not fit:
  // the key not found early, the line not complete in the window, a decoding error near, a body
  // or line a parser would reject, or the key found not being the member the full parse would
  // pick. The full parse then handles the line, with its exact error messages.
  bool FastLine(Record* record, Step* step) {
    std::string_view window = in_->view();
    if (window.empty() || window.front() != '{') return false;
    size_t key = window.substr(0, std::min(window.size(), kKeySearch)).find(fast_key_);
    if (key == std::string_view::npos || std::memchr(window.data(), '\n', key) != nullptr) {
      return false;
    }
    size_t at = key + fast_key_.size();
    auto skip_blanks = [&] {
      while (at < window.size() && (window[at] == ' ' || window[at] == '\t')) ++at;
    };
    skip_blanks();
    if (at >= window.size() || window[at] != ':') return false;
    ++at;
    skip_blanks();
    if (at >= window.size() || window[at] != '"') return false;
    size_t open = at;
    JsonStringBody body = ScanJsonStringBody(window.data() + open + 1, window.size() - open - 1);
    if (!body.ok) return false;
    size_t close = open + 1 + body.length;
    const void* hit = std::memchr(window.data() + close, '\n', window.size() - close);
    if (hit == nullptr) return false;
    auto newline = static_cast<size_t>(static_cast<const char*>(hit) - window.data());
    uint64_t start = in_->offset(), end = start + newline + 1;
    if (taint_.Overlaps(start, end)) return false;
    std::string_view text = TrimTrailingBlanks(window.substr(0, newline));
    if (text.back() != '}') return false;
    size_t length = open + 1 + (text.size() - close);
    if (rest_.size() < length + simdjson::SIMDJSON_PADDING) {
      rest_.resize(length + simdjson::SIMDJSON_PADDING);
    }
    std::memcpy(rest_.data(), text.data(), open + 1);
    std::memcpy(rest_.data() + open + 1, text.data() + close, text.size() - close);
    if (Locate(rest_.data(), length, rest_.size()) != simdjson::SUCCESS) return false;
    std::string_view picked = found_[kTextField][0];
    if (picked.data() != rest_.data() + open || picked.size() != 2) return false;
    ++line_;
    ++fast_records_;
    pending_consume_ = newline + 1;
    Begin(record);
    record->payload = window.substr(open + 1, body.length);
    record->content_bytes = body.unescaped_bytes;
    *step = Fields(record);
    return true;
  }

  // A JSON number token (RFC 8259 section 6) as a double.
  static bool ParseNumber(std::string_view raw, double* out) {
    if (raw.empty() || !(raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9'))) return false;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), *out);
    return ec == std::errc() && end == raw.data() + raw.size();
  }

  // The first present, non-null field of `kind` as a string into `*out` (absent: empty): a view
  // into the line when it has no escapes, else unescaped into `*scratch`.
  bool String(size_t kind, const std::vector<std::string>& paths, std::string* scratch,
              std::string_view* out) {
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
      doc_.rewind();
      if (doc_.at_pointer(paths[i]).get_string().get(unescaped) != simdjson::SUCCESS) {
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
      InputStream::Fill fill = in_->More();
      if (fill == InputStream::Fill::kError) OnDecodeError();  // reported at the next call
      if (fill == InputStream::Fill::kEnd) break;
    }
    issue_ = {offset, line_,
              "line " + std::to_string(line_) + " of " + std::to_string(skipped) +
                  " bytes exceeds the limit of " + std::to_string(options_.max_record_bytes) +
                  " bytes (--max-record-mib)"};
    issue_skipped_record_ = true;
    return Step::kIssue;
  }

  InputStream* in_;
  ReaderOptions options_;
  simdjson::ondemand::parser parser_{size_t{4} << 30};
  simdjson::ondemand::document doc_;
  std::string fast_key_;    // "key" of the fast path's text member; empty: no fast path
  std::vector<char> rest_;  // the fast path's line without its text, padded for simdjson
  uint64_t fast_records_ = 0;
  PathNode paths_;
  std::vector<std::string_view> found_[kFieldKinds];  // raw tokens of this line's fields
  size_t pending_consume_ = 0;
  uint64_t line_ = 0;
  std::string url_scratch_, date_scratch_;
  DecodeTaint taint_;
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
