// `gpaikit energy`: measure (run a command and meter its node), report (records aggregated
// without double counting) and inference (benchmarked inference compute); docs/energy.md.
#include <iostream>
#include <memory>
#include <set>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help_footer.h"
#include "cli/output_options.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/docs/energy_rows.h"
#include "gpaikit/energy/inference.h"
#include "gpaikit/energy/measure.h"
#include "gpaikit/energy/report.h"

namespace gpaikit::cli {
namespace {

struct MeasureCommandOptions {
  std::string dir = ".";
  std::string run;
  double interval = 10;
  std::string powercap_root = "/sys/class/powercap";
  std::vector<std::string> command;
};

// A run name is stored in every record: one line of printable text.
Status CheckRunName(const std::string& run) {
  bool ok = !run.empty();
  for (char c : run) ok = ok && !iscntrl(static_cast<unsigned char>(c));
  if (ok) return Status::Ok();
  return Status::InvalidInput("--run '" + run +
                              "': expected the name of a compute run of gpaikit.yaml (one line "
                              "of text)");
}

int RunMeasure(const MeasureCommandOptions& o) {
  Status name = CheckRunName(o.run);
  if (!name.ok()) return ReportFailure(name);
  energy::MeasureOptions options;
  options.project_root = o.dir;
  options.run = o.run;
  options.interval_seconds = o.interval;
  options.command = o.command;
  options.powercap_root = o.powercap_root;
  std::error_code error;
  if (!std::filesystem::is_directory(options.project_root, error)) {
    return ReportFailure(Status::NotFound(o.dir + ": not a folder (-C: the project folder)"));
  }
  Result<energy::MeasureOutcome> outcome = energy::Measure(options);
  if (!outcome.ok()) return ReportFailure(outcome.status());
  for (const std::string& note : outcome->notes) std::cerr << "gpaikit energy: " << note << "\n";
  if (outcome->metered) {
    std::cerr << "gpaikit energy: metered node " << energy::NodeName() << " for run " << o.run
              << ": " << outcome->records.string() << "\n";
  }
  return outcome->exit_code;
}

struct ReportOptions {
  std::string dir = ".";
  std::vector<std::string> runs;
  OutputOptions output;
};

// The PUE for the reported runs: the stating model's when they all belong to one model, else
// the default (with a problem line saying so).
energy::FacilityOverhead ReportOverhead(const AssessedProject* project,
                                        const energy::EnergyReport& report,
                                        std::vector<std::string>& problems) {
  Result<law::AcceleratorCatalogue> catalogue =
      project ? Result<law::AcceleratorCatalogue>(project->catalogue) : LoadCatalogue();
  energy::FacilityOverhead fallback;
  if (catalogue.ok()) {
    fallback = {catalogue->power_usage_effectiveness.value,
                catalogue->power_usage_effectiveness.provenance.source, false};
  }
  if (!project) return fallback;
  std::set<const project::Model*> owners;
  std::vector<std::string> unknown;
  for (const energy::RunEnergy& run : report.runs) {
    bool found = false;
    for (const scope::ModelAssessment& assessment : project->assessments) {
      for (const std::string& name : docs::TrainingRunNames(assessment)) {
        if (name == run.run) {
          owners.insert(assessment.model);
          found = true;
        }
      }
    }
    if (!found) unknown.push_back(run.run);
  }
  for (const std::string& run : unknown) {
    problems.push_back("run '" + run +
                       "' is not an executed training run of any model in gpaikit.yaml: the "
                       "Form does not count it");
  }
  if (owners.size() == 1) return docs::FacilityOverheadOf(**owners.begin(), *catalogue);
  if (owners.size() > 1) {
    problems.push_back(
        "the runs belong to several models: the PUE is the default; each "
        "model's Form row 8.1 uses its own");
  }
  return fallback;
}

int RunReport(const ReportOptions& o) {
  Result<Format> format = o.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  std::optional<AssessedProject> project;
  std::error_code error;
  if (std::filesystem::exists(std::filesystem::path(o.dir) / "gpaikit.yaml", error)) {
    Result<AssessedProject> loaded = LoadAndAssess(o.dir, "", 30);
    if (!loaded.ok()) return ReportFailure(loaded.status());
    project.emplace(std::move(*loaded));
  }
  Result<energy::ParsedRecords> parsed = energy::LoadRecords(o.dir);
  if (!parsed.ok()) return ReportFailure(parsed.status());
  energy::EnergyReport report =
      energy::Aggregate(parsed->records, std::set<std::string>(o.runs.begin(), o.runs.end()));
  std::vector<std::string> problems = parsed->problems;
  for (const std::string& run : o.runs) {
    if (!report.Find(run)) problems.push_back("no energy records for run '" + run + "'");
  }
  energy::FacilityOverhead overhead =
      ReportOverhead(project ? &*project : nullptr, report, problems);
  std::string text = energy::ReportText(report, overhead, problems);
  if (project) {
    // Estimated apart from measured: the executed training runs without records, which the
    // Form's row 8.1 estimates from hardware use.
    for (const scope::ModelAssessment& assessment : project->assessments) {
      for (const std::string& run : docs::TrainingRunNames(assessment)) {
        if (o.runs.empty() && !report.Find(run)) {
          text += "not metered: run " + run + " of " + assessment.model->id +
                  " (row 8.1 estimates it from hardware use, when given)\n";
        }
      }
    }
  }
  Status written = EmitTextOrJson(o.output, text, energy::ReportJson(report, overhead, problems));
  if (!written.ok()) return ReportFailure(written);
  return parsed->problems.empty() ? kExitOk : kExitInvalidInput;
}

struct InferenceOptions {
  std::string dir = ".";
  std::string model;
  std::string benchmark;
  OutputOptions output;
};

int RunInference(const InferenceOptions& o) {
  Result<Format> format = o.output.Chosen();
  if (!format.ok()) return ReportFailure(format.status());
  Result<AssessedProject> project = LoadAndAssess(o.dir, "", 30);
  if (!project.ok()) return ReportFailure(project.status());
  const project::Model* model = nullptr;
  for (const project::Model& m : project->project.models)
    if (m.id == o.model) model = &m;
  if (!model) {
    return ReportFailure(
        Status::NotFound("--model '" + o.model + "': no such model in " +
                         (std::filesystem::path(o.dir) / "gpaikit.yaml").string()));
  }
  Result<energy::Benchmark> benchmark = energy::LoadBenchmark(o.benchmark);
  if (!benchmark.ok()) return ReportFailure(benchmark.status());
  std::optional<double> parameters = model->parameters_active;
  std::string note = "the active parameters the provider states";
  if (!parameters) {
    parameters = model->parameters_total;
    note = "the total parameters the provider states: a dense model, all parameters active";
  }
  Result<energy::InferenceEstimate> estimate =
      energy::EstimateInference(*benchmark, model->id, parameters, note);
  if (!estimate.ok()) return ReportFailure(estimate.status());
  Status saved = energy::SaveInference(project->project.root, *estimate);
  if (!saved.ok()) return ReportFailure(saved);
  std::string text = FormatPowerOfTen(estimate->flop, 2) + " FLOP for benchmark '" +
                     estimate->benchmark + "' (row 8.3)\nmethod (row 8.4): " + estimate->method +
                     "\n";
  Status written = EmitTextOrJson(o.output, text, energy::InferenceJson(*estimate));
  return written.ok() ? kExitOk : ReportFailure(written);
}

}  // namespace

void RegisterEnergyCommand(CLI::App& app, int& exit_code) {
  CLI::App* energy = app.add_subcommand(
      "energy",
      "Meter training energy, report it, and estimate inference compute (Form section 8)");
  energy->require_subcommand(1);
  SetHelpFooter(energy, {"gpaikit energy measure -C . --run pretrain -- python train.py",
                         "gpaikit energy report -C ."});

  auto m = std::make_shared<MeasureCommandOptions>();
  CLI::App* measure = energy->add_subcommand(
      "measure", "Run a command and meter the GPUs, CPU packages and DRAM of its node");
  AddProjectDirOption(measure, m->dir, /*positional=*/false);
  measure->add_option("--run", m->run, "The compute run of gpaikit.yaml being metered")->required();
  measure
      ->add_option("--interval", m->interval,
                   "Seconds between appended records (a crash loses at most one; default 10)")
      ->check(CLI::PositiveNumber);
  measure->add_option("--powercap-root", m->powercap_root,
                      "The powercap folder RAPL is read from (default /sys/class/powercap)");
  measure->add_option("command", m->command, "The command to run, after --")->required();
  SetHelpFooter(
      measure,
      {"gpaikit energy measure -C . --run pretrain -- torchrun --nproc-per-node 8 train.py"});
  measure->callback([m, &exit_code] { exit_code = RunMeasure(*m); });

  auto r = std::make_shared<ReportOptions>();
  CLI::App* report = energy->add_subcommand(
      "report", "Energy of the metered runs, each device counted once, with the PUE");
  AddProjectDirOption(report, r->dir, /*positional=*/true);
  report->add_option("--run", r->runs, "Only this run (repeatable)");
  AddOutputOptions(report, r->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the report (JSON schema gpaikit.energy-report/1)");
  SetHelpFooter(report, {"gpaikit energy report -C . --run pretrain --format json"});
  report->callback([r, &exit_code] { exit_code = RunReport(*r); });

  auto i = std::make_shared<InferenceOptions>();
  CLI::App* inference = energy->add_subcommand(
      "inference", "Inference compute on a benchmark from the architecture (rows 8.3, 8.4)");
  AddProjectDirOption(inference, i->dir, /*positional=*/true);
  inference->add_option("--model", i->model, "Model id in gpaikit.yaml")->required();
  inference->add_option("--benchmark", i->benchmark, "Benchmark file (docs/energy.md)")->required();
  AddOutputOptions(inference, i->output, {Format::kText, Format::kJson}, OutKind::kFile,
                   "the estimate (JSON schema gpaikit.energy-inference/1)");
  SetHelpFooter(inference, {"gpaikit energy inference -C . --model m-7b --benchmark bench.yaml"});
  inference->callback([i, &exit_code] { exit_code = RunInference(*i); });
}

}  // namespace gpaikit::cli
