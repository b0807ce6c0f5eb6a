// Checks of the training-content summary's facts against the measured corpus statistics (issue
// 13): stated sizes an order of magnitude off the measured ones, statistics without a data source.
#include <cmath>

#include "docs/training_summary_internal.h"

namespace gpaikit::docs {
namespace {

// A stated size disagrees with a measured one beyond an order of magnitude (a factor of 10).
constexpr double kOrderOfMagnitude = 10.0;

bool FarApart(double stated, double measured) {
  if (stated <= 0 || measured <= 0) return false;
  double ratio = stated / measured;
  return ratio > kOrderOfMagnitude || ratio < 1 / kOrderOfMagnitude;
}

std::string Times(double stated, double measured) {
  double ratio = stated > measured ? stated / measured : measured / stated;
  return HumanCount(ratio) + " times " + (stated > measured ? "more" : "less");
}

// The run that processed the most tokens (executed runs only): its tokens bound the corpus from
// above, up to the epochs it took (a factor of 10 allows for repeated data).
const project::ComputeRun* LargestRun(const project::Model& model) {
  const project::ComputeRun* largest = nullptr;
  for (const project::ComputeRun& run : model.runs) {
    if (run.planned || !run.tokens || *run.tokens <= 0) continue;
    if (!largest || *run.tokens > *largest->tokens) largest = &run;
  }
  return largest;
}

double MeasuredTokens(const CorpusStats& stats) {
  double tokens = 0;
  for (const auto& [modality, measured] : stats.modalities) tokens += measured.tokens;
  return tokens;
}

}  // namespace

std::vector<std::string> SummaryFindings(const project::Model& model,
                                         const project::TrainingData& data,
                                         const CorpusStats* stats) {
  std::vector<std::string> findings;
  if (stats == nullptr) return findings;
  auto text = stats->modalities.find("text");
  double measured = text == stats->modalities.end() ? 0 : text->second.tokens;
  if (measured > 0) {
    for (const project::ModalityFacts& facts : data.modalities) {
      if (facts.modality != "text" || !facts.size) continue;
      if (FarApart(*facts.size, measured)) {
        findings.push_back(facts.location.ToString() + ": training_data.modalities text size " +
                           HumanCount(*facts.size) + " tokens is " + Times(*facts.size, measured) +
                           " than the " + HumanCount(measured) +
                           " tokens measured in the corpus statistics: correct the size or the "
                           "statistics (template 1.3)");
      }
    }
  }
  // The compute runs' tokens are a stated size too (template 1.3; Guidelines Annex A.2.2): a
  // corpus an order of magnitude off the largest run is the wrong corpus, or only a sample of it.
  double all_measured = MeasuredTokens(*stats);
  if (const project::ComputeRun* run = LargestRun(model);
      run && FarApart(*run->tokens, all_measured)) {
    findings.push_back(run->location.ToString() + ": compute run '" + run->name + "' processed " +
                       HumanCount(*run->tokens) + " tokens, " + Times(*run->tokens, all_measured) +
                       " than the " + HumanCount(all_measured) +
                       " tokens measured in the corpus statistics: scan the whole training "
                       "corpus, not a sample, or correct the run (template 1.3)");
  }
  if (stats->domains_untagged) {
    std::string files;
    for (const SourceStat& source : stats->sources) {
      if (!source.source.empty()) continue;
      for (const std::string& file : source.files) files += (files.empty() ? "" : ", ") + file;
    }
    findings.push_back("statistics " + files +
                       " carry no data source: section 2.3 lists their domains as crawled, "
                       "which is wrong for licensed or dataset content; rescan with "
                       "`gpaikit corpus scan --source crawled|public-dataset|licensed|...`");
  }
  return findings;
}

}  // namespace gpaikit::docs
