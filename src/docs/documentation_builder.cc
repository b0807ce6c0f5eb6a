// Fills every Model Documentation Form row for one model: given values, values from project facts
// and derived values (Code of Practice, Transparency, Measure 1.1; Form spec section 1.6).
#include <algorithm>
#include <map>

#include "docs/documentation_internal.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/join.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/sha256.h"
#include "gpaikit/base/text.h"

namespace gpaikit::docs {
namespace {

std::string Trim(std::string text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  size_t end = text.find_last_not_of(" \t\r\n");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

std::string JoinFields(const project::Fields& fields) {
  std::string out;
  for (const auto& [key, value] : fields) out += (out.empty() ? "" : "; ") + key + ": " + value;
  return out;
}

// The Form's modality options (rows 2.3, 2.5) for the project's modality vocabulary.
std::string FormModality(const std::string& modality) {
  if (modality == "text" || modality == "code") return "Text";
  if (modality == "image") return "Images";
  if (modality == "audio" || modality == "speech" || modality == "music") return "Audio";
  if (modality == "video") return "Video";
  return "Other: " + modality;
}

}  // namespace

std::vector<std::string> FormModalities(const std::vector<std::string>& modalities) {
  std::vector<std::string> out;
  for (const std::string& modality : modalities) {
    std::string option = FormModality(modality);
    if (std::find(out.begin(), out.end(), option) == out.end()) out.push_back(option);
  }
  return out;
}

// The text of a given value: a scalar, a Markdown file, or lists and mappings as lines.
Status GivenText(const project::Project& project, const project::DocumentationValue& given,
                 std::string& out) {
  if (!given.file.empty()) {
    // Only files inside the project folder are published (issue 14: no ../../secret.md).
    Result<std::filesystem::path> inside = PathInside(project.root, given.file, "file");
    if (!inside.ok()) {
      return Status::InvalidInput(given.location.ToString() + ": row " + given.row + ": " +
                                  inside.status().message());
    }
    Result<std::string> text = ReadFile(*inside);
    if (!text.ok()) {
      return Status::InvalidInput(given.location.ToString() + ": row " + given.row + ": file '" +
                                  given.file + "' cannot be read (expected a Markdown file " +
                                  "relative to the project folder)");
    }
    out = Trim(*text);
  } else if (!given.items.empty()) {
    out = Join(given.items, "\n");
  } else if (!given.records.empty()) {
    std::vector<std::string> lines;
    for (const project::Fields& record : given.records) lines.push_back(JoinFields(record));
    out = Join(lines, "\n");
  } else if (!given.fields.empty()) {
    out = JoinFields(given.fields);
  } else {
    out = Trim(given.text);
  }
  return Status::Ok();
}

// Values from project facts and computations, for rows the project does not fill itself.
bool DeriveFromFacts(const Context& context, const law::form::Row& row, RowValue& value) {
  const project::Model& model = *context.assessment.model;
  const std::string& id = row.id;
  auto set = [&](std::string text, std::string basis) {
    value.value = std::move(text);
    value.basis = std::move(basis);
    value.status = RowStatus::kDerived;
    return true;
  };
  if (id == "1.1") return set(context.project.provider.legal_name, "provider.legal_name");
  if (id == "1.2") {
    std::string name = model.name;
    if (!model.versions.empty()) name += " (versions: " + Join(model.versions, ", ") + ")";
    return set(name, "models[].name and versions");
  }
  if (id == "1.3" && !model.artefacts.empty()) {
    std::vector<std::string> lines;
    for (const project::Artefact& artefact : model.artefacts) {
      if (!artefact.url.empty()) {
        lines.push_back("service endpoint: " + artefact.url);
        continue;
      }
      Result<std::string> bytes = ReadFile(context.project.root / artefact.path);
      if (!bytes.ok()) continue;  // reported as an input error by CheckArtefacts
      lines.push_back("SHA-256 " + Sha256Hex(*bytes) + "  " + artefact.path);
    }
    return set(Join(lines, "\n"), "SHA-256 of the artefacts listed in models[].artefacts");
  }
  if (id == "1.4" && model.release_date) {
    return set(model.release_date->ToString(), "models[].release_date");
  }
  if (id == "1.5" && model.union_market_date) {
    return set(model.union_market_date->ToString(), "models[].union_market_date");
  }
  if (id == "1.6") {
    if (model.base_model) return set(model.base_model->name, "models[].base_model.name");
    return set("N/A", "no base_model in gpaikit.yaml: not a modification");
  }
  if (id == "2.3") {
    return set(Join(FormModalities(model.input_modalities), ", "), "models[].modalities.input");
  }
  if (id == "2.5") {
    return set(Join(FormModalities(model.output_modalities), ", "), "models[].modalities.output");
  }
  if (id == "2.7a" && model.parameters_total) {
    // The typed count is exact: all its digits, and at least the Form's figures.
    double total = *model.parameters_total;
    int figures = ExactFigures(total, std::max(row.kind.min_significant_figures, 2));
    return set(FormFigure(total, figures) + " " + row.kind.unit, "models[].parameters.total");
  }
  if (id == "3.2b" && model.licence) {
    const project::Licence& l = *model.licence;
    if (l.access && l.use && l.modify && l.distribute && !l.monetised &&
        !row.kind.options.empty()) {
      return set(row.kind.options.front(),
                 "licence grants access, use, modification and distribution without "
                 "monetisation (" +
                     l.name + ")");
    }
  }
  if (id == "7.2b" && context.training_flop > 0) {
    return set(
        FormFigure(context.training_flop, row.kind.min_significant_figures) + " " + row.kind.unit,
        "sum of the executed training-compute runs in gpaikit.yaml (gpaikit compute)");
  }
  if (id == "7.1b") return DeriveTrainingTime(context, row, value);
  if (DeriveEnergyRow(context, row, value)) return true;
  if ((id == "8.1" || id == "8.2") && !context.energy_given) {
    std::string why_not;
    std::optional<EnergyEstimate> energy = EstimateTrainingEnergy(context, why_not);
    if (!energy) return false;
    if (id == "8.2") return set(energy->method, "method of the row 8.1 estimate");
    return set(FormFigure(energy->megawatt_hours, row.kind.min_significant_figures) + " " +
                   row.kind.unit + " (estimated; method in row 8.2)",
               energy->method);
  }
  if (id == "7.3" && !context.assessment.compute.runs.empty()) {
    std::vector<std::string> lines;
    for (const scope::RunEstimate& run : context.assessment.compute.runs) {
      if (!run.counts_training || run.planned) continue;
      lines.push_back(run.name + " (" + run.method + "): " + run.formula + " = " +
                      FormatPowerOfTen(run.flop, 2) + " FLOP" +
                      (run.approximation.empty() ? "" : " (" + run.approximation + ")"));
    }
    if (lines.empty()) return false;
    return set(
        "Estimated with the methods of the Commission Guidelines on GPAI obligations, "
        "Annex A (no delegated act under Art. 53(5) yet):\n" +
            Join(lines, "\n"),
        "compute runs in gpaikit.yaml");
  }
  return false;
}

// Ranges, orders of magnitude and roundings from the exact rows (spec 1.6 "Derived values").
bool DeriveFromRow(const Context& context, const law::form::Row& row, RowValue& value) {
  const law::form::Kind& kind = row.kind;
  if (kind.derived_from.empty()) return false;
  const std::string& from = kind.derived_from;
  std::string basis = "derived from row " + from;
  if (kind.type == "range" && !kind.bins.empty() && !kind.bins.front().in_months) {
    auto exact = context.numbers.find(from);
    if (exact == context.numbers.end()) return false;
    const law::form::Bin* bin = BinFor(kind, exact->second);
    if (!bin) return false;
    value.value = bin->label;
  } else if (kind.type == "range") {  // months: training time from wall-clock days
    auto days = context.numbers.find(from + ".wall_clock_days");
    if (days == context.numbers.end()) return false;
    const law::form::Bin* bin = BinFor(kind, days->second / kDaysPerMonth);
    if (!bin) return false;
    auto period = context.texts.find(from + ".period");
    value.value = bin->label;
    if (period != context.texts.end()) value.value += " (" + period->second + ")";
    basis += " (wall-clock days / 30.4375 days per month)";
  } else if (kind.type == "order-of-magnitude") {
    auto exact = context.numbers.find(from);
    if (exact == context.numbers.end()) return false;
    value.value = "10^" + std::to_string(OrderOfMagnitude(exact->second)) + " " + kind.unit;
  } else if (kind.derivation == "round-to-1-significant-figure") {
    std::vector<std::string> parts;
    auto unit = context.texts.find(from + ".unit");
    for (const std::string& split : kind.per_split) {
      auto exact = context.numbers.find(from + "." + split);
      if (exact == context.numbers.end()) continue;
      parts.push_back(split + ": " + FormatPowerOfTen(exact->second, 1) +
                      (unit != context.texts.end() ? " " + unit->second : ""));
    }
    if (parts.empty()) return false;
    value.value = Join(parts, "; ");
  } else {
    return false;
  }
  value.basis = basis;
  value.status = RowStatus::kDerived;
  return true;
}

}  // namespace gpaikit::docs
