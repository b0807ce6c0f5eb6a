// The node meter: counters and power samples to joules per device and interval.
#include "energy/meter.h"

#include <algorithm>

namespace gpaikit::energy {

void EnergyAccumulator::AddCounter(double /*now*/, double counter_joules) {
  if (last_counter_) {
    double delta = counter_joules - *last_counter_;
    if (delta < 0) delta = wrap_joules_ > 0 ? delta + wrap_joules_ : counter_joules;
    joules_ += delta;
  }
  last_counter_ = counter_joules;
}

void EnergyAccumulator::AddPower(double now, double watts) {
  if (last_power_ && now > last_power_->first) {
    joules_ += (last_power_->second + watts) / 2 * (now - last_power_->first);
  }
  last_power_ = {now, watts};
}

void EnergyAccumulator::AddLoss() {
  ++lost_;
  last_power_.reset();
}

double EnergyAccumulator::TakeJoules() { return std::exchange(joules_, 0); }
int EnergyAccumulator::TakeLost() { return std::exchange(lost_, 0); }

Meter::Meter(MeterSetup setup, const Nvml* nvml) : setup_(std::move(setup)), nvml_(nvml) {
  for (const RaplZone& zone : setup_.rapl) {
    std::string id = "rapl:" + setup_.node + ":" + zone.dir.filename().string();
    devices_.emplace(id, Device{id, zone.domain, std::string(kMethodRapl),
                                EnergyAccumulator(zone.range_joules), &zone, false});
  }
  if (nvml_) {
    for (const GpuDevice& gpu : nvml_->devices()) {
      devices_.emplace(gpu.uuid, Device{gpu.uuid, "gpu", std::string(kMethodNvmlCounter),
                                        EnergyAccumulator(), nullptr, false});
    }
  }
  for (const std::string& uuid : setup_.gpus) {
    if (devices_.count(uuid)) metered_gpus_.push_back(uuid);
  }
}

void Meter::ReadGpu(Device& device, double now) {
  GpuReading reading = nvml_->Read(device.id, device.counter_missing);
  if (reading.counter_missing && !device.counter_missing) {
    device.counter_missing = true;
    device.method = std::string(kMethodNvmlPower);
  }
  if (reading.energy_joules) {
    device.accumulator.AddCounter(now, *reading.energy_joules);
  } else if (reading.power_watts) {
    device.accumulator.AddPower(now, *reading.power_watts);
  } else {
    device.accumulator.AddLoss();
  }
}

void Meter::Sample(double now) {
  if (interval_start_ < 0) interval_start_ = now;
  for (auto& [id, device] : devices_) {
    if (device.zone) {
      std::optional<double> joules = ReadRaplJoules(*device.zone);
      if (joules) {
        device.accumulator.AddCounter(now, *joules);
      } else {
        device.accumulator.AddLoss();
      }
    } else if (nvml_) {
      ReadGpu(device, now);
    }
  }
}

void Meter::AddHeldGpus(const std::set<std::string>& uuids) {
  for (const std::string& uuid : uuids) {
    if (!devices_.count(uuid)) continue;
    if (std::find(metered_gpus_.begin(), metered_gpus_.end(), uuid) == metered_gpus_.end()) {
      metered_gpus_.push_back(uuid);
    }
  }
}

std::vector<Record> Meter::Flush(double now) {
  std::vector<Record> records;
  double start = interval_start_ < 0 ? now : interval_start_;
  for (auto& [id, device] : devices_) {
    double joules = device.accumulator.TakeJoules();
    int lost = device.accumulator.TakeLost();
    bool metered = device.zone ||
                   std::find(metered_gpus_.begin(), metered_gpus_.end(), id) != metered_gpus_.end();
    if (!metered) continue;
    records.push_back(Record{setup_.run, setup_.node, id, device.domain, start, now, joules,
                             device.method, lost});
  }
  interval_start_ = now;
  return records;
}

}  // namespace gpaikit::energy
