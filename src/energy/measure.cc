// `gpaikit energy measure`: the command as a child process with its signals forwarded, the
// node-local lock that makes one meter per node and run, and the metering loop that appends
// records every interval (docs/energy.md "Running the meter").
#include "gpaikit/energy/measure.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "energy/job_devices.h"
#include "energy/meter.h"
#include "gpaikit/base/sha256.h"

namespace gpaikit::energy {
namespace {

volatile sig_atomic_t g_child_group = 0;

// Forwards the signal to the command's process group (async-signal-safe: kill only).
void Forward(int signal) {
  if (g_child_group > 0) kill(-g_child_group, signal);
}

double WallSeconds() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

void Sleep(double seconds) {
  timespec wait{
      static_cast<time_t>(seconds),
      static_cast<long>((seconds - static_cast<double>(static_cast<time_t>(seconds))) * 1e9)};
  nanosleep(&wait, nullptr);
}

std::string SafeName(std::string text) {
  for (char& c : text)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '.' && c != '_') c = '_';
  return text;
}

std::filesystem::path LockDir(const MeasureOptions& options) {
  if (!options.lock_dir.empty()) return options.lock_dir;
  for (const char* name : {"GPAIKIT_ENERGY_LOCK_DIR", "TMPDIR"}) {
    const char* value = std::getenv(name);
    if (value && *value) return value;
  }
  return "/tmp";
}

// The process's start time in clock ticks since boot (/proc/<pid>/stat field 22): with the pid
// it names one process, even after the pid is reused.
std::optional<unsigned long long> StartTime(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  if (!std::getline(stat, text)) return std::nullopt;
  size_t close = text.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  for (int i = 3; i < 22 && rest >> field; ++i) {
  }
  unsigned long long start = 0;
  if (!(rest >> start)) return std::nullopt;
  return start;
}

// The processes other ranks registered (lines "pid starttime") that still run.
std::set<int> RegisteredAlive(const std::filesystem::path& pids_file) {
  std::set<int> alive;
  std::ifstream in(pids_file);
  int pid = 0;
  unsigned long long start = 0;
  while (in >> pid >> start) {
    if (StartTime(pid) == start) alive.insert(pid);
  }
  return alive;
}

void Register(const std::filesystem::path& pids_file, int pid) {
  std::optional<unsigned long long> start = StartTime(pid);
  if (!start) return;
  std::string line = std::to_string(pid) + " " + std::to_string(*start) + "\n";
  int fd = ::open(pids_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0666);
  if (fd < 0) return;
  (void)!::write(fd, line.data(), line.size());
  ::close(fd);
}

Result<pid_t> StartCommand(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) != 0) return Status::Io(std::string("pipe: ") + strerror(errno));
  pid_t child = fork();
  if (child < 0) return Status::Io(std::string("fork: ") + strerror(errno));
  if (child == 0) {
    setpgid(0, 0);
    execvp(argv[0], argv.data());
    int error = errno;
    (void)!::write(ready[1], &error, sizeof error);
    _exit(127);
  }
  setpgid(child, child);
  g_child_group = child;
  ::close(ready[1]);
  int error = 0;
  ssize_t n = ::read(ready[0], &error, sizeof error);
  ::close(ready[0]);
  if (n == sizeof error) {
    waitpid(child, nullptr, 0);
    g_child_group = 0;
    return Status::InvalidInput("cannot run '" + command[0] + "': " + strerror(error));
  }
  return child;
}

// The metering state of the process that holds the lock.
struct Metering {
  std::unique_ptr<Nvml> nvml;
  std::unique_ptr<Meter> meter;
  std::optional<RecordWriter> writer;
  double next_flush = 0;
  double next_held_check = 0;
};

Status StartMetering(const MeasureOptions& options, const std::string& node, double now,
                     Metering& metering, MeasureOutcome& outcome) {
  MeterSetup setup;
  setup.run = options.run;
  setup.node = node;
  Result<std::unique_ptr<Nvml>> nvml = Nvml::Load();
  if (nvml.ok()) {
    metering.nvml = std::move(*nvml);
    const char* visible = std::getenv("CUDA_VISIBLE_DEVICES");
    GpuSelection selection = SelectGpus(
        visible ? std::optional<std::string>(visible) : std::nullopt, metering.nvml->devices());
    setup.gpus = selection.uuids;
    setup.follow_processes = selection.follow_processes;
    for (std::string& note : selection.notes) outcome.notes.push_back(std::move(note));
    if (metering.nvml->devices().empty()) outcome.notes.push_back("NVML reports no GPU");
  } else {
    outcome.notes.push_back(nvml.status().message() + ": no GPU is metered");
  }
  std::vector<std::string> unreadable;
  setup.rapl = FindRaplZones(options.powercap_root, unreadable);
  if (!unreadable.empty()) {
    outcome.notes.push_back(
        "powercap zones not readable (CPU energy needs read access to "
        "energy_uj, root-only since Linux 5.10): " +
        unreadable.front() + (unreadable.size() > 1 ? " and others" : ""));
  }
  if (setup.rapl.empty() && unreadable.empty()) {
    outcome.notes.push_back("no RAPL zones under " + options.powercap_root.string() +
                            ": CPU and DRAM are not metered");
  }
  std::filesystem::path file = RecordsDir(options.project_root) / SafeName(options.run) /
                               (SafeName(node) + "-" + std::to_string(static_cast<long>(now)) +
                                "-" + std::to_string(getpid()) + ".jsonl");
  Result<RecordWriter> writer = RecordWriter::Open(file);
  if (!writer.ok()) return writer.status();
  metering.writer.emplace(std::move(*writer));
  outcome.records = file;
  metering.meter = std::make_unique<Meter>(std::move(setup), metering.nvml.get());
  metering.meter->Sample(now);
  metering.next_flush = now + options.interval_seconds;
  outcome.metered = true;
  return Status::Ok();
}

