// Reads gpaikit.corpus-stats/1 documents (docs/corpus.md) into CorpusStats, the one reader of the
// schema: `corpus merge` and the training-content summary (AI Act Art. 53(1)(d), template
// sections 1.3 and 2.3) both use it. Every error names the file and the JSON path.
#include <algorithm>
#include <cmath>
#include <functional>

#include "gpaikit/base/files.h"
#include "gpaikit/base/json_error.h"
#include "gpaikit/corpus/stats.h"

namespace gpaikit::corpus {
namespace {

using nlohmann::json;

// Reads typed members, remembering the first problem with the JSON path that caused it.
class JsonReader {
 public:
  explicit JsonReader(std::string file) : file_(std::move(file)) {}

  // The member `key` of `object` at `path`, or null when absent (an error if `required`).
  const json* Member(const json& object, const std::string& key, const std::string& path,
                     bool required) {
    if (!object.is_object()) return Fail(Where(path) + "expected an object"), nullptr;
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Fail(Where(Join(path, key)) + "required key is missing");
      return nullptr;
    }
    return &*it;
  }
  // A non-negative whole number (written as an integer or a float with no fraction).
  uint64_t Count(const json& object, const std::string& key, const std::string& path,
                 bool required = false) {
    const json* value = Member(object, key, path, required);
    if (!value) return 0;
    if (value->is_number_unsigned()) return value->get<uint64_t>();
    double number = value->is_number() ? value->get<double>() : -1;
    if (number < 0 || number != std::floor(number) || number > 1.8e19) {
      Fail(Where(Join(path, key)) + "expected a non-negative whole number");
      return 0;
    }
    return static_cast<uint64_t>(number);
  }
  double Number(const json& object, const std::string& key, const std::string& path,
                double fallback) {
    const json* value = Member(object, key, path, false);
    if (!value) return fallback;
    if (!value->is_number() || value->get<double>() < 0) {
      Fail(Where(Join(path, key)) + "expected a non-negative number");
      return fallback;
    }
    return value->get<double>();
  }
  std::string String(const json& object, const std::string& key, const std::string& path,
                     bool required = false) {
    const json* value = Member(object, key, path, required);
    if (!value) return "";
    if (!value->is_string()) return Fail(Where(Join(path, key)) + "expected a string"), "";
    return value->get<std::string>();
  }
  std::optional<bool> Bool(const json& object, const std::string& key, const std::string& path,
                           bool required = false) {
    const json* value = Member(object, key, path, required);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) return Fail(Where(Join(path, key)) + "expected true or false"), false;
    return value->get<bool>();
  }
  // An array member (empty when absent).
  const json& Array(const json& object, const std::string& key, const std::string& path,
                    bool required = false) {
    static const json kEmpty = json::array();
    const json* value = Member(object, key, path, required);
    if (!value) return kEmpty;
    if (!value->is_array()) return Fail(Where(Join(path, key)) + "expected an array"), kEmpty;
    return *value;
  }
  // An object of {records, content_bytes} members by name.
  std::map<std::string, OptoutCounts> Counts(const json& object, const std::string& key,
                                             const std::string& path) {
    std::map<std::string, OptoutCounts> out;
    const json* counts = Member(object, key, path, false);
    if (!counts) return out;
    std::string where = Join(path, key);
    if (!counts->is_object()) return Fail(Where(where) + "expected an object"), out;
    for (const auto& [name, value] : counts->items()) {
      out[name] = {Count(value, "records", Join(where, name), true),
                   Count(value, "content_bytes", Join(where, name), true)};
    }
    return out;
  }
  void Fail(const std::string& message) {
    if (error_.empty()) error_ = file_ + ": " + message;
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  static std::string Join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  static std::string Index(const std::string& path, size_t i) {
    return path + "[" + std::to_string(i) + "]";
  }

 private:
  static std::string Where(const std::string& path) { return path.empty() ? "" : path + ": "; }
  std::string file_;
  std::string error_;
};

// One modality's counts. `tokens` is the total the document states; what the counted and the
// byte-estimated parts do not explain is kept as estimated tokens (tokens_from_data when the
// document says its tokens are not estimated), so that Tokens() gives the stated total.
void ReadModality(JsonReader& reader, const json& m, const std::string& where,
                  double bytes_per_token, ModalityStats& t) {
  t.records = reader.Count(m, "records", where, true);
  t.content_bytes = reader.Count(m, "content_bytes", where, true);
  uint64_t tokens = reader.Count(m, "tokens", where, true);
  t.records_with_tokens = reader.Count(m, "records_with_tokens", where);
  t.tokens_from_data = reader.Count(m, "tokens_from_data", where);
  t.bytes_without_tokens = reader.Count(m, "bytes_without_tokens", where);
  std::optional<bool> estimated = reader.Bool(m, "tokens_are_estimated", where);
  uint64_t from_bytes = bytes_per_token > 0
                            ? static_cast<uint64_t>(std::llround(
                                  static_cast<double>(t.bytes_without_tokens) / bytes_per_token))
                            : 0;
  uint64_t explained = t.tokens_from_data + from_bytes;
  if (tokens > explained) {
    if (estimated == false) {
      t.tokens_from_data += tokens - explained;
    } else {
      t.tokens_estimated_fixed = tokens - explained;
    }
  }
}

}  // namespace

