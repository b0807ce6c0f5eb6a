// Compute estimation, classification and obligations with due dates (AI Act Arts 51-55,
// Commission Guidelines on the scope of GPAI obligations, July 2025).
#ifndef GPAIKIT_SCOPE_SCOPE_H_
#define GPAIKIT_SCOPE_SCOPE_H_

#include <optional>
#include <string>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"
#include "gpaikit/law/law.h"
#include "gpaikit/project/context.h"
#include "gpaikit/project/project.h"

namespace gpaikit::scope {

// ---- Compute (Guidelines Annex A) ----

// "Greater than" for thresholds (Art. 51(2), Guidelines paras 17 and 60): a value within a
// billionth of the threshold is the same figure up to floating-point rounding and is not above.
bool StrictlyAbove(double value, double threshold);

// C = k * P * D for dense transformers, k from the rulepack (6; Annex A.2.2). The model's
// architecture decides whether it applies (EstimateModelCompute: mixture-of-experts with active
// parameters as a recorded approximation; other architectures need another method).
double ArchitectureFlop(const law::Rulepack& rules, double parameters, double tokens);
// C = operations per full pass x passes (Annex A.2.2, general form).
double OperationsFlop(double operations_per_pass, double passes);
// C = N * L * H * U for one period (Annex A.2.1); L from hours.
double HardwareFlop(double units, double hours, double peak_flops, double utilization);

// The peak FLOP/s of a period: explicit, or the catalogue's for its precision.
Result<double> PeakFlops(const project::HardwarePeriod& period,
                         const law::AcceleratorCatalogue& catalogue);

// One figure with the method and the formula that produced it, in words and numbers.
struct Estimate {
  double flop = 0;
  std::string method;   // "architecture" | "operations" | "hardware" | "reported"
  std::string formula;  // "6 x 7.30x10^9 parameters x 3.90x10^12 tokens"
  // "" when the Guidelines give the formula for the model (6 P D for dense transformers, Annex
  // A.2.2); otherwise the approximation used, to document as the method (Guidelines para. 31).
  std::string approximation;
};

Estimate EstimateFromArchitecture(const law::Rulepack& rules, double parameters, double tokens);
Estimate EstimateFromOperations(double operations_per_pass, double passes);
// Sums the periods (Annex A.2.1: constant-unit-count periods computed apart).
Result<Estimate> EstimateFromHardware(const std::vector<project::HardwarePeriod>& periods,
                                      const law::AcceleratorCatalogue& catalogue);

struct RunEstimate : Estimate {
  std::string name;
  std::string stage;
  bool counts_training = false;
  bool counts_cumulative = false;
  bool planned = false;
  std::string stage_note;  // why a stage is excluded, from the rulepack
};

struct ComputeSummary {
  double training_flop = 0;             // parameter updates (1e23 criterion, modification rule)
  double cumulative_flop = 0;           // all that contributes to capabilities (1e25 presumption)
  double executed_cumulative_flop = 0;  // cumulative, planned runs left out
  std::vector<RunEstimate> runs;
  double tolerance = 0;  // +-30%
  // The day the 1e25 condition was met or became known (runs' known_on/start, in order).
  std::optional<CivilDate> systemic_threshold_known_on;
  bool near_systemic_threshold = false;  // the tolerance band straddles 1e25
};

// Estimates every run of `model`; errors name the project file and place.
Result<ComputeSummary> EstimateModelCompute(const project::Model& model, const law::Rulepack& rules,
                                            const law::AcceleratorCatalogue& catalogue);

// ---- Classification (Art. 51, 53(2); Guidelines sections 2.1, 2.3, 3.2, 4) ----

struct Classification {
  bool gpai = false;
  bool systemic_risk = false;
  std::string systemic_risk_basis;   // presumed | designated | modified-systemic | ""
  bool modification = false;         // the model modifies another provider's model
  bool modifier_is_provider = true;  // false: modification below the one-third criterion
  double modification_threshold_flop = 0;
  bool open_source_exempt = false;
  bool non_eu_provider = false;
  bool placed_on_market = false;         // by the evaluation day (project::Model::PlacedBy)
  bool placed_before_chapter_v = false;  // placement day before 2 Aug 2025 (PlacedBeforeChapterV)
  std::vector<std::string> reasons;      // each with its legal source
};

Classification Classify(const project::Project& project, const project::Model& model,
                        const ComputeSummary& compute, const law::Rulepack& rules,
                        const CivilDate& as_of);

// AI Act Art. 3(63), 3(3); Guidelines sections 2.1 and 3.2: why the model's provider does not bear
// the GPAI provider duties (not a GPAI model, or a modification below the one-third criterion);
// "" when it does. The one answer for obligations, documentation, the Code and its chapters.
std::string NotAProviderBecause(const Classification& c);

// AI Act Art. 53(2), 54(6): why the open-source exemption removes a duty that the law lets it
// remove (`exemptible`); "" when it does not.
std::string OpenSourceExemptionRemoves(bool exemptible, const Classification& c);

// AI Act Art. 111(3): a model whose placement day (Art. 3(9)) is before Chapter V applied
// (rulepack chapter_v_applies, 2 Aug 2025) complies by the legacy deadline (2 Aug 2027).
bool PlacedBeforeChapterV(const project::Model& model, const law::Rulepack& rules);

// AI Act Art. 53(1)(a)-(b), 54(3)(b): the documentation is kept for
// documentation_retention_years (10) after placing on the market; nullopt without a placement day.
std::optional<CivilDate> RetainedUntil(const project::Model& model, const law::Rulepack& rules);

// ---- Obligations and due dates ----

// kMet: done by the due day; kLate: done, but after the due day (Obligation::days_late).
enum class DueStatus { kNotApplicable, kMet, kLate, kNoDate, kUpcoming, kDueSoon, kOverdue };
const char* DueStatusName(DueStatus status);

struct Obligation {
  const law::ObligationRule* rule = nullptr;  // in the rulepack the assessment was made with
  std::string id;
  std::string title;
  bool applies = false;
  std::string reason;
  law::Provenance provenance;
  std::optional<CivilDate> due;
  std::string due_basis;  // how the due date was derived
  std::optional<CivilDate> enforceable_from;
  std::optional<CivilDate> retain_until;
  std::optional<CivilDate> next_update;  // summary updates while training continues
  std::optional<CivilDate> fulfilled_on;
  int days_late = 0;  // fulfilled_on - due, for kLate
  std::string evidence;
  bool limited_to_modification = false;
  DueStatus status = DueStatus::kNotApplicable;
};

// AI Act Art. 51(1), 52(1) with Guidelines sections 2.3 and 3.2.2: the day a model with systemic
// risk meets the condition: the cumulative threshold met or known (presumed), the designation
// decision (designated), the first dated run of the modification (modified-systemic); nullopt
// when the model has no systemic risk or the day is not recorded.
std::optional<CivilDate> SystemicRiskConditionMet(const project::Model& model,
                                                  const ComputeSummary& compute,
                                                  const Classification& classification);

// The status for people: DueStatusName, and for kLate the days ("late (12 days)").
std::string DueStatusText(const Obligation& obligation);

struct ObligationOptions {
  CivilDate as_of;
  int due_soon_days = 30;
};

std::vector<Obligation> DeriveObligations(const project::Project& project,
                                          const project::Model& model,
                                          const ComputeSummary& compute,
                                          const Classification& classification,
                                          const law::Rulepack& rules,
                                          const ObligationOptions& options);

// Everything `check` reports for one model.
struct ModelAssessment {
  const project::Model* model = nullptr;
  ComputeSummary compute;
  Classification classification;
  std::vector<Obligation> obligations;

