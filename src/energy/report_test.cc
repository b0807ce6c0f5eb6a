// The report: no device counted twice for overlapping time (issue 17), runs and nodes apart,
// and the method text of Form row 8.2 (Code of Practice, Transparency, Measure 1.1, row 8.2).
#include "gpaikit/energy/report.h"

#include <gtest/gtest.h>

namespace gpaikit::energy {
namespace {

Record Gpu(std::string run, std::string node, std::string device, double start, double end,
           double joules, std::string_view method = kMethodNvmlCounter) {
  return Record{std::move(run),
                std::move(node),
                std::move(device),
                "gpu",
                start,
                end,
                joules,
                std::string(method),
                0};
}

TEST(ReportTest, SumsDevicesNodesAndIntervals) {
  std::vector<Record> records = {Gpu("a", "n1", "GPU-1", 0, 10, 1000),
                                 Gpu("a", "n1", "GPU-1", 10, 20, 1000),
                                 Gpu("a", "n2", "GPU-2", 0, 20, 3000)};
  EnergyReport report = Aggregate(records);
  ASSERT_EQ(report.runs.size(), 1u);
  EXPECT_DOUBLE_EQ(report.joules, 5000);
  EXPECT_EQ(report.runs[0].nodes.size(), 2u);
  EXPECT_EQ(report.runs[0].devices.size(), 2u);
  EXPECT_DOUBLE_EQ(report.runs[0].duplicate_joules, 0);
}

// Two meters on one GPU (a second meter started outside the lock, or two runs sharing a node):
// the overlap counts once, the later record only for its uncovered part, pro rata.
TEST(ReportTest, OverlappingRecordsOfOneDeviceCountOnce) {
  std::vector<Record> records = {Gpu("a", "n1", "GPU-1", 0, 10, 1000),
                                 Gpu("a", "n1", "GPU-1", 5, 15, 1000),   // half overlaps
                                 Gpu("b", "n1", "GPU-1", 0, 10, 1000)};  // fully covered
  EnergyReport report = Aggregate(records);
  EXPECT_DOUBLE_EQ(report.joules, 1500);
  EXPECT_DOUBLE_EQ(report.duplicate_joules, 1500);
  const RunEnergy* a = report.Find("a");
  ASSERT_TRUE(a);
  EXPECT_DOUBLE_EQ(a->joules, 1500);
  EXPECT_DOUBLE_EQ(a->duplicate_seconds, 5);
  EXPECT_DOUBLE_EQ(report.Find("b")->joules, 0);
}

TEST(ReportTest, RunFilter) {
  std::vector<Record> records = {Gpu("a", "n1", "GPU-1", 0, 10, 1000),
                                 Gpu("b", "n1", "GPU-2", 0, 10, 2000)};
  EnergyReport report = Aggregate(records, {"b"});
  ASSERT_EQ(report.runs.size(), 1u);
  EXPECT_EQ(report.runs[0].run, "b");
  EXPECT_DOUBLE_EQ(report.joules, 2000);
}

TEST(ReportTest, MethodNamesWhatWasAndWasNotMetered) {
  std::vector<Record> records = {Gpu("a", "n1", "GPU-1", 0, 10, 3.6e9),
                                 Gpu("a", "n1", "GPU-2", 0, 10, 3.6e9, kMethodNvmlPower),
                                 Record{"a", "n1", "rapl:n1:intel-rapl:0", "cpu-package", 0, 10,
                                        3.6e8, std::string(kMethodRapl), 2}};
  EnergyReport report = Aggregate(records);
  FacilityOverhead overhead{1.2, "provider's 2025 facility report", true};
  std::string method = MeasuredMethod({&report.runs[0]}, overhead);
  EXPECT_NE(method.find("1 GPU through NVML's cumulative energy counter"), std::string::npos);
  EXPECT_NE(method.find("1 GPU through NVML power samples"), std::string::npos);
  EXPECT_NE(method.find("1 CPU package through Linux powercap (RAPL)"), std::string::npos);
  EXPECT_NE(method.find("Not metered: networking, storage, cooling"), std::string::npos);
  EXPECT_NE(method.find("2 readings failed"), std::string::npos);
  // (3.6e9 + 3.6e9 + 3.6e8) J = 2.1 MWh, x 1.2 = 2.52 -> 2.5 MWh (two significant figures).
  EXPECT_NE(method.find("IT energy 2.1 MWh x PUE 1.2 (stated by the provider: "), std::string::npos)
      << method;
  EXPECT_NE(method.find("= 2.5 MWh."), std::string::npos) << method;
  nlohmann::json json = ReportJson(report, overhead, {});
  EXPECT_EQ(json["schema"], "gpaikit.energy-report/1");
  EXPECT_EQ(json["measured"]["facility_mwh_text"], "2.5");
}

}  // namespace
}  // namespace gpaikit::energy
