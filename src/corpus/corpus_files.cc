// Which files of a corpus folder are corpus files (WARC, ARC, JSONL and their gzip and zstd
// forms), recognised by name and else by their first decoded bytes (issue 13: a scan never reads
// its own output or a README).
#include <nlohmann/json.hpp>

#include "gpaikit/base/input_stream.h"
#include "gpaikit/base/text.h"
#include "gpaikit/corpus/scanner.h"

namespace gpaikit::corpus {
namespace {

// Bytes of a file decoded to recognise it: a JSON Lines record longer than this is taken on its
// opening '{'.
constexpr size_t kSniffBytes = 1 << 20;
// The manifest FilterFiles writes beside the kept records.
constexpr std::string_view kFilterManifestName = "removed.jsonl";

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The name without a compression suffix, lowercased.
std::string BaseName(const std::filesystem::path& path) {
  std::string name = AsciiLower(path.filename().string());
  for (std::string_view suffix : {".gz", ".gzip", ".zst", ".zstd"}) {
    if (EndsWith(name, suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

// True when `line` (one line, whitespace trimmed) is a whole JSON object.
bool IsJsonObjectLine(std::string_view line) {
  if (line.empty() || line.front() != '{' || line.back() != '}') return false;
  return nlohmann::json::accept(line);
}

}  // namespace

CorpusFileCheck CheckCorpusFile(const std::filesystem::path& path) {
  std::string base = BaseName(path);
  if (base.starts_with("readme")) return {false, "a README", false};
  if (base == kFilterManifestName) {
    return {false, "the manifest of records removed by gpaikit corpus filter", true};
  }
  for (std::string_view extension : {".warc", ".arc", ".jsonl", ".ndjson"}) {
    if (EndsWith(base, extension)) return {true, "", false};
  }
  auto stream = InputStream::Open(path);
  if (!stream.ok()) return {true, "", false};  // the scan reports why it cannot be read
  InputStream& input = **stream;
  while (input.size() < kSniffBytes && input.view().find('\n') == std::string_view::npos &&
         input.More() == InputStream::Fill::kMore) {
  }
  std::string_view head = input.view();
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {false, "empty or blank", false};
  head.remove_prefix(start);
  if (head.starts_with("WARC/") || head.starts_with("filedesc://")) return {true, "", false};
  size_t end = head.find('\n');
  if (end == std::string_view::npos && head.size() >= kSniffBytes && head.front() == '{') {
    return {true, "", false};  // one very long record
  }
  std::string_view line = head.substr(0, end);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  if (IsJsonObjectLine(line)) return {true, "", false};
  if (head.front() == '{' || head.front() == '[') {
    return {false, "a JSON document, not JSON Lines (its first line is not a whole object)", false};
  }
  return {false, "neither WARC, ARC nor JSON Lines by its name or its first bytes", false};
}

}  // namespace gpaikit::corpus
