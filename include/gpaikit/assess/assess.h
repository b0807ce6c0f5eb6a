// Gap assessment of one model against every measure of the Code of Practice: met, partial,
// missing or not applicable, with the evidence found and missing and each measure's source
// (Code of Practice, all chapters; AI Act Art. 53(4) and 55(2) "alternative adequate means").
#ifndef GPAIKIT_ASSESS_ASSESS_H_
#define GPAIKIT_ASSESS_ASSESS_H_

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/status.h"
#include "gpaikit/law/code_of_practice.h"
#include "gpaikit/project/project.h"
#include "gpaikit/safety/safety.h"
#include "gpaikit/scope/scope.h"
#include "gpaikit/store/ledger_facts.h"

namespace gpaikit::assess {

// The provider's evidence register (evidence.yaml at the project root; docs/safety.md): which of
// the Code's conditions hold and where each evidence item is, for all models and per model.
struct EvidenceEntry {
  std::string reference;                     // file, address or statement
  std::map<std::string, std::string> items;  // per-item evidence (Appendix 4 objectives)
};

struct EvidenceScope {
  std::set<std::string> conditions;
  std::map<std::string, EvidenceEntry> evidence;  // evidence id -> where
};

struct EvidenceRegister {
  std::string file;  // "" when the project has none
  EvidenceScope all;
  std::map<std::string, EvidenceScope> models;
};

// Loads <root>/evidence.yaml if present; ids and conditions are checked against the rulepack and
// relative file references must exist (file:line:column errors).
Result<EvidenceRegister> LoadEvidenceRegister(const std::filesystem::path& project_root,
                                              const law::CodeOfPractice& code,
                                              const project::Project& project);
// The same for the text of an evidence register (`file` names it in errors); for the fuzzer.
Result<EvidenceRegister> ParseEvidenceRegister(std::string_view text, const std::string& file,
                                               const std::filesystem::path& project_root,
                                               const law::CodeOfPractice& code,
                                               const project::Project& project);

// A condition of the Code that gpaikit derives from the project's facts, with the fact it reads
// and whether it holds for the model; the register (evidence.yaml) may add any condition.
struct DerivedCondition {
  std::string id;    // crawls-web
  std::string fact;  // training_data.crawling.used
  bool holds = false;
};

// Every condition gpaikit derives, for one model (Copyright Measures 1.2-1.4 from the crawling
// and licence facts; Safety and Security Measure 7.6 from the Model Report).
std::vector<DerivedCondition> DeriveConditions(const project::Model& model,
                                               const safety::SafetyDocumentation& documentation);
// The fact a condition is derived from, or "" when only the evidence register can state it.
std::string ConditionFact(std::string_view condition);

enum class MeasureStatus { kMet, kPartial, kMissing, kNotApplicable };
const char* MeasureStatusName(MeasureStatus status);  // met | partial | missing | not-applicable

// One evidence item a measure expects of this model, and whether it was found.
struct EvidenceItemStatus {
  const law::CopEvidence* evidence = nullptr;
  std::string found;       // yes | partly | no
  std::string detail;      // what was found or what is lacking; "" when nothing was found
  bool automatic = false;  // gpaikit looks for it in facts and records by itself
};

struct MeasureAssessment {
  const law::CopMeasure* measure = nullptr;
  std::vector<EvidenceItemStatus> items;  // the items expected (applies_when holds), in order
  MeasureStatus status = MeasureStatus::kNotApplicable;
  std::string reason;                 // why not applicable, or how it applies
  std::vector<std::string> evidence;  // "T-1.2.contact-point: eu-ai-act@... (gpaikit.yaml)"
  std::vector<std::string> missing;   // "SS-3.1.information: Per identified risk, ..."
};

struct ChapterSummary {
  const law::CopChapter* chapter = nullptr;
  bool signatory = false;
  bool applies = false;  // at least one measure applies
  int met = 0, partial = 0, missing = 0, not_applicable = 0;
};

struct ModelGapAssessment {
  std::vector<MeasureAssessment> measures;  // every measure of the Code, in order
  std::vector<ChapterSummary> chapters;
  // Missing measures of chapters the provider signed, for a model already placed on the market.
  int blocking = 0;
};

struct AssessmentInput {
  const project::Project* project = nullptr;
  const scope::ModelAssessment* assessment = nullptr;  // the model with its classification
  const law::CodeOfPractice* code = nullptr;
  const safety::SafetyDocumentation* safety_documentation = nullptr;
  const EvidenceRegister* evidence = nullptr;
  const safety::HolidayCalendar* calendar = nullptr;
  CivilDate as_of;
  const store::LedgerFacts* log = nullptr;  // optional (docs::LedgerFactsFor)
};

ModelGapAssessment AssessModel(const AssessmentInput& input);

}  // namespace gpaikit::assess

#endif  // GPAIKIT_ASSESS_ASSESS_H_
