// Shared between the files that fill and check the Model Documentation Form (src/docs).
#ifndef GPAIKIT_DOCS_DOCUMENTATION_INTERNAL_H_
#define GPAIKIT_DOCS_DOCUMENTATION_INTERNAL_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gpaikit/docs/docs.h"
#include "gpaikit/energy/inference.h"
#include "gpaikit/energy/report.h"

namespace gpaikit::docs {

// Months for the training-time bins of row 7.1a: a Julian year over twelve (documented).
inline constexpr double kDaysPerMonth = 365.25 / 12;

// Training energy from `gpaikit energy measure` records (docs/energy.md): the metered IT energy of
// the model's runs, the method text, and the executed training runs that were not metered.
struct MeasuredEnergy {
  double it_joules = 0;
  std::string method;
  std::vector<std::string> unmetered_runs;
};

struct Context {
  const project::Project& project;
  const scope::ModelAssessment& assessment;
  const law::form::Form& form;
  const law::Rulepack& rules;
  const law::AcceleratorCatalogue& catalogue;
  double training_flop = 0;  // executed runs that count as training compute
  // Exact figures by row ("2.7a", "7.2b") or row and part ("6.4b.training",
  // "7.1b.wall_clock_days"), and texts that go with them ("6.4b.unit", "7.1b.period").
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  std::vector<Finding> findings;
  bool hardware_derived = false;           // row 7.1b's figures come from the hardware runs
  bool energy_given = false;               // row 8.1 is given as a figure or N/A
  energy::FacilityOverhead overhead;       // the PUE of rows 8.1-8.2
  std::optional<MeasuredEnergy> measured;  // rows 8.1-8.2 from energy records
  std::optional<energy::InferenceEstimate> inference;  // rows 8.3-8.4

  void Add(Severity severity, const std::string& row, std::string message,
           SourceLocation location = {}) {
    findings.push_back({severity, row, std::move(message), std::move(location)});
  }
};

std::vector<std::string> FormModalities(const std::vector<std::string>& modalities);
Status GivenText(const project::Project& project, const project::DocumentationValue& given,
                 std::string& out);
bool DeriveFromFacts(const Context& context, const law::form::Row& row, RowValue& value);
bool DeriveFromRow(const Context& context, const law::form::Row& row, RowValue& value);
// Validates a given value against its row's kind and records its figures in the context.
void CheckGiven(Context& context, const law::form::Row& row,
                const project::DocumentationValue& given, RowValue& value);
// Row 7.1b from the hardware compute runs, when every executed training run gives its hardware:
// records "7.1b.wall_clock_days", "7.1b.period" and "7.1b.hardware_days.<accelerator id>".
void CollectHardwareUse(Context& context);
bool DeriveTrainingTime(const Context& context, const law::form::Row& row, RowValue& value);
// A catalogue accelerator by id or alias, also written after its vendor ("Nvidia H100").
const law::Accelerator* FindAccelerator(const law::AcceleratorCatalogue& catalogue,
                                        std::string_view name);
// Training energy for row 8.1 and its method for row 8.2 (docs/documentation.md "Row 8.1"):
// from row 7.1b's hardware-days, else from row 7.2b's FLOP on the accelerator named in
// "8.1.accelerator"; nullopt with the reason in `why_not` when neither is possible.
struct EnergyEstimate {
  double megawatt_hours = 0;
  std::string method;
};
std::optional<EnergyEstimate> EstimateTrainingEnergy(const Context& context, std::string& why_not);
// The energy of the named runs from their hardware periods (board power x hours x PUE): the
// estimated part of row 8.1 when other runs were metered.
std::optional<EnergyEstimate> EstimateRunsEnergy(const Context& context,
                                                 const std::vector<std::string>& runs,
                                                 std::string& why_not);
// Reads the project's energy records and saved inference estimate for the model into
// `context.measured` and `context.inference`; bad records become findings on row 8.1.
void CollectEnergyRecords(Context& context);
// Rows 8.1-8.4 from the records when there are some (measured, with any unmetered runs
// estimated apart) and from the inference estimate.
bool DeriveEnergyRow(const Context& context, const law::form::Row& row, RowValue& value);
// Checks across rows and against project facts (dates, modalities, compute, parameters).
void CheckConsistency(Context& context, const std::vector<RowValue>& rows);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_DOCUMENTATION_INTERNAL_H_
