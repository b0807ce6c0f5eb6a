// The domain lookup's answer from corpus statistics and filter manifests (docs/portal.md
// "Domain lookup").
#include "portal/lookup_answer.h"

#include "gpaikit/base/files.h"
#include "gpaikit/optout/url.h"

namespace gpaikit::portal {
namespace {

void Add(corpus::OptoutCounts& counts, uint64_t bytes) {
  ++counts.records;
  counts.content_bytes += bytes;
}

// The registrable domain of a manifest URL, "" when it has no usable host.
std::string DomainOf(const std::string& url, const optout::PublicSuffixList& suffixes) {
  Result<optout::UrlView> view = optout::ParseUrl(url);
  if (!view.ok() || view->host.empty()) return "";
  Result<std::string> host = optout::NormalizeHost(view->host);
  if (!host.ok()) return "";
  return suffixes.RegistrableDomain(*host);
}

}  // namespace

Result<std::vector<LookupCorpus>> LoadLookupCorpora(const project::Project& project,
                                                    const optout::PublicSuffixList& suffixes) {
  std::vector<LookupCorpus> corpora;
  for (const project::Model& model : project.models) {
    if (!model.training_data) continue;
    const project::TrainingData& data = *model.training_data;
    if (data.stats.empty() && data.filter_manifests.empty()) continue;
    LookupCorpus corpus;
    corpus.model = model.id;
    std::vector<std::filesystem::path> stats_files;
    for (const std::string& file : data.stats) {
      Result<std::filesystem::path> path = PathInside(project.root, file, "statistics file");
      if (!path.ok()) return path.status();
      stats_files.push_back(*path);
      corpus.files.push_back(file);
    }
    if (!stats_files.empty()) {
      Result<corpus::CorpusStats> stats =
          corpus::LoadCorpusStats(stats_files, corpus::MergeKind::kCorpora);
      if (!stats.ok()) return stats.status();
      corpus.stats = std::move(*stats);
    }
    for (const std::string& file : data.filter_manifests) {
      Result<std::filesystem::path> path = PathInside(project.root, file, "filter manifest");
      if (!path.ok()) return path.status();
      Result<std::string> text = ReadFile(*path);
      if (!text.ok()) return text.status();
      Status read = corpus::ReadFilterManifestText(
          *text, path->string(), [&](const corpus::RemovedEntry& entry) {
            LookupCorpus::Removed& removed = corpus.removed[DomainOf(entry.url, suffixes)];
            Add(removed.by_verdict[""], entry.content_bytes);
            Add(removed.by_verdict[entry.verdict.empty() ? "unknown" : entry.verdict],
                entry.content_bytes);
            for (const std::string& kind : entry.signal_kinds) {
              Add(removed.by_signal[kind], entry.content_bytes);
            }
          });
      if (!read.ok()) return read;
      corpus.files.push_back(file);
    }
    corpora.push_back(std::move(corpus));
  }
  return corpora;
}

std::vector<ModelAnswer> AnswerLookup(const std::vector<LookupCorpus>& corpora,
                                      const std::string& registrable) {
  std::vector<ModelAnswer> answers;
  for (const LookupCorpus& corpus : corpora) {
    ModelAnswer answer;
    answer.model = corpus.model;
    answer.files = corpus.files;
    const corpus::CorpusStats& stats = corpus.stats;
    // The table is sorted by content; a lookup walks it (one request, not a hot path).
    for (const corpus::DomainView& row : stats.domains.Top(stats.domains.size())) {
      if (row.domain != registrable) continue;
      answer.listed = true;
      answer.in_corpus = row.counts;
      break;
    }
    answer.exact = stats.domains.exact();
    answer.bytes_error_bound = stats.domains.error_bound();
    answer.corpus_first_date = stats.first_date;
    answer.corpus_last_date = stats.last_date;
    answer.audited = stats.audited;
    answer.corpus_verdicts = stats.verdicts;
    auto removed = corpus.removed.find(registrable);
    if (removed != corpus.removed.end()) answer.removed = removed->second;
    answers.push_back(std::move(answer));
  }
  return answers;
}

}  // namespace gpaikit::portal
