// Inference FLOP for a benchmark (Kaplan et al. 2020, section 2.1, Table 1: forward pass
// C_forward = 2N + 2 n_layer n_ctx d_attn per token), kept in the project for rows 8.3-8.4.
#include "gpaikit/energy/inference.h"

#include <algorithm>

#include "gpaikit/base/files.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/energy/records.h"

namespace gpaikit::energy {
namespace {

// Sum over the positions t = 1..n of min(t, context): the tokens each token attends to when
// every token attends to all earlier tokens of its task (cached keys and values), at most the
// context length.
double AttendedTokens(double n, std::optional<double> context) {
  double c = context ? *context : n;
  if (n <= c) return n * (n + 1) / 2;
  return c * (c + 1) / 2 + (n - c) * c;
}

std::string Figure(double value) { return FormatPowerOfTen(value, 3); }

std::filesystem::path InferencePath(const std::filesystem::path& root, const std::string& model) {
  std::string name = model;
  for (char& c : name)
    if (c == '/' || c == '\\') c = '_';
  return RecordsDir(root) / "inference" / (name + ".json");
}

}  // namespace

Result<InferenceEstimate> EstimateInference(const Benchmark& benchmark, const std::string& model,
                                            std::optional<double> model_parameters,
                                            const std::string& parameters_note) {
  std::optional<double> active = benchmark.active_parameters;
  std::string active_note = "active parameters from the benchmark file";
  if (!active) {
    active = model_parameters;
    active_note = parameters_note;
  }
  if (!active || *active <= 0) {
    return Status::InvalidInput("no active parameter count for model " + model +
                                ": give architecture.active_parameters in the benchmark file or "
                                "parameters in gpaikit.yaml");
  }
  const double per_layer = 2 * benchmark.layers * benchmark.attention_width;
  double flop = 0, tokens = 0;
  bool truncated = false;
  std::vector<std::string> terms;
  for (const BenchmarkTask& task : benchmark.tasks) {
    double n = task.prompt_tokens + task.output_tokens;
    if (benchmark.context_length && n > *benchmark.context_length) truncated = true;
    double task_flop = 2 * *active * n + per_layer * AttendedTokens(n, benchmark.context_length);
    flop += task.count * task_flop;
    tokens += task.count * n;
    terms.push_back(Figure(task.count) + " x '" + task.name + "' (" + Figure(task.prompt_tokens) +
                    " prompt + " + Figure(task.output_tokens) +
                    " output tokens: " + FormatPowerOfTen(task_flop, 2) + " FLOP)");
  }
  InferenceEstimate estimate;
  estimate.model = model;
  estimate.benchmark = benchmark.name;
  estimate.flop = flop;
  estimate.tokens = tokens;
  estimate.active_parameters = *active;
  estimate.hardware = benchmark.hardware;
  std::string method =
      "Benchmark '" + benchmark.name + "'" +
      (benchmark.description.empty() ? "" : " (" + benchmark.description + ")") + ": " +
      FormatPowerOfTen(tokens, 2) + " tokens processed in " +
      [&] {
        std::string joined;
        for (const std::string& term : terms) joined += (joined.empty() ? "" : ", ") + term;
        return joined;
      }() +
      ", on " + benchmark.hardware +
      ". Estimated from the architecture, not metered: FLOP per token = 2 x active parameters + "
      "2 x layers x attention width x tokens attended (Kaplan et al. 2020, Scaling Laws for "
      "Neural Language Models, Table 1), with N = " +
      Figure(*active) + " (" + active_note + "), " + Figure(benchmark.layers) +
      " layers, "
      "attention width " +
      Figure(benchmark.attention_width) +
      ". Assumptions: every prompt and output token passes the model forward once (cached keys "
      "and values); token t attends to the t tokens up to it" +
      (benchmark.context_length
           ? ", at most the context length " + Figure(*benchmark.context_length)
           : std::string()) +
      "; a multiply-add counts 2 FLOP; embeddings, sampling, padding and batching overhead are "
      "not counted.";
  if (truncated) {
    method +=
        " Some tasks are longer than the context length; their later tokens are counted "
        "with the full context (a sliding window).";
  }
  estimate.method = method;
  return estimate;
}

nlohmann::json InferenceJson(const InferenceEstimate& estimate) {
  return {{"schema", "gpaikit.energy-inference/1"},
          {"model", estimate.model},
          {"benchmark", estimate.benchmark},
          {"flop", estimate.flop},
          {"flop_text", FormatPowerOfTen(estimate.flop, 2)},
          {"tokens", estimate.tokens},
          {"active_parameters", estimate.active_parameters},
          {"hardware", estimate.hardware},
          {"method", estimate.method}};
}

Status SaveInference(const std::filesystem::path& project_root, const InferenceEstimate& estimate) {
  return WriteFile(InferencePath(project_root, estimate.model),
                   InferenceJson(estimate).dump(2) + "\n");
}

Result<std::optional<InferenceEstimate>> LoadInference(const std::filesystem::path& project_root,
                                                       const std::string& model) {
  std::filesystem::path path = InferencePath(project_root, model);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return std::optional<InferenceEstimate>();
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  nlohmann::json json = nlohmann::json::parse(*text, nullptr, false);
  auto string = [&](const char* key) {
    return json.contains(key) && json[key].is_string() ? json[key].get<std::string>() : "";
  };
  if (!json.is_object() || string("schema") != "gpaikit.energy-inference/1" ||
      !json.contains("flop") || !json["flop"].is_number()) {
    return Status::InvalidInput(path.string() +
                                ": expected a gpaikit.energy-inference/1 document (written by "
                                "gpaikit energy inference)");
  }
  InferenceEstimate estimate;
  estimate.model = string("model");
  estimate.benchmark = string("benchmark");
  estimate.flop = json["flop"].get<double>();
  estimate.hardware = string("hardware");
  estimate.method = string("method");
  if (json.contains("tokens") && json["tokens"].is_number()) estimate.tokens = json["tokens"];
  return std::optional<InferenceEstimate>(std::move(estimate));
}

}  // namespace gpaikit::energy
