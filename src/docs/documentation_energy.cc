// The Form's section 8 from `gpaikit energy` records: row 8.1 measured (with unmetered runs
// estimated apart), row 8.2 its method, rows 8.3-8.4 from the saved inference estimate (AI Act
// Annex XI 2(e); Code of Practice, Transparency, Measure 1.1; docs/energy.md "The Form").
#include <algorithm>

#include "docs/documentation_internal.h"
#include "gpaikit/base/join.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"
#include "gpaikit/docs/energy_rows.h"

namespace gpaikit::docs {
namespace {

const project::DocumentationValue* EnergyRequest(const project::Model& model) {
  for (const project::DocumentationValue& value : model.documentation)
    if (value.row == "8.1") return &value;
  return nullptr;
}

// Row 8.1's value and row 8.2's method from the measured records, the unmetered runs estimated.
std::pair<std::string, std::string> MeasuredRows(const Context& context, int figures,
                                                 const std::string& unit) {
  const MeasuredEnergy& measured = *context.measured;
  double mwh = measured.it_joules / energy::kJoulesPerMegawattHour * context.overhead.pue;
  std::string method = measured.method;
  std::string kind = "measured";
  if (!measured.unmetered_runs.empty()) {
    std::string why_not;
    std::optional<EnergyEstimate> rest =
        EstimateRunsEnergy(context, measured.unmetered_runs, why_not);
    if (rest) {
      mwh += rest->megawatt_hours;
      kind = "measured " + FormFigure(mwh - rest->megawatt_hours, 2) + " " + unit +
             " + estimated " + FormFigure(rest->megawatt_hours, 2) + " " + unit;
      method += " Estimated part: " + rest->method;
    } else {
      kind = "measured runs only";
      method += " Not metered and not estimated: " + Join(measured.unmetered_runs, ", ") + " (" +
                why_not + "); the figure leaves them out.";
    }
  }
  return {FormFigure(mwh, figures) + " " + unit + " (" + kind + "; method in row 8.2)", method};
}

}  // namespace

energy::FacilityOverhead FacilityOverheadOf(const project::Model& model,
                                            const law::AcceleratorCatalogue& catalogue) {
  energy::FacilityOverhead overhead{catalogue.power_usage_effectiveness.value,
                                    catalogue.power_usage_effectiveness.provenance.source, false};
  const project::DocumentationValue* request = EnergyRequest(model);
  if (!request) return overhead;
  std::string source = "row 8.1 of gpaikit.yaml";
  std::optional<double> pue;
  for (const auto& [key, text] : request->fields) {
    if (key == "pue") pue = ParseQuantity(text);
    if (key == "pue_source" && !text.empty()) source = text;
  }
  if (pue && *pue >= 1) overhead = {*pue, source, true};  // an invalid value is a finding
  return overhead;
}

std::vector<std::string> TrainingRunNames(const scope::ModelAssessment& assessment) {
  std::vector<std::string> names;
  for (const scope::RunEstimate& run : assessment.compute.runs) {
    if (run.counts_training && !run.planned) names.push_back(run.name);
  }
  return names;
}

void CollectEnergyRecords(Context& context) {
  const project::Model& model = *context.assessment.model;
  Result<energy::ParsedRecords> parsed = energy::LoadRecords(context.project.root);
  if (!parsed.ok()) {
    context.Add(Severity::kWarning, "8.1", "energy records: " + parsed.status().message());
  } else {
    for (const std::string& problem : parsed->problems) {
      context.Add(Severity::kWarning, "8.1", "energy record not counted: " + problem);
    }
    std::vector<std::string> runs = TrainingRunNames(context.assessment);
    energy::EnergyReport report =
        energy::Aggregate(parsed->records, std::set<std::string>(runs.begin(), runs.end()));
    if (!report.runs.empty()) {
      MeasuredEnergy measured;
      std::vector<const energy::RunEnergy*> metered;
      for (const energy::RunEnergy& run : report.runs) metered.push_back(&run);
      measured.it_joules = report.joules;
      measured.method = energy::MeasuredMethod(metered, context.overhead);
      for (const std::string& run : runs) {
        if (!report.Find(run)) measured.unmetered_runs.push_back(run);
      }
      context.measured = std::move(measured);
    }
  }
  Result<std::optional<energy::InferenceEstimate>> inference =
      energy::LoadInference(context.project.root, model.id);
  if (!inference.ok()) {
    context.Add(Severity::kWarning, "8.3", inference.status().message());
  } else {
    context.inference = std::move(*inference);
  }
}

bool DeriveEnergyRow(const Context& context, const law::form::Row& row, RowValue& value) {
  const std::string& id = row.id;
  if ((id == "8.1" || id == "8.2") && context.measured && !context.energy_given) {
    auto [figure, method] = MeasuredRows(context, row.kind.min_significant_figures, "MWh");
    value.value = id == "8.1" ? figure : method;
    value.basis = id == "8.1" ? method : "method of the row 8.1 measurement";
  } else if (id == "8.3" && context.inference) {
    value.value = FormFigure(context.inference->flop, row.kind.min_significant_figures) + " " +
                  row.kind.unit + " (estimated for benchmark '" + context.inference->benchmark +
                  "'; method in row 8.4)";
    value.basis = "gpaikit energy inference (.gpaikit/energy/inference/)";
  } else if (id == "8.4" && context.inference) {
    value.value = context.inference->method;
    value.basis = "method of the row 8.3 estimate";
  } else {
    return false;
  }
  value.status = RowStatus::kDerived;
  return true;
}

}  // namespace gpaikit::docs
