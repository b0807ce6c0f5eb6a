// Reads `gpaikit corpus scan --json` statistics (gpaikit.corpus-stats/1, docs/corpus.md) for the
// training-content summary and applies the template's top-domains rule (template 2.3, fn. 16).
#include <algorithm>
#include <map>

#include "gpaikit/base/files.h"
#include "gpaikit/docs/training_summary.h"

namespace gpaikit::summary {
namespace {

using nlohmann::json;

// Reads typed members, remembering the first problem with the JSON path that caused it.
class JsonReader {
 public:
  explicit JsonReader(std::string file) : file_(std::move(file)) {}

  const json* Member(const json& object, const std::string& key, const std::string& path,
                     bool required) {
    if (!object.is_object()) return Fail(path + ": expected an object"), nullptr;
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Fail(Join(path, key) + ": required key is missing");
      return nullptr;
    }
    return &*it;
  }
  double Number(const json& object, const std::string& key, const std::string& path,
                bool required = false) {
    const json* value = Member(object, key, path, required);
    if (!value) return 0;
    if (!value->is_number() || value->get<double>() < 0) {
      Fail(Join(path, key) + ": expected a non-negative number");
      return 0;
    }
    return value->get<double>();
  }
  long long Count(const json& object, const std::string& key, const std::string& path,
                  bool required = false) {
    const json* value = Member(object, key, path, required);
    if (!value) return 0;
    if (!value->is_number_integer() && !value->is_number_unsigned()) {
      Fail(Join(path, key) + ": expected a whole number");
      return 0;
    }
    long long count = value->get<long long>();
    if (count < 0) Fail(Join(path, key) + ": expected a non-negative whole number");
    return std::max(count, 0LL);
  }
  std::string String(const json& object, const std::string& key, const std::string& path,
                     bool required = false) {
    const json* value = Member(object, key, path, required);
    if (!value) return "";
    if (!value->is_string()) return Fail(Join(path, key) + ": expected a string"), "";
    return value->get<std::string>();
  }
  bool Bool(const json& object, const std::string& key, const std::string& path, bool fallback) {
    const json* value = Member(object, key, path, false);
    if (!value) return fallback;
    if (!value->is_boolean()) return Fail(Join(path, key) + ": expected true or false"), fallback;
    return value->get<bool>();
  }
  std::vector<CountStat> Counts(const json& object, const std::string& path) {
    std::vector<CountStat> out;
    if (!object.is_object()) return Fail(path + ": expected an object"), out;
    for (const auto& [name, value] : object.items()) {
      std::string where = Join(path, name);
      out.push_back({name, Count(value, "records", where, true),
                     Number(value, "content_bytes", where, true)});
    }
    return out;
  }
  void Fail(const std::string& message) {
    if (error_.empty()) error_ = file_ + ": " + message;
  }
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  static std::string Join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }
  std::string file_;
  std::string error_;
};

void SortDomains(std::vector<DomainStat>& domains) {
  std::sort(domains.begin(), domains.end(), [](const DomainStat& a, const DomainStat& b) {
    return a.content_bytes != b.content_bytes ? a.content_bytes > b.content_bytes
                                              : a.domain < b.domain;
  });
}

void Merge(CorpusStats& into, const CorpusStats& other) {
  into.files.insert(into.files.end(), other.files.begin(), other.files.end());
  into.records += other.records;
  into.content_bytes += other.content_bytes;
  for (const auto& [name, stat] : other.modalities) {
    ModalityStat& sum = into.modalities[name];
    sum.records += stat.records;
    sum.content_bytes += stat.content_bytes;
    sum.tokens += stat.tokens;
    sum.tokens_from_data += stat.tokens_from_data;
    sum.tokens_are_estimated |= stat.tokens_are_estimated;
  }
  if (into.bytes_per_token != other.bytes_per_token) into.bytes_per_token = 0;  // mixed ratios
  std::map<std::string, DomainStat> by_name;
  for (const DomainStat& d : into.domains) by_name[d.domain] = d;
  for (const DomainStat& d : other.domains) {
    DomainStat& sum = by_name[d.domain];
    sum.domain = d.domain;
    sum.records += d.records;
    sum.content_bytes += d.content_bytes;
  }
  into.domains.clear();
  for (auto& [name, d] : by_name) into.domains.push_back(std::move(d));
  SortDomains(into.domains);
  into.domains_exact = into.domains_exact && other.domains_exact;
  into.domains_kept = static_cast<long long>(into.domains.size());
  into.domain_bytes_error_bound += other.domain_bytes_error_bound;
  if (!other.first_date.empty() && (into.first_date.empty() || other.first_date < into.first_date))
    into.first_date = other.first_date;
  if (other.last_date > into.last_date) into.last_date = other.last_date;
  into.errors_total += other.errors_total;
  if (other.has_optout) {
    into.has_optout = true;
    into.optout_policy = other.optout_policy;
    for (const auto* list : {&other.optout_verdicts, &other.optout_signals}) {
      std::vector<CountStat>& target =
          list == &other.optout_verdicts ? into.optout_verdicts : into.optout_signals;
      for (const CountStat& count : *list) {
        auto it = std::find_if(target.begin(), target.end(),
                               [&](const CountStat& c) { return c.name == count.name; });
        if (it == target.end()) {
          target.push_back(count);
        } else {
          it->records += count.records;
          it->content_bytes += count.content_bytes;
        }
      }
    }
  }
}

}  // namespace

