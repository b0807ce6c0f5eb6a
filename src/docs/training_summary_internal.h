// Helpers shared by the training-content summary builder, its renderers and its tests.
#ifndef GPAIKIT_DOCS_TRAINING_SUMMARY_INTERNAL_H_
#define GPAIKIT_DOCS_TRAINING_SUMMARY_INTERNAL_H_

#include <string>
#include <vector>

#include "gpaikit/docs/training_summary.h"

namespace gpaikit::docs {

// A narrative's text: inline, or its Markdown file under `root` with wrapped lines joined; ""
// with `problem` set when the file cannot be read or is empty.
std::string NarrativeText(const project::Narrative& narrative, const std::filesystem::path& root,
                          std::string& problem);
// "128 thousand", "3.9 trillion": two significant figures and a word for the power of 1000.
std::string HumanCount(double value);
// "513 kB", "1.2 GB" (decimal units).
std::string HumanBytes(double bytes);
// Modalities with at least one record in the statistics, in template order.
std::vector<std::string> MeasuredModalities(const CorpusStats& stats);
// Fills the section 1.3 table: per modality, present?, the size bucket (stated size first, else
// measured: tokens for text, records for images; audio/video hours must be stated) and types of
// content. Missing when a present modality lacks a size or a description.
// Narrative files are read relative to `root`.
void FillSizeTable(FieldValue& value, const project::TrainingData& data,
                   const law::summary::Template& form, const CorpusStats* stats,
                   const std::filesystem::path& root);
// Says which rule chose how many of how many domains, and its verification level.
std::string DomainRuleNote(const TopDomains& top, const law::summary::TopDomainRule& rule);
// The measured opt-out audit of the statistics (gpaikit corpus scan --robots) in one sentence.
std::string OptoutAuditNote(const CorpusStats& stats);

// What disagrees between the facts and the statistics: a stated text size (training_data
// modalities, the model's compute runs) an order of magnitude off the measured tokens, statistics
// files without a data source whose domains section 2.3 would list. Each names where it is.
std::vector<std::string> SummaryFindings(const project::Model& model,
                                         const project::TrainingData& data,
                                         const CorpusStats* stats);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_TRAINING_SUMMARY_INTERNAL_H_
