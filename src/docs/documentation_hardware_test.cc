// Tests of the hardware and energy rows of the Form: 7.1b from hardware runs, 8.1/8.2 estimated
// from hardware use or from compute (AI Act Annex XI 2(d)-(e); spec code-of-practice.md 1.6,
// Sections 7-8), and typed figures keeping their digits.
#include <fstream>

#include "docs/docs_test_util.h"

namespace gpaikit::docs {
namespace {

using testing::Build;
using testing::Catalogue;
using testing::HasFinding;
using testing::Model;
using testing::Row;

double Power(const char* accelerator) {
  return Catalogue().Find(accelerator)->board_power_watts->value;
}
double Pue() { return Catalogue().power_usage_effectiveness.value; }

// A model trained on hardware: 1000 H100 for 720 h, then 500 A100 for 240 h.
std::string HardwareModel(const std::string& documentation = "") {
  return "  - id: m\n    name: M\n    modalities: {input: [text], output: [text]}\n"
         "    parameters: {total: 7.25B}\n"
         "    compute:\n      runs:\n        - stage: pre-training\n          hardware:\n"
         "            - {accelerator: h100, count: 1000, hours: 720, utilization: 0.4}\n"
         "            - {accelerator: a100, count: 500, hours: 240, utilization: 0.4}\n" +
         documentation;
}

TEST(DocumentationHardwareTest, FormFiguresKeepTheirDigits) {
  EXPECT_EQ(FormFigure(100, 2), "1.0x10^2");
  EXPECT_EQ(FormFigure(90, 1), "9x10^1");
  EXPECT_EQ(FormFigure(2.44e25, 2), "2.4x10^25");
  EXPECT_EQ(FormFigure(2.5, 2), "2.5");
  EXPECT_EQ(FormFigure(0.012, 2), "1.2x10^-2");
  EXPECT_EQ(ExactFigures(7.25e9, 2), 3);
  EXPECT_EQ(ExactFigures(7e9, 2), 2);
  EXPECT_EQ(ExactFigures(1234567890, 2), 9);
}

// Row 7.1b from the runs: hardware-days per accelerator type and wall-clock days, each to the
// Form's 1 significant figure; 7.1a follows from the wall-clock days.
TEST(DocumentationHardwareTest, TrainingTimeFromHardwareRuns) {
  auto fixture = Build(HardwareModel());
  ASSERT_TRUE(fixture->documentation.ok()) << fixture->documentation.status().message();
  const ModelDocumentation& d = *fixture->documentation;
  const RowValue& time = Row(d, "7.1b");
  EXPECT_EQ(time.status, RowStatus::kDerived);
  // (720 + 240) h / 24 = 40 days; 1000 x 720 / 24 = 30000 and 500 x 240 / 24 = 5000 unit-days.
  EXPECT_NE(time.value.find("wall-clock days: 4x10^1"), std::string::npos) << time.value;
  EXPECT_NE(time.value.find("3x10^4 NVIDIA H100 SXM5 80GB days"), std::string::npos) << time.value;
  EXPECT_NE(time.value.find("5x10^3 NVIDIA A100 SXM 40GB/80GB days"), std::string::npos)
      << time.value;
  EXPECT_EQ(Row(d, "7.1a").status, RowStatus::kDerived);
  EXPECT_NE(Row(d, "7.1a").value.find("1–3 months"), std::string::npos);  // 40 / 30.4375
}

// Row 8.1 from hardware use: sum of units x hours x maximum board power, x PUE, in MWh to the
// Form's 2 significant figures; row 8.2 states the method and the assumptions' sources.
TEST(DocumentationHardwareTest, EnergyFromHardwareUse) {
  auto fixture = Build(HardwareModel());
  ASSERT_TRUE(fixture->documentation.ok());
  const ModelDocumentation& d = *fixture->documentation;
  double mwh = (1000 * 720 * Power("h100") + 500 * 240 * Power("a100")) * Pue() / 1e6;
  EXPECT_GT(mwh, 500);  // 1000 H100 for a month at hundreds of W: hundreds of MWh
  EXPECT_LT(mwh, 2000);
  const RowValue& energy = Row(d, "8.1");
  EXPECT_EQ(energy.status, RowStatus::kDerived);
  EXPECT_TRUE(energy.value.starts_with(FormFigure(mwh, 2) + " MWh")) << energy.value;
  const RowValue& method = Row(d, "8.2");
  EXPECT_EQ(method.status, RowStatus::kDerived);
  EXPECT_NE(method.value.find("PUE"), std::string::npos);
  EXPECT_NE(method.value.find(Catalogue().power_usage_effectiveness.provenance.source),
            std::string::npos);
  EXPECT_NE(method.value.find("maximum board power"), std::string::npos);
}

// Typed 7.1b hardware-days ("Nvidia H100": vendor and alias) drive the estimate too.
TEST(DocumentationHardwareTest, EnergyFromTypedHardwareDays) {
  auto fixture = Build(Model(
      "    documentation:\n"
      "      \"7.1b\": {period: all training, wall_clock_days: 62, hardware_days: {Nvidia H100: "
      "8.0e3}}\n"));
  ASSERT_TRUE(fixture->documentation.ok());
  double mwh = 8.0e3 * 24 * Power("h100") * Pue() / 1e6;
  EXPECT_TRUE(Row(*fixture->documentation, "8.1").value.starts_with(FormFigure(mwh, 2) + " MWh"));
}

// Only compute known: hardware hours = FLOP / (peak x assumed utilisation) on the accelerator
// named in row 8.1 (Guidelines Annex A.2.1 read backwards), then energy as above.
TEST(DocumentationHardwareTest, EnergyFromComputeOnNamedAccelerator) {
  auto fixture = Build(Model("    documentation: {\"8.1\": {accelerator: h100}}\n"));
  ASSERT_TRUE(fixture->documentation.ok());
  const ModelDocumentation& d = *fixture->documentation;
  const law::Accelerator& h100 = *Catalogue().Find("h100");
  double flop = 6 * 7.3e9 * 3.9e12;
  double hours = flop / (h100.peak_flops.at("bf16") * Catalogue().assumed_utilization.value) / 3600;
  double mwh = hours * Power("h100") * Pue() / 1e6;
  EXPECT_EQ(Row(d, "8.1").status, RowStatus::kDerived);
  EXPECT_TRUE(Row(d, "8.1").value.starts_with(FormFigure(mwh, 2) + " MWh")) << Row(d, "8.1").value;
  EXPECT_NE(Row(d, "8.2").value.find("utilisation 50%"), std::string::npos) << Row(d, "8.2").value;
  EXPECT_EQ(d.Errors(), 0);
}

// No figure the tool can vouch for: the row stays missing and a note says what is lacking.
TEST(DocumentationHardwareTest, NoEstimateWithoutBoardPowerOrHardware) {
  auto no_power = Build(Model("    documentation: {\"8.1\": {accelerator: tpu-v5e}}\n"));
  ASSERT_TRUE(no_power->documentation.ok());
  EXPECT_EQ(Row(*no_power->documentation, "8.1").status, RowStatus::kMissing);
  EXPECT_TRUE(
      HasFinding(*no_power->documentation, Severity::kNote, "8.1", "no board power for Google"));
  auto nothing = Build(Model());
  ASSERT_TRUE(nothing->documentation.ok());
  EXPECT_EQ(Row(*nothing->documentation, "8.1").status, RowStatus::kMissing);
  EXPECT_TRUE(HasFinding(*nothing->documentation, Severity::kNote, "8.1", "no hardware use"));
  auto bad_key = Build(Model("    documentation: {\"8.1\": {accelerator: h100, cop: 1.1}}\n"));
  ASSERT_TRUE(bad_key->documentation.ok());
  EXPECT_TRUE(HasFinding(*bad_key->documentation, Severity::kError, "8.1", "unknown key 'cop'"));
  auto bad_pue = Build(Model("    documentation: {\"8.1\": {accelerator: h100, pue: 0.5}}\n"));
  ASSERT_TRUE(bad_pue->documentation.ok());
  EXPECT_TRUE(HasFinding(*bad_pue->documentation, Severity::kError, "8.1", "pue"));
}

// The Form allows N/A only when energy cannot be estimated: a warning when it can.
TEST(DocumentationHardwareTest, NotApplicableWhenEstimableIsAWarning) {
  auto fixture = Build(HardwareModel("    documentation: {\"8.1\": N/A}\n"));
  ASSERT_TRUE(fixture->documentation.ok());
  EXPECT_EQ(Row(*fixture->documentation, "8.1").value, "N/A");
  EXPECT_TRUE(HasFinding(*fixture->documentation, Severity::kWarning, "8.1", "can estimate"));
  auto unknown = Build(Model("    documentation: {\"8.1\": N/A}\n"));
  ASSERT_TRUE(unknown->documentation.ok());
  EXPECT_FALSE(HasFinding(*unknown->documentation, Severity::kWarning, "8.1", "can estimate"));
}

// A typed exact figure keeps its digits (only the notation and unit follow the Form); derived
// figures get the Form's significant figures; the typed parameter count is not re-rounded.
TEST(DocumentationHardwareTest, TypedFiguresKeepTheirDigits) {
  auto fixture = Build(HardwareModel(
      "    documentation: {\"8.3\": 2.0e13, \"8.1\": 123.4 MWh, \"7.2b\": 1.2345e24 FLOP}\n"));
  ASSERT_TRUE(fixture->documentation.ok());
  const ModelDocumentation& d = *fixture->documentation;
  EXPECT_EQ(Row(d, "8.3").value, "2.0x10^13 FLOP");
  EXPECT_EQ(Row(d, "8.1").value, "1.234x10^2 MWh");
  EXPECT_EQ(Row(d, "8.1").status, RowStatus::kFilled);
  EXPECT_EQ(Row(d, "2.7a").value, "7.25x10^9 parameters");
  EXPECT_EQ(Row(d, "8.2").status, RowStatus::kMissing);  // 8.1 typed: its method is the user's
  auto wrong_unit = Build(Model("    documentation: {\"8.1\": 120 kWh}\n"));
  ASSERT_TRUE(wrong_unit->documentation.ok());
  EXPECT_EQ(Row(*wrong_unit->documentation, "8.1").status, RowStatus::kInvalid);
  EXPECT_TRUE(HasFinding(*wrong_unit->documentation, Severity::kError, "8.1", "unit 'kWh'"));
}

// Law as data: every power figure and assumption carries its source and verified level, and a bad
// figure is an error naming file:line:column (data/accelerators.yaml).
TEST(DocumentationHardwareTest, CatalogueGivesPowerAndAssumptionsWithProvenance) {
  int with_power = 0;
  for (const law::Accelerator& accelerator : Catalogue().accelerators) {
    if (!accelerator.board_power_watts) continue;
    ++with_power;
    EXPECT_GT(accelerator.board_power_watts->value, 50) << accelerator.id;
    EXPECT_LT(accelerator.board_power_watts->value, 3000) << accelerator.id;
    EXPECT_FALSE(accelerator.board_power_watts->provenance.source.empty()) << accelerator.id;
    EXPECT_FALSE(accelerator.board_power_watts->provenance.verified.empty()) << accelerator.id;
  }
  EXPECT_GE(with_power, 10);
  EXPECT_FALSE(Catalogue().Find("tpu-v5e")->board_power_watts.has_value());
  EXPECT_GE(Pue(), 1.0);
  EXPECT_FALSE(Catalogue().power_usage_effectiveness.provenance.source.empty());
  EXPECT_GT(Catalogue().assumed_utilization.value, 0);
  EXPECT_LE(Catalogue().assumed_utilization.value, 1);

  std::filesystem::path path = std::filesystem::temp_directory_path() / "gpaikit_bad_power.yaml";
  {
    std::ofstream out(path);
    out << "format: 1\ndefault_precision: bf16\nenergy_assumptions:\n"
           "  power_usage_effectiveness: {value: 1.2, source: s, verified: primary}\n"
           "  assumed_utilization: {value: 0.5, source: s, verified: primary}\n"
           "accelerators:\n  - id: x\n    vendor: v\n    name: n\n"
           "    peak_tflops: {bf16: 100}\n    board_power: {watts: 0, source: s, verified: "
           "primary}\n"
           "    source: s\n    verified: primary\n";
  }
  Result<law::AcceleratorCatalogue> bad = law::LoadAcceleratorCatalogue(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("gpaikit_bad_power.yaml:11:"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("board_power.watts: expected a positive number"),
            std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace gpaikit::docs
