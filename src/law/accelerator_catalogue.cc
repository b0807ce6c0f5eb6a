// Loads data/accelerators.yaml (dense peak FLOP/s per precision, Guidelines Annex A.2.1; board
// power and energy assumptions for Form row 8.1, AI Act Annex XI 2(e)).
#include "base/yaml_reader.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"
#include "gpaikit/law/law.h"
#include "law/provenance_reader.h"

namespace gpaikit::law {
namespace {

// `{value|watts: N, source, verified}`: a positive figure with its provenance.
std::optional<Sourced<double>> ReadSourcedFigure(MapReader& parent, const std::string& key,
                                                 const std::string& where, const char* number_key,
                                                 bool required, Diagnostics& diagnostics) {
  if (!parent.Has(key)) {
    if (required) parent.Quantity(key, true);  // reports the missing key
    return std::nullopt;
  }
  MapReader figure(parent.Get(key), where + "." + key, diagnostics,
                   {number_key, "source", "verified"});
  std::optional<double> value = figure.Quantity(number_key, true);
  if (value && *value <= 0) {
    diagnostics.Error(figure.MarkOf(number_key),
                      where + "." + key + "." + number_key + ": expected a positive number");
    return std::nullopt;
  }
  Provenance provenance = ReadProvenance(figure);
  if (!value) return std::nullopt;
  return Sourced<double>{*value, provenance};
}

}  // namespace

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

Result<double> AcceleratorCatalogue::PeakFlops(std::string_view name,
                                               std::string_view precision) const {
  const Accelerator* accelerator = Find(name);
  if (accelerator == nullptr) {
    return Status::InvalidInput(
        "unknown accelerator '" + std::string(name) + "'" + DidYouMean(name, Names()) +
        " (data/accelerators.yaml lists the catalogue; 'peak_flops' gives a figure directly)");
  }
  std::string chosen = precision.empty() ? default_precision : AsciiLower(precision);
  auto found = accelerator->peak_flops.find(chosen);
  if (found == accelerator->peak_flops.end()) {
    std::string known;
    for (const auto& [figure, value] : accelerator->peak_flops) {
      known += (known.empty() ? "" : ", ") + figure;
    }
    return Status::InvalidInput(accelerator->id + " has no peak figure for precision '" + chosen +
                                "' (known: " + known + ")");
  }
  return found->second;
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
  MapReader reader(*root, "", diagnostics,
                   {"format", "default_precision", "energy_assumptions", "accelerators"});
  AcceleratorCatalogue catalogue;
  if (reader.Integer("format", true).value_or(1) != 1) {
    diagnostics.Error(reader.MarkOf("format"), "format: expected 1");
  }
  catalogue.default_precision = reader.String("default_precision", true).value_or("bf16");
  if (!reader.Has("energy_assumptions")) {
    diagnostics.Error(reader.MarkOf("energy_assumptions"),
                      "energy_assumptions: required (power_usage_effectiveness, "
                      "assumed_utilization)");
  }
  YAML::Node assumptions = reader.Has("energy_assumptions") ? reader.Get("energy_assumptions")
                                                            : YAML::Node(YAML::NodeType::Map);
  MapReader energy(assumptions, "energy_assumptions", diagnostics,
                   {"power_usage_effectiveness", "assumed_utilization"});
  for (auto [key, out] :
       {std::pair{"power_usage_effectiveness", &catalogue.power_usage_effectiveness},
        std::pair{"assumed_utilization", &catalogue.assumed_utilization}}) {
    std::optional<Sourced<double>> figure = ReadSourcedFigure(
        energy, key, "energy_assumptions", "value", reader.Has("energy_assumptions"), diagnostics);
    if (figure) *out = *figure;
  }
  if (catalogue.assumed_utilization.value > 1) {
    diagnostics.Error(energy.MarkOf("assumed_utilization"),
                      "energy_assumptions.assumed_utilization: expected a fraction up to 1");
  }
  YAML::Node list = reader.Sequence("accelerators", true);
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = "accelerators[" + std::to_string(i) + "]";
    MapReader entry(
        list[i], where, diagnostics,
        {"id", "vendor", "name", "aliases", "peak_tflops", "board_power", "source", "verified"});
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
    accelerator.board_power_watts =
        ReadSourcedFigure(entry, "board_power", where, "watts", false, diagnostics);
    catalogue.accelerators.push_back(std::move(accelerator));
  }
  if (!diagnostics.ok()) return diagnostics.ToStatus();
  return catalogue;
}

}  // namespace gpaikit::law
