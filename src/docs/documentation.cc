// Builds one model's Model Documentation: given, derived and missing rows with findings, the
// open-source exemption and the modification rule (Code of Practice, Transparency, Measure 1.1;
// AI Act Art. 53(1)(a)-(b), 53(2), recital 109).
#include <algorithm>

#include "docs/documentation_internal.h"
#include "gpaikit/base/files.h"
#include "gpaikit/base/numbers.h"
#include "gpaikit/base/text.h"
#include "gpaikit/docs/energy_rows.h"

namespace gpaikit::docs {
namespace {

// The highest PUE accepted: facilities report 1.1 to about 2.5 (the default's source, the Uptime
// Institute survey, has its average at 1.58); anything above 5 is taken for a typo.
constexpr double kMostPue = 5;

// Input problems that stop the build: unknown row ids, unreadable files and artefacts.
Status CheckInputs(const project::Project& project, const project::Model& model,
                   const law::form::Form& form) {
  std::vector<std::string> errors;
  std::vector<std::string_view> ids = form.RowIds();
  for (const project::DocumentationValue& value : model.documentation) {
    if (form.FindRow(value.row)) continue;
    errors.push_back(value.location.ToString() + ": documentation." + value.row +
                     ": not a row of the " + form.title + " (" + form.form + ")" +
                     DidYouMean(value.row, ids));
  }
  for (const project::Artefact& artefact : model.artefacts) {
    if (artefact.path.empty()) continue;
    std::error_code error;
    if (!std::filesystem::is_regular_file(project.root / artefact.path, error)) {
      errors.push_back(artefact.location.ToString() + ": artefacts: '" + artefact.path +
                       "' is not a file in the project folder (row 1.3 hashes it)");
    }
  }
  if (errors.empty()) return Status::Ok();
  std::string message;
  for (const std::string& error : errors) message += (message.empty() ? "" : "\n") + error;
  return Status::InvalidInput(message);
}

double ExecutedTrainingFlop(const scope::ComputeSummary& compute) {
  double flop = 0;
  for (const scope::RunEstimate& run : compute.runs) {
    if (run.counts_training && !run.planned) flop += run.flop;
  }
  return flop;
}

// Row 8.1 given as `{accelerator: ID, precision: P}` asks for an estimate from compute on that
// accelerator instead of a figure, and `{pue: X, pue_source: S}` states the facility overhead
// for the measured or estimated figure (docs/documentation.md "Row 8.1").
bool EstimateRequested(const project::DocumentationValue& given) {
  if (given.row != "8.1") return false;
  for (const auto& [key, text] : given.fields)
    if (key == "accelerator" || key == "pue") return true;
  return false;
}

void ReadEstimateRequest(Context& context, const law::form::Row& row,
                         const project::DocumentationValue& given) {
  for (const auto& [key, text] : given.fields) {
    if (key == "accelerator" || key == "precision") {
      context.texts[row.id + "." + key] = text;
    } else if (key == "pue") {
      std::optional<double> pue = ParseQuantity(text);
      if (!pue || *pue < 1 || *pue > kMostPue) {
        context.Add(Severity::kError, row.id,
                    "row " + row.id + ": pue '" + text +
                        "': expected the facility's power usage effectiveness, from 1 to " +
                        FormatPowerOfTen(kMostPue, 2),
                    given.location);
      }
    } else if (key != "pue_source") {
      context.Add(Severity::kError, row.id,
                  "row " + row.id + ": unknown key '" + key +
                      "' (expected a figure in MWh, N/A, or {accelerator: ID, precision: P, "
                      "pue: X, pue_source: TEXT} for an estimate)",
                  given.location);
    }
  }
}

// Says why a required row 8.1 could not be estimated (Form: "estimated from compute if unknown").
void NoteEnergyNotEstimated(Context& context, const std::vector<RowValue>& rows, bool required) {
  for (const RowValue& value : rows) {
    if (value.row->id != "8.1" || value.status != RowStatus::kMissing || !required) continue;
    std::string why_not;
    if (EstimateTrainingEnergy(context, why_not)) continue;
    context.Add(Severity::kNote, "8.1",
                "row 8.1 (energy) is not estimated: " + why_not +
                    "; give the measured figure in MWh, or N/A with the missing information "
                    "in row 8.2");
  }
}

}  // namespace

Result<ModelDocumentation> BuildDocumentation(const project::Project& project,
                                              const scope::ModelAssessment& assessment,
                                              const law::form::Form& form,
                                              const law::Rulepack& rules,
                                              const law::AcceleratorCatalogue& catalogue) {
  const project::Model& model = *assessment.model;
  Status inputs = CheckInputs(project, model, form);
  if (!inputs.ok()) return inputs;
  Context context{project, assessment, form, rules, catalogue, 0,
                  {},      {},         {},   false, false,     FacilityOverheadOf(model, catalogue),
                  {},      {}};
  context.training_flop = ExecutedTrainingFlop(assessment.compute);
  auto given_row = [&](std::string_view id) {
    return std::find_if(model.documentation.begin(), model.documentation.end(),
                        [&](const auto& v) { return v.row == id; });
  };
  if (given_row("7.1b") == model.documentation.end()) CollectHardwareUse(context);
  auto energy = given_row("8.1");
  context.energy_given = energy != model.documentation.end() && !EstimateRequested(*energy);
  CollectEnergyRecords(context);
  if (model.parameters_total) context.numbers["2.7a"] = *model.parameters_total;
  if (context.training_flop > 0) context.numbers["7.2b"] = context.training_flop;

  ModelDocumentation out;
  out.model_id = model.id;
  out.model_name = model.name;
  out.provider = project.provider.legal_name;
  const scope::Classification& c = assessment.classification;
  out.open_source_exempt = c.open_source_exempt;
  out.limited_to_modification = c.modification && c.modifier_is_provider;
  // The Form is required exactly when an obligation it fulfils applies (scope owns that rule).
  out.required = std::any_of(form.obligations.begin(), form.obligations.end(), [&](const auto& id) {
    const scope::Obligation* obligation = assessment.Find(id);
    return obligation && obligation->applies;
  });

  // Pass 1: given values and facts; pass 2: values derived from other rows.
  std::vector<RowValue> rows;
  for (const law::form::Row& row : form.rows) {
    RowValue value;
    value.row = &row;
    auto given = given_row(row.id);
    if (given != model.documentation.end() && EstimateRequested(*given)) {
      ReadEstimateRequest(context, row, *given);
      DeriveFromFacts(context, row, value);
    } else if (given != model.documentation.end()) {
      Status read = GivenText(project, *given, value.value);
      if (!read.ok()) return read;
      value.status = RowStatus::kFilled;
      CheckGiven(context, row, *given, value);
    } else if (row.kind.derived_from.empty()) {
      DeriveFromFacts(context, row, value);
    }
    rows.push_back(std::move(value));
  }
  NoteEnergyNotEstimated(context, rows, out.required);
  for (RowValue& value : rows) {
    if (value.row->kind.derived_from.empty()) continue;
    RowValue derived;
    derived.row = value.row;
    bool derivable = DeriveFromRow(context, *value.row, derived);
    if (value.status == RowStatus::kMissing) {
      if (derivable) value = derived;
    } else if (derivable && !derived.value.starts_with(value.value)) {
      context.Add(Severity::kError, value.row->id,
                  "row " + value.row->id + " says '" + value.value + "' but " + derived.basis +
                      " it is '" + derived.value + "'");
      value.status = RowStatus::kInvalid;
    }
  }
  CheckConsistency(context, rows);
  for (RowValue& value : rows) {
    for (const Finding& finding : context.findings) {
      if (finding.severity == Severity::kError && finding.row == value.row->id) {
        value.status = RowStatus::kInvalid;
      }
    }
    if (value.status == RowStatus::kMissing && !out.required) {
      value.status = RowStatus::kNotRequired;
    }
  }
  if (c.open_source_exempt) {
    context.Add(Severity::kNote, "",
                "open-source exemption (AI Act Art. 53(2); Code of Practice, Transparency): the "
                "documentation for the AI Office and downstream providers is not required; the "
                "copyright policy (Art. 53(1)(c)) and the public training-content summary "
                "(Art. 53(1)(d)) remain");
  }
  if (out.limited_to_modification) {
    context.Add(Severity::kNote, "",
                "modification of " + (model.base_model ? model.base_model->name : "a model") +
                    ": the documentation is limited to the modification (AI Act recital 109; "
                    "Code of Practice, Transparency, recital (b)); row 1.6 names the base model");
  }
  if (!c.modifier_is_provider) {
    context.Add(Severity::kNote, "",
                "the modification stays below the one-third criterion: the modifier is not the "
                "provider, so no documentation is required of it");
  }
  out.rows = std::move(rows);
  out.findings = std::move(context.findings);
  return out;
}

Completeness CompletenessFor(const ModelDocumentation& documentation, const law::form::Form& form,
                             std::string_view audience) {
  Completeness out;
  out.audience = std::string(audience);
  for (const law::form::Row* row : form.RowsFor(audience)) {
    const RowValue* value = documentation.Find(row->id);
    ++out.rows;
    switch (value->status) {
      case RowStatus::kFilled:
      case RowStatus::kDerived:
        ++out.filled;
        break;
      case RowStatus::kNotRequired:
        ++out.not_required;
        break;
      case RowStatus::kMissing:
        out.missing.push_back(row->id);
        break;
      case RowStatus::kInvalid:
        out.invalid.push_back(row->id);
        break;
    }
  }
  return out;
}

}  // namespace gpaikit::docs
