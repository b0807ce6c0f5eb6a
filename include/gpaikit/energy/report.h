// `gpaikit energy report`: energy records aggregated across nodes and runs with no device counted
// twice for overlapping time, and the figures the Form's rows 8.1-8.2 take from them (AI Act
// Annex XI 2(e); Code of Practice, Transparency, Measure 1.1, Form section 8).
#ifndef GPAIKIT_ENERGY_REPORT_H_
#define GPAIKIT_ENERGY_REPORT_H_

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "gpaikit/energy/records.h"

namespace gpaikit::energy {

// One device's energy within one run, after overlaps were removed.
struct DeviceEnergy {
  std::string device;
  std::string domain;
  std::string node;
  double joules = 0;
  double seconds = 0;
  std::set<std::string> methods;
  int samples_lost = 0;
};

struct RunEnergy {
  std::string run;
  double start = 0;  // Unix seconds of the first and last record
  double end = 0;
  double joules = 0;
  std::set<std::string> nodes;
  std::vector<DeviceEnergy> devices;  // by device id
  // What was left out because another record already covered the device for that time.
  double duplicate_joules = 0;
  double duplicate_seconds = 0;
  int samples_lost = 0;
  double JoulesOf(std::string_view domain) const;
  bool Uses(std::string_view method) const;
};

// Facility overhead (PUE): the provider's own figure, or the documented default of
// data/accelerators.yaml, with its source as the method text names it.
struct FacilityOverhead {
  double pue = 1;
  std::string source;
  bool stated_by_provider = false;
};

struct EnergyReport {
  std::vector<RunEnergy> runs;  // by name
  double joules = 0;            // metered IT energy of all runs
  double duplicate_joules = 0;
  int samples_lost = 0;
  const RunEnergy* Find(std::string_view run) const;
};

// Aggregates `records` of the runs named in `runs` (all when empty). A device (GPU UUID, or a
// node's RAPL zone) is counted once for any stretch of time: when records of the same device
// overlap (several meters on a node, two runs sharing a node), the earlier record counts and the
// later one only for its uncovered part, pro rata.
EnergyReport Aggregate(const std::vector<Record>& records, const std::set<std::string>& runs = {});

inline constexpr double kJoulesPerMegawattHour = 3.6e9;

// The method text of row 8.2 for measured runs: what was metered (GPUs by counter or power
// samples, CPU packages, DRAM), on how many nodes, what was not (networking, storage, cooling
// beyond the PUE), samples lost, overlaps removed, and the PUE with its source.
std::string MeasuredMethod(const std::vector<const RunEnergy*>& runs,
                           const FacilityOverhead& overhead);

// `gpaikit energy report --format json`: {"schema": "gpaikit.energy-report/1", ...}.
nlohmann::json ReportJson(const EnergyReport& report, const FacilityOverhead& overhead,
                          const std::vector<std::string>& problems);
std::string ReportText(const EnergyReport& report, const FacilityOverhead& overhead,
                       const std::vector<std::string>& problems);

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_REPORT_H_
