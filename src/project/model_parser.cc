// Parses a model entry: identity, modalities, parameters, dates, licence, base model, compute runs.
#include "project/model_parser.h"

#include <array>

#include "gpaikit/base/files.h"
#include "project/documentation_parser.h"
#include "project/training_data_parser.h"

namespace gpaikit::project {
namespace {

constexpr std::array<std::string_view, 13> kModalities = {"text",
                                                          "code",
                                                          "speech",
                                                          "audio",
                                                          "music",
                                                          "image",
                                                          "video",
                                                          "3d",
                                                          "tabular",
                                                          "time-series",
                                                          "biological-sequence",
                                                          "actions",
                                                          "other"};

constexpr std::array<std::string_view, 11> kStages = {"pre-training",
                                                      "fine-tuning",
                                                      "post-training",
                                                      "initialising-weights",
                                                      "synthetic-data",
                                                      "public-synthetic-data",
                                                      "evaluation",
                                                      "exploratory-research",
                                                      "teacher-model",
                                                      "reward-model",
                                                      "activation-recomputation"};

Licence ParseLicence(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"name", "access", "use", "modify", "distribute", "monetised", "weights_public",
                    "architecture_public", "usage_information_public"});
  Licence licence;
  licence.name = reader.String("name", true).value_or("");
  licence.access = reader.Bool("access", true).value_or(false);
  licence.use = reader.Bool("use", true).value_or(false);
  licence.modify = reader.Bool("modify", true).value_or(false);
  licence.distribute = reader.Bool("distribute", true).value_or(false);
  licence.monetised = reader.Bool("monetised", true).value_or(true);
  licence.weights_public = reader.Bool("weights_public", true).value_or(false);
  licence.architecture_public = reader.Bool("architecture_public", true).value_or(false);
  licence.usage_information_public = reader.Bool("usage_information_public", true).value_or(false);
  return licence;
}

BaseModel ParseBaseModel(const YAML::Node& node, const std::string& path,
                         Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"name", "training_compute", "systemic_risk", "summary_url"});
  BaseModel base;
  base.name = reader.String("name", true).value_or("");
  base.summary_url = reader.String("summary_url").value_or("");
  if (!base.summary_url.empty() && base.summary_url.rfind("https://", 0) != 0 &&
      base.summary_url.rfind("http://", 0) != 0) {
    diagnostics.Error(reader.Get("summary_url").Mark(),
                      path +
                          ".summary_url: expected an http:// or https:// link to the base "
                          "model's public training-content summary");
  }
  base.training_compute = reader.Quantity("training_compute");
  base.systemic_risk = reader.Bool("systemic_risk", true).value_or(false);
  return base;
}

HardwarePeriod ParseHardware(const YAML::Node& node, const std::string& path,
                             Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"accelerator", "precision", "peak_flops", "count", "hours", "utilization"});
  HardwarePeriod period;
  period.location = diagnostics.At(node.Mark());
  period.accelerator = reader.String("accelerator").value_or("");
  period.precision = reader.String("precision").value_or("");
  period.peak_flops = reader.Quantity("peak_flops");
  if (period.accelerator.empty() == !period.peak_flops.has_value()) {
    diagnostics.Error(node.Mark(), path +
                                       ": give exactly one of 'accelerator' (a catalogue name) "
                                       "or 'peak_flops' (FLOP/s per unit)");
  }
  period.count = reader.NumberIn("count", 1, 1e9, true).value_or(0);
  period.hours = reader.NumberIn("hours", 0, 1e7, true).value_or(0);
  period.utilization = reader.NumberIn("utilization", 0, 1, true).value_or(0);
  return period;
}

ComputeRun ParseRun(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"name", "stage", "parameters", "tokens", "operations_per_pass", "passes",
                    "hardware", "flop", "planned", "start", "known_on"});
  ComputeRun run;
  run.location = diagnostics.At(node.Mark());
  run.name = reader.String("name").value_or("");
  run.stage = reader.Choice("stage", kStages, true).value_or("");
  run.parameters = reader.Quantity("parameters");
  run.tokens = reader.Quantity("tokens");
  run.operations_per_pass = reader.Quantity("operations_per_pass");
  run.passes = reader.Quantity("passes");
  run.flop = reader.Quantity("flop");
  run.planned = reader.Bool("planned").value_or(false);
  run.start = reader.Date("start");
  run.known_on = reader.Date("known_on");
  YAML::Node hardware = reader.Sequence("hardware");
  for (size_t i = 0; i < hardware.size(); ++i) {
    run.hardware.push_back(
        ParseHardware(hardware[i], path + ".hardware[" + std::to_string(i) + "]", diagnostics));
  }
  int methods = 0;
  if (run.tokens) ++methods, run.method = ComputeMethod::kArchitecture;
  if (run.operations_per_pass || run.passes) ++methods, run.method = ComputeMethod::kOperations;
  if (reader.Has("hardware")) ++methods, run.method = ComputeMethod::kHardware;
  if (run.flop) ++methods, run.method = ComputeMethod::kReported;
  if (methods != 1) {
    diagnostics.Error(node.Mark(),
                      path +
                          ": give exactly one estimation method: 'tokens' (6 x parameters x "
                          "tokens), 'operations_per_pass' with 'passes', 'hardware' periods, "
                          "or a reported 'flop'");
  }
  if (run.method == ComputeMethod::kOperations && !(run.operations_per_pass && run.passes)) {
    diagnostics.Error(node.Mark(), path + ": 'operations_per_pass' and 'passes' go together");
  }
  if (run.method == ComputeMethod::kHardware && run.hardware.empty()) {
    diagnostics.Error(reader.MarkOf("hardware"), path + ".hardware: expected at least one period");
  }
  return run;
}

}  // namespace

