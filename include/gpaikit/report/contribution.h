// What one module adds to `gpaikit check` for one model: a JSON key and value, a report section
// and its count of blocking findings (docs/architecture.md, "Adding a section to gpaikit check").
#ifndef GPAIKIT_REPORT_CONTRIBUTION_H_
#define GPAIKIT_REPORT_CONTRIBUTION_H_

#include <nlohmann/json.hpp>
#include <string>

#include "gpaikit/base/status.h"
#include "gpaikit/report/report.h"

namespace gpaikit::report {

struct ModelContribution {
  std::string json_key;  // "" to merge `json` into the model object itself
  nlohmann::json json;
  Section section;
  int blocking = 0;  // overdue obligations, blocking gaps, ...
};

// A contribution that could not be computed: {"error": message} under `key`, one blocking
// finding, and a section that shows the message.
inline ModelContribution FailedContribution(const std::string& key, const std::string& title,
                                            const Status& status) {
  ModelContribution out;
  out.json_key = key;
  out.json = {{"error", status.message()}};
  out.section = {key, title, {Paragraph{{status.message(), Tone::kBad}}}, {}};
  out.blocking = 1;
  return out;
}

// The tone of a status word that check's sections print: overdue, missing and late are bad;
// partial, open, upcoming, resolved and no-fixed-period need attention; not-applicable and
// no-date are secondary; anything else (met, closed) is good.
inline Tone StatusWordTone(const std::string& status) {
  if (status == "overdue" || status == "missing" || status == "late") return Tone::kBad;
  if (status == "partial" || status == "open" || status == "upcoming" || status == "resolved" ||
      status == "no-fixed-period") {
    return Tone::kWarn;
  }
  if (status == "not-applicable" || status == "no-date") return Tone::kMuted;
  return Tone::kGood;
}

}  // namespace gpaikit::report

#endif  // GPAIKIT_REPORT_CONTRIBUTION_H_
