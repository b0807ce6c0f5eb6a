// Aggregating energy records without double counting (device id x time), and the report's text,
// JSON and row 8.2 method (docs/energy.md "Report").
#include "gpaikit/energy/report.h"

#include <algorithm>
#include <ctime>
#include <tuple>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/join.h"
#include "gpaikit/base/numbers.h"

namespace gpaikit::energy {
namespace {

std::string UtcTime(double unix_seconds) {
  return UtcTimestamp(static_cast<std::time_t>(unix_seconds));
}

std::string Mwh(double joules) { return FormatPowerOfTen(joules / kJoulesPerMegawattHour, 2); }

std::string Count(size_t n, const std::string& what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

double RunEnergy::JoulesOf(std::string_view domain) const {
  double sum = 0;
  for (const DeviceEnergy& device : devices)
    if (device.domain == domain) sum += device.joules;
  return sum;
}

bool RunEnergy::Uses(std::string_view method) const {
  for (const DeviceEnergy& device : devices)
    if (device.methods.count(std::string(method))) return true;
  return false;
}

const RunEnergy* EnergyReport::Find(std::string_view run) const {
  for (const RunEnergy& r : runs)
    if (r.run == run) return &r;
  return nullptr;
}

EnergyReport Aggregate(const std::vector<Record>& records, const std::set<std::string>& runs) {
  std::vector<const Record*> sorted;
  for (const Record& record : records)
    if (runs.empty() || runs.count(record.run)) sorted.push_back(&record);
  // Stable: of two records with the same device and times, the one read first counts.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Record* a, const Record* b) {
    return std::tie(a->device, a->start, a->end, a->run, a->node) <
           std::tie(b->device, b->start, b->end, b->run, b->node);
  });
  std::map<std::string, RunEnergy> by_run;
  std::map<std::pair<std::string, std::string>, DeviceEnergy> by_device;  // (run, device)
  std::map<std::string, double> covered_until;                            // by device
  for (const Record* record : sorted) {
    RunEnergy& run = by_run[record->run];
    if (run.run.empty()) {
      run.run = record->run;
      run.start = record->start;
      run.end = record->end;
    }
    run.start = std::min(run.start, record->start);
    run.end = std::max(run.end, record->end);
    run.nodes.insert(record->node);
    run.samples_lost += record->samples_lost;
    auto covered = covered_until.find(record->device);
    double from = record->start;
    if (covered != covered_until.end()) from = std::max(from, covered->second);
    double length = record->end - record->start;
    double fraction =
        length > 0
            ? std::max(0.0, record->end - from) / length
            : (covered != covered_until.end() && covered->second > record->start ? 0.0 : 1.0);
    double counted = record->joules * fraction;
    run.duplicate_joules += record->joules - counted;
    run.duplicate_seconds += std::max(0.0, std::min(record->end, from) - record->start);
    covered_until[record->device] = std::max(from, record->end);
    DeviceEnergy& device = by_device[{record->run, record->device}];
    device.device = record->device;
    device.domain = record->domain;
    device.node = record->node;
    device.joules += counted;
    device.seconds += std::max(0.0, record->end - from);
    device.methods.insert(record->method);
    device.samples_lost += record->samples_lost;
    run.joules += counted;
  }
  for (auto& [key, device] : by_device) by_run[key.first].devices.push_back(std::move(device));
  EnergyReport report;
  for (auto& [name, run] : by_run) {
    report.joules += run.joules;
    report.duplicate_joules += run.duplicate_joules;
    report.samples_lost += run.samples_lost;
    report.runs.push_back(std::move(run));
  }
  return report;
}

std::string MeasuredMethod(const std::vector<const RunEnergy*>& runs,
                           const FacilityOverhead& overhead) {
  std::set<std::string> nodes, counter_gpus, power_gpus, packages, drams, names;
  double joules = 0, duplicate = 0;
  int lost = 0;
  for (const RunEnergy* run : runs) {
    names.insert(run->run);
    nodes.insert(run->nodes.begin(), run->nodes.end());
    joules += run->joules;
    duplicate += run->duplicate_joules;
    lost += run->samples_lost;
    for (const DeviceEnergy& device : run->devices) {
      if (device.domain == "gpu") {
        (device.methods.count(std::string(kMethodNvmlPower)) ? power_gpus : counter_gpus)
            .insert(device.device);
      } else if (device.domain == "dram") {
        drams.insert(device.device);
      } else {
        packages.insert(device.device);
      }
    }
  }
  std::vector<std::string> metered;
  if (!counter_gpus.empty()) {
    metered.push_back(Count(counter_gpus.size(), "GPU") +
                      " through NVML's cumulative energy counter");
  }
  if (!power_gpus.empty()) {
    metered.push_back(Count(power_gpus.size(), "GPU") +
                      " through NVML power samples integrated over time (no energy counter)");
  }
  if (!packages.empty()) {
    metered.push_back(Count(packages.size(), "CPU package") + " through Linux powercap (RAPL)");
  }
  if (!drams.empty()) metered.push_back(Count(drams.size(), "DRAM domain") + " through RAPL");
  std::string text = "Measured with gpaikit energy measure (" + Count(nodes.size(), "node") +
                     ", compute run" + (names.size() == 1 ? " " : "s ") +
                     Join(std::vector<std::string>(names.begin(), names.end()), ", ") +
                     "): " + (metered.empty() ? "no device" : Join(metered, "; ")) +
                     ". Each device is counted once for overlapping time, by device id";
  if (duplicate > 0) text += " (" + Mwh(duplicate) + " MWh of overlapping records left out)";
  text += ". Not metered: networking, storage, cooling and other facility loads beyond the PUE";
  if (!packages.empty()) text += "; CPU energy is the whole node's";
  text += ".";
  if (lost > 0)
    text += " " + Count(static_cast<size_t>(lost), "reading") + " failed and were not counted.";
  double it_mwh = joules / kJoulesPerMegawattHour;
  text += " IT energy " + FormatPowerOfTen(it_mwh, 2) + " MWh x PUE " +
          FormatPowerOfTen(overhead.pue, 3) + " (" +
          (overhead.stated_by_provider ? "stated by the provider: " : "default: ") +
          overhead.source + ") = " + FormatPowerOfTen(it_mwh * overhead.pue, 2) + " MWh.";
  return text;
}

nlohmann::json ReportJson(const EnergyReport& report, const FacilityOverhead& overhead,
                          const std::vector<std::string>& problems) {
  nlohmann::json runs = nlohmann::json::array();
  for (const RunEnergy& run : report.runs) {
    nlohmann::json devices = nlohmann::json::array();
    for (const DeviceEnergy& device : run.devices) {
      devices.push_back({{"device", device.device},
                         {"domain", device.domain},
                         {"node", device.node},
                         {"joules", device.joules},
                         {"seconds", device.seconds},
                         {"methods", device.methods},
                         {"samples_lost", device.samples_lost}});
    }
    runs.push_back({{"run", run.run},
                    {"start", UtcTime(run.start)},
                    {"end", UtcTime(run.end)},
                    {"nodes", run.nodes},
                    {"measured_joules", run.joules},
                    {"measured_mwh", run.joules / kJoulesPerMegawattHour},
                    {"duplicate_joules_left_out", run.duplicate_joules},
                    {"samples_lost", run.samples_lost},
                    {"devices", devices}});
  }
  double it_mwh = report.joules / kJoulesPerMegawattHour;
  return {{"schema", "gpaikit.energy-report/1"},
          {"runs", runs},
          {"measured",
           {{"joules", report.joules},
            {"it_mwh", it_mwh},
            {"facility_mwh", it_mwh * overhead.pue},
            {"facility_mwh_text", FormatPowerOfTen(it_mwh * overhead.pue, 2)}}},
          {"pue",
           {{"value", overhead.pue},
            {"source", overhead.source},
            {"stated_by_provider", overhead.stated_by_provider}}},
          {"duplicate_joules_left_out", report.duplicate_joules},
          {"samples_lost", report.samples_lost},
          {"problems", problems}};
}

std::string ReportText(const EnergyReport& report, const FacilityOverhead& overhead,
                       const std::vector<std::string>& problems) {
  std::string text;
  for (const std::string& problem : problems) text += "bad record: " + problem + "\n";
  if (report.runs.empty()) return text + "no energy records\n";
  for (const RunEnergy& run : report.runs) {
    text += "run " + run.run + ": " + Mwh(run.joules) + " MWh measured (IT) on " +
            Count(run.nodes.size(), "node") + ", " + UtcTime(run.start) + " to " +
            UtcTime(run.end) + "\n";
    for (const DeviceEnergy& device : run.devices) {
      text += "  " + device.device + " (" + device.domain + ", " + device.node +
              "): " + FormatPowerOfTen(device.joules / 3.6e6, 3) + " kWh, " +
              Join(std::vector<std::string>(device.methods.begin(), device.methods.end()), ", ") +
              (device.samples_lost
                   ? ", " + Count(static_cast<size_t>(device.samples_lost), "sample") + " lost"
                   : "") +
              "\n";
    }
  }
  std::vector<const RunEnergy*> all;
  for (const RunEnergy& run : report.runs) all.push_back(&run);
  text += "measured: " + Mwh(report.joules * overhead.pue) + " MWh with PUE " +
          FormatPowerOfTen(overhead.pue, 3) + "\n";
  text += "method: " + MeasuredMethod(all, overhead) + "\n";
  return text;
}

}  // namespace gpaikit::energy
