// CPU package and DRAM energy through the Linux powercap interface (RAPL): the cumulative
// energy_uj counters with their wraparound at max_energy_range_uj (Linux kernel documentation,
// "Power Capping Framework", Documentation/power/powercap/powercap.rst).
#ifndef GPAIKIT_ENERGY_RAPL_H_
#define GPAIKIT_ENERGY_RAPL_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gpaikit::energy {

// One powercap zone the meter reads: a CPU package or a DRAM domain.
struct RaplZone {
  std::filesystem::path dir;  // e.g. /sys/class/powercap/intel-rapl:0
  std::string name;           // the zone's "name" file: "package-0", "dram"
  std::string domain;         // "cpu-package" or "dram"
  double range_joules = 0;    // max_energy_range_uj / 1e6: where the counter wraps
};

// The zones under `root` worth metering: packages (intel-rapl:N) and their DRAM subzones
// (intel-rapl:N:M named "dram"). Core, uncore and psys zones are left out because packages
// contain core and uncore, and psys contains everything (counting them would count twice).
// Zones whose energy_uj cannot be read (root-only since Linux 5.10) are put in `unreadable`.
std::vector<RaplZone> FindRaplZones(const std::filesystem::path& root,
                                    std::vector<std::string>& unreadable);
// The zone's counter in joules; nullopt when it cannot be read now.
std::optional<double> ReadRaplJoules(const RaplZone& zone);

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_RAPL_H_
