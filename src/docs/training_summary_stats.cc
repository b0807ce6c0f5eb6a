// The training-content summary's view of corpus statistics (gpaikit.corpus-stats/1, read and
// merged by the corpus module) and the template's top-domains rule (template 2.3, fn. 16).
#include <algorithm>
#include <map>
#include <optional>

#include "gpaikit/base/files.h"
#include "gpaikit/corpus/stats.h"
#include "gpaikit/docs/training_summary.h"

namespace gpaikit::docs {
namespace {

std::vector<CountStat> Counts(const std::map<std::string, corpus::OptoutCounts>& counts) {
  std::vector<CountStat> out;
  for (const auto& [name, c] : counts) {
    out.push_back({name, static_cast<long long>(c.records), static_cast<double>(c.content_bytes)});
  }
  return out;
}

// The figures the summary uses from statistics the corpus module read (and merged); the domain
// list from `domains` (the crawled data's statistics).
CorpusStats View(const corpus::CorpusStats& in, const corpus::CorpusStats& domains,
                 std::vector<std::string> files) {
  CorpusStats out;
  out.files = std::move(files);
  out.records = static_cast<long long>(in.records);
  out.content_bytes = static_cast<double>(in.content_bytes);
  for (size_t i = 0; i < corpus::kModalityCount; ++i) {
    auto modality = static_cast<corpus::Modality>(i);
    const corpus::ModalityStats& m = in.modalities[i];
    out.modalities[std::string(corpus::ModalityName(modality))] = {
        static_cast<long long>(m.records), static_cast<double>(m.content_bytes),
        static_cast<double>(in.Tokens(modality)), static_cast<double>(m.tokens_from_data),
        m.bytes_without_tokens > 0 || m.tokens_estimated_fixed > 0};
  }
  out.bytes_per_token = in.bytes_per_token;
  for (const corpus::DomainView& d : domains.domains.Top(domains.domains.size())) {
    out.domains.push_back({std::string(d.domain), static_cast<long long>(d.counts.records),
                           static_cast<double>(d.counts.content_bytes)});
  }
  out.domains_exact = domains.domains.exact();
  out.domains_kept = static_cast<long long>(out.domains.size());
  out.domain_bytes_error_bound = static_cast<double>(domains.domains.error_bound());
  out.first_date = in.first_date;
  out.last_date = in.last_date;
  out.errors_total = static_cast<long long>(in.errors_total);
  if (in.audited) {
    out.has_optout = true;
    out.optout_policy = "audit";
    out.optout_verdicts = Counts(in.verdicts);
    out.optout_signals = Counts(in.signals);
    out.optout_agents = in.audit_agents;
  }
  out.removed_by_filter = {"removed", static_cast<long long>(in.removed_by_filter.records),
                           static_cast<double>(in.removed_by_filter.content_bytes)};
  out.removed_signals = Counts(in.removed_signals);
  return out;
}

void AddToSource(const corpus::CorpusStats& in, const std::string& file,
                 std::vector<SourceStat>* sources) {
  auto it = std::find_if(sources->begin(), sources->end(),
                         [&](const SourceStat& s) { return s.source == in.data_source; });
  if (it == sources->end()) {
    SourceStat added;
    added.source = in.data_source;
    it = sources->insert(sources->end(), std::move(added));
  }
  it->files.push_back(file);
  it->records += static_cast<long long>(in.records);
  it->content_bytes += static_cast<double>(in.content_bytes);
  it->text_tokens += static_cast<double>(in.Tokens(corpus::Modality::kText));
}

}  // namespace

Result<CorpusStats> ParseCorpusStats(std::string_view json_text, const std::string& file) {
  Result<corpus::CorpusStats> stats = corpus::ParseCorpusStats(json_text, file);
  if (!stats.ok()) return stats.status();
  bool crawled = stats->data_source == "crawled" || stats->data_source.empty();
  corpus::CorpusStats none;
  CorpusStats out = View(*stats, crawled ? *stats : none, {file});
  out.domains_untagged = stats->data_source.empty();
  AddToSource(*stats, file, &out.sources);
  return out;
}

Result<CorpusStats> LoadCorpusStats(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) return Status::InvalidInput("no statistics files given");
  // Every file counts in the totals; the domains come from the crawled data only, or from the
  // untagged files when no file is tagged "crawled" (flagged: domains_untagged).
  std::optional<corpus::CorpusStats> total, crawled, untagged;
  std::vector<std::string> names;
  std::vector<SourceStat> sources;
  auto add = [](std::optional<corpus::CorpusStats>& into, const corpus::CorpusStats& stats) {
    if (!into) {
      into = stats;
      return Status::Ok();
    }
    return into->Merge(stats, corpus::MergeKind::kCorpora);
  };
  for (const std::filesystem::path& file : files) {
    Result<std::string> text = ReadFile(file);
    if (!text.ok()) return text.status();
    Result<corpus::CorpusStats> stats = corpus::ParseCorpusStats(*text, file.string());
    if (!stats.ok()) return stats.status();
    Status merged = add(total, *stats);
    if (merged.ok() && stats->data_source == "crawled") merged = add(crawled, *stats);
    if (merged.ok() && stats->data_source.empty()) merged = add(untagged, *stats);
    if (!merged.ok()) return Status(merged.code(), file.string() + ": " + merged.message());
    names.push_back(file.string());
    AddToSource(*stats, file.string(), &sources);
  }
  corpus::CorpusStats none;
  const corpus::CorpusStats& domains = crawled ? *crawled : untagged ? *untagged : none;
  CorpusStats out = View(*total, domains, std::move(names));
  out.domains_untagged = !crawled && untagged;
  out.sources = std::move(sources);
  return out;
}

TopDomains SelectTopDomains(const CorpusStats& stats, const law::summary::TopDomainRule& rule,
                            bool sme) {
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

}  // namespace gpaikit::docs
