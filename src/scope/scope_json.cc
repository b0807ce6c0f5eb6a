// JSON output of compute, classification and obligations (schemas gpaikit.check/1, compute/1).
#include "gpaikit/base/numbers.h"
#include "gpaikit/scope/output.h"

namespace gpaikit::scope {
namespace {

using nlohmann::json;

json OptionalDate(const std::optional<CivilDate>& date) {
  return date ? json(date->ToString()) : json(nullptr);
}

std::string TwoFigures(double flop, const law::Rulepack& rules) {
  return FormatPowerOfTen(flop, rules.report_significant_figures.value);
}

}  // namespace

json ComputeToJson(const ComputeSummary& compute, const law::Rulepack& rules) {
  json runs = json::array();
  for (const RunEstimate& run : compute.runs) {
    runs.push_back({{"name", run.name},
                    {"stage", run.stage},
                    {"method", run.method},
                    {"formula", run.formula},
                    {"approximation", run.approximation.empty() ? json() : json(run.approximation)},
                    {"flop", run.flop},
                    {"flop_2sf", TwoFigures(run.flop, rules)},
                    {"counts_training", run.counts_training},
                    {"counts_cumulative", run.counts_cumulative},
                    {"planned", run.planned}});
  }
  return {{"training_flop", compute.training_flop},
          {"training_flop_2sf", TwoFigures(compute.training_flop, rules)},
          {"cumulative_flop", compute.cumulative_flop},
          {"cumulative_flop_2sf", TwoFigures(compute.cumulative_flop, rules)},
          {"executed_cumulative_flop", compute.executed_cumulative_flop},
          {"tolerance", compute.tolerance},
          {"cumulative_range",
           {compute.cumulative_flop * (1 - compute.tolerance),
            compute.cumulative_flop * (1 + compute.tolerance)}},
          {"near_systemic_threshold", compute.near_systemic_threshold},
          {"systemic_threshold_known_on", OptionalDate(compute.systemic_threshold_known_on)},
          {"runs", runs}};
}

json ClassificationToJson(const Classification& c) {
  json out = {{"gpai", c.gpai},
              {"systemic_risk", c.systemic_risk},
              {"systemic_risk_basis",
               c.systemic_risk_basis.empty() ? json(nullptr) : json(c.systemic_risk_basis)},
              {"modification", c.modification},
              {"modifier_is_provider", c.modifier_is_provider},
              {"open_source_exempt", c.open_source_exempt},
              {"non_eu_provider", c.non_eu_provider},
              {"placed_on_market", c.placed_on_market},
              {"reasons", c.reasons}};
  if (c.modification) out["modification_threshold_flop"] = c.modification_threshold_flop;
  return out;
}

json ObligationToJson(const Obligation& o) {
  return {{"id", o.id},
          {"title", o.title},
          {"applies", o.applies},
          {"reason", o.reason},
          {"source", o.provenance.source},
          {"verified", o.provenance.verified},
          {"due", OptionalDate(o.due)},
          {"due_basis", o.due_basis},
          {"enforceable_from", OptionalDate(o.enforceable_from)},
          {"retain_until", OptionalDate(o.retain_until)},
          {"next_update", OptionalDate(o.next_update)},
          {"limited_to_modification", o.limited_to_modification},
          {"fulfilled_on", OptionalDate(o.fulfilled_on)},
          {"evidence", o.evidence.empty() ? json(nullptr) : json(o.evidence)},
          {"status", DueStatusName(o.status)},
          {"days_late", o.status == DueStatus::kLate ? json(o.days_late) : json(nullptr)}};
}

json AssessmentToJson(const ModelAssessment& assessment, const law::Rulepack& rules) {
  json obligations = json::array();
  for (const Obligation& o : assessment.obligations) obligations.push_back(ObligationToJson(o));
  return {{"id", assessment.model->id},
          {"name", assessment.model->name},
          {"compute", ComputeToJson(assessment.compute, rules)},
          {"classification", ClassificationToJson(assessment.classification)},
          {"obligations", obligations}};
}

json ComputeFigureToJson(double flop, const std::string& method, const std::string& formula,
                         const law::Rulepack& rules) {
  double tolerance = rules.estimate_tolerance.value;
  return {{"schema", "gpaikit.compute/1"},
          {"flop", flop},
          {"flop_2sf", TwoFigures(flop, rules)},
          {"method", method},
          {"formula", formula},
          {"tolerance",
           {{"relative", tolerance},
            {"low", flop * (1 - tolerance)},
            {"high", flop * (1 + tolerance)},
            {"source", rules.estimate_tolerance.provenance.source}}},
          {"thresholds",
           {{"gpai_indicative", StrictlyAbove(flop, rules.gpai_indicative_training_flop.value)},
            {"systemic_risk_presumed",
             StrictlyAbove(flop, rules.systemic_risk_cumulative_flop.value)}}},
          {"rulepack", rules.version}};
}

}  // namespace gpaikit::scope