Result<CorpusStats> ParseCorpusStats(std::string_view json_text, const std::string& file) {
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    // Re-parse with exceptions for the position nlohmann reports.
    try {
      json ignored = json::parse(json_text);
    } catch (const json::parse_error& error) {
      return Status::InvalidInput(file + ": byte " + std::to_string(error.byte) +
                                  ": not valid JSON (" + error.what() + ")");
    }
    return Status::InvalidInput(file + ": not valid JSON");
  }
  JsonReader reader(file);
  CorpusStats stats;
  stats.files.push_back(file);
  if (reader.String(root, "schema", "", true) != "gpaikit.corpus-stats/1" && reader.ok()) {
    reader.Fail(
        "schema: expected gpaikit.corpus-stats/1 (the output of gpaikit corpus scan --json)");
  }
  stats.records = reader.Count(root, "records", "", true);
  stats.content_bytes = reader.Number(root, "content_bytes", "", true);
  if (const json* modalities = reader.Member(root, "modalities", "", true)) {
    if (!modalities->is_object()) reader.Fail("modalities: expected an object");
    for (auto it = modalities->begin(); modalities->is_object() && it != modalities->end(); ++it) {
      std::string where = "modalities." + it.key();
      ModalityStat& stat = stats.modalities[it.key()];
      stat.records = reader.Count(*it, "records", where, true);
      stat.content_bytes = reader.Number(*it, "content_bytes", where, true);
      stat.tokens = reader.Number(*it, "tokens", where, true);
      stat.tokens_from_data = reader.Number(*it, "tokens_from_data", where);
      stat.tokens_are_estimated = reader.Bool(*it, "tokens_are_estimated", where, false);
    }
  }
  stats.bytes_per_token = reader.Number(root, "bytes_per_token", "");
  if (const json* domains = reader.Member(root, "domains", "", true)) {
    if (!domains->is_array()) reader.Fail("domains: expected an array");
    for (size_t i = 0; domains->is_array() && i < domains->size(); ++i) {
      std::string where = "domains[" + std::to_string(i) + "]";
      stats.domains.push_back({reader.String((*domains)[i], "domain", where, true),
                               reader.Count((*domains)[i], "records", where),
                               reader.Number((*domains)[i], "content_bytes", where, true)});
    }
  }
  SortDomains(stats.domains);
  stats.domains_exact = reader.Bool(root, "domains_exact", "", true);
  stats.domains_kept = static_cast<long long>(stats.domains.size());
  if (const json* summary = reader.Member(root, "domain_summary", "", false)) {
    stats.domain_bytes_error_bound = reader.Number(*summary, "bytes_error_bound", "domain_summary");
  }
  stats.first_date = reader.String(root, "first_date", "");
  stats.last_date = reader.String(root, "last_date", "");
  stats.errors_total = reader.Count(root, "errors_total", "");
  if (const json* optout = reader.Member(root, "optout", "", false)) {
    stats.has_optout = true;
    stats.optout_policy = reader.String(*optout, "policy", "optout");
    if (const json* verdicts = reader.Member(*optout, "verdicts", "optout", false)) {
      stats.optout_verdicts = reader.Counts(*verdicts, "optout.verdicts");
    }
    if (const json* signals = reader.Member(*optout, "signals", "optout", false)) {
      stats.optout_signals = reader.Counts(*signals, "optout.signals");
    }
  }
  if (!reader.ok()) return Status::InvalidInput(reader.error());
  return stats;
}

Result<CorpusStats> LoadCorpusStats(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) return Status::InvalidInput("no statistics files given");
  CorpusStats merged;
  for (size_t i = 0; i < files.size(); ++i) {
    Result<std::string> text = ReadFile(files[i]);
    if (!text.ok()) return text.status();
    Result<CorpusStats> stats = ParseCorpusStats(*text, files[i].string());
    if (!stats.ok()) return stats.status();
    if (i == 0) {
      merged = std::move(*stats);
    } else {
      Merge(merged, *stats);
    }
  }
  return merged;
}

TopDomains SelectTopDomains(const CorpusStats& stats, const TopDomainRule& rule, bool sme) {
  TopDomains out;
  out.domain_count = static_cast<long long>(stats.domains.size());
  out.sme_rule = sme;
  out.exact = stats.domains_exact;
  out.bytes_error_bound = stats.domain_bytes_error_bound;
  out.listed_count = rule.Count(out.domain_count, sme);
  out.listed.assign(
      stats.domains.begin(),
      stats.domains.begin() + std::min<long long>(out.listed_count, out.domain_count));
  return out;
}

}  // namespace gpaikit::summary
