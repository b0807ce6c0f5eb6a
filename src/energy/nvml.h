// NVIDIA's management library loaded at run time (dlopen, as NVIDIA's own bindings do), so that
// gpaikit builds and runs on machines without a GPU (docs/energy.md "GPUs").
#ifndef GPAIKIT_ENERGY_NVML_H_
#define GPAIKIT_ENERGY_NVML_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gpaikit/base/status.h"

namespace gpaikit::energy {

// One GPU as NVML enumerates it (index in NVML order, which is PCI bus order).
struct GpuDevice {
  unsigned index = 0;
  std::string uuid;  // "GPU-8c1d..."
};

// One reading of one GPU. A failed reading (device lost, driver error) has neither value.
struct GpuReading {
  std::optional<double> energy_joules;  // the cumulative counter, when the GPU has one
  std::optional<double> power_watts;    // the power draw, read when there is no counter
  bool counter_missing = false;         // NVML says the counter is not supported
  std::string error;                    // why the reading failed, when it did
};

class Nvml {
 public:
  // The library named by GPAIKIT_NVML_LIBRARY (tests: the stand-in of the test tree), else
  // libnvidia-ml.so.1. NotFound with the loader's message when it cannot be loaded or initialised.
  static Result<std::unique_ptr<Nvml>> Load();
  ~Nvml();
  Nvml(const Nvml&) = delete;
  Nvml& operator=(const Nvml&) = delete;

  const std::vector<GpuDevice>& devices() const { return devices_; }
  // Reads the energy counter, or the power draw when the counter is missing (`prefer_power`
  // skips the counter for a device already known to lack one).
  GpuReading Read(const std::string& uuid, bool prefer_power) const;
  // The UUIDs of the GPUs on which any of `pids` runs a compute process.
  std::set<std::string> DevicesHolding(const std::set<int>& pids) const;

  struct Api;  // the resolved C functions (nvml.cc)

 private:
  Nvml(void* library, std::unique_ptr<Api> api);
  void* library_;
  std::unique_ptr<Api> api_;
  std::vector<GpuDevice> devices_;
};

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_NVML_H_
