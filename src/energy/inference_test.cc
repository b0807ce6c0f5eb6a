// Inference compute on a benchmark (Form row 8.3; FLOP per token from Kaplan et al. 2020,
// Table 1) and the benchmark file's errors at file:line:column.
#include "gpaikit/energy/inference.h"

#include <gtest/gtest.h>

#include "base/temp_dir_test_util.h"

namespace gpaikit::energy {
namespace {

const char* kBenchmark =
    "format: 1\n"
    "benchmark: chat-short\n"
    "hardware: 8 NVIDIA H100 SXM\n"
    "architecture: {layers: 2, attention_width: 10, context_length: 4}\n"
    "tasks:\n"
    "  - {name: a, prompt_tokens: 2, output_tokens: 1, count: 10}\n"
    "  - {name: b, prompt_tokens: 4, output_tokens: 2}\n";

TEST(InferenceTest, FlopFromParametersAndAttention) {
  Result<Benchmark> benchmark = ParseBenchmark(kBenchmark, "b.yaml");
  ASSERT_TRUE(benchmark.ok()) << benchmark.status().message();
  Result<InferenceEstimate> estimate =
      EstimateInference(*benchmark, "m", 1000, "models[].parameters.active in gpaikit.yaml");
  ASSERT_TRUE(estimate.ok()) << estimate.status().message();
  // Task a: 3 tokens, 2N x 3 + 2 x 2 x 10 x (1 + 2 + 3) = 6000 + 240 = 6240, ten times.
  // Task b: 6 tokens over a context of 4: attended 1+2+3+4+4+4 = 18: 12000 + 40 x 18 = 12720.
  EXPECT_DOUBLE_EQ(estimate->flop, 10 * 6240 + 12720);
  EXPECT_DOUBLE_EQ(estimate->tokens, 36);
  EXPECT_NE(estimate->method.find("8 NVIDIA H100 SXM"), std::string::npos);
  EXPECT_NE(estimate->method.find("Kaplan et al. 2020"), std::string::npos);
  EXPECT_NE(estimate->method.find("models[].parameters.active in gpaikit.yaml"), std::string::npos);
  EXPECT_NE(estimate->method.find("sliding window"), std::string::npos);
}

TEST(InferenceTest, NeedsAnActiveParameterCount) {
  Result<Benchmark> benchmark = ParseBenchmark(kBenchmark, "b.yaml");
  ASSERT_TRUE(benchmark.ok());
  EXPECT_FALSE(EstimateInference(*benchmark, "m", std::nullopt, "").ok());
}

TEST(InferenceTest, ErrorsNameFileLineAndColumn) {
  Result<Benchmark> bad = ParseBenchmark(
      "format: 1\nbenchmark: x\nhardware: h\narchitecture: {layers: 0, attention_width: 8}\n"
      "tasks:\n  - {name: a, prompt_tokens: many, output_token: 1}\n",
      "bench.yaml");
  ASSERT_FALSE(bad.ok());
  const std::string& message = bad.status().message();
  EXPECT_NE(message.find("bench.yaml:4:"), std::string::npos) << message;
  EXPECT_NE(message.find("architecture.layers"), std::string::npos) << message;
  EXPECT_NE(message.find("bench.yaml:6:"), std::string::npos) << message;
  EXPECT_NE(message.find("output_tokens"), std::string::npos) << message;  // the suggestion
  Result<Benchmark> syntax = ParseBenchmark("tasks: [\n", "s.yaml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("s.yaml:"), std::string::npos);
}

TEST(InferenceTest, SavedEstimateReadsBack) {
  test_util::TempDir dir("gpaikit-energy-test");
  Result<Benchmark> benchmark = ParseBenchmark(kBenchmark, "b.yaml");
  ASSERT_TRUE(benchmark.ok());
  Result<InferenceEstimate> estimate = EstimateInference(*benchmark, "org/m-1", 1000, "p");
  ASSERT_TRUE(estimate.ok());
  ASSERT_TRUE(SaveInference(dir.path(), *estimate).ok());
  auto loaded = LoadInference(dir.path(), "org/m-1");
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_DOUBLE_EQ((*loaded)->flop, estimate->flop);
  EXPECT_EQ((*loaded)->method, estimate->method);
  auto none = LoadInference(dir.path(), "other");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace gpaikit::energy