std::vector<std::string_view> Modalities() { return {kModalities.begin(), kModalities.end()}; }

Model ParseModel(const YAML::Node& node, const std::string& path, Diagnostics& diagnostics) {
  MapReader reader(node, path, diagnostics,
                   {"id", "name", "versions", "modalities", "architecture", "parameters",
                    "release_date", "union_market_date", "training_continues", "licence",
                    "base_model", "compute", "gpai_rebuttal", "systemic_risk", "fulfilled",
                    "documentation", "artefacts", "training_data"});
  Model model;
  model.location = diagnostics.At(node.Mark());
  model.id = reader.String("id", true).value_or("");
  // The id names output files (docs --out, summary --out): one plain file-name part only.
  if (reader.Has("id") && !model.id.empty() && !IsPlainFileName(model.id)) {
    diagnostics.Error(reader.MarkOf("id"),
                      path + ".id: '" + model.id +
                          "' cannot name a file: expected 1 to 128 letters, digits, '.', '_' or "
                          "'-', starting with a letter or digit (no '/', '..' or spaces)");
  }
  model.name = reader.String("name", true).value_or("");
  model.versions = reader.StringList("versions");
  if (reader.Has("modalities")) {
    MapReader modalities(reader.Get("modalities"), path + ".modalities", diagnostics,
                         {"input", "output"});
    model.input_modalities = modalities.StringList("input", kModalities, true);
    model.output_modalities = modalities.StringList("output", kModalities, true);
  } else {
    diagnostics.Error(node.Mark(), path +
                                       ".modalities: required key is missing (expected "
                                       "input: [...] and output: [...])");
  }
  model.architecture =
      reader
          .Choice("architecture", {"dense-transformer", "mixture-of-experts", "diffusion", "other"})
          .value_or("dense-transformer");
  if (reader.Has("parameters")) {
    MapReader parameters(reader.Get("parameters"), path + ".parameters", diagnostics,
                         {"total", "active"});
    model.parameters_total = parameters.Quantity("total", true);
    model.parameters_active = parameters.Quantity("active");
    if (model.parameters_total && model.parameters_active &&
        *model.parameters_active > *model.parameters_total) {
      diagnostics.Error(parameters.MarkOf("active"),
                        path + ".parameters.active: exceeds parameters.total");
    }
  }
  model.release_date = reader.Date("release_date");
  model.union_market_date = reader.Date("union_market_date");
  model.training_continues = reader.Bool("training_continues").value_or(false);
  if (reader.Has("licence")) {
    model.licence = ParseLicence(reader.Get("licence"), path + ".licence", diagnostics);
  }
  if (reader.Has("base_model")) {
    model.base_model = ParseBaseModel(reader.Get("base_model"), path + ".base_model", diagnostics);
  }
  if (reader.Has("compute")) {
    MapReader compute(reader.Get("compute"), path + ".compute", diagnostics, {"runs"});
    YAML::Node runs = compute.Sequence("runs", true);
    for (size_t i = 0; i < runs.size(); ++i) {
      model.runs.push_back(
          ParseRun(runs[i], path + ".compute.runs[" + std::to_string(i) + "]", diagnostics));
    }
  }
  if (reader.Has("gpai_rebuttal")) {
    MapReader rebuttal(reader.Get("gpai_rebuttal"), path + ".gpai_rebuttal", diagnostics,
                       {"gpai", "reason"});
    model.gpai_rebuttal = GpaiRebuttal{rebuttal.Bool("gpai", true).value_or(false),
                                       rebuttal.String("reason", true).value_or("")};
  }
  if (reader.Has("systemic_risk")) {
    MapReader systemic(reader.Get("systemic_risk"), path + ".systemic_risk", diagnostics,
                       {"designated_on", "rebuttal_accepted_on"});
    model.systemic_risk_designation = systemic.Date("designated_on");
    model.systemic_risk_rebuttal_accepted = systemic.Date("rebuttal_accepted_on");
  }
  YAML::Node fulfilled = reader.Sequence("fulfilled");
  for (size_t i = 0; i < fulfilled.size(); ++i) {
    std::string where = path + ".fulfilled[" + std::to_string(i) + "]";
    MapReader entry(fulfilled[i], where, diagnostics, {"obligation", "date", "evidence"});
    Fulfilment fulfilment;
    fulfilment.location = diagnostics.At(fulfilled[i].Mark());
    fulfilment.obligation = entry.String("obligation", true).value_or("");
    fulfilment.date = entry.Date("date", true).value_or(CivilDate());
    fulfilment.evidence = entry.String("evidence", true).value_or("");
    model.fulfilled.push_back(std::move(fulfilment));
  }
  if (reader.Has("documentation")) {
    model.documentation =
        ParseDocumentation(reader.Get("documentation"), path + ".documentation", diagnostics);
  }
  if (reader.Has("artefacts")) {
    model.artefacts = ParseArtefacts(reader.Get("artefacts"), path + ".artefacts", diagnostics);
  }
  if (reader.Has("training_data")) {
    model.training_data =
        ParseTrainingData(reader.Get("training_data"), path + ".training_data", diagnostics);
  }
  return model;
}

}  // namespace gpaikit::project
