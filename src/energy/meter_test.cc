// The meter on the stand-in NVML and a fake powercap tree: counters, resets, wraparound, a GPU
// that vanishes, a GPU without energy counter (power samples), and device selection.
#include "energy/meter.h"

#include <gtest/gtest.h>

#include "energy/energy_test_util.h"
#include "energy/job_devices.h"

namespace gpaikit::energy {
namespace {

using test_util::TempDir;
using testing::UseFakeNvml;
using testing::WriteRaplZone;

std::unique_ptr<Nvml> LoadFake(const TempDir& dir, const std::string& script) {
  UseFakeNvml(dir, script);
  Result<std::unique_ptr<Nvml>> nvml = Nvml::Load();
  EXPECT_TRUE(nvml.ok()) << nvml.status().message();
  return nvml.ok() ? std::move(*nvml) : nullptr;
}

// Samples at t = 0, 1, 2, ... and returns the one interval's records.
std::vector<Record> MeterGpus(const Nvml* nvml, std::vector<std::string> gpus, int samples) {
  MeterSetup setup{"pretrain", "node-a", {}, std::move(gpus), false};
  Meter meter(std::move(setup), nvml);
  for (int t = 0; t < samples; ++t) meter.Sample(t);
  return meter.Flush(samples - 1);
}

// NVML API Reference, nvmlDeviceGetTotalEnergyConsumption: mJ since the driver was loaded.
TEST(MeterTest, EnergyCounterDifferencesInJoules) {
  TempDir dir("gpaikit-energy-test");
  auto nvml = LoadFake(dir, "GPU-aaaa energy=1000,3000,6000\n");
  ASSERT_TRUE(nvml);
  std::vector<Record> records = MeterGpus(nvml.get(), {"GPU-aaaa"}, 3);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_DOUBLE_EQ(records[0].joules, 5.0);
  EXPECT_EQ(records[0].method, kMethodNvmlCounter);
  EXPECT_EQ(records[0].domain, "gpu");
  EXPECT_EQ(records[0].samples_lost, 0);
  EXPECT_DOUBLE_EQ(records[0].start, 0);
  EXPECT_DOUBLE_EQ(records[0].end, 2);
}

// A driver reload resets the counter: the new value is the energy since the reset.
TEST(MeterTest, CounterResetCountsEnergySinceReset) {
  TempDir dir("gpaikit-energy-test");
  auto nvml = LoadFake(dir, "GPU-aaaa energy=5000,7000,1000,2000\n");
  ASSERT_TRUE(nvml);
  std::vector<Record> records = MeterGpus(nvml.get(), {"GPU-aaaa"}, 4);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_DOUBLE_EQ(records[0].joules, 2.0 + 1.0 + 1.0);
}

// A GPU that falls off the bus (NVML_ERROR_GPU_IS_LOST) for two readings: the readings are
// counted as lost, and the counter bridges the gap when it comes back.
TEST(MeterTest, VanishingGpuCountsLostSamples) {
  TempDir dir("gpaikit-energy-test");
  auto nvml = LoadFake(dir, "GPU-aaaa energy=1000,x,x,4000\n");
  ASSERT_TRUE(nvml);
  std::vector<Record> records = MeterGpus(nvml.get(), {"GPU-aaaa"}, 4);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_DOUBLE_EQ(records[0].joules, 3.0);
  EXPECT_EQ(records[0].samples_lost, 2);
}

// No energy counter (NVML_ERROR_NOT_SUPPORTED): power samples (mW) integrated by trapezoids.
TEST(MeterTest, MissingCounterFallsBackToPowerSamples) {
  TempDir dir("gpaikit-energy-test");
  auto nvml = LoadFake(dir, "GPU-aaaa energy=none power=100000,200000,200000\n");
  ASSERT_TRUE(nvml);
  std::vector<Record> records = MeterGpus(nvml.get(), {"GPU-aaaa"}, 3);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_DOUBLE_EQ(records[0].joules, 150.0 + 200.0);
  EXPECT_EQ(records[0].method, kMethodNvmlPower);
}

// A lost power sample breaks the integration: the gap around it is not counted.
TEST(MeterTest, LostPowerSampleLeavesGapUncounted) {
  TempDir dir("gpaikit-energy-test");
  auto nvml = LoadFake(dir, "GPU-aaaa energy=none power=100000,x,100000,100000\n");
  ASSERT_TRUE(nvml);
  std::vector<Record> records = MeterGpus(nvml.get(), {"GPU-aaaa"}, 4);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_DOUBLE_EQ(records[0].joules, 100.0);
  EXPECT_EQ(records[0].samples_lost, 1);
}

// Only the job's GPUs are recorded; the other GPUs of the node are left out.
TEST(MeterTest, RecordsOnlyTheJobsGpus) {
  TempDir dir("gpaikit-energy-test");
  auto nvml = LoadFake(dir, "GPU-aaaa energy=0,1000\nGPU-bbbb energy=0,9000\n");
  ASSERT_TRUE(nvml);
  std::vector<Record> records = MeterGpus(nvml.get(), {"GPU-bbbb"}, 2);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].device, "GPU-bbbb");
  EXPECT_DOUBLE_EQ(records[0].joules, 9.0);
}

