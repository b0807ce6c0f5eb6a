// Typed tables loaded from data/: the AI Act GPAI rulepack and the accelerator catalogue.
#ifndef GPAIKIT_LAW_LAW_H_
#define GPAIKIT_LAW_LAW_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"

namespace gpaikit::law {

// Where a rule comes from and how well that was checked (spec/README.md levels).
struct Provenance {
  std::string source;    // "AI Act Art. 51(2)"
  std::string verified;  // primary | secondary | unverified
};

template <typename T>
struct Sourced {
  T value{};
  Provenance provenance;
};

// A generative capability of the indicative GPAI criterion (Guidelines para. 17).
struct Capability {
  std::string name;
  std::vector<std::string> inputs;   // empty: any input
  std::vector<std::string> outputs;  // at least one must be produced
  Provenance provenance;
};

// A compute stage and whether it counts (Guidelines Annex A.1).
struct ComputeStage {
  std::string id;
  bool training = false;    // "training compute"
  bool cumulative = false;  // "cumulative training compute"
  std::string note;
  Provenance provenance;
};

enum class AppliesTo { kGpai, kSystemicRisk, kNonEu };
enum class DueRule {
  kNotification,
  kPlacement,
  kBeforePlacement,
  kContinuous,
  kSystemicRiskCondition
};

struct ObligationRule {
  std::string id;  // AIA-53-1-a
  std::string title;
  AppliesTo applies_to = AppliesTo::kGpai;
  DueRule due = DueRule::kPlacement;
  bool open_source_exempt = false;
  bool retained = false;                 // kept for documentation_retention_years
  bool limited_to_modification = false;  // a modifier's duty covers the modification only
  bool updated_while_training = false;   // summary updates while training continues
  Provenance provenance;
};

// The AI Act GPAI rulepack (data/law/ai-act-gpai-<version>.yaml).
struct Rulepack {
  std::string version;
  std::string title;
  Sourced<double> gpai_indicative_training_flop;
  Sourced<double> systemic_risk_cumulative_flop;
  Sourced<double> modification_fraction;
  Sourced<double> modification_fallback_systemic_flop;
  Sourced<double> modification_fallback_other_flop;
  Sourced<double> estimate_tolerance;
  Sourced<int> report_significant_figures;
  Sourced<double> dense_transformer_flop_per_parameter_token;
  Sourced<int> notification_days;
  Sourced<int> documentation_retention_years;
  Sourced<int> summary_update_months;
  Sourced<CivilDate> chapter_v_applies;
  Sourced<CivilDate> enforcement_from;
  Sourced<CivilDate> legacy_deadline;
  std::vector<Capability> gpai_capabilities;
  std::vector<ComputeStage> compute_stages;
  std::vector<ObligationRule> obligations;

  const ComputeStage* FindStage(std::string_view id) const;
  std::vector<std::string_view> StageIds() const;
};

// One accelerator with its dense peak FLOP/s per precision.
struct Accelerator {
  std::string id;
  std::string vendor;
  std::string name;
  std::vector<std::string> aliases;
  std::map<std::string, double> peak_flops;  // precision -> FLOP/s (not TFLOP/s)
  Provenance provenance;
  // Maximum board power (TDP) per unit in W, for training-energy estimates (Form row 8.1);
  // nullopt when the catalogue has no figure.
  std::optional<Sourced<double>> board_power_watts;
};

struct AcceleratorCatalogue {
  std::string default_precision;
  std::vector<Accelerator> accelerators;
  // Energy-estimate assumptions (Form row 8.1, AI Act Annex XI 2(e)): facility overhead (PUE,
  // facility energy / IT energy) and the average utilisation that turns FLOP into hardware hours.
  Sourced<double> power_usage_effectiveness;
  Sourced<double> assumed_utilization;
  // Finds by id or alias, case-insensitively.
  const Accelerator* Find(std::string_view name) const;
  // Ids and aliases, for "did you mean" suggestions.
  std::vector<std::string_view> Names() const;
  // The dense peak FLOP/s of accelerator `name` at `precision` (empty: default_precision);
  // InvalidInput naming the unknown accelerator (with a suggestion) or precision, without a
  // location (the caller prefixes the place it was named).
  Result<double> PeakFlops(std::string_view name, std::string_view precision) const;
};

// The rulepack versions present in `data_dir`/law, newest last.
std::vector<std::string> AvailableRulepacks(const std::filesystem::path& data_dir);
// Loads data_dir/law/ai-act-gpai-<version>.yaml; an empty version means the newest.
Result<Rulepack> LoadRulepack(const std::filesystem::path& data_dir, std::string_view version);
Result<AcceleratorCatalogue> LoadAcceleratorCatalogue(const std::filesystem::path& path);

}  // namespace gpaikit::law

#endif  // GPAIKIT_LAW_LAW_H_
