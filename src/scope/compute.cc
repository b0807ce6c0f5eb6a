// Training compute estimation per run and per model (Guidelines Annex A.1-A.2; AI Act Art. 51(2)).
#include <algorithm>
#include <cstdio>

#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::scope {
namespace {

constexpr double kSecondsPerHour = 3600.0;

std::string Sci(double value) { return FormatPowerOfTen(value, 3); }

Status RunError(const project::ComputeRun& run, const std::string& message) {
  return Status::InvalidInput(run.location.ToString() + ": " + message);
}

// The parameter count an architecture-based estimate uses: the run's own, else the model's
// active parameters for a mixture-of-experts model, else its total.
std::optional<double> ParametersFor(const project::ComputeRun& run, const project::Model& model) {
  if (run.parameters) return run.parameters;
  if (model.architecture == "mixture-of-experts") return model.parameters_active;
  return model.parameters_total;
}

// C = 6 P D from tokens (Guidelines Annex A.2.2) is the dense-transformer formula. A
// mixture-of-experts model's 6 x active parameters x tokens is an approximation the provider
// documents as its method (Guidelines section 2.3, para. 31: "approximations used"); for other
// architectures the hardware, operations per pass or a reported figure is required.
Result<Estimate> ArchitectureEstimate(const project::ComputeRun& run, const project::Model& model,
                                      const law::Rulepack& rules) {
  const std::string& architecture = model.architecture;
  if (architecture != "dense-transformer" && architecture != "mixture-of-experts") {
    return RunError(run,
                    "an estimate from tokens (C = 6 x P x D) is the Guidelines' formula for "
                    "dense transformers (Annex A.2.2), not for a '" +
                        architecture +
                        "' model: give the hardware (Annex A.2.1), operations_per_pass and "
                        "passes (the general form of A.2.2), or a reported flop");
  }
  std::optional<double> parameters = ParametersFor(run, model);
  if (!parameters) {
    return RunError(run, architecture == "mixture-of-experts"
                             ? "a mixture-of-experts estimate from tokens needs the parameters "
                               "active per token: set 'parameters.active' on the model or "
                               "'parameters' on the run, or give the hardware (Annex A.2.1)"
                             : "an estimate from tokens needs the parameter count: set "
                               "'parameters' on the run or 'parameters.total' on the model");
  }
  Estimate estimate = EstimateFromArchitecture(rules, *parameters, *run.tokens);
  if (architecture == "mixture-of-experts") {
    estimate.approximation =
        "mixture-of-experts: 6 x parameters active per token x tokens, an approximation (" +
        rules.dense_transformer_flop_per_parameter_token.provenance.source +
        " gives 6 x P x D for dense transformers only); document it as the estimation method "
        "(Guidelines section 2.3, para. 31), or estimate from the hardware (Annex A.2.1)";
  }
  return estimate;
}

Result<RunEstimate> EstimateRun(const project::ComputeRun& run, const project::Model& model,
                                const law::Rulepack& rules,
                                const law::AcceleratorCatalogue& catalogue) {
  RunEstimate estimate;
  switch (run.method) {
    case project::ComputeMethod::kArchitecture: {
      Result<Estimate> architecture = ArchitectureEstimate(run, model, rules);
      if (!architecture.ok()) return architecture.status();
      static_cast<Estimate&>(estimate) = *architecture;
      break;
    }
    case project::ComputeMethod::kOperations:
      static_cast<Estimate&>(estimate) =
          EstimateFromOperations(*run.operations_per_pass, *run.passes);
      break;
    case project::ComputeMethod::kHardware: {
      Result<Estimate> hardware = EstimateFromHardware(run.hardware, catalogue);
      if (!hardware.ok()) return hardware.status();
      static_cast<Estimate&>(estimate) = *hardware;
      break;
    }
    case project::ComputeMethod::kReported:
      estimate.method = "reported";
      estimate.flop = *run.flop;
      estimate.formula = "reported " + Sci(*run.flop) + " FLOP";
      break;
  }
  estimate.name = run.name.empty() ? run.stage : run.name;
  estimate.stage = run.stage;
  estimate.planned = run.planned;
  const law::ComputeStage* stage = rules.FindStage(run.stage);
  if (stage == nullptr) {
    return RunError(run, "stage '" + run.stage + "' is not in rulepack " + rules.version);
  }
  estimate.counts_training = stage->training;
  estimate.counts_cumulative = stage->cumulative;
  estimate.stage_note = stage->note;
  return estimate;
}

}  // namespace

