// The training-content summary's view of corpus statistics (gpaikit.corpus-stats/1, read and
// merged by the corpus module) and the template's top-domains rule (template 2.3, fn. 16).
#include <algorithm>
#include <map>

#include "gpaikit/corpus/stats.h"
#include "gpaikit/docs/training_summary.h"

namespace gpaikit::docs {
namespace {

// The figures the summary uses from statistics the corpus module read (and merged).
CorpusStats View(const corpus::CorpusStats& in, std::vector<std::string> files) {
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
  for (const corpus::DomainView& d : in.domains.Top(in.domains.size())) {
    out.domains.push_back({std::string(d.domain), static_cast<long long>(d.counts.records),
                           static_cast<double>(d.counts.content_bytes)});
  }
  out.domains_exact = in.domains.exact();
  out.domains_kept = static_cast<long long>(out.domains.size());
  out.domain_bytes_error_bound = static_cast<double>(in.domains.error_bound());
  out.first_date = in.first_date;
  out.last_date = in.last_date;
  out.errors_total = static_cast<long long>(in.errors_total);
  if (in.audited) {
    out.has_optout = true;
    out.optout_policy = "audit";
    for (const auto& [name, counts] : in.verdicts) {
      out.optout_verdicts.push_back({name, static_cast<long long>(counts.records),
                                     static_cast<double>(counts.content_bytes)});
    }
    for (const auto& [name, counts] : in.signals) {
      out.optout_signals.push_back({name, static_cast<long long>(counts.records),
                                    static_cast<double>(counts.content_bytes)});
    }
  }
  return out;
}

}  // namespace

Result<CorpusStats> ParseCorpusStats(std::string_view json_text, const std::string& file) {
  Result<corpus::CorpusStats> stats = corpus::ParseCorpusStats(json_text, file);
  if (!stats.ok()) return stats.status();
  return View(*stats, {file});
}

Result<CorpusStats> LoadCorpusStats(const std::vector<std::filesystem::path>& files) {
  Result<corpus::CorpusStats> stats = corpus::LoadCorpusStats(files, corpus::MergeKind::kCorpora);
  if (!stats.ok()) return stats.status();
  std::vector<std::string> names;
  for (const std::filesystem::path& file : files) names.push_back(file.string());
  return View(*stats, std::move(names));
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
