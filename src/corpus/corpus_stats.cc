// CorpusStats: adding documents, merging shards exactly, and the gpaikit.corpus-stats/1 JSON
// document (the measured inputs to the AI Act Art. 53(1)(d) summary, template section 1.3, 2.3).
#include <algorithm>
#include <cmath>

#include "gpaikit/corpus/stats.h"

namespace gpaikit::corpus {
namespace {

using nlohmann::json;

// Orders dates by their first 19 characters, a space at index 10 read as 'T' (see IsIsoDate),
// without building the keys.
int CompareDateKeys(std::string_view a, std::string_view b) {
  a = a.substr(0, 19);
  b = b.substr(0, 19);
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    char x = i == 10 && a[i] == ' ' ? 'T' : a[i];
    char y = i == 10 && b[i] == ' ' ? 'T' : b[i];
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

bool ErrorOrder(const CorpusError& a, const CorpusError& b) {
  if (a.file != b.file) return a.file < b.file;
  return a.offset < b.offset;
}

void UpdateDates(std::string_view date, std::string* first, std::string* last) {
  if (first->empty() || CompareDateKeys(date, *first) < 0) first->assign(date);
  if (last->empty() || CompareDateKeys(date, *last) > 0) last->assign(date);
}

json CountsJson(const std::map<std::string, OptoutCounts>& counts) {
  json out = json::object();
  for (const auto& [name, c] : counts) {
    out[name] = {{"records", c.records}, {"content_bytes", c.content_bytes}};
  }
  return out;
}

// `value` as a JSON string, as nlohmann::json's dump() writes it: printable ASCII other than quote
// and backslash copied as it is, anything else through the library.
void AppendJsonString(std::string_view value, std::string* out) {
  bool plain = std::all_of(value.begin(), value.end(),
                           [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
  if (!plain) {
    *out += json(std::string(value)).dump();
    return;
  }
  *out += '"';
  out->append(value);
  *out += '"';
}

}  // namespace

bool IsIsoDate(std::string_view d) {
  auto digit = [&](size_t i) { return i < d.size() && d[i] >= '0' && d[i] <= '9'; };
  return d.size() >= 10 && digit(0) && digit(1) && digit(2) && digit(3) && d[4] == '-' &&
         digit(5) && digit(6) && d[7] == '-' && digit(8) && digit(9) &&
         (d.size() == 10 || d[10] == 'T' || d[10] == ' ');
}

void CorpusStats::AddDocument(const Record& record, std::string_view domain, DomainHint* hint) {
  ++records;
  content_bytes += record.content_bytes;
  ModalityStats& m = modalities[static_cast<size_t>(record.modality)];
  ++m.records;
  m.content_bytes += record.content_bytes;
  if (record.tokens >= 0) {
    ++m.records_with_tokens;
    m.tokens_from_data += static_cast<uint64_t>(record.tokens);
  } else {
    m.bytes_without_tokens += record.content_bytes;
  }
  if (domain.empty()) {
    ++records_without_url;
  } else {
    domains.Add(domain, 1, record.content_bytes, hint);
  }
  if (IsIsoDate(record.date)) {
    UpdateDates(record.date, &first_date, &last_date);
  } else {
    ++records_without_date;
  }
}

std::string DescribeError(const CorpusError& error) {
  std::string place = error.line > 0 ? "line " + std::to_string(error.line)
                                     : "offset " + std::to_string(error.offset);
  place += ": ";
  bool placed = error.message.compare(0, place.size(), place) == 0;
  return error.file + ": " + (placed ? "" : place) + error.message;
}

CorpusError FileError(const std::string& file, const Status& status) {
  std::string_view message = status.message();
  std::string prefix = file + ": ";
  if (message.substr(0, prefix.size()) == prefix) message.remove_prefix(prefix.size());
  return {file, 0, 0, std::string(message)};
}

void CorpusStats::AddError(CorpusError error) {
  ++errors_total;
  if (errors.size() < max_errors) errors.push_back(std::move(error));
}

uint64_t CorpusStats::EstimatedTokens(Modality modality) const {
  const ModalityStats& m = modalities[static_cast<size_t>(modality)];
  if (bytes_per_token <= 0) return m.tokens_estimated_fixed;
  return m.tokens_estimated_fixed +
         static_cast<uint64_t>(
             std::llround(static_cast<double>(m.bytes_without_tokens) / bytes_per_token));
}

namespace {
constexpr std::string_view kDataSources[] = {"crawled",   "public-dataset", "licensed", "private",
                                             "user-data", "synthetic",      "other"};
}  // namespace

bool IsDataSource(std::string_view name) {
  return std::find(std::begin(kDataSources), std::end(kDataSources), name) !=
         std::end(kDataSources);
}

std::string DataSourceNames() {
  std::string out;
  for (std::string_view name : kDataSources) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

uint64_t CorpusStats::Tokens(Modality modality) const {
  return modalities[static_cast<size_t>(modality)].tokens_from_data + EstimatedTokens(modality);
}

Status CorpusStats::Merge(const CorpusStats& other, MergeKind kind) {
  bool mixed_ratios = bytes_per_token != other.bytes_per_token;
  if (kind == MergeKind::kShards) {
    if (!psl_version.empty() && !other.psl_version.empty() && psl_version != other.psl_version) {
      return Status::InvalidInput("shards used different public suffix lists: '" + psl_version +
                                  "' and '" + other.psl_version + "'");
    }
    if (mixed_ratios) return Status::InvalidInput("shards used different bytes-per-token ratios");
    if (data_source != other.data_source) {
      return Status::InvalidInput("shards are tagged with different data sources: '" + data_source +
                                  "' and '" + other.data_source + "'");
    }
    for (const FileStats& f : other.files) {
      for (const FileStats& mine : files) {
        if (mine.file == f.file) {
          return Status::InvalidInput("file " + f.file + " was scanned in two shards");
        }
      }
    }
  } else if (!psl_version.empty() && !other.psl_version.empty() &&
             psl_version != other.psl_version) {
    psl_version += ", " + other.psl_version;
  }
  // Every count is added with a check: a sum past 2^64 - 1 is reported, never wrapped.
  std::string overflow;
  auto add = [&overflow](uint64_t& into, uint64_t value, const std::string& what) {
    if (__builtin_add_overflow(into, value, &into) && overflow.empty()) overflow = what;
  };
  if (mixed_ratios) {  // keep each side's estimates as they are; the ratio reads as mixed
    for (size_t i = 0; i < kModalityCount; ++i) {
      auto modality = static_cast<Modality>(i);
      uint64_t mine = EstimatedTokens(modality);
      add(mine, other.EstimatedTokens(modality), "estimated tokens");
      modalities[i].tokens_estimated_fixed = mine;
    }
    bytes_per_token = 0;
  } else {
    for (size_t i = 0; i < kModalityCount; ++i) {
      add(modalities[i].tokens_estimated_fixed, other.modalities[i].tokens_estimated_fixed,
          "estimated tokens");
    }
  }
  if (psl_version.empty()) psl_version = other.psl_version;
  add(records, other.records, "records");
  add(content_bytes, other.content_bytes, "content_bytes");
  for (size_t i = 0; i < kModalityCount; ++i) {
    ModalityStats& m = modalities[i];
    const ModalityStats& o = other.modalities[i];
    std::string where = "modalities." + std::string(ModalityName(static_cast<Modality>(i))) + ".";
    add(m.records, o.records, where + "records");
    add(m.content_bytes, o.content_bytes, where + "content_bytes");
    add(m.records_with_tokens, o.records_with_tokens, where + "records_with_tokens");
    add(m.tokens_from_data, o.tokens_from_data, where + "tokens_from_data");
    add(m.bytes_without_tokens, o.bytes_without_tokens, where + "bytes_without_tokens");
  }
  add(records_without_url, other.records_without_url, "records_without_url");
  add(records_without_date, other.records_without_date, "records_without_date");
  for (const auto& [type, n] : other.other_records) add(other_records[type], n, "other_records");
  add(errors_total, other.errors_total, "errors_total");
  add(skipped_records, other.skipped_records, "skipped_records");
  add(removed_by_filter.records, other.removed_by_filter.records, "removed_by_filter");
  add(removed_by_filter.content_bytes, other.removed_by_filter.content_bytes, "removed_by_filter");
  for (const auto& [k, c] : other.removed_signals) {
    add(removed_signals[k].records, c.records, "removed_by_filter.signals");
    add(removed_signals[k].content_bytes, c.content_bytes, "removed_by_filter.signals");
  }
  for (const auto& [k, c] : other.verdicts) {
    add(verdicts[k].records, c.records, "optout.verdicts");
    add(verdicts[k].content_bytes, c.content_bytes, "optout.verdicts");
  }
  for (const auto& [k, c] : other.signals) {
    add(signals[k].records, c.records, "optout.signals");
    add(signals[k].content_bytes, c.content_bytes, "optout.signals");
  }
  if (!overflow.empty()) {
    return Status::InvalidInput("the merged " + overflow +
                                " exceeds the largest count (2^64 - 1); not merged");
  }
  if (Status merged = domains.Merge(other.domains); !merged.ok()) return merged;
  if (!other.first_date.empty()) UpdateDates(other.first_date, &first_date, &last_date);
  if (!other.last_date.empty()) UpdateDates(other.last_date, &first_date, &last_date);
  errors.insert(errors.end(), other.errors.begin(), other.errors.end());
  std::stable_sort(errors.begin(), errors.end(), ErrorOrder);
  max_errors = std::max(max_errors, other.max_errors);
  if (errors.size() > max_errors) errors.resize(max_errors);
  files.insert(files.end(), other.files.begin(), other.files.end());
  std::sort(files.begin(), files.end(),
            [](const FileStats& a, const FileStats& b) { return a.file < b.file; });
  audited = audited || other.audited;
  for (const std::string& agent : other.audit_agents) {
    if (std::find(audit_agents.begin(), audit_agents.end(), agent) == audit_agents.end()) {
      audit_agents.push_back(agent);
    }
  }
  if (data_source != other.data_source) data_source = "mixed";
  return Status::Ok();
}

json CorpusStats::ToJson() const {
  json out = WithoutDomains();
  json list = json::array();
  for (const DomainView& d : domains.Top(domains.size())) {
    list.push_back({{"domain", d.domain},
                    {"records", d.counts.records},
                    {"content_bytes", d.counts.content_bytes}});
  }
  out["domains"] = std::move(list);
  return out;
}

std::string CorpusStats::ToJsonText() const {
  json out = WithoutDomains();
  out["domains"] = json::array();
  std::string text = out.dump(2);
  // The empty list's place: the only "domains" key at the top level (two spaces in); inside
  // strings a quote is escaped, so the pattern cannot occur there.
  constexpr std::string_view kEmpty = "\n  \"domains\": []";
  size_t at = text.find(kEmpty);
  std::vector<DomainView> top = domains.Top(domains.size());
  if (at == std::string::npos || top.empty()) return text;
  std::string list = "\n  \"domains\": [";
  list.reserve(top.size() * 96);
  for (size_t i = 0; i < top.size(); ++i) {
    const DomainView& d = top[i];
    list += i == 0 ? "\n    {\n      \"content_bytes\": " : ",\n    {\n      \"content_bytes\": ";
    list += std::to_string(d.counts.content_bytes);
    list += ",\n      \"domain\": ";
    AppendJsonString(d.domain, &list);
    list += ",\n      \"records\": ";
    list += std::to_string(d.counts.records);
    list += "\n    }";
  }
  list += "\n  ]";
  std::string result;
  result.reserve(text.size() + list.size());
  result.append(text, 0, at);
  result += list;
  result.append(text, at + kEmpty.size(), std::string::npos);
  return result;
}

json CorpusStats::WithoutDomains() const {
  json out;
  out["schema"] = kSchema;
  out["records"] = records;
  out["content_bytes"] = content_bytes;
  json mods = json::object();
  for (size_t i = 0; i < kModalityCount; ++i) {
    const ModalityStats& m = modalities[i];
    auto modality = static_cast<Modality>(i);
    mods[std::string(ModalityName(modality))] = {
        {"records", m.records},
        {"content_bytes", m.content_bytes},
        {"tokens", Tokens(modality)},
        {"tokens_from_data", m.tokens_from_data},
        {"records_with_tokens", m.records_with_tokens},
        {"tokens_estimated", EstimatedTokens(modality)},
        {"bytes_without_tokens", m.bytes_without_tokens},
        {"tokens_are_estimated", m.bytes_without_tokens > 0 || m.tokens_estimated_fixed > 0}};
  }
  out["modalities"] = mods;
  out["bytes_per_token"] = bytes_per_token;
  out["domains_exact"] = domains.exact();
  out["domain_summary"] = {{"distinct_kept", domains.size()},
                           {"max_domains", domains.max_domains()},
                           {"bytes_error_bound", domains.error_bound()}};
  out["records_without_url"] = records_without_url;
  out["records_without_date"] = records_without_date;
  out["first_date"] = first_date.empty() ? json(nullptr) : json(first_date);
  out["last_date"] = last_date.empty() ? json(nullptr) : json(last_date);
  out["other_records"] = other_records;
  json errs = json::array();
  for (const CorpusError& e : errors) {
    json item = {{"file", e.file}, {"offset", e.offset}, {"message", e.message}};
    if (e.line > 0) item["line"] = e.line;
    errs.push_back(std::move(item));
  }
  out["errors"] = std::move(errs);
  out["errors_total"] = errors_total;
  out["max_errors"] = max_errors;
  out["skipped_records"] = skipped_records;
  json fs = json::array();
  for (const FileStats& f : files) {
    fs.push_back({{"file", f.file},
                  {"format", f.format},
                  {"compression", f.compression},
                  {"bytes", f.bytes},
                  {"decoded_bytes", f.decoded},
                  {"records", f.records}});
  }
  out["files"] = std::move(fs);
  out["psl_version"] = psl_version;
  if (!data_source.empty()) out["data_source"] = data_source;
  if (removed_by_filter.records > 0) {
    out["removed_by_filter"] = {{"records", removed_by_filter.records},
                                {"content_bytes", removed_by_filter.content_bytes},
                                {"signals", CountsJson(removed_signals)}};
  }
  if (audited) {
    out["optout"] = {
        {"policy", "audit"}, {"verdicts", CountsJson(verdicts)}, {"signals", CountsJson(signals)}};
    if (!audit_agents.empty()) out["optout"]["agents"] = audit_agents;
  }
  return out;
}

}  // namespace gpaikit::corpus