bool StrictlyAbove(double value, double threshold) {
  constexpr double kRoundingMargin = 1e-9;
  return value > threshold * (1 + kRoundingMargin);
}

double ArchitectureFlop(const law::Rulepack& rules, double parameters, double tokens) {
  return rules.dense_transformer_flop_per_parameter_token.value * parameters * tokens;
}

double OperationsFlop(double operations_per_pass, double passes) {
  return operations_per_pass * passes;
}

double HardwareFlop(double units, double hours, double peak_flops, double utilization) {
  return units * hours * kSecondsPerHour * peak_flops * utilization;
}

Estimate EstimateFromArchitecture(const law::Rulepack& rules, double parameters, double tokens) {
  return {ArchitectureFlop(rules, parameters, tokens), "architecture",
          Sci(rules.dense_transformer_flop_per_parameter_token.value) + " x " + Sci(parameters) +
              " parameters x " + Sci(tokens) + " tokens",
          ""};
}

Estimate EstimateFromOperations(double operations_per_pass, double passes) {
  return {OperationsFlop(operations_per_pass, passes), "operations",
          Sci(operations_per_pass) + " operations per pass x " + Sci(passes) + " passes", ""};
}

Result<Estimate> EstimateFromHardware(const std::vector<project::HardwarePeriod>& periods,
                                      const law::AcceleratorCatalogue& catalogue) {
  Estimate estimate{0, "hardware", "", ""};
  for (const project::HardwarePeriod& period : periods) {
    Result<double> peak = PeakFlops(period, catalogue);
    if (!peak.ok()) return peak.status();
    estimate.flop += HardwareFlop(period.count, period.hours, *peak, period.utilization);
    if (!estimate.formula.empty()) estimate.formula += " + ";
    estimate.formula += Sci(period.count) + " units x " + Sci(period.hours) + " h x 3600 s/h x " +
                        Sci(*peak) + " FLOP/s x " + Sci(period.utilization);
  }
  return estimate;
}

Result<double> PeakFlops(const project::HardwarePeriod& period,
                         const law::AcceleratorCatalogue& catalogue) {
  if (period.peak_flops) return *period.peak_flops;
  Result<double> peak = catalogue.PeakFlops(period.accelerator, period.precision);
  if (!peak.ok()) {
    return Status::InvalidInput(period.location.ToString() + ": " + peak.status().message());
  }
  return peak;
}

Result<ComputeSummary> EstimateModelCompute(const project::Model& model, const law::Rulepack& rules,
                                            const law::AcceleratorCatalogue& catalogue) {
  ComputeSummary summary;
  summary.tolerance = rules.estimate_tolerance.value;
  struct Dated {
    std::optional<CivilDate> date;
    double flop;
  };
  std::vector<Dated> cumulative_runs;
  for (const project::ComputeRun& run : model.runs) {
    Result<RunEstimate> estimate = EstimateRun(run, model, rules, catalogue);
    if (!estimate.ok()) return estimate.status();
    if (estimate->counts_training) summary.training_flop += estimate->flop;
    if (estimate->counts_cumulative) {
      summary.cumulative_flop += estimate->flop;
      if (!estimate->planned) summary.executed_cumulative_flop += estimate->flop;
      cumulative_runs.push_back({run.known_on ? run.known_on : run.start, estimate->flop});
    }
    summary.runs.push_back(std::move(*estimate));
  }
  // Art. 52(1): the condition is met, or known to be met, when the planned or executed
  // cumulative compute first exceeds the threshold; runs count in the order they became known.
  std::stable_sort(cumulative_runs.begin(), cumulative_runs.end(),
                   [](const Dated& a, const Dated& b) {
                     if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
                     return a.date.has_value() && *a.date < *b.date;
                   });
  double running = 0;
  double threshold = rules.systemic_risk_cumulative_flop.value;
  for (const Dated& run : cumulative_runs) {
    running += run.flop;
    if (StrictlyAbove(running, threshold)) {
      summary.systemic_threshold_known_on = run.date;
      break;
    }
  }
  double low = summary.cumulative_flop * (1 - summary.tolerance);
  double high = summary.cumulative_flop * (1 + summary.tolerance);
  summary.near_systemic_threshold = low <= threshold && threshold < high;
  return summary;
}

}  // namespace gpaikit::scope
