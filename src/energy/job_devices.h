// Which devices belong to the job: CUDA_VISIBLE_DEVICES (indices or UUIDs), or else the GPUs on
// which the job's processes run (docs/energy.md "Which GPUs are metered").
#ifndef GPAIKIT_ENERGY_JOB_DEVICES_H_
#define GPAIKIT_ENERGY_JOB_DEVICES_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "energy/nvml.h"
#include "gpaikit/base/status.h"

namespace gpaikit::energy {

struct GpuSelection {
  std::vector<std::string> uuids;  // the GPUs named by CUDA_VISIBLE_DEVICES
  bool follow_processes = false;   // unset: follow the job's processes instead
  std::vector<std::string> notes;  // entries that name no GPU, MIG instances
};

// `cuda_visible` is the variable's value, nullopt when unset. Entries are NVML indices (NVML's
// order is PCI bus order, which CUDA follows with CUDA_DEVICE_ORDER=PCI_BUS_ID) or UUIDs or
// unique UUID prefixes ("GPU-8c1d"); CUDA stops at the first invalid entry, and so does this.
// MIG instances ("MIG-...") are metered as their whole GPU, which is said in the notes.
GpuSelection SelectGpus(const std::optional<std::string>& cuda_visible,
                        const std::vector<GpuDevice>& devices);

// `roots` and all their descendants now running (from /proc/<pid>/stat).
std::set<int> JobProcesses(const std::set<int>& roots);

}  // namespace gpaikit::energy

#endif  // GPAIKIT_ENERGY_JOB_DEVICES_H_