Result<CorpusStats> CorpusStats::FromJson(const json& in, const std::string& source) {
  JsonReader reader(source);
  CorpusStats s;
  if (reader.String(in, "schema", "", true) != kSchema && reader.ok()) {
    reader.Fail("schema: expected " + std::string(kSchema) +
                " (the output of gpaikit corpus scan --json)");
  }
  if (!reader.ok()) return Status::InvalidInput(reader.error());
  s.records = reader.Count(in, "records", "", true);
  s.content_bytes = reader.Count(in, "content_bytes", "", true);
  s.bytes_per_token = reader.Number(in, "bytes_per_token", "", 0);
  if (const json* modalities = reader.Member(in, "modalities", "", true)) {
    if (!modalities->is_object()) reader.Fail("modalities: expected an object");
    for (auto it = modalities->begin(); modalities->is_object() && it != modalities->end(); ++it) {
      std::string where = "modalities." + it.key();
      size_t i = 0;
      while (i < kModalityCount && ModalityName(static_cast<Modality>(i)) != it.key()) ++i;
      if (i == kModalityCount) {
        reader.Fail(where + ": unknown modality (expected text, image, audio, video or other)");
        break;
      }
      ReadModality(reader, *it, where, s.bytes_per_token, s.modalities[i]);
    }
  }
  if (const json* summary = reader.Member(in, "domain_summary", "", false)) {
    uint64_t max_domains = reader.Count(*summary, "max_domains", "domain_summary");
    if (max_domains > 0) s.domains.set_max_domains(max_domains);
  }
  const json& domains = reader.Array(in, "domains", "", true);
  for (size_t i = 0; i < domains.size() && reader.ok(); ++i) {
    std::string where = JsonReader::Index("domains", i);
    std::string domain = reader.String(domains[i], "domain", where, true);
    uint64_t records = reader.Count(domains[i], "records", where);
    uint64_t bytes = reader.Count(domains[i], "content_bytes", where, true);
    if (reader.ok()) s.domains.Add(domain, records, bytes);
  }
  if (reader.Bool(in, "domains_exact", "", true) == false) {
    uint64_t bound = 0;
    if (const json* summary = reader.Member(in, "domain_summary", "", false)) {
      bound = reader.Count(*summary, "bytes_error_bound", "domain_summary");
    }
    s.domains.MarkPruned(bound);
  }
  s.records_without_url = reader.Count(in, "records_without_url", "");
  s.records_without_date = reader.Count(in, "records_without_date", "");
  s.first_date = reader.String(in, "first_date", "");
  s.last_date = reader.String(in, "last_date", "");
  if (const json* other = reader.Member(in, "other_records", "", false)) {
    if (!other->is_object()) reader.Fail("other_records: expected an object");
    for (auto it = other->begin(); other->is_object() && it != other->end(); ++it) {
      s.other_records[it.key()] = reader.Count(*other, it.key(), "other_records", true);
    }
  }
  const json& errors = reader.Array(in, "errors", "");
  for (size_t i = 0; i < errors.size() && reader.ok(); ++i) {
    std::string where = JsonReader::Index("errors", i);
    s.errors.push_back({reader.String(errors[i], "file", where, true),
                        reader.Count(errors[i], "offset", where, true),
                        reader.Count(errors[i], "line", where),
                        reader.String(errors[i], "message", where, true)});
  }
  s.errors_total = reader.Count(in, "errors_total", "");
  if (reader.Member(in, "max_errors", "", false)) s.max_errors = reader.Count(in, "max_errors", "");
  s.skipped_records = reader.Count(in, "skipped_records", "");
  const json& files = reader.Array(in, "files", "");
  for (size_t i = 0; i < files.size() && reader.ok(); ++i) {
    std::string where = JsonReader::Index("files", i);
    s.files.push_back({reader.String(files[i], "file", where, true),
                       reader.String(files[i], "format", where, true),
                       reader.String(files[i], "compression", where, true),
                       reader.Count(files[i], "bytes", where, true),
                       reader.Count(files[i], "decoded_bytes", where, true),
                       reader.Count(files[i], "records", where, true)});
  }
  s.psl_version = reader.String(in, "psl_version", "");
  if (const json* optout = reader.Member(in, "optout", "", false)) {
    s.audited = true;
    reader.String(*optout, "policy", "optout");
    s.verdicts = reader.Counts(*optout, "verdicts", "optout");
    s.signals = reader.Counts(*optout, "signals", "optout");
    const json& agents = reader.Array(*optout, "agents", "optout");
    for (size_t i = 0; i < agents.size(); ++i) {
      if (!agents[i].is_string()) {
        reader.Fail(JsonReader::Index("optout.agents", i) + ": expected a string");
        break;
      }
      s.audit_agents.push_back(agents[i].get<std::string>());
    }
  }
  if (const json* removed = reader.Member(in, "removed_by_filter", "", false)) {
    s.removed_by_filter = {reader.Count(*removed, "records", "removed_by_filter", true),
                           reader.Count(*removed, "content_bytes", "removed_by_filter", true)};
    s.removed_signals = reader.Counts(*removed, "signals", "removed_by_filter");
  }
  s.data_source = reader.String(in, "data_source", "");
  if (!s.data_source.empty() && s.data_source != "mixed" && !IsDataSource(s.data_source)) {
    reader.Fail("data_source: expected one of " + DataSourceNames() + " or mixed, got '" +
                s.data_source + "'");
  }
  if (!reader.ok()) return Status::InvalidInput(reader.error());
  return s;
}

