// Inference compute on a benchmark for the Form's rows 8.3 and 8.4: FLOP per token from the
// architecture, 2 x active parameters plus the attention term over the context (Kaplan et al.
// 2020, "Scaling Laws for Neural Language Models", section 2.1 and Table 1; docs/energy.md).
#ifndef GPAIKIT_ENERGY_INFERENCE_H_
#define GPAIKIT_ENERGY_INFERENCE_H_

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/source_location.h"
#include "gpaikit/base/status.h"

namespace gpaikit::energy {

// One kind of task of a benchmark: `count` tasks, each of prompt and output tokens.
struct BenchmarkTask {
  std::string name;
  double prompt_tokens = 0;
  double output_tokens = 0;
  double count = 1;
  SourceLocation location;
};

// A benchmark file (docs/energy.md "Benchmark file").
struct Benchmark {
  std::string name;
  std::string description;
  std::string hardware;  // as row 8.4 asks: "8 NVIDIA H100 SXM"
  std::optional<double> active_parameters;
  double layers = 0;
  double attention_width = 0;  // d_attn: heads x head dimension
  std::optional<double> context_length;
  std::vector<BenchmarkTask> tasks;
};

// Parses a benchmark file; every problem is reported at file:line:column in one InvalidInput.
Result<Benchmark> ParseBenchmark(std::string_view text, const std::string& file);
Result<Benchmark> LoadBenchmark(const std::filesystem::path& path);

// The result for one model: what rows 8.3 and 8.4 state.
struct InferenceEstimate {
  std::string model;
  std::string benchmark;
  double flop = 0;
  double tokens = 0;
  double active_parameters = 0;
  std::string hardware;
  std::string method;  // the formula, the figures and every assumption, as row 8.4's text
};

// `model_parameters` is the model's active (else total) parameter count from gpaikit.yaml, used
// when the benchmark file gives none; `parameters_note` says which it is.
Result<InferenceEstimate> EstimateInference(const Benchmark& benchmark, const std::string& model,
                                            std::optional<double> model_parameters,
                                            const std::string& parameters_note);

// Kept in the project (.gpaikit/energy/inference/<model>.json) for the Form to read.
nlohmann::json InferenceJson(const InferenceEstimate& estimate);
Status SaveInference(const std::filesystem::path& project_root, const InferenceEstimate& estimate);
// The saved estimate of `model`; nullopt when there is none.
Result<std::optional<InferenceEstimate>> LoadInference(const std::filesystem::path& project_root,
                                                       const std::string& model);

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_INFERENCE_H_
