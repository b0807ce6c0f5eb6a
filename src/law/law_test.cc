// Tests that the shipped data/ files load and carry the values and provenance spec/ states.
#include "gpaikit/law/law.h"

#include <gtest/gtest.h>

#include "gpaikit/base/files.h"

namespace gpaikit::law {
namespace {

const std::filesystem::path kData = GPAIKIT_SOURCE_DATA_DIR;

TEST(RulepackTest, ShippedRulepackLoadsWithTheLawsNumbers) {
  Result<Rulepack> pack = LoadRulepack(kData, "");
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  EXPECT_EQ(pack->version, "2025-07");
  // AI Act Art. 51(2): presumption strictly above 1e25.
  EXPECT_DOUBLE_EQ(pack->systemic_risk_cumulative_flop.value, 1e25);
  EXPECT_EQ(pack->systemic_risk_cumulative_flop.provenance.source, "AI Act Art. 51(2)");
  EXPECT_EQ(pack->systemic_risk_cumulative_flop.provenance.verified, "primary");
  // Guidelines para. 17.
  EXPECT_DOUBLE_EQ(pack->gpai_indicative_training_flop.value, 1e23);
  EXPECT_EQ(pack->notification_days.value, 14);  // Art. 52(1)
  EXPECT_EQ(pack->chapter_v_applies.value.ToString(), "2025-08-02");
  EXPECT_EQ(pack->enforcement_from.value.ToString(), "2026-08-02");
  EXPECT_EQ(pack->legacy_deadline.value.ToString(), "2027-08-02");  // Art. 111(3)
  EXPECT_EQ(pack->summary_update_months.provenance.verified, "unverified");
  ASSERT_EQ(pack->obligations.size(), 10u);
  EXPECT_EQ(pack->obligations.front().id, "AIA-52-1");
  const ComputeStage* synthetic = pack->FindStage("synthetic-data");
  ASSERT_NE(synthetic, nullptr);
  EXPECT_FALSE(synthetic->training);  // Annex A.1: no parameter update
  EXPECT_TRUE(synthetic->cumulative);
  EXPECT_EQ(pack->FindStage("reward-model")->cumulative, false);
}

TEST(RulepackTest, UnknownVersionIsNotFound) {
  Result<Rulepack> pack = LoadRulepack(kData, "1999-01");
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.status().code(), StatusCode::kNotFound);
}

TEST(AcceleratorCatalogueTest, FindsByIdOrAliasCaseInsensitively) {
  Result<AcceleratorCatalogue> catalogue = LoadAcceleratorCatalogue(kData / "accelerators.yaml");
  ASSERT_TRUE(catalogue.ok()) << catalogue.status().message();
  const Accelerator* h100 = catalogue->Find("H100");
  ASSERT_NE(h100, nullptr);
  EXPECT_EQ(h100->id, "nvidia-h100-sxm");
  EXPECT_DOUBLE_EQ(h100->peak_flops.at("bf16"), 989.4e12);  // Guidelines example H: 989 TFLOP/s
  EXPECT_EQ(catalogue->Find("no-such-chip"), nullptr);
  for (const Accelerator& accelerator : catalogue->accelerators) {
    EXPECT_FALSE(accelerator.provenance.source.empty()) << accelerator.id;
    EXPECT_FALSE(accelerator.peak_flops.empty()) << accelerator.id;
  }
}

TEST(AcceleratorCatalogueTest, BadCatalogueNamesFileLineAndColumn) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / "gpaikit_bad_acc.yaml";
  ASSERT_TRUE(WriteFile(path,
                        "format: 1\ndefault_precision: bf16\naccelerators:\n"
                        "  - id: x\n    vendor: v\n    name: n\n"
                        "    peak_tflops: {bf16: fast}\n    source: s\n"
                        "    verified: primary\n")
                  .ok());
  Result<AcceleratorCatalogue> catalogue = LoadAcceleratorCatalogue(path);
  ASSERT_FALSE(catalogue.ok());
  EXPECT_NE(catalogue.status().message().find("gpaikit_bad_acc.yaml:7:"), std::string::npos)
      << catalogue.status().message();
  EXPECT_NE(catalogue.status().message().find("positive number of TFLOP/s"), std::string::npos);
}

}  // namespace
}  // namespace gpaikit::law