// GPUs found through the job's processes are counted from the interval they are first seen in.
TEST(MeterTest, HeldGpusJoinAtTheirInterval) {
  TempDir dir("gpaikit-energy-test");
  auto nvml = LoadFake(dir, "GPU-aaaa energy=0,1000,3000,6000\n");
  ASSERT_TRUE(nvml);
  Meter meter(MeterSetup{"r", "n", {}, {}, true}, nvml.get());
  meter.Sample(0);
  meter.Sample(1);
  EXPECT_TRUE(meter.Flush(1).empty());
  meter.AddHeldGpus({"GPU-aaaa", "GPU-unknown"});
  meter.Sample(2);
  meter.Sample(3);
  std::vector<Record> records = meter.Flush(3);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_DOUBLE_EQ(records[0].joules, 5.0);
  EXPECT_DOUBLE_EQ(records[0].start, 1);
}

// Linux powercap: energy_uj wraps at max_energy_range_uj; packages and DRAM are read, core,
// uncore and psys are not (they are inside the package, or contain everything).
TEST(MeterTest, RaplWraparoundAndZoneChoice) {
  TempDir dir("gpaikit-energy-test");
  WriteRaplZone(dir, "intel-rapl:0", "package-0", 900000, 1000000);
  WriteRaplZone(dir, "intel-rapl:0:0", "core", 5, 1000000);
  WriteRaplZone(dir, "intel-rapl:0:1", "dram", 100, 1000000);
  WriteRaplZone(dir, "intel-rapl:1", "psys", 5, 1000000);
  WriteRaplZone(dir, "intel-rapl-mmio:0", "package-0", 5, 1000000);
  std::vector<std::string> unreadable;
  std::vector<RaplZone> zones = FindRaplZones(dir.path() / "powercap", unreadable);
  ASSERT_EQ(zones.size(), 2u);
  EXPECT_EQ(zones[0].domain, "cpu-package");
  EXPECT_EQ(zones[1].domain, "dram");
  EXPECT_TRUE(unreadable.empty());
  Meter meter(MeterSetup{"r", "node-a", zones, {}, false}, nullptr);
  meter.Sample(0);
  WriteRaplZone(dir, "intel-rapl:0", "package-0", 100000, 1000000);  // wrapped
  WriteRaplZone(dir, "intel-rapl:0:1", "dram", 300100, 1000000);
  meter.Sample(1);
  std::vector<Record> records = meter.Flush(1);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].device, "rapl:node-a:intel-rapl:0");
  EXPECT_NEAR(records[0].joules, 0.2, 1e-9);
  EXPECT_EQ(records[0].method, kMethodRapl);
  EXPECT_NEAR(records[1].joules, 0.3, 1e-9);
}

TEST(MeterTest, UnreadableRaplZoneIsReported) {
  TempDir dir("gpaikit-energy-test");
  dir.Write("powercap/intel-rapl:0/name", "package-0\n");  // no energy_uj: not readable
  std::vector<std::string> unreadable;
  EXPECT_TRUE(FindRaplZones(dir.path() / "powercap", unreadable).empty());
  ASSERT_EQ(unreadable.size(), 1u);
  EXPECT_NE(unreadable[0].find("intel-rapl:0"), std::string::npos);
}

TEST(MeterTest, NoDriverIsNotFound) {
  TempDir dir("gpaikit-energy-test");
  UseFakeNvml(dir, "GPU-aaaa energy=0\n");
  setenv("GPAIKIT_FAKE_NVML_FAIL_INIT", "1", 1);
  Result<std::unique_ptr<Nvml>> nvml = Nvml::Load();
  unsetenv("GPAIKIT_FAKE_NVML_FAIL_INIT");
  ASSERT_FALSE(nvml.ok());
  EXPECT_NE(nvml.status().message().find("Driver Not Loaded"), std::string::npos);
  setenv("GPAIKIT_NVML_LIBRARY", "/nonexistent/libnvidia-ml.so.1", 1);
  EXPECT_EQ(Nvml::Load().status().code(), StatusCode::kNotFound);
}

// CUDA C Programming Guide, "CUDA Environment Variables": indices, UUIDs or unique UUID
// prefixes; CUDA ignores the first invalid entry and all after it.
TEST(JobDevicesTest, CudaVisibleDevices) {
  std::vector<GpuDevice> gpus = {{0, "GPU-aaaa1"}, {1, "GPU-bbbb"}, {2, "GPU-aaaa2"}};
  EXPECT_TRUE(SelectGpus(std::nullopt, gpus).follow_processes);
  EXPECT_EQ(SelectGpus("1,0", gpus).uuids, (std::vector<std::string>{"GPU-bbbb", "GPU-aaaa1"}));
  EXPECT_EQ(SelectGpus("GPU-bb, 2", gpus).uuids,
            (std::vector<std::string>{"GPU-bbbb", "GPU-aaaa2"}));
  GpuSelection stopped = SelectGpus("0,GPU-aaaa,1", gpus);  // ambiguous prefix
  EXPECT_EQ(stopped.uuids, std::vector<std::string>{"GPU-aaaa1"});
  ASSERT_EQ(stopped.notes.size(), 1u);
  EXPECT_TRUE(SelectGpus("", gpus).uuids.empty());
  EXPECT_FALSE(SelectGpus("", gpus).follow_processes);
  GpuSelection mig = SelectGpus("MIG-1234,1", gpus);
  EXPECT_EQ(mig.uuids, std::vector<std::string>{"GPU-bbbb"});
  EXPECT_NE(mig.notes.at(0).find("MIG"), std::string::npos);
}

TEST(JobDevicesTest, JobProcessesIncludeDescendants) {
  std::set<int> job = JobProcesses({::getppid()});
  EXPECT_TRUE(job.count(::getppid()));
  EXPECT_TRUE(job.count(::getpid()));
}

}  // namespace
}  // namespace gpaikit::energy
