// HTTP/1.1 message heads (RFC 9112 section 4 status line, section 5 fields) and chunked transfer
// coding (RFC 9112 section 7.1), and media types to the summary template's modalities.
#include "corpus/http.h"

#include <cstring>

#include "gpaikit/corpus/record.h"

namespace gpaikit::corpus {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view HeaderValue(std::string_view headers, std::string_view name) {
  std::string_view found;
  bool done = false;
  ForEachHeader(headers, [&](std::string_view key, std::string_view value) {
    if (!done && EqualsIgnoreCase(key, name)) {
      found = value;
      done = true;
    }
  });
  return found;
}

Result<HttpHead> ParseHttpHead(std::string_view block) {
  HttpHead head;
  if (block.size() < 12 || block.substr(0, 7) != "HTTP/1." || block[8] != ' ') {
    return Status::InvalidInput(
        "payload is not an HTTP response (expected 'HTTP/1.x NNN' at the block's start)");
  }
  int status = 0;
  for (size_t i = 9; i < 12; ++i) {
    if (block[i] < '0' || block[i] > '9') {
      return Status::InvalidInput("HTTP status line has no three-digit status code");
    }
    status = status * 10 + (block[i] - '0');
  }
  size_t eol = block.find('\n');
  if (eol == std::string_view::npos) {
    return Status::InvalidInput("HTTP status line is not terminated");
  }
  size_t start = eol + 1, pos = start;
  while (true) {
    if (pos >= block.size()) {
      return Status::InvalidInput("HTTP header block has no terminating blank line");
    }
    if (block[pos] == '\n' ||
        (block[pos] == '\r' && pos + 1 < block.size() && block[pos + 1] == '\n')) {
      head.headers = block.substr(start, pos - start);
      head.head_size = pos + (block[pos] == '\r' ? 2 : 1);
      break;
    }
    size_t next = block.find('\n', pos);
    if (next == std::string_view::npos) {
      return Status::InvalidInput("HTTP header block has no terminating blank line");
    }
    pos = next + 1;
  }
  head.status = status;
  head.content_type = {};
  head.chunked = false;
  ForEachHeader(head.headers, [&](std::string_view key, std::string_view value) {
    if (head.content_type.empty() && EqualsIgnoreCase(key, "Content-Type")) {
      head.content_type = value;
    } else if (EqualsIgnoreCase(key, "Transfer-Encoding") && EndsWithIgnoreCase(value, "chunked")) {
      head.chunked = true;
    }
  });
  return head;
}

Result<uint64_t> ChunkedLength(std::string_view body) {
  auto invalid = [](size_t at, const std::string& what) {
    return Status::InvalidInput("invalid chunked encoding at byte " + std::to_string(at) +
                                " of the HTTP body (" + what + ")");
  };
  uint64_t total = 0;
  size_t pos = 0;
  while (true) {
    size_t line_start = pos;
    uint64_t size = 0;
    int digits = 0;
    while (pos < body.size() && HexDigit(body[pos]) >= 0) {
      if (++digits > 15) {
        return invalid(line_start, "chunk size has more than 15 hex digits");
      }
      size = size * 16 + static_cast<uint64_t>(HexDigit(body[pos++]));
    }
    if (digits == 0) {
      return invalid(line_start, "expected a hexadecimal chunk size");
    }
    size_t eol = body.find('\n', pos);  // chunk extensions are skipped
    if (eol == std::string_view::npos) {
      return invalid(line_start, "chunk size line is not terminated");
    }
    pos = eol + 1;
    if (size == 0) break;  // trailer fields, if any, carry no content
    if (size > body.size() - pos) {
      return invalid(line_start,
                     "chunk of " + std::to_string(size) + " bytes runs past the body's end");
    }
    total += size;
    pos += size;
    if (pos < body.size() && body[pos] == '\r') ++pos;
    if (pos < body.size() && body[pos] == '\n') {
      ++pos;
    } else if (pos < body.size()) {
      return invalid(pos, "expected CRLF after a chunk's data");
    }
    if (pos >= body.size()) break;  // a missing last-chunk: the data so far counts
  }
  return total;
}

std::string_view ModalityName(Modality modality) {
  switch (modality) {
    case Modality::kText:
      return "text";
    case Modality::kImage:
      return "image";
    case Modality::kAudio:
      return "audio";
    case Modality::kVideo:
      return "video";
    case Modality::kOther:
      return "other";
  }
  return "other";
}

Modality ModalityOfMediaType(std::string_view type) {
  size_t semi = type.find(';');
  if (semi != std::string_view::npos) type = type.substr(0, semi);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  if (StartsWithIgnoreCase(type, "text/")) return Modality::kText;
  if (StartsWithIgnoreCase(type, "image/")) return Modality::kImage;
  if (StartsWithIgnoreCase(type, "audio/")) return Modality::kAudio;
  if (StartsWithIgnoreCase(type, "video/")) return Modality::kVideo;
  if (EndsWithIgnoreCase(type, "+xml") || EndsWithIgnoreCase(type, "+json")) return Modality::kText;
  for (std::string_view text_type :
       {"application/json", "application/xml", "application/javascript", "application/x-javascript",
        "application/pdf", "application/x-ndjson"}) {
    if (EqualsIgnoreCase(type, text_type)) return Modality::kText;
  }
  return Modality::kOther;
}

std::string_view FormatName(Format format) { return format == Format::kWarc ? "warc" : "jsonl"; }

}  // namespace gpaikit::corpus
