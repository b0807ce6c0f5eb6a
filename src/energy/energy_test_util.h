// Test helpers for the energy module: the stand-in NVML library with a scripted device file, and
// a fake powercap tree (docs/energy.md "Tests").
#ifndef GPAIKIT_ENERGY_ENERGY_TEST_UTIL_H_
#define GPAIKIT_ENERGY_ENERGY_TEST_UTIL_H_

#include <stdlib.h>

#include <string>

#include "base/temp_dir_test_util.h"

namespace gpaikit::energy::testing {

// Points the NVML loader at the stand-in library with `script` (fake_nvml.cc's format) as its
// devices; the variables stay set until the next call.
inline void UseFakeNvml(const test_util::TempDir& dir, const std::string& script) {
  setenv("GPAIKIT_NVML_LIBRARY", GPAIKIT_FAKE_NVML_PATH, 1);
  setenv("GPAIKIT_FAKE_NVML_SCRIPT", dir.Write("nvml-script", script).c_str(), 1);
  unsetenv("GPAIKIT_FAKE_NVML_FAIL_INIT");
}

// One RAPL zone of a fake powercap tree under `dir`/powercap: its name, counter and range.
inline void WriteRaplZone(const test_util::TempDir& dir, const std::string& zone,
                          const std::string& name, double energy_uj, double range_uj) {
  dir.Write("powercap/" + zone + "/name", name + "\n");
  dir.Write("powercap/" + zone + "/energy_uj",
            std::to_string(static_cast<long long>(energy_uj)) + "\n");
  dir.Write("powercap/" + zone + "/max_energy_range_uj",
            std::to_string(static_cast<long long>(range_uj)) + "\n");
}

}  // namespace gpaikit::energy::testing

#endif  // GPAIKIT_ENERGY_ENERGY_TEST_UTIL_H_
