// `energy measure` end to end on the stand-in NVML: four ranks on one node meter it once, the
// meter stays until the last rank ends, the command's exit code and forwarded signals.
#include "gpaikit/energy/measure.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "energy/energy_test_util.h"
#include "gpaikit/energy/report.h"

namespace gpaikit::energy {
namespace {

using test_util::TempDir;

MeasureOptions Options(const TempDir& dir, std::vector<std::string> command) {
  MeasureOptions options;
  options.project_root = dir.path() / "project";
  options.run = "pretrain";
  options.interval_seconds = 0.2;
  options.sample_seconds = 0.02;
  options.command = std::move(command);
  options.powercap_root = dir.path() / "powercap";
  options.lock_dir = dir.path() / "locks";
  std::filesystem::create_directories(options.lock_dir);
  return options;
}

// Runs Measure in a forked process (as a rank would) and returns its pid; the process exits
// with the command's exit code, or 99 when Measure failed.
pid_t StartRank(const MeasureOptions& options) {
  pid_t pid = fork();
  if (pid == 0) {
    Result<MeasureOutcome> outcome = Measure(options);
    _exit(outcome.ok() ? outcome->exit_code : 99);
  }
  return pid;
}

int ExitCode(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Issue 17 / CodeCarbon pull 1390: every rank of a distributed launch starts a meter, yet the
// node is counted once. Two GPUs draw 100 W each; four ranks run 0.4 s to 1.2 s; one meter
// records, from the first rank's start to the last rank's end.
TEST(MeasureTest, FourRanksOnOneNodeAreMeteredOnce) {
  TempDir dir("gpaikit-energy-test");
  testing::UseFakeNvml(dir,
                       "GPU-aaaa energy=rate:100\nGPU-bbbb energy=rate:100\n"
                       "GPU-cccc energy=rate:100\n");
  testing::WriteRaplZone(dir, "intel-rapl:0", "package-0", 0, 1e12);
  setenv("CUDA_VISIBLE_DEVICES", "0,1", 1);
  auto start = std::chrono::steady_clock::now();
  std::vector<pid_t> ranks;
  for (const char* seconds : {"0.4", "0.8", "1.2", "0.6"}) {
    ranks.push_back(StartRank(Options(dir, {"sleep", seconds})));
  }
  for (pid_t rank : ranks) EXPECT_EQ(ExitCode(rank), 0);
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  unsetenv("CUDA_VISIBLE_DEVICES");

  Result<ParsedRecords> parsed = LoadRecords(dir.path() / "project");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_TRUE(parsed->problems.empty());
  std::set<std::string> files_nodes, devices;
  for (const Record& record : parsed->records) devices.insert(record.device);
  EXPECT_EQ(devices, (std::set<std::string>{"GPU-aaaa", "GPU-bbbb",
                                            "rapl:" + NodeName() + ":intel-rapl:0"}));
  int files = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(RecordsDir(dir.path() / "project"))) {
    files += entry.path().extension() == ".jsonl";
  }
  EXPECT_EQ(files, 1) << "one meter on the node";
  EnergyReport report = Aggregate(parsed->records);
  ASSERT_EQ(report.runs.size(), 1u);
  const RunEnergy& run = report.runs[0];
  EXPECT_EQ(run.nodes.size(), 1u);
  EXPECT_DOUBLE_EQ(run.duplicate_joules, 0);
  // 2 GPUs x 100 W over the metered time, which spans the longest rank (1.2 s) and at most the
  // whole test.
  double gpu_joules = run.JoulesOf("gpu");
  EXPECT_GE(gpu_joules, 2 * 100 * 1.1);
  EXPECT_LE(gpu_joules, 2 * 100 * (elapsed + 0.1));
  EXPECT_GE(run.end - run.start, 1.1);
}

TEST(MeasureTest, ReturnsTheCommandsExitCode) {
  TempDir dir("gpaikit-energy-test");
  testing::UseFakeNvml(dir, "");
  Result<MeasureOutcome> outcome = Measure(Options(dir, {"sh", "-c", "exit 3"}));
  ASSERT_TRUE(outcome.ok()) << outcome.status().message();
  EXPECT_EQ(outcome->exit_code, 3);
  EXPECT_TRUE(outcome->metered);
  Result<MeasureOutcome> missing = Measure(Options(dir, {"/nonexistent/command"}));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("/nonexistent/command"), std::string::npos);
}

// SIGTERM to the meter reaches the command, whose own exit code comes back.
TEST(MeasureTest, ForwardsSignalsToTheCommand) {
  TempDir dir("gpaikit-energy-test");
  testing::UseFakeNvml(dir, "");
  std::filesystem::path ready = dir.path() / "ready";
  MeasureOptions options = Options(
      dir, {"sh", "-c",
            "trap 'exit 42' TERM; touch " + ready.string() + "; while :; do sleep 0.05; done"});
  pid_t meter = StartRank(options);
  for (int i = 0; i < 200 && !std::filesystem::exists(ready); ++i) usleep(10000);
  ASSERT_TRUE(std::filesystem::exists(ready));
  kill(meter, SIGTERM);
  EXPECT_EQ(ExitCode(meter), 42);
}

TEST(MeasureTest, WithoutGpuItSaysSoAndMetersWhatItCan) {
  TempDir dir("gpaikit-energy-test");
  setenv("GPAIKIT_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1", 1);
  Result<MeasureOutcome> outcome = Measure(Options(dir, {"true"}));
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->exit_code, 0);
  bool said = false;
  for (const std::string& note : outcome->notes)
    said |= note.find("no GPU is metered") != std::string::npos;
  EXPECT_TRUE(said);
}

}  // namespace
}  // namespace gpaikit::energy
