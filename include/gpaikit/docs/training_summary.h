// The public summary of training content filled per model from project facts and measured corpus
// statistics, and its renderers (AI Act Art. 53(1)(d); template C(2025) 5235 final;
// docs/summary.md).
#ifndef GPAIKIT_DOCS_TRAINING_SUMMARY_H_
#define GPAIKIT_DOCS_TRAINING_SUMMARY_H_

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/law/summary_template.h"
#include "gpaikit/project/project.h"
#include "gpaikit/report/report.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::docs {

// --- Measured statistics (schema gpaikit.corpus-stats/1, docs/corpus.md) ---

struct DomainStat {
  std::string domain;
  long long records = 0;
  double content_bytes = 0;
};

struct ModalityStat {
  long long records = 0;
  double content_bytes = 0;
  double tokens = 0;
  double tokens_from_data = 0;
  bool tokens_are_estimated = false;
};

struct CountStat {
  std::string name;
  long long records = 0;
  double content_bytes = 0;
};

// The measured size of the statistics files tagged with one data source (corpus scan --source).
struct SourceStat {
  std::string source;  // crawled, public-dataset, licensed, ... ("" untagged)
  std::vector<std::string> files;
  long long records = 0;
  double content_bytes = 0;
  double text_tokens = 0;
};

struct CorpusStats {
  std::vector<std::string> files;   // the stats files read, in order
  std::vector<SourceStat> sources;  // per data source, in order of first appearance
  long long records = 0;
  double content_bytes = 0;
  std::map<std::string, ModalityStat> modalities;  // text image audio video other
  double bytes_per_token = 0;
  // The domains of the crawled data (files tagged "crawled"; the untagged files when none is
  // tagged, see domains_untagged), largest content first, ties by name. Template 2.3 lists
  // crawled domains only: licensed archives and datasets stay in 2.1 and 2.2.
  std::vector<DomainStat> domains;
  bool domains_untagged = false;  // the domains come from files not tagged with a data source
  bool domains_exact = true;
  long long domains_kept = 0;
  double domain_bytes_error_bound = 0;  // each listed domain's bytes may be low by this much
  std::string first_date;               // "YYYY-MM-DDThh:mm:ssZ" or ""
  std::string last_date;
  long long errors_total = 0;
  bool has_optout = false;
  std::string optout_policy;
  std::vector<CountStat> optout_verdicts;
  std::vector<CountStat> optout_signals;
  std::vector<std::string> optout_agents;  // checked besides the registry's training crawlers
  CountStat removed_by_filter;             // removed by gpaikit corpus filter before the scan
  std::vector<CountStat> removed_signals;
};

// Parses one gpaikit.corpus-stats/1 document; errors name `file` and what was expected.
Result<CorpusStats> ParseCorpusStats(std::string_view json_text, const std::string& file);
// Reads and merges stats files (sums counts, adds domains by name and their error bounds, keeps
// the earliest first and latest last date), as `gpaikit corpus merge` would.
Result<CorpusStats> LoadCorpusStats(const std::vector<std::filesystem::path>& files);

// Template 2.3 footnote 16 applied to a stats domain list.
struct TopDomains {
  long long domain_count = 0;  // distinct domains in the stats (a lower bound when !exact)
  long long listed_count = 0;
  bool sme_rule = false;
  bool exact = true;
  double bytes_error_bound = 0;
  std::vector<DomainStat> listed;
};
TopDomains SelectTopDomains(const CorpusStats& stats, const law::summary::TopDomainRule& rule,
                            bool sme);

// --- The filled summary ---

enum class FieldStatus { kFilled, kMissing, kNotApplicable, kOptionalEmpty };
std::string_view FieldStatusName(FieldStatus status);  // filled missing not-applicable empty

// One row of the section 1.3 table.
struct SizeRow {
  std::string modality;
  bool present = false;
  std::string bucket;       // the template's label, "" when unknown
  std::string size_text;    // "about 128 thousand tokens (estimated: ...)"
  std::string size_source;  // measured | stated | ""
  std::string types_of_content;
};

struct FieldValue {
  std::string id;
  std::string section;
  std::string label;
  std::string kind;
  FieldStatus status = FieldStatus::kMissing;
  std::string why;  // for missing / not applicable: the reason, naming the project key
  std::string text;
  std::optional<bool> yes;
  std::vector<std::string> modalities;  // ticked boxes
  std::vector<std::string> items;
  std::vector<SizeRow> sizes;
  std::optional<TopDomains> domains;
  std::vector<std::string> remarks;  // part of the published answer (what an audit found)
  std::vector<std::string> notes;    // working notes for the team: where a value came from
  law::Provenance provenance;
};

struct TrainingSummary {
  std::string model_id;
  std::string model_name;
  std::string form;  // the template version
  FieldValue version;
  FieldValue last_update;
  std::vector<project::PreviousVersion> previous_versions;
  std::vector<FieldValue> fields;  // template order
  std::vector<std::string> stats_files;
  std::optional<CorpusStats> stats;

  // Disagreements between the facts and the measurements (a stated size an order of magnitude
  // off the measured one): shown on the draft, and the summary is not complete while any stands.
  std::vector<std::string> findings;

  int CountStatus(FieldStatus status) const;  // header fields included
  // The template's fields only (law::summary::Template::fields: 50 in 2025-07), the header's two
  // entries (version, last update) apart: the one count gpaikit states everywhere.
  int CountFields(FieldStatus status) const;
  // "41 of the template's 50 fields filled, 5 not applicable, 2 optional left empty, 2 missing",
  // and "; header: version missing" when a header entry is missing.
  std::string CountsText() const;
  bool complete() const { return CountStatus(FieldStatus::kMissing) == 0 && findings.empty(); }
  std::vector<std::string> MissingIds() const;
};

// Fills every header field and field of `form` for the assessed model (its obligations decide
// which fields apply, e.g. the authorised representative only where Art. 54 applies). `stats` may
// be null (fields that need them are then missing, saying so). Narrative files are read relative
// to project.root.
TrainingSummary BuildTrainingSummary(const project::Project& project,
                                     const scope::ModelAssessment& assessment,
                                     const law::summary::Template& form, const CorpusStats* stats);

// The stats files a model names in gpaikit.yaml, resolved against the project folder.
std::vector<std::filesystem::path> StatsFilesOf(const project::Project& project,
                                                const project::Model& model);

// gpaikit.training-summary/1
nlohmann::json SummaryJson(const TrainingSummary& summary, const law::summary::Template& form);
// The summary as a report Document laid out like the template: header, numbered sections, tick
// boxes, tables. The default is the document to publish: answers and remarks only. `draft` keeps
// the working notes (why a field is missing or not applicable, the gpaikit.yaml keys, sources
// and verification levels, the findings) for the team.
report::Document SummaryDocument(const TrainingSummary& summary, const law::summary::Template& form,
                                 bool draft = false);
std::string RenderSummaryMarkdown(const TrainingSummary& summary,
                                  const law::summary::Template& form, bool draft = false);
// From the report templates in `templates` (empty: the installed ones; report::RenderHtml).
Result<std::string> RenderSummaryHtml(const TrainingSummary& summary,
                                      const law::summary::Template& form, bool draft = false,
                                      const std::filesystem::path& templates = {});

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_TRAINING_SUMMARY_H_
