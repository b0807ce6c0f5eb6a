// The answer of the domain lookup (docs/portal.md "Domain lookup"): what each model's corpus
// statistics (`corpus scan`) and filter manifests (`corpus filter`) say about one registrable
// domain and its subdomains (Code of Practice, Copyright, Measures 1.3 and 1.5).
#ifndef GPAIKIT_PORTAL_LOOKUP_ANSWER_H_
#define GPAIKIT_PORTAL_LOOKUP_ANSWER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/corpus/stats.h"
#include "gpaikit/optout/domain.h"
#include "gpaikit/project/project.h"

namespace gpaikit::portal {

// One model's corpus as the lookup reads it, loaded once.
struct LookupCorpus {
  std::string model;               // model id
  std::vector<std::string> files;  // statistics and manifests read, as the project names them
  corpus::CorpusStats stats;       // the model's statistics files merged as corpora
  // Removed documents of the manifests, by registrable domain of their URL, then by verdict and
  // by signal kind ("" key of `by_verdict`: all of them).
  struct Removed {
    std::map<std::string, corpus::OptoutCounts> by_verdict;
    std::map<std::string, corpus::OptoutCounts> by_signal;
  };
  std::map<std::string, Removed> removed;
};

// What the corpus of one model says about a domain.
struct ModelAnswer {
  std::string model;
  std::vector<std::string> files;
  bool listed = false;  // the domain has a row in the statistics' domain table
  corpus::DomainCounts in_corpus;
  bool exact = true;               // the domain table is exact (else a lower bound)
  uint64_t bytes_error_bound = 0;  // how much the bytes may be low when not exact
  std::string corpus_first_date, corpus_last_date;  // the whole corpus: no dates per domain
  bool audited = false;  // the statistics came from `corpus scan --robots`
  std::map<std::string, corpus::OptoutCounts> corpus_verdicts;  // the whole corpus
  LookupCorpus::Removed removed;                                // this domain's removed documents
};

// Reads, for each model with `training_data.stats` or `filter_manifests`, its files (relative to
// the project folder); errors name the file. Manifest URLs are reduced to registrable domains
// with `suffixes`, as `corpus scan` counts them.
Result<std::vector<LookupCorpus>> LoadLookupCorpora(const project::Project& project,
                                                    const optout::PublicSuffixList& suffixes);

// The answer for `registrable` (a registrable domain: its subdomains are counted under it by
// `corpus scan`, so one row covers the domain and its subdomains).
std::vector<ModelAnswer> AnswerLookup(const std::vector<LookupCorpus>& corpora,
                                      const std::string& registrable);

}  // namespace gpaikit::portal

#endif  // GPAIKIT_PORTAL_LOOKUP_ANSWER_H_
