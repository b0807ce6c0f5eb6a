// The job's GPUs from CUDA_VISIBLE_DEVICES or from its processes (CUDA C Programming Guide,
// "CUDA Environment Variables": CUDA_VISIBLE_DEVICES takes indices, UUIDs or MIG UUIDs).
#include "energy/job_devices.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace gpaikit::energy {
namespace {

std::string Trim(std::string text) {
  size_t begin = text.find_first_not_of(" \t");
  size_t end = text.find_last_not_of(" \t");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

// The GPU an entry names, or "" when none does (or a prefix is ambiguous).
std::string Resolve(const std::string& entry, const std::vector<GpuDevice>& devices) {
  if (!entry.empty() && std::all_of(entry.begin(), entry.end(), ::isdigit)) {
    unsigned index = static_cast<unsigned>(std::stoul(entry));
    for (const GpuDevice& gpu : devices)
      if (gpu.index == index) return gpu.uuid;
    return "";
  }
  std::string found;
  for (const GpuDevice& gpu : devices) {
    if (!gpu.uuid.starts_with(entry)) continue;
    if (!found.empty()) return "";  // ambiguous prefix
    found = gpu.uuid;
  }
  return found;
}

}  // namespace

GpuSelection SelectGpus(const std::optional<std::string>& cuda_visible,
                        const std::vector<GpuDevice>& devices) {
  GpuSelection selection;
  if (!cuda_visible) {
    selection.follow_processes = true;
    return selection;
  }
  std::stringstream list(*cuda_visible);
  std::string entry;
  while (std::getline(list, entry, ',')) {
    entry = Trim(entry);
    if (entry.starts_with("MIG-")) {
      selection.notes.push_back("CUDA_VISIBLE_DEVICES entry '" + entry +
                                "' is a MIG instance: NVML meters whole GPUs, so its GPU is "
                                "metered only when named itself");
      continue;
    }
    std::string uuid = Resolve(entry, devices);
    if (uuid.empty()) {
      selection.notes.push_back("CUDA_VISIBLE_DEVICES entry '" + entry +
                                "' names no GPU of this node; CUDA ignores it and the entries "
                                "after it, and so does the meter");
      break;
    }
    if (std::find(selection.uuids.begin(), selection.uuids.end(), uuid) == selection.uuids.end()) {
      selection.uuids.push_back(uuid);
    }
  }
  return selection;
}

std::set<int> JobProcesses(const std::set<int>& roots) {
  std::map<int, std::vector<int>> children;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    std::string name = entry.path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(), ::isdigit)) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text;
    if (!std::getline(stat, text)) continue;
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses, so read after the last
    // ')'.
    size_t close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 1));
    std::string state;
    int parent = 0;
    if (rest >> state >> parent) children[parent].push_back(std::stoi(name));
  }
  std::set<int> job;
  std::vector<int> pending(roots.begin(), roots.end());
  while (!pending.empty()) {
    int pid = pending.back();
    pending.pop_back();
    if (!job.insert(pid).second) continue;
    for (int child : children[pid]) pending.push_back(child);
  }
  return job;
}

}  // namespace gpaikit::energy