Status AddFilterManifest(const std::filesystem::path& manifest, CorpusStats* stats) {
  Result<std::string> text = ReadFile(manifest);
  if (!text.ok()) return text.status();
  return AddFilterManifestText(*text, manifest.string(), stats);
}

Status ReadFilterManifestText(std::string_view text, const std::string& name,
                              const std::function<void(const RemovedEntry&)>& each) {
  std::string_view rest = text;
  for (uint64_t line = 1; !rest.empty(); ++line) {
    size_t end = rest.find('\n');
    std::string_view row = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (row.empty()) continue;
    json entry = json::parse(row, nullptr, /*allow_exceptions=*/false);
    JsonReader reader(name + ":" + std::to_string(line));
    uint64_t bytes = entry.is_discarded() ? 0 : reader.Count(entry, "content_bytes", "", true);
    const json& signals = entry.is_discarded() ? json() : reader.Array(entry, "signals", "", true);
    if (entry.is_discarded() || !reader.ok()) {
      return Status::InvalidInput(entry.is_discarded()
                                      ? name + ":" + std::to_string(line) +
                                            ": expected a JSON object (a corpus filter manifest)"
                                      : reader.error());
    }
    RemovedEntry removed;
    removed.content_bytes = bytes;
    const json* url = entry.contains("url") ? &entry["url"] : nullptr;
    if (url != nullptr && url->is_string()) removed.url = url->get<std::string>();
    const json* verdict = entry.contains("verdict") ? &entry["verdict"] : nullptr;
    if (verdict != nullptr && verdict->is_string()) removed.verdict = verdict->get<std::string>();
    for (const json& signal : signals) {
      std::string kind = signal.is_object() ? signal.value("kind", "") : "";
      if (kind.empty() || std::find(removed.signal_kinds.begin(), removed.signal_kinds.end(),
                                    kind) != removed.signal_kinds.end()) {
        continue;
      }
      removed.signal_kinds.push_back(kind);
    }
    each(removed);
  }
  return Status::Ok();
}

Status AddFilterManifestText(std::string_view text, const std::string& name, CorpusStats* stats) {
  return ReadFilterManifestText(text, name, [stats](const RemovedEntry& removed) {
    ++stats->removed_by_filter.records;
    stats->removed_by_filter.content_bytes += removed.content_bytes;
    for (const std::string& kind : removed.signal_kinds) {
      ++stats->removed_signals[kind].records;
      stats->removed_signals[kind].content_bytes += removed.content_bytes;
    }
  });
}

Result<CorpusStats> ParseCorpusStats(std::string_view text, const std::string& file) {
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    JsonError error = LocateJsonError(text);
    std::string place =
        error.offset == JsonError::npos ? "" : ": byte " + std::to_string(error.offset + 1);
    return Status::InvalidInput(file + place + ": not valid JSON (" + error.reason + ")");
  }
  return CorpusStats::FromJson(root, file);
}

Result<CorpusStats> LoadCorpusStats(const std::vector<std::filesystem::path>& files,
                                    MergeKind kind) {
  if (files.empty()) return Status::InvalidInput("no statistics files given");
  CorpusStats merged;
  for (size_t i = 0; i < files.size(); ++i) {
    Result<std::string> text = ReadFile(files[i]);
    if (!text.ok()) return text.status();
    Result<CorpusStats> stats = ParseCorpusStats(*text, files[i].string());
    if (!stats.ok()) return stats.status();
    if (i == 0) {
      merged = std::move(*stats);
      continue;
    }
    Status status = merged.Merge(*stats, kind);
    if (!status.ok()) return Status(status.code(), files[i].string() + ": " + status.message());
  }
  return merged;
}

}  // namespace gpaikit::corpus
