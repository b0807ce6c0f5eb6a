// The facts a project gives per model for the public summary of training content that a corpus
// scan cannot measure (AI Act Art. 53(1)(d); template C(2025) 5235 final). Format in
// docs/project-file.md, section "training_data".
#ifndef GPAIKIT_PROJECT_TRAINING_DATA_H_
#define GPAIKIT_PROJECT_TRAINING_DATA_H_

#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/source_location.h"

namespace gpaikit::project {

// A narrative answer: inline text, or a Markdown file relative to the project folder.
struct Narrative {
  std::string text;
  std::string file;
  SourceLocation location;
  bool empty() const { return text.empty() && file.empty(); }
};

// A named dataset, crawler or model, with an optional link and description.
struct NamedSource {
  std::string name;
  std::string url;
  std::string description;
};

// Per modality: a stated size (instead of or beside the measured one) and the types of content.
struct ModalityFacts {
  std::string modality;        // text | image | audio | video | other
  std::optional<double> size;  // in the template's unit (tokens, images, hours)
  std::string unit;            // "other": the unit of `size`
  std::string size_note;       // e.g. "after deduplication"
  Narrative types_of_content;
  SourceLocation location;
};

// One data-source section of the template (2.1 to 2.6): used?, modalities, lists, narratives.
struct SourceFacts {
  std::optional<bool> used;
  std::vector<std::string> modalities;
  std::vector<NamedSource> listed;  // 2.1 large datasets, 2.2.2 known ones, 2.5 market models
  Narrative description;            // 2.1 other datasets, 2.2.2 unknown ones, 2.5 other models,
                                    // 2.6 narrative
  Narrative comments;
  SourceLocation location;
};

// A crawler: its product token (`name`), user-agent or information page (`url`), purpose
// (`description`), and the IP ranges it crawls from, in CIDR notation (Code of Practice,
// Copyright, Measure 1.3: information about the crawlers made public; docs/portal.md).
struct CrawlerFacts : NamedSource {
  std::vector<std::string> ip_ranges;  // "192.0.2.0/24", "2001:db8::/32"
};

struct CrawlingFacts {
  std::optional<bool> used;
  std::vector<CrawlerFacts> crawlers;
  Narrative purposes;
  Narrative behaviour;
  std::optional<CivilDate> period_start;
  std::optional<CivilDate> period_end;
  Narrative content;
  std::vector<std::string> modalities;
  Narrative comments;
  SourceLocation location;
};

struct UserDataFacts {
  std::optional<bool> model_interactions;
  std::optional<bool> other_services;
  Narrative services;
  std::vector<std::string> modalities;
  Narrative comments;
  SourceLocation location;
};

struct PreviousVersion {
  std::string version;
  std::string url;
};

struct TrainingData {
  std::string summary_version;
  std::optional<CivilDate> last_update;
  std::vector<PreviousVersion> previous_versions;
  std::vector<std::string> stats;  // corpus-stats JSON files, relative to the project folder
  // `corpus filter` manifests (removed.jsonl) of this model's corpus, relative to the project
  // folder: the documents removed by opt-out verdict, read by the portal's domain lookup.
  std::vector<std::string> filter_manifests;
  std::vector<ModalityFacts> modalities;
  std::optional<CivilDate> latest_acquisition;  // when no stats (or to state a later date)
  Narrative linguistic;
  Narrative other_characteristics;
  Narrative comments;
  SourceFacts public_datasets;
  SourceFacts licensed;
  SourceFacts private_third_party;
  CrawlingFacts crawling;
  UserDataFacts user_data;
  SourceFacts synthetic;
  SourceFacts other_sources;
  Narrative tdm_measures;
  Narrative tdm_comments;
  Narrative illegal_content;
  Narrative other_processing;
  SourceLocation location;
};

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_TRAINING_DATA_H_
