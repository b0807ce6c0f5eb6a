// NVML through dlopen: the few C functions the meter uses, declared here with NVML's documented
// signatures (NVML API Reference: nvmlDeviceGetTotalEnergyConsumption in mJ since the driver was
// loaded, nvmlDeviceGetPowerUsage in mW, nvmlDeviceGetComputeRunningProcesses).
#include "energy/nvml.h"

#include <dlfcn.h>

#include <cstdlib>

namespace gpaikit::energy {
namespace {

using NvmlReturn = int;    // nvmlReturn_t
using NvmlDevice = void*;  // nvmlDevice_t, an opaque handle
constexpr NvmlReturn kSuccess = 0;
constexpr NvmlReturn kNotSupported = 3;
constexpr unsigned kUuidBuffer = 96;  // NVML_DEVICE_UUID_V2_BUFFER_SIZE
constexpr int kMaxProcesses = 256;

// nvmlProcessInfo_t of the _v2/_v3 process queries.
struct NvmlProcessInfo {
  unsigned int pid;
  unsigned long long used_gpu_memory;
  unsigned int gpu_instance_id;
  unsigned int compute_instance_id;
};

template <typename F>
bool Resolve(void* library, const char* name, F& function) {
  function = reinterpret_cast<F>(dlsym(library, name));
  return function != nullptr;
}

}  // namespace

struct Nvml::Api {
  NvmlReturn (*init)() = nullptr;
  NvmlReturn (*shutdown)() = nullptr;
  NvmlReturn (*count)(unsigned*) = nullptr;
  NvmlReturn (*handle_by_index)(unsigned, NvmlDevice*) = nullptr;
  NvmlReturn (*handle_by_uuid)(const char*, NvmlDevice*) = nullptr;
  NvmlReturn (*uuid)(NvmlDevice, char*, unsigned) = nullptr;
  NvmlReturn (*energy)(NvmlDevice, unsigned long long*) = nullptr;
  NvmlReturn (*power)(NvmlDevice, unsigned*) = nullptr;
  NvmlReturn (*processes)(NvmlDevice, unsigned*, NvmlProcessInfo*) = nullptr;
  const char* (*error_string)(NvmlReturn) = nullptr;

  std::string Error(NvmlReturn code) const {
    if (error_string) return error_string(code);
    return "NVML error " + std::to_string(code);
  }
};

Nvml::Nvml(void* library, std::unique_ptr<Api> api) : library_(library), api_(std::move(api)) {}

Result<std::unique_ptr<Nvml>> Nvml::Load() {
  const char* chosen = std::getenv("GPAIKIT_NVML_LIBRARY");
  std::string name = chosen && *chosen ? chosen : "libnvidia-ml.so.1";
  void* library = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char* why = dlerror();
    return Status::NotFound("no NVIDIA driver library (" + name + "): " + (why ? why : "?"));
  }
  auto api = std::make_unique<Api>();
  bool ok =
      (Resolve(library, "nvmlInit_v2", api->init) || Resolve(library, "nvmlInit", api->init)) &&
      Resolve(library, "nvmlShutdown", api->shutdown) &&
      (Resolve(library, "nvmlDeviceGetCount_v2", api->count) ||
       Resolve(library, "nvmlDeviceGetCount", api->count)) &&
      (Resolve(library, "nvmlDeviceGetHandleByIndex_v2", api->handle_by_index) ||
       Resolve(library, "nvmlDeviceGetHandleByIndex", api->handle_by_index)) &&
      Resolve(library, "nvmlDeviceGetHandleByUUID", api->handle_by_uuid) &&
      Resolve(library, "nvmlDeviceGetUUID", api->uuid) &&
      Resolve(library, "nvmlDeviceGetPowerUsage", api->power);
  if (!ok) {
    dlclose(library);
    return Status::NotFound(name + " lacks the NVML functions the meter needs");
  }
  // Optional: older drivers (before Volta) have no energy counter; the process query has had
  // three versions with the same record layout for _v2 and _v3.
  Resolve(library, "nvmlDeviceGetTotalEnergyConsumption", api->energy);
  if (!Resolve(library, "nvmlDeviceGetComputeRunningProcesses_v3", api->processes)) {
    Resolve(library, "nvmlDeviceGetComputeRunningProcesses_v2", api->processes);
  }
  Resolve(library, "nvmlErrorString", api->error_string);
  NvmlReturn init = api->init();
  if (init != kSuccess) {
    std::string why = api->Error(init);
    dlclose(library);
    return Status::NotFound("NVML did not initialise (" + name + "): " + why);
  }
  std::unique_ptr<Nvml> nvml(new Nvml(library, std::move(api)));
  unsigned count = 0;
  if (nvml->api_->count(&count) != kSuccess) count = 0;
  for (unsigned i = 0; i < count; ++i) {
    NvmlDevice device = nullptr;
    char uuid[kUuidBuffer] = {};
    if (nvml->api_->handle_by_index(i, &device) != kSuccess) continue;
    if (nvml->api_->uuid(device, uuid, kUuidBuffer) != kSuccess) continue;
    nvml->devices_.push_back({i, uuid});
  }
  return nvml;
}

Nvml::~Nvml() {
  api_->shutdown();
  dlclose(library_);
}

GpuReading Nvml::Read(const std::string& uuid, bool prefer_power) const {
  GpuReading reading;
  NvmlDevice device = nullptr;
  NvmlReturn found = api_->handle_by_uuid(uuid.c_str(), &device);
  if (found != kSuccess) {
    reading.error = api_->Error(found);
    return reading;
  }
  if (!api_->energy) reading.counter_missing = true;
  if (api_->energy && !prefer_power) {
    unsigned long long millijoules = 0;
    NvmlReturn code = api_->energy(device, &millijoules);
    if (code == kSuccess) {
      reading.energy_joules = static_cast<double>(millijoules) / 1e3;
      return reading;
    }
    if (code != kNotSupported) {
      reading.error = api_->Error(code);
      return reading;
    }
    reading.counter_missing = true;
  }
  unsigned milliwatts = 0;
  NvmlReturn code = api_->power(device, &milliwatts);
  if (code == kSuccess) {
    reading.power_watts = milliwatts / 1e3;
  } else {
    reading.error = api_->Error(code);
  }
  return reading;
}

std::set<std::string> Nvml::DevicesHolding(const std::set<int>& pids) const {
  std::set<std::string> held;
  if (!api_->processes) return held;
  for (const GpuDevice& gpu : devices_) {
    NvmlDevice device = nullptr;
    if (api_->handle_by_uuid(gpu.uuid.c_str(), &device) != kSuccess) continue;
    NvmlProcessInfo infos[kMaxProcesses];
    unsigned count = kMaxProcesses;
    NvmlReturn code = api_->processes(device, &count, infos);
    if (code != kSuccess) continue;  // kInsufficientSize: more than kMaxProcesses
    for (unsigned i = 0; i < count && i < kMaxProcesses; ++i) {
      if (pids.count(static_cast<int>(infos[i].pid))) held.insert(gpu.uuid);
    }
  }
  return held;
}

}  // namespace gpaikit::energy
