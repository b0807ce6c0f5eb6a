// Evidence gpaikit finds by itself in project facts, safety records and the ledger, per
// evidence id of the Code rulepack (Code of Practice, all chapters; docs/safety.md lists them).
#ifndef GPAIKIT_ASSESS_EVIDENCE_FINDERS_H_
#define GPAIKIT_ASSESS_EVIDENCE_FINDERS_H_

#include <optional>
#include <string>

#include "gpaikit/assess/assess.h"

namespace gpaikit::assess::internal {

enum class Found { kYes, kPartly, kNo };

struct Finding {
  Found found = Found::kNo;
  std::string detail;  // what was found, or what is lacking
};

// The merged view of one model's facts that the finders read.
struct Facts {
  const AssessmentInput* input = nullptr;
  EvidenceScope scope;  // project-wide and the model's own entries, merged
  std::set<std::string> conditions;
};

// A finding from project facts or records, or nullopt when gpaikit has no automatic source for
// this evidence id (the evidence register is then the only source).
std::optional<Finding> FindAutomatically(const law::CopEvidence& evidence, const Facts& facts);

// The evidence register's entry, with per-item completeness (Appendix 4).
std::optional<Finding> FindInRegister(const law::CopEvidence& evidence, const Facts& facts);

// The automatic finding, or the register's entry when gpaikit finds nothing by itself.
std::optional<Finding> Find(const law::CopEvidence& evidence, const Facts& facts);

// Whether gpaikit looks for this evidence id in facts and records by itself.
bool FoundAutomatically(std::string_view evidence_id);

}  // namespace gpaikit::assess::internal

#endif  // GPAIKIT_ASSESS_EVIDENCE_FINDERS_H_