void CheckHeldGpus(const Metering& metering, pid_t child, bool child_done,
                   const std::set<int>& registered) {
  if (!metering.nvml || !metering.meter->setup().follow_processes) return;
  std::set<int> roots = registered;
  if (!child_done) roots.insert(child);
  metering.meter->AddHeldGpus(metering.nvml->DevicesHolding(JobProcesses(roots)));
}

}  // namespace

std::string NodeName() {
  const char* forced = std::getenv("GPAIKIT_ENERGY_NODE");
  if (forced && *forced) return forced;
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

Result<MeasureOutcome> Measure(const MeasureOptions& options) {
  if (options.command.empty()) return Status::InvalidInput("no command to run (after --)");
  if (!(options.interval_seconds > 0) || !(options.sample_seconds > 0)) {
    return Status::InvalidInput("--interval: expected a positive number of seconds");
  }
  std::string node = NodeName();
  std::error_code error;
  std::filesystem::path root = std::filesystem::weakly_canonical(options.project_root, error);
  std::string key = Sha256Hex(root.string() + "\n" + options.run).substr(0, 16);
  std::filesystem::path lock_path =
      LockDir(options) / ("gpaikit-energy-" + SafeName(node) + "-" + key + ".lock");
  std::filesystem::path pids_file = lock_path.string() + ".pids";
  int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (lock < 0) return Status::Io(lock_path.string() + ": " + strerror(errno));

  struct sigaction forward {};
  forward.sa_handler = Forward;
  sigemptyset(&forward.sa_mask);
  struct sigaction previous[3];
  const int kForwarded[3] = {SIGINT, SIGTERM, SIGHUP};
  for (int i = 0; i < 3; ++i) sigaction(kForwarded[i], &forward, &previous[i]);

  MeasureOutcome outcome;
  Metering metering;
  Status metering_error;
  // The meter takes its first readings before the command starts, so that a short command is
  // metered too; a rank that finds the lock taken tries again while its command runs.
  if (flock(lock, LOCK_EX | LOCK_NB) == 0) {
    metering_error = StartMetering(options, node, WallSeconds(), metering, outcome);
  }
  Result<pid_t> started = StartCommand(options.command);
  if (!started.ok()) {
    ::close(lock);
    for (int i = 0; i < 3; ++i) sigaction(kForwarded[i], &previous[i], nullptr);
    return started.status();
  }
  pid_t child = *started;
  bool registered = false;
  bool child_done = false;
  int status = 0;
  while (metering_error.ok()) {
    if (!child_done && waitpid(child, &status, WNOHANG) == child) child_done = true;
    double now = WallSeconds();
    if (!outcome.metered && !child_done && flock(lock, LOCK_EX | LOCK_NB) == 0) {
      metering_error = StartMetering(options, node, now, metering, outcome);
      if (!metering_error.ok()) break;
    }
    if (!outcome.metered && !registered && !child_done) {
      Register(pids_file, child);
      registered = true;
    }
    std::set<int> others;
    if (outcome.metered) {
      metering.meter->Sample(now);
      others = RegisteredAlive(pids_file);
      if (now >= metering.next_held_check) {
        CheckHeldGpus(metering, child, child_done, others);
        metering.next_held_check = now + 1;
      }
      if (now >= metering.next_flush) {
        Status appended = metering.writer->Append(metering.meter->Flush(now));
        if (!appended.ok()) outcome.notes.push_back(appended.message());
        metering.next_flush = now + options.interval_seconds;
      }
    }
    if (child_done && (!outcome.metered || others.empty())) break;
    Sleep(outcome.metered ? options.sample_seconds : std::min(0.5, options.interval_seconds));
  }
  if (outcome.metered && metering.writer) {
    double now = WallSeconds();
    metering.meter->Sample(now);
    Status appended = metering.writer->Append(metering.meter->Flush(now));
    if (!appended.ok()) outcome.notes.push_back(appended.message());
  }
  if (!child_done) waitpid(child, &status, 0);  // metering failed to start: still wait
  g_child_group = 0;
  for (int i = 0; i < 3; ++i) sigaction(kForwarded[i], &previous[i], nullptr);
  ::close(lock);  // releases the lock
  if (!metering_error.ok()) outcome.notes.push_back(metering_error.message());
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return outcome;
}

}  // namespace gpaikit::energy
