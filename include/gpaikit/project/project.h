// The provider's project folder: gpaikit.yaml (format version 1) as typed facts with locations.
#ifndef GPAIKIT_PROJECT_PROJECT_H_
#define GPAIKIT_PROJECT_PROJECT_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/source_location.h"
#include "gpaikit/base/status.h"
#include "gpaikit/project/documentation.h"
#include "gpaikit/project/training_data.h"

namespace gpaikit::project {

inline constexpr const char* kProjectFileName = "gpaikit.yaml";

struct AuthorisedRepresentative {
  std::string name;
  std::string contact;
  std::optional<CivilDate> mandate_date;  // AI Act Art. 54(1): written mandate before placement
};

// Whether the provider signed each chapter of the Code of Practice.
struct Signatory {
  bool transparency = false;
  bool copyright = false;
  bool safety_security = false;

  // Whether the chapter with rulepack key `chapter` ("transparency", "copyright",
  // "safety-security") is signed; false for any other key.
  bool Signed(std::string_view chapter) const;
};

struct Provider {
  std::string legal_name;
  std::string contact;
  bool established_in_eu = true;
  std::string country;
  std::optional<AuthorisedRepresentative> authorised_representative;
  std::string size;  // large | sme | small-mid-cap
  Signatory signatory;
};

// Licence facts for the open-source test (AI Act Art. 53(2); Guidelines section 4.2).
struct Licence {
  std::string name;
  bool access = false;
  bool use = false;
  bool modify = false;
  bool distribute = false;
  bool monetised = true;
  bool weights_public = false;
  bool architecture_public = false;
  bool usage_information_public = false;
};

// The model a modification starts from (Guidelines section 3.2).
struct BaseModel {
  std::string name;
  std::optional<double> training_compute;  // FLOP, if known
  bool systemic_risk = false;
  std::string summary_url;  // the base model's public training-content summary, if given
};

// One constant-unit-count period of hardware use (Guidelines Annex A.2.1).
struct HardwarePeriod {
  std::string accelerator;           // catalogue id or alias; empty when peak_flops given
  std::string precision;             // empty: catalogue default
  std::optional<double> peak_flops;  // FLOP/s per unit, instead of a catalogue name
  double count = 0;
  double hours = 0;
  double utilization = 0;
  SourceLocation location;
};

enum class ComputeMethod { kArchitecture, kOperations, kHardware, kReported };

// One compute run of a training stage.
struct ComputeRun {
  std::string name;
  std::string stage;  // a rulepack compute stage id
  ComputeMethod method = ComputeMethod::kReported;
  std::optional<double> parameters;  // architecture: defaults to the model's active/total
  std::optional<double> tokens;
  std::optional<double> operations_per_pass;
  std::optional<double> passes;
  std::vector<HardwarePeriod> hardware;
  std::optional<double> flop;  // reported
  bool planned = false;        // not yet run; planned compute counts for notification
  std::optional<CivilDate> start;
  std::optional<CivilDate> known_on;  // when the run's compute was planned or allocated
  SourceLocation location;
};

// A stated rebuttal of the indicative GPAI criterion (Guidelines section 2.1, para. 17-18).
struct GpaiRebuttal {
  bool gpai = false;
  std::string reason;
};

// A recorded fulfilment of an obligation: when and with what evidence.
struct Fulfilment {
  std::string obligation;
  CivilDate date;
  std::string evidence;
  SourceLocation location;
};

struct Model {
  std::string id;
  std::string name;
  std::vector<std::string> versions;
  std::vector<std::string> input_modalities;
  std::vector<std::string> output_modalities;
  std::string architecture;  // dense-transformer | mixture-of-experts | diffusion | other
  std::optional<double> parameters_total;
  std::optional<double> parameters_active;
  std::optional<CivilDate> release_date;
  std::optional<CivilDate> union_market_date;
  bool training_continues = false;
  std::optional<Licence> licence;
  std::optional<BaseModel> base_model;
  std::vector<ComputeRun> runs;
  std::optional<GpaiRebuttal> gpai_rebuttal;
  std::optional<CivilDate> systemic_risk_designation;        // Art. 52(4) decision date
  std::optional<CivilDate> systemic_risk_rebuttal_accepted;  // Art. 52(2)-(3) acceptance
  std::vector<Fulfilment> fulfilled;
  std::vector<DocumentationValue> documentation;  // Form row id -> value (docs/documentation.md)
  std::vector<Artefact> artefacts;                // hashed for Form row 1.3
  std::optional<TrainingData> training_data;      // public summary facts (docs/summary.md)
  SourceLocation location;

  // AI Act Art. 3(9)-(10): placing on the market is the first making available (supply for
  // distribution or use, paid or free) on the Union market. Its day is union_market_date, past or
  // planned; release_date (a public release anywhere) is not placement. nullopt: no date known.
  std::optional<CivilDate> PlacementDate() const { return union_market_date; }
  // AI Act Art. 3(9): placed on the Union market on or before `as_of`.
  bool PlacedBy(const CivilDate& as_of) const;
  // The recorded fulfilment of obligation `obligation` (models[].fulfilled), or nullptr.
  const Fulfilment* FulfilmentOf(std::string_view obligation) const;
};

// The files of the copyright measures that gpaikit works with (docs/project-file.md
// "copyright"): blocklists of sites recognised as infringing (Code of Practice, Copyright,
// Measure 1.2), paths relative to the project folder. The staff desk appends to the first.
struct CopyrightFiles {
  std::vector<std::string> blocklists;
  SourceLocation at;  // where `copyright:` is written
};

// The project's `corpus filter` job (docs/project-file.md "corpus_filter"; Copyright, Measures
// 1.2 and 1.3): what the staff desk re-runs after adding to a blocklist, with the project's
// blocklists and crawlers. Paths are relative to the project folder.
struct CorpusFilterJob {
  std::vector<std::string> inputs;  // WARC/JSONL files or folders
  std::string robots;               // robots.txt snapshots folder, "" for none
  std::string out;                  // the folder of the kept records and removed.jsonl
  SourceLocation at;                // where `corpus_filter:` is written
};

struct Project {
  int format = 1;
  std::string rulepack;  // pinned rulepack version; empty = newest
  // Pinned versions of the other law texts (docs/project-file.md); empty = newest installed.
  std::string code_of_practice;
  std::string documentation_form;
  std::string summary_template;
  // Where gpaikit.yaml pins each of them, by key ("rulepack", "code_of_practice", ...).
  std::map<std::string, SourceLocation, std::less<>> pinned_at;
  Provider provider;
  std::vector<Model> models;
  CopyrightFiles copyright;
  std::optional<CorpusFilterJob> corpus_filter;
  std::filesystem::path root;  // the project folder
  std::string file;            // path of gpaikit.yaml as given

  // The provider's own crawlers that the models name (training_data.crawling.crawlers), each
  // once, in order: the user agents an audit checks besides the registry's training crawlers.
  std::vector<std::string> CrawlerNames() const;
};

// The modality, architecture and provider-size vocabularies, for validation and docs.
std::vector<std::string_view> Modalities();

// Parses project text; `file` names it in messages. All problems are reported together.
Result<Project> ParseProject(std::string_view text, const std::string& file);
// Loads DIR/gpaikit.yaml (or the file itself when a file is given).
Result<Project> LoadProject(const std::filesystem::path& dir_or_file);

}  // namespace gpaikit::project

#endif  // GPAIKIT_PROJECT_PROJECT_H_
