// The benchmark file of `gpaikit energy inference` (docs/energy.md "Benchmark file"): strict
// YAML with every problem at file:line:column.
#include "base/yaml_reader.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/energy/inference.h"

namespace gpaikit::energy {
namespace {

// Limits that keep every product of the formula finite (DESIGN.md "Inputs": limits are explicit).
constexpr double kMostTokens = 1e15;
constexpr double kMostParameters = 1e16;

// A quantity in [min, max]; an error naming the key and the range otherwise.
std::optional<double> Bounded(MapReader& map, std::string_view key, double min, double max,
                              bool required) {
  std::optional<double> value = map.Quantity(key, required);
  if (value && (*value < min || *value > max)) {
    map.diagnostics().Error(map.MarkOf(key), map.PathOf(key) + ": expected a number from " +
                                                 FormatPowerOfTen(min, 3) + " to " +
                                                 FormatPowerOfTen(max, 3));
    return std::nullopt;
  }
  return value;
}

}  // namespace

Result<Benchmark> ParseBenchmark(std::string_view text, const std::string& file) {
  Result<YAML::Node> root = ParseYaml(text, file);
  if (!root.ok()) return root.status();
  Diagnostics diagnostics(file);
  MapReader map(*root, "", diagnostics,
                {"format", "benchmark", "description", "hardware", "architecture", "tasks"});
  Benchmark benchmark;
  std::optional<int> format = map.Integer("format", true);
  if (format && *format != 1) {
    diagnostics.Error(map.MarkOf("format"), "format: expected 1 (the only version)");
  }
  benchmark.name = map.String("benchmark", true).value_or("");
  benchmark.description = map.String("description").value_or("");
  benchmark.hardware = map.String("hardware", true).value_or("");
  if (map.Has("architecture")) {
    MapReader architecture(map.Get("architecture"), "architecture", diagnostics,
                           {"active_parameters", "layers", "attention_width", "context_length"});
    benchmark.active_parameters =
        Bounded(architecture, "active_parameters", 1, kMostParameters, false);
    benchmark.layers = Bounded(architecture, "layers", 1, 1e6, true).value_or(0);
    benchmark.attention_width = Bounded(architecture, "attention_width", 1, 1e7, true).value_or(0);
    benchmark.context_length = Bounded(architecture, "context_length", 1, kMostTokens, false);
  } else {
    diagnostics.Error(map.MarkOf("architecture"),
                      "architecture: required (layers and attention_width for the attention "
                      "term of FLOP per token)");
  }
  YAML::Node tasks = map.Sequence("tasks", true);
  for (size_t i = 0; i < tasks.size(); ++i) {
    std::string path = "tasks[" + std::to_string(i) + "]";
    MapReader entry(tasks[i], path, diagnostics,
                    {"name", "prompt_tokens", "output_tokens", "count"});
    BenchmarkTask task;
    task.name = entry.String("name", true).value_or("");
    task.prompt_tokens = Bounded(entry, "prompt_tokens", 0, kMostTokens, true).value_or(0);
    task.output_tokens = Bounded(entry, "output_tokens", 0, kMostTokens, true).value_or(0);
    task.count = Bounded(entry, "count", 1, kMostTokens, false).value_or(1);
    task.location = diagnostics.At(tasks[i].Mark());
    if (task.prompt_tokens + task.output_tokens <= 0 && entry.valid()) {
      diagnostics.Error(tasks[i].Mark(), path + ": expected prompt_tokens + output_tokens > 0");
    }
    benchmark.tasks.push_back(std::move(task));
  }
  if (map.Has("tasks") && tasks.size() == 0 && tasks.IsSequence()) {
    diagnostics.Error(map.MarkOf("tasks"), "tasks: expected at least one task");
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return benchmark;
}

Result<Benchmark> LoadBenchmark(const std::filesystem::path& path) {
  Result<std::string> text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseBenchmark(*text, path.string());
}

}  // namespace gpaikit::energy