  // The obligation `id`, or nullptr.
  const Obligation* Find(std::string_view id) const;
  // AI Act Art. 52(1): the notification that the model meets the systemic-risk condition (the
  // rulepack's obligation due on notification); nullptr when the rulepack has none.
  const Obligation* Notification() const;
  // AI Act Art. 53(1)(d): the public summary of training content (the rulepack's obligation
  // updated while training continues); nullptr when the rulepack has none.
  const Obligation* TrainingSummary() const;
  // AI Act Art. 54(1), 54(6): the authorised representative (the rulepack's obligation for
  // providers outside the Union); nullptr when the rulepack has none. `applies` is false for a
  // provider in the Union and one the open-source exemption relieves.
  const Obligation* AuthorisedRepresentative() const;
  // The day the Art. 52(1) notification was recorded made (models[].fulfilled), if it was.
  std::optional<CivilDate> NotifiedOn() const;
  // AI Act Art. 53(1)(d) with Art. 3(9): the summary is owed now when its obligation applies to
  // the model and the model is placed on the Union market by `as_of`.
  bool TrainingSummaryDue(const CivilDate& as_of) const;
};

Result<ModelAssessment> AssessModel(const project::Project& project, const project::Model& model,
                                    const law::Rulepack& rules,
                                    const law::AcceleratorCatalogue& catalogue,
                                    const ObligationOptions& options);

// The project context with every model assessed as of one day: what each command that reports
// on a project works from. Model and rule pointers point into the context; a move keeps them
// valid, a copy would not.
struct AssessedProject : project::ProjectContext {
  ObligationOptions options;
  std::vector<ModelAssessment> assessments;  // one per model, in file order

  AssessedProject() = default;
  AssessedProject(AssessedProject&&) = default;
  AssessedProject& operator=(AssessedProject&&) = default;
  AssessedProject(const AssessedProject&) = delete;
  AssessedProject& operator=(const AssessedProject&) = delete;
};

// Assesses every model of `context`; the errors of all models are reported together.
Result<AssessedProject> AssessProject(project::ProjectContext context,
                                      const ObligationOptions& options);

}  // namespace gpaikit::scope

#endif  // GPAIKIT_SCOPE_SCOPE_H_
