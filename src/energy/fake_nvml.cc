// Stand-in for libnvidia-ml.so.1 in the tests: the NVML C functions the meter uses, with devices
// and counters scripted by the file named in GPAIKIT_FAKE_NVML_SCRIPT (docs/energy.md "Tests").
// One line per GPU: `UUID [energy=SEQ] [power=SEQ] [procs=FILE]`, where SEQ is comma-separated
// values consumed one per call (the last repeats): a number (mJ for energy, mW for power), `x`
// (the GPU is lost: NVML_ERROR_GPU_IS_LOST), or `rate:W` (a constant W watts: energy grows with
// the wall clock, the same in every process); `energy=none` has no energy counter
// (NVML_ERROR_NOT_SUPPORTED). procs=FILE lists the pids (one per line) running on the GPU.
// GPAIKIT_FAKE_NVML_FAIL_INIT=1 makes nvmlInit fail as without a driver.
#include <time.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kSuccess = 0;
constexpr int kInvalidArgument = 2;
constexpr int kNotSupported = 3;
constexpr int kNotFound = 6;
constexpr int kInsufficientSize = 7;
constexpr int kDriverNotLoaded = 9;
constexpr int kGpuIsLost = 15;

struct Sequence {
  std::vector<std::string> values;
  size_t next = 0;
  bool none = false;
};

struct Device {
  std::string uuid;
  Sequence energy;
  Sequence power;
  std::string procs;
};

std::vector<Device>& Devices() {
  static std::vector<Device> devices;
  return devices;
}

double WallSeconds() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

Sequence ParseSequence(const std::string& text) {
  Sequence sequence;
  if (text == "none") {
    sequence.none = true;
    return sequence;
  }
  std::stringstream list(text);
  std::string value;
  while (std::getline(list, value, ',')) sequence.values.push_back(value);
  return sequence;
}

// The next scripted value: a status and, on success, the number (`scale` per watt for rate:W).
int Next(Sequence& sequence, bool cumulative, unsigned long long* out) {
  if (sequence.none || sequence.values.empty()) return kNotSupported;
  const std::string& value = sequence.values[std::min(sequence.next, sequence.values.size() - 1)];
  ++sequence.next;
  if (value == "x") return kGpuIsLost;
  if (value.rfind("rate:", 0) == 0) {
    double watts = std::atof(value.c_str() + 5);
    // mJ since a fixed origin, or mW.
    *out = static_cast<unsigned long long>(cumulative ? watts * 1000 * (WallSeconds() - 1.7e9)
                                                      : watts * 1000);
    return kSuccess;
  }
  *out = std::strtoull(value.c_str(), nullptr, 10);
  return kSuccess;
}

}  // namespace

extern "C" {

struct FakeProcessInfo {
  unsigned int pid;
  unsigned long long used_gpu_memory;
  unsigned int gpu_instance_id;
  unsigned int compute_instance_id;
};

int nvmlInit_v2() {
  const char* fail = std::getenv("GPAIKIT_FAKE_NVML_FAIL_INIT");
  if (fail && *fail == '1') return kDriverNotLoaded;
  Devices().clear();
  const char* script = std::getenv("GPAIKIT_FAKE_NVML_SCRIPT");
  if (!script) return kSuccess;  // a driver with no GPU
  std::ifstream in(script);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    Device device;
    if (!(words >> device.uuid) || device.uuid[0] == '#') continue;
    device.energy.none = true;
    device.power.none = true;
    std::string word;
    while (words >> word) {
      size_t equals = word.find('=');
      std::string key = word.substr(0, equals);
      std::string value = equals == std::string::npos ? "" : word.substr(equals + 1);
      if (key == "energy") device.energy = ParseSequence(value);
      if (key == "power") device.power = ParseSequence(value);
      if (key == "procs") device.procs = value;
    }
    Devices().push_back(std::move(device));
  }
  return kSuccess;
}

int nvmlShutdown() { return kSuccess; }

int nvmlDeviceGetCount_v2(unsigned* count) {
  *count = static_cast<unsigned>(Devices().size());
  return kSuccess;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned index, void** device) {
  if (index >= Devices().size()) return kInvalidArgument;
  *device = &Devices()[index];
  return kSuccess;
}

int nvmlDeviceGetHandleByUUID(const char* uuid, void** device) {
  for (Device& d : Devices()) {
    if (d.uuid == uuid) {
      *device = &d;
      return kSuccess;
    }
  }
  return kNotFound;
}

int nvmlDeviceGetUUID(void* device, char* uuid, unsigned length) {
  const std::string& name = static_cast<Device*>(device)->uuid;
  if (name.size() + 1 > length) return kInsufficientSize;
  std::memcpy(uuid, name.c_str(), name.size() + 1);
  return kSuccess;
}

int nvmlDeviceGetTotalEnergyConsumption(void* device, unsigned long long* millijoules) {
  return Next(static_cast<Device*>(device)->energy, true, millijoules);
}

int nvmlDeviceGetPowerUsage(void* device, unsigned* milliwatts) {
  unsigned long long value = 0;
  int status = Next(static_cast<Device*>(device)->power, false, &value);
  *milliwatts = static_cast<unsigned>(value);
  return status;
}

int nvmlDeviceGetComputeRunningProcesses_v3(void* device, unsigned* count, FakeProcessInfo* infos) {
  std::vector<unsigned> pids;
  std::ifstream in(static_cast<Device*>(device)->procs);
  unsigned pid = 0;
  while (in >> pid) pids.push_back(pid);
  if (pids.size() > *count) {
    *count = static_cast<unsigned>(pids.size());
    return kInsufficientSize;
  }
  for (size_t i = 0; i < pids.size(); ++i) infos[i] = {pids[i], 0, 0, 0};
  *count = static_cast<unsigned>(pids.size());
  return kSuccess;
}

const char* nvmlErrorString(int status) {
  switch (status) {
    case kNotSupported:
      return "Not Supported";
    case kNotFound:
      return "Not Found";
    case kDriverNotLoaded:
      return "Driver Not Loaded";
    case kGpuIsLost:
      return "GPU is lost";
    default:
      return "Unknown Error";
  }
}

}  // extern "C"
