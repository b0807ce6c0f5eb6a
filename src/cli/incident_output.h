// Incident listings (gpaikit.incidents/1) and the per-incident report to submit, in Markdown or
// JSON (Code of Practice, Safety and Security, Measures 9.2-9.3; AI Office reporting template).
#ifndef GPAIKIT_CLI_INCIDENT_OUTPUT_H_
#define GPAIKIT_CLI_INCIDENT_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "cli/safety_context.h"
#include "gpaikit/report/report.h"

namespace gpaikit::cli {

struct IncidentListing {
  nlohmann::json json;  // {"schema": "gpaikit.incidents/1", "incidents": [...]}
  report::Document document;
  int overdue = 0;
};

Result<IncidentListing> ListIncidents(const SafetyContext& context, const CivilDate& as_of);
// `format` "md" (default) or "json".
Result<std::string> ShowIncident(const SafetyContext& context, const safety::Incident& incident,
                                 const CivilDate& as_of, const std::string& format);

}  // namespace gpaikit::cli

#endif  // GPAIKIT_CLI_INCIDENT_OUTPUT_H_
