// Training hardware figures of the Model Documentation Form: hardware-days per accelerator type
// (row 7.1b) from the hardware compute runs, and training energy in MWh with its method (rows 8.1
// and 8.2) from hardware use or from compute (Code of Practice, Transparency, Measure 1.1; AI Act
// Annex XI 2(d) and 2(e): "if unknown, it may be estimated from the computational resources").
#include <algorithm>
#include <map>

#include "docs/documentation_internal.h"
#include "gpaikit/base/join.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"

namespace gpaikit::docs {
namespace {

constexpr double kHoursPerDay = 24;
constexpr double kSecondsPerHour = 3600;
constexpr double kWattHoursPerMegawattHour = 1e6;

bool IsExecutedTraining(const scope::RunEstimate& run) {
  return run.counts_training && !run.planned;
}

std::string Percent(double fraction) {
  return FormatPowerOfTen(RoundSignificant(fraction * 100, 3), 3) + "%";
}

// "PUE 1.58 (source)": an assumption as the methodology states it. The verification level stays in
// data/accelerators.yaml: the Form is handed over without working notes (issue 13).
std::string Assumption(const std::string& name, double value, const law::Provenance& provenance) {
  return name + " " + FormatPowerOfTen(value, 3) + " (" + provenance.source + ")";
}

std::string PowerNote(const law::Accelerator& accelerator) {
  const law::Sourced<double>& power = *accelerator.board_power_watts;
  return accelerator.vendor + " " + accelerator.name + " " + FormatPowerOfTen(power.value, 3) +
         " W (" + power.provenance.source + ")";
}

// The energy of `unit_hours` on `accelerator` at its maximum board power, with facility overhead.
double MegawattHours(double unit_hours, const law::Accelerator& accelerator, double pue) {
  return unit_hours * accelerator.board_power_watts->value * pue / kWattHoursPerMegawattHour;
}

const char* kCoverage =
    " The accelerators are counted at their maximum board power, so the figure is an upper "
    "bound for them; host CPUs, memory and networking enter only through the PUE overhead.";

}  // namespace

const law::Accelerator* FindAccelerator(const law::AcceleratorCatalogue& catalogue,
                                        std::string_view name) {
  if (const law::Accelerator* found = catalogue.Find(name)) return found;
  // "Nvidia H100", "AMD MI300X": the vendor named in front of a catalogue alias.
  std::string lower = AsciiLower(name);
  for (const law::Accelerator& accelerator : catalogue.accelerators) {
    std::string vendor = AsciiLower(accelerator.vendor) + " ";
    if (!lower.starts_with(vendor)) continue;
    std::string rest = lower.substr(vendor.size());
    std::replace(rest.begin(), rest.end(), ' ', '-');
    if (const law::Accelerator* found = catalogue.Find(rest)) return found;
  }
  return nullptr;
}

void CollectHardwareUse(Context& context) {
  const project::Model& model = *context.assessment.model;
  const std::vector<scope::RunEstimate>& estimates = context.assessment.compute.runs;
  double wall_clock_hours = 0;
  std::map<std::string, double> unit_hours;
  bool any = false;
  for (size_t i = 0; i < model.runs.size() && i < estimates.size(); ++i) {
    if (!IsExecutedTraining(estimates[i])) continue;
    // Hardware-days need every executed training run's hardware (Guidelines Annex A.2.1).
    if (model.runs[i].method != project::ComputeMethod::kHardware) return;
    for (const project::HardwarePeriod& period : model.runs[i].hardware) {
      const law::Accelerator* accelerator = context.catalogue.Find(period.accelerator);
      if (!accelerator && !period.peak_flops) return;  // an input error the assessment reports
      std::string key =
          accelerator ? accelerator->id
                      : "accelerator of " + FormatPowerOfTen(*period.peak_flops, 3) + " FLOP/s";
      unit_hours[key] += period.count * period.hours;
      wall_clock_hours += period.hours;
      any = true;
    }
  }
  if (!any) return;
  context.numbers["7.1b.wall_clock_days"] = wall_clock_hours / kHoursPerDay;
  context.texts["7.1b.period"] =
      "the hardware periods of the executed training runs in gpaikit.yaml, one after another";
  for (const auto& [key, hours] : unit_hours) {
    context.numbers["7.1b.hardware_days." + key] = hours / kHoursPerDay;
  }
  context.hardware_derived = true;
}

bool DeriveTrainingTime(const Context& context, const law::form::Row& row, RowValue& value) {
  if (!context.hardware_derived) return false;
  int wall_figures = 1;
  int unit_figures = 1;
  for (const law::form::GroupValue& group : row.kind.values) {
    (group.id == "wall-clock-days" ? wall_figures : unit_figures) = group.min_significant_figures;
  }
  std::string days;
  const std::string prefix = "7.1b.hardware_days.";
  for (const auto& [key, figure] : context.numbers) {
    if (!key.starts_with(prefix)) continue;
    std::string name = key.substr(prefix.size());
    const law::Accelerator* accelerator = context.catalogue.Find(name);
    if (accelerator) name = accelerator->vendor + " " + accelerator->name;
    days += (days.empty() ? "" : ", ") + FormFigure(figure, unit_figures) + " " + name + " days";
  }
  value.value = "period: " + context.texts.at("7.1b.period") + "; wall-clock days: " +
                FormFigure(context.numbers.at("7.1b.wall_clock_days"), wall_figures) +
                "; hardware days: " + days;
  value.basis = "units x hours of the hardware periods of the compute runs, / 24 h per day";
  value.status = RowStatus::kDerived;
  return true;
}

namespace {

std::string PueNote(const Context& context) {
  const energy::FacilityOverhead& overhead = context.overhead;
  if (overhead.stated_by_provider) {
    return "PUE " + FormatPowerOfTen(overhead.pue, 3) +
           " (stated by the provider: " + overhead.source + ")";
  }
  return Assumption("PUE", overhead.pue, context.catalogue.power_usage_effectiveness.provenance);
}

// The energy of `unit_hours` per accelerator name at maximum board power, with the PUE; `what`
// names the hardware use in the method, `where` where the names come from in messages.
std::optional<EnergyEstimate> EstimateFromUnitHours(const Context& context,
                                                    const std::map<std::string, double>& unit_hours,
                                                    const std::string& what,
                                                    const std::string& where,
                                                    std::string& why_not) {
  const double pue = context.overhead.pue;
  double mwh = 0;
  std::string terms;
  std::string powers;
  for (const auto& [name, hours] : unit_hours) {
    const law::Accelerator* accelerator = FindAccelerator(context.catalogue, name);
    if (!accelerator) {
      why_not = "'" + name + "' in " + where + " is not an accelerator of data/accelerators.yaml";
      return std::nullopt;
    }
    if (!accelerator->board_power_watts) {
      why_not = "data/accelerators.yaml has no board power for " + accelerator->vendor + " " +
                accelerator->name;
      return std::nullopt;
    }
    mwh += MegawattHours(hours, *accelerator, pue);
    terms += (terms.empty() ? "" : " + ") + FormFigure(hours, 2) + " " + accelerator->name +
             " hours x " + FormatPowerOfTen(accelerator->board_power_watts->value, 3) + " W";
    powers += (powers.empty() ? "" : "; ") + PowerNote(*accelerator);
  }
  return EnergyEstimate{mwh, "Estimated from " + what +
                                 " (no delegated act under Art. 53(5) yet): (" + terms + ") x " +
                                 PueNote(context) + " = " + FormFigure(mwh, 2) +
                                 " MWh. Maximum board power: " + powers + "." + kCoverage};
}

}  // namespace

std::optional<EnergyEstimate> EstimateTrainingEnergy(const Context& context, std::string& why_not) {
  const law::AcceleratorCatalogue& catalogue = context.catalogue;
  const double pue = context.overhead.pue;
  const std::string pue_note = PueNote(context);
  // 1. Hardware use: the hardware-days of row 7.1b, typed or derived from the runs.
  const std::string prefix = "7.1b.hardware_days.";
  std::map<std::string, double> hours_by_accelerator;
  for (const auto& [key, days] : context.numbers) {
    if (key.starts_with(prefix)) {
      hours_by_accelerator[key.substr(prefix.size())] = days * kHoursPerDay;
    }
  }
  if (!hours_by_accelerator.empty()) {
    return EstimateFromUnitHours(context, hours_by_accelerator, "the hardware use of row 7.1b",
                                 "row 7.1b", why_not);
  }
  // 2. Compute only: hardware hours from FLOP / (peak x utilisation) on the named accelerator.
  auto named = context.texts.find("8.1.accelerator");
  auto flop = context.numbers.find("7.2b");
  if (named == context.texts.end() || named->second.empty()) {
    why_not =
        "no hardware use (row 7.1b or hardware compute runs) and no accelerator named for "
        "an estimate from compute (\"8.1\": {accelerator: ID})";
    return std::nullopt;
  }
  const law::Accelerator* accelerator = FindAccelerator(catalogue, named->second);
  if (!accelerator) {
    why_not = "'" + named->second + "' (row 8.1 accelerator) is not in data/accelerators.yaml";
    return std::nullopt;
  }
  if (!accelerator->board_power_watts) {
    why_not = "data/accelerators.yaml has no board power for " + accelerator->vendor + " " +
              accelerator->name;
    return std::nullopt;
  }
  if (flop == context.numbers.end() || flop->second <= 0) {
    why_not = "no training compute (row 7.2b or compute runs) to estimate the energy from";
    return std::nullopt;
  }
  auto given_precision = context.texts.find("8.1.precision");
  std::string precision = given_precision != context.texts.end() && !given_precision->second.empty()
                              ? AsciiLower(given_precision->second)
                              : catalogue.default_precision;
  auto peak = accelerator->peak_flops.find(precision);
  if (peak == accelerator->peak_flops.end()) {
    why_not = accelerator->id + " has no peak figure for precision '" + precision + "'";
    return std::nullopt;
  }
  const double utilization = catalogue.assumed_utilization.value;
  double unit_hours = flop->second / (peak->second * utilization) / kSecondsPerHour;
  double mwh = MegawattHours(unit_hours, *accelerator, pue);
  return EnergyEstimate{
      mwh,
      "Estimated from the training compute of row 7.2b (no delegated act under Art. 53(5) "
      "yet): " +
          FormFigure(flop->second, 2) + " FLOP / (" + FormatPowerOfTen(peak->second / 1e12, 4) +
          " TFLOP/s " + precision + " peak of " + accelerator->vendor + " " + accelerator->name +
          " x utilisation " + Percent(utilization) + ", " +
          Assumption("assumed", utilization, catalogue.assumed_utilization.provenance) +
          ") = " + FormFigure(unit_hours, 2) + " accelerator hours, x " +
          FormatPowerOfTen(accelerator->board_power_watts->value, 3) + " W x " + pue_note + " = " +
          FormFigure(mwh, 2) + " MWh. Maximum board power: " + PowerNote(*accelerator) + "." +
          kCoverage};
}

std::optional<EnergyEstimate> EstimateRunsEnergy(const Context& context,
                                                 const std::vector<std::string>& runs,
                                                 std::string& why_not) {
  const project::Model& model = *context.assessment.model;
  std::map<std::string, double> unit_hours;
  for (const std::string& name : runs) {
    auto run = std::find_if(model.runs.begin(), model.runs.end(),
                            [&](const project::ComputeRun& r) { return r.name == name; });
    if (run == model.runs.end() || run->hardware.empty()) {
      why_not = "run " + name + " gives no hardware periods in gpaikit.yaml";
      return std::nullopt;
    }
    for (const project::HardwarePeriod& period : run->hardware) {
      unit_hours[period.accelerator] += period.count * period.hours;
    }
  }
  return EstimateFromUnitHours(
      context, unit_hours, "the hardware use of the runs not metered (" + Join(runs, ", ") + ")",
      "gpaikit.yaml's hardware periods", why_not);
}

}  // namespace gpaikit::docs
