// Shared between the files that fill and check the Model Documentation Form (src/docs).
#ifndef GPAIKIT_DOCS_DOCUMENTATION_INTERNAL_H_
#define GPAIKIT_DOCS_DOCUMENTATION_INTERNAL_H_

#include <map>
#include <string>
#include <vector>

#include "gpaikit/docs.h"

namespace gpaikit::docs {

// Months for the training-time bins of row 7.1a: a Julian year over twelve (documented).
inline constexpr double kDaysPerMonth = 365.25 / 12;

struct Context {
  const project::Project& project;
  const scope::ModelAssessment& assessment;
  const form::Form& form;
  const law::Rulepack& rules;
  double training_flop = 0;  // executed runs that count as training compute
  // Exact figures by row ("2.7a", "7.2b") or row and part ("6.4b.training",
  // "7.1b.wall_clock_days"), and texts that go with them ("6.4b.unit", "7.1b.period").
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  std::vector<Finding> findings;

  void Add(Severity severity, const std::string& row, std::string message,
           SourceLocation location = {}) {
    findings.push_back({severity, row, std::move(message), std::move(location)});
  }
};

std::vector<std::string> FormModalities(const std::vector<std::string>& modalities);
Status GivenText(const project::Project& project, const project::DocumentationValue& given,
                 std::string& out);
bool DeriveFromFacts(const Context& context, const form::Row& row, RowValue& value);
bool DeriveFromRow(const Context& context, const form::Row& row, RowValue& value);
// Validates a given value against its row's kind and records its figures in the context.
void CheckGiven(Context& context, const form::Row& row, const project::DocumentationValue& given,
                RowValue& value);
// Checks across rows and against project facts (dates, modalities, compute, parameters).
void CheckConsistency(Context& context, const std::vector<RowValue>& rows);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_DOCUMENTATION_INTERNAL_H_
