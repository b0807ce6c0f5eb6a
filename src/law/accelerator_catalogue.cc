// Loads data/accelerators.yaml (dense peak FLOP/s per precision, Guidelines Annex A.2.1).
#include "gpaikit/law.h"
#include "gpaikit/numbers.h"
#include "gpaikit/text.h"
#include "gpaikit/yaml_reader.h"
#include "law/provenance_reader.h"

namespace gpaikit::law {

const Accelerator* AcceleratorCatalogue::Find(std::string_view name) const {
  std::string wanted = AsciiLower(name);
  for (const Accelerator& accelerator : accelerators) {
    if (AsciiLower(accelerator.id) == wanted) return &accelerator;
    for (const std::string& alias : accelerator.aliases) {
      if (AsciiLower(alias) == wanted) return &accelerator;
    }
  }
  return nullptr;
}

std::vector<std::string_view> AcceleratorCatalogue::Names() const {
  std::vector<std::string_view> names;
  for (const Accelerator& accelerator : accelerators) {
    names.push_back(accelerator.id);
    for (const std::string& alias : accelerator.aliases) names.push_back(alias);
  }
  return names;
}

Result<AcceleratorCatalogue> LoadAcceleratorCatalogue(const std::filesystem::path& path) {
  Result<YAML::Node> root = LoadYamlFile(path);
  if (!root.ok()) return root.status();
  Diagnostics diagnostics(path.string());
  MapReader reader(*root, "", diagnostics, {"format", "default_precision", "accelerators"});
  AcceleratorCatalogue catalogue;
  if (reader.Integer("format", true).value_or(1) != 1) {
    diagnostics.Error(reader.MarkOf("format"), "format: expected 1");
  }
  catalogue.default_precision = reader.String("default_precision", true).value_or("bf16");
  YAML::Node list = reader.Sequence("accelerators", true);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = "accelerators[" + std::to_string(i) + "]";
    MapReader entry(list[i], where, diagnostics,
                    {"id", "vendor", "name", "aliases", "peak_tflops", "source", "verified"});
    Accelerator accelerator;
    accelerator.id = entry.String("id", true).value_or("");
    accelerator.vendor = entry.String("vendor", true).value_or("");
    accelerator.name = entry.String("name", true).value_or("");
    accelerator.aliases = entry.StringList("aliases");
    YAML::Node peaks = entry.Get("peak_tflops");
    if (!peaks.IsMap() || peaks.size() == 0) {
      diagnostics.Error(entry.MarkOf("peak_tflops"),
                        where + ".peak_tflops: expected precision: TFLOP/s pairs");
    } else {
      for (const auto& peak : peaks) {
        std::string precision = peak.first.Scalar();
        std::optional<double> value;
        if (peak.second.IsScalar()) value = ParseQuantity(peak.second.Scalar());
        if (!value || *value <= 0) {
          diagnostics.Error(peak.second.Mark(), where + ".peak_tflops." + precision +
                                                    ": expected a positive number of TFLOP/s");
          continue;
        }
        accelerator.peak_flops[precision] = *value * 1e12;
      }
    }
    accelerator.provenance = ReadProvenance(entry);
    catalogue.accelerators.push_back(std::move(accelerator));
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return catalogue;
}

}  // namespace gpaikit::law
