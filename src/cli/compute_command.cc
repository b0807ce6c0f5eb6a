// `gpaikit compute`: one training-compute figure from architecture (6 P D, or operations x
// passes) or hardware (N L H U), at two significant figures with the +-30% margin (Annex A.2).
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/scope/output.h"

namespace gpaikit::cli {
namespace {

struct ComputeOptions {
  std::string params, tokens, ops_per_pass, passes;
  std::string accelerator, peak_flops, precision, count, hours, utilization;
  std::string rulepack;
  OutputOptions output;
};

// Parses one numeric option; records a usage error naming the option when malformed.
std::optional<double> Number(const std::string& name, const std::string& text, Status& error) {
  if (text.empty()) return std::nullopt;
  std::optional<double> value = ParseQuantity(text);
  if (value && !std::isfinite(*value)) value.reset();
  if (!value && error.ok()) {
    error = Status::InvalidInput(
        name + ": expected a non-negative number such as 7e9 or 7B, got '" + text + "'");
  }
  return value;
}

Result<scope::Estimate> Estimate(const ComputeOptions& o, const law::Rulepack& rules) {
  Status error;
  auto params = Number("--params", o.params, error);
  auto tokens = Number("--tokens", o.tokens, error);
  auto ops = Number("--ops-per-pass", o.ops_per_pass, error);
  auto passes = Number("--passes", o.passes, error);
  auto peak = Number("--peak-flops", o.peak_flops, error);
  auto count = Number("--count", o.count, error);
  auto hours = Number("--hours", o.hours, error);
  auto utilization = Number("--utilization", o.utilization, error);
  if (!error.ok()) return error;
  bool architecture = params || tokens;
  bool operations = ops || passes;
  bool hardware = !o.accelerator.empty() || peak || count || hours || utilization;
  if (architecture + operations + hardware != 1) {
    return Status::InvalidInput(
        "give one method: --params P --tokens D; or --ops-per-pass X --passes N; or "
        "--accelerator NAME (or --peak-flops F) --count N --hours H --utilization U");
  }
  if (architecture) {
    if (!params || !tokens) return Status::InvalidInput("--params and --tokens go together");
    return scope::EstimateFromArchitecture(rules, *params, *tokens);
  }
  if (operations) {
    if (!ops || !passes) return Status::InvalidInput("--ops-per-pass and --passes go together");
    return scope::EstimateFromOperations(*ops, *passes);
  }
  if (!count || !hours || !utilization) {
    return Status::InvalidInput("hardware estimate needs --count, --hours and --utilization");
  }
  if (*count < 1)
    return Status::InvalidInput("--count: expected at least 1 unit, got '" + o.count + "'");
  if (*utilization > 1)
    return Status::InvalidInput("--utilization: expected a fraction from 0 to 1");
  if (o.accelerator.empty() == !peak.has_value()) {
    return Status::InvalidInput("give exactly one of --accelerator NAME or --peak-flops F");
  }
  project::HardwarePeriod period;
  period.accelerator = o.accelerator;
  period.precision = o.precision;
  period.peak_flops = peak;
  period.count = *count;
  period.hours = *hours;
  period.utilization = *utilization;
  period.location.file = "command line";
  Result<law::AcceleratorCatalogue> catalogue = LoadCatalogue();
  if (!catalogue.ok()) return catalogue.status();
  return scope::EstimateFromHardware({period}, *catalogue);
}

int RunCompute(const ComputeOptions& options) {
  Result<law::Rulepack> rules = LoadRules(options.rulepack);
  if (!rules.ok()) return ReportFailure(rules.status());
  Result<scope::Estimate> figure = Estimate(options, *rules);
  if (!figure.ok()) return ReportFailure(figure.status());
  if (!std::isfinite(figure->flop)) {  // issue 14: 1e308 tokens printed "n/a" with exit 0
    return ReportFailure(Status::InvalidInput(
        "the figures given multiply beyond the largest representable number (overflow): check "
        "their magnitudes"));
  }
  Result<Format> format = options.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  nlohmann::json json =
      scope::ComputeFigureToJson(figure->flop, figure->method, figure->formula, *rules);
  if (*format == Format::kJson) {
    Status written = Emit(options.output, json.dump(2) + "\n");
    return written.ok() ? kExitOk : ReportFailure(written);
  }
  int figures = rules->report_significant_figures.value;
  std::ostringstream text;
  text << FormatPowerOfTen(figure->flop, figures) << " FLOP  (" << figure->method << ": "
       << figure->formula << ")\n"
       << "margin +-" << static_cast<int>(rules->estimate_tolerance.value * 100 + 0.5)
       << "%: " << FormatPowerOfTen(json["tolerance"]["low"].get<double>(), figures) << " to "
       << FormatPowerOfTen(json["tolerance"]["high"].get<double>(), figures) << " FLOP ("
       << rules->estimate_tolerance.provenance.source << ")\n"
       << "above " << FormatPowerOfTen(rules->gpai_indicative_training_flop.value, figures)
       << " (indicative GPAI criterion, " << rules->gpai_indicative_training_flop.provenance.source
       << "): " << (json["thresholds"]["gpai_indicative"].get<bool>() ? "yes" : "no") << "\n"
       << "above " << FormatPowerOfTen(rules->systemic_risk_cumulative_flop.value, figures)
       << " (systemic risk presumed, " << rules->systemic_risk_cumulative_flop.provenance.source
       << "): " << (json["thresholds"]["systemic_risk_presumed"].get<bool>() ? "yes" : "no")
       << "\n";
  Status written = Emit(options.output, text.str());
  return written.ok() ? kExitOk : ReportFailure(written);
}

}  // namespace

void RegisterComputeCommand(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ComputeOptions>();
  CLI::App* command = app.add_subcommand(
      "compute", "Estimate training compute (Guidelines Annex A) and compare with the thresholds");
  command->add_option("--params", o->params,
                      "Parameters (active ones for mixture-of-experts), e.g. 7B");
  command->add_option("--tokens", o->tokens, "Training tokens, e.g. 2T");
  command->add_option("--ops-per-pass", o->ops_per_pass,
                      "Operations per full forward+backward pass");
  command->add_option("--passes", o->passes, "Number of full passes");
  command->add_option("--accelerator", o->accelerator, "Catalogue name (data/accelerators.yaml)");
  command->add_option("--peak-flops", o->peak_flops,
                      "Peak FLOP/s per unit, instead of a catalogue name");
  command->add_option("--precision", o->precision, "Precision whose peak applies (default bf16)");
  command->add_option("--count", o->count, "Number of units");
  command->add_option("--hours", o->hours, "Wall-clock hours");
  command->add_option("--utilization", o->utilization, "Average utilisation, 0 to 1");
  command->add_option("--rulepack", o->rulepack, "Rulepack version (default: newest)");
  AddOutputOptions(command, o->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the figure (JSON schema gpaikit.compute/1)");
  SetHelpFooter(command, {"gpaikit compute --params 7B --tokens 2T",
                          "gpaikit compute --accelerator H100 --count 1024 --hours 720 "
                          "--utilization 0.4 --json"});
  command->callback([o, &exit_code] { exit_code = RunCompute(*o); });
}

}  // namespace gpaikit::cli
