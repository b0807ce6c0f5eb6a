// libFuzzer target: the benchmark file parser of `gpaikit energy inference` must never crash,
// and what it accepts must give a finite estimate, whatever the bytes.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gpaikit/energy/inference.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gpaikit::Result<gpaikit::energy::Benchmark> benchmark =
      gpaikit::energy::ParseBenchmark(text, "fuzz-benchmark.yaml");
  if (!benchmark.ok()) return 0;
  auto estimate = gpaikit::energy::EstimateInference(*benchmark, "m", 7e9, "fuzz");
  if (estimate.ok() && std::isnan(estimate->flop)) std::abort();
  return 0;
}
