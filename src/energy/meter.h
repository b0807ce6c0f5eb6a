// The node meter: reads every metered device at each sample, turns counters (with resets and
// wraparound) or power samples into joules, and hands out one record per device and interval.
#ifndef GPAIKIT_ENERGY_METER_H_
#define GPAIKIT_ENERGY_METER_H_

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "energy/nvml.h"
#include "energy/rapl.h"
#include "gpaikit/energy/records.h"

namespace gpaikit::energy {

// Joules from one device's successive readings.
class EnergyAccumulator {
 public:
  // `wrap_joules`: the counter's range (RAPL max_energy_range_uj); 0 when it never wraps (NVML's
  // 64-bit millijoule counter), in which case a decrease means the counter was reset (driver
  // reload) and the new value is the energy since the reset.
  explicit EnergyAccumulator(double wrap_joules = 0) : wrap_joules_(wrap_joules) {}
  void AddCounter(double now, double counter_joules);
  // Trapezoidal integration between successive power samples.
  void AddPower(double now, double watts);
  // A failed reading: counted as lost; power integration restarts at the next sample, so that
  // the gap is not counted (the records say how many samples were lost).
  void AddLoss();
  // The joules and lost samples since the last Take, and resets them.
  double TakeJoules();
  int TakeLost();

 private:
  double wrap_joules_;
  std::optional<double> last_counter_;
  std::optional<std::pair<double, double>> last_power_;  // (time, watts)
  double joules_ = 0;
  int lost_ = 0;
};

// What the meter reads on this node.
struct MeterSetup {
  std::string run;
  std::string node;
  std::vector<RaplZone> rapl;
  // GPUs to meter from the start (CUDA_VISIBLE_DEVICES); when `follow_processes`, GPUs are added
  // as the job's processes appear on them (AddHeldGpus), counted from the start of the interval
  // in which they are first seen.
  std::vector<std::string> gpus;
  bool follow_processes = false;
};

class Meter {
 public:
  // `nvml` may be null (no driver): only RAPL is metered then.
  Meter(MeterSetup setup, const Nvml* nvml);
  // Reads every device (all GPUs, so that a GPU claimed later is counted from the start).
  void Sample(double now);
  // Starts counting GPUs the job's processes hold (process-following mode).
  void AddHeldGpus(const std::set<std::string>& uuids);
  // One record per metered device for the interval since the previous Flush (or the start).
  std::vector<Record> Flush(double now);
  const std::vector<std::string>& metered_gpus() const { return metered_gpus_; }
  const MeterSetup& setup() const { return setup_; }

 private:
  struct Device {
    std::string id;
    std::string domain;
    std::string method;
    EnergyAccumulator accumulator;
    const RaplZone* zone = nullptr;  // null for a GPU
    bool counter_missing = false;
  };
  void ReadGpu(Device& device, double now);

  MeterSetup setup_;
  const Nvml* nvml_;
  std::map<std::string, Device> devices_;  // by id; GPUs by UUID
  std::vector<std::string> metered_gpus_;
  double interval_start_ = -1;
};

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_METER_H_
