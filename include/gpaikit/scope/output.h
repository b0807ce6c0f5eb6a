// What the scope module contributes to outputs: JSON objects (schemas gpaikit.check/1 and
// gpaikit.compute/1) and report sections for one model's compute, classification and obligations.
#ifndef GPAIKIT_SCOPE_OUTPUT_H_
#define GPAIKIT_SCOPE_OUTPUT_H_

#include <nlohmann/json.hpp>

#include "gpaikit/report/report.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::scope {

// The "compute" object of a model in gpaikit.check/1.
nlohmann::json ComputeToJson(const ComputeSummary& compute, const law::Rulepack& rules);
// The "classification" object of a model in gpaikit.check/1.
nlohmann::json ClassificationToJson(const Classification& classification);
// One entry of "obligations" in gpaikit.check/1.
nlohmann::json ObligationToJson(const Obligation& obligation);
// {"id", "name", "compute", "classification", "obligations"}.
nlohmann::json AssessmentToJson(const ModelAssessment& assessment, const law::Rulepack& rules);

// A figure with its threshold flags, as `gpaikit compute --json` prints it (gpaikit.compute/1).
nlohmann::json ComputeFigureToJson(double flop, const std::string& method,
                                   const std::string& formula, const law::Rulepack& rules);

// The report section of one model: compute, classification and obligations as children.
report::Section AssessmentSection(const ModelAssessment& assessment, const law::Rulepack& rules);

// Tone of an obligation status in reports (overdue is bad, due soon a warning, met good).
report::Tone StatusTone(DueStatus status);

}  // namespace gpaikit::scope

#endif  // GPAIKIT_SCOPE_OUTPUT_H_
