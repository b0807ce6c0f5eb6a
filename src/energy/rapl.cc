// Reading powercap (RAPL) zones: which zones count, and their energy_uj counters.
#include "energy/rapl.h"

#include <algorithm>
#include <fstream>

namespace gpaikit::energy {
namespace {

std::optional<std::string> ReadLine(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  return line;
}

std::optional<double> ReadNumber(const std::filesystem::path& path) {
  std::optional<std::string> line = ReadLine(path);
  if (!line || line->empty()) return std::nullopt;
  size_t used = 0;
  try {
    double value = std::stod(*line, &used);
    if (used == 0 || value < 0) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// "intel-rapl:0" -> 1 part after the prefix, "intel-rapl:0:1" -> 2; 0 for other folders.
int ZoneDepth(const std::string& folder) {
  constexpr std::string_view kPrefix = "intel-rapl:";
  if (!folder.starts_with(kPrefix)) return 0;
  return 1 + static_cast<int>(std::count(folder.begin() + kPrefix.size(), folder.end(), ':'));
}

}  // namespace

std::vector<RaplZone> FindRaplZones(const std::filesystem::path& root,
                                    std::vector<std::string>& unreadable) {
  std::vector<RaplZone> zones;
  std::error_code error;
  std::vector<std::filesystem::path> folders;
  for (const auto& entry : std::filesystem::directory_iterator(root, error)) {
    folders.push_back(entry.path());
  }
  std::sort(folders.begin(), folders.end());
  for (const std::filesystem::path& dir : folders) {
    int depth = ZoneDepth(dir.filename().string());
    if (depth == 0) continue;  // intel-rapl-mmio and other controls repeat the package zones
    std::optional<std::string> name = ReadLine(dir / "name");
    if (!name) continue;
    std::string domain;
    if (depth == 1 && name->starts_with("package")) domain = "cpu-package";
    if (depth == 2 && *name == "dram") domain = "dram";
    if (domain.empty()) continue;
    std::optional<double> range = ReadNumber(dir / "max_energy_range_uj");
    RaplZone zone{dir, *name, domain, range ? *range / 1e6 : 0};
    if (!range || !ReadRaplJoules(zone)) {
      unreadable.push_back(dir.string());
      continue;
    }
    zones.push_back(std::move(zone));
  }
  return zones;
}

std::optional<double> ReadRaplJoules(const RaplZone& zone) {
  std::optional<double> microjoules = ReadNumber(zone.dir / "energy_uj");
  if (!microjoules) return std::nullopt;
  return *microjoules / 1e6;
}

}  // namespace gpaikit::energy
