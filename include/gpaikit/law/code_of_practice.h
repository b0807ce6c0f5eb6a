// The General-Purpose AI Code of Practice as typed tables (data/code-of-practice/<version>.yaml):
// chapters, commitments, measures with applicability, evidence and clocks; incident types and the
// AI Office's serious-incident template (Code of Practice, all chapters; docs/data-files.md §1).
#ifndef GPAIKIT_LAW_CODE_OF_PRACTICE_H_
#define GPAIKIT_LAW_CODE_OF_PRACTICE_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"

namespace gpaikit::law {

// Who a measure binds (docs/data-files.md §1.6), resolved measure > commitment > chapter.
struct CopApplicability {
  bool systemic_risk_only = false;  // applies_to: systemic-risk-only
  bool open_source_exempt = false;
  std::vector<std::string> conditions;   // all must hold
  std::vector<std::string> exempt_when;  // any holding exempts
  std::string ends_on;                   // event id, or ""
  bool limited_to_modification = false;
  bool voluntary_for_other_providers = false;
};

// A deadline, cadence or retention period (docs/data-files.md §1.8).
struct CopClock {
  std::string name;
  std::string kind;           // by-event | deadline-after | deadline-before | recurring | ...
  std::optional<int> amount;  // nullopt: set elsewhere (amount_source) or by-event
  std::string amount_source;
  std::string unit;  // days | business-days | weeks | months | years | ""
  std::string from;  // event id
  std::string until;
  std::string or_earlier_on;
  std::string incident_type;
  std::string applies_to_each;
  std::string group;
  std::string extends;
  std::vector<std::string> applies_when;
  std::vector<std::string> exempt_when;
  std::string verified;
  std::string unit_verified;  // "" when the unit is as verified as the clock
  std::string owner;          // measure or appendix id that states the clock
  std::string source;         // "Code of Practice, Safety and Security, Measure 9.3"
};

// What the gap assessment looks for (docs/data-files.md §1.7).
struct CopEvidence {
  std::string id;
  std::string kind;  // project-fact | record | document | process
  std::string description;
  bool required = true;
  std::string verified;
  std::vector<std::string> applies_when;
  std::vector<std::string> exempt_when;
  std::string paragraph;
  std::string per_item_of;
  std::vector<std::string> requires_items;
  std::optional<int> minimum_per_evaluation;
  // Items of the same measure any of which, found, satisfies this one instead (Copyright Measure
  // 1.4(2): an open-source release alerts users in its documentation instead of a prohibition).
  std::vector<std::string> satisfied_by;
};

// An item an evidence rule may expect one sub-check per (Appendix 4 objectives, the four
// specified systemic risks of Appendix 1.4), or a named trigger (Measure 7.6).
struct AppendixItem {
  std::string id;
  std::string title;
};

struct CopMeasure {
  std::string id;  // CoP-SS-9.3
  std::string number;
  std::string title;
  std::string summary;
  std::string chapter_id;
  std::string chapter_key;  // transparency | copyright | safety-security
  int commitment = 0;
  CopApplicability applicability;
  std::vector<CopEvidence> evidence;
  std::vector<CopClock> clocks;
  std::vector<std::string> uses_appendices;
  // Named grounds that start an update (Measure 7.6 `update_triggers`); empty for most measures.
  std::vector<AppendixItem> update_triggers;
  // When a six-monthly update is not needed (Measure 7.6 `periodic_exceptions`).
  std::vector<AppendixItem> periodic_exceptions;
  // Where the measure came from in the third draft (11 March 2025), spec section 5.2; empty when
  // the draft had nothing that became it. The level says how sure the mapping is.
  std::vector<std::string> third_draft;
  std::string third_draft_verified;
  std::string third_draft_note;
  std::string source;  // rendered: "Code of Practice, Safety and Security, Measure 9.3"
  std::string verified;
};

struct CopCommitment {
  std::string id;
  int number = 0;
  std::string title;
  std::string verified;
  std::vector<CopMeasure> measures;
};

struct CopChapter {
  std::string id;   // CoP-SS
  std::string key;  // safety-security
  std::string title;
  std::vector<std::string> legal_basis;
  std::string verified;
  CopApplicability applicability;
  std::vector<CopCommitment> commitments;
};

// A serious-incident category of Measure 9.3 (gpaikit incident open --type).
struct IncidentType {
  std::string id;
  std::string description;
  std::string art_3_49;  // "" for the Code's own cybersecurity category
  int initial_report_days = 0;
  std::string verified;
};

// One item of the AI Office's serious-incident reporting template.
struct TemplateItem {
  std::string id;
  int number = 0;
  std::string m9_2_point;  // "" when not an M9.2 point
  std::string description;
  bool in_initial_report = false;
  std::string verified;
};

struct CodeOfPractice {
  std::string rulepack;  // code-of-practice/2025-07
  std::string title;
  std::string code_version;
  CivilDate published;
  std::vector<CopChapter> chapters;
  std::vector<CopClock> appendix_clocks;
  std::vector<AppendixItem> specified_risks;      // CoP-SS-A1.4
  std::vector<AppendixItem> security_objectives;  // CoP-SS-A4
  std::vector<IncidentType> incident_types;
  std::vector<std::string> conditions;  // the closed vocabulary of condition ids
  std::map<std::string, std::string> condition_descriptions;  // condition id -> description
  std::vector<TemplateItem> template_items;
  std::string template_verified;
  std::string template_source;

  // Every measure in file order.
  std::vector<const CopMeasure*> Measures() const;
  const CopMeasure* FindMeasure(std::string_view id) const;
  const CopChapter* FindChapter(std::string_view id) const;
  const IncidentType* FindIncidentType(std::string_view id) const;
  // Measure clocks and appendix clocks by name.
  const CopClock* FindClock(std::string_view name) const;
  std::vector<std::string_view> IncidentTypeIds() const;
};

// Loads data_dir/code-of-practice/<version>.yaml strictly (closed vocabularies, id scheme,
// incident days agreeing with the M9.3 clocks). An empty version means the newest installed.
Result<CodeOfPractice> LoadCodeOfPractice(const std::filesystem::path& data_dir,
                                          std::string_view version = "");
// The same for one file; `named` ("code-of-practice/2025-07"), when given, is the rulepack its
// name promises, and a file that says otherwise is an error at that line:column.
Result<CodeOfPractice> LoadCodeOfPracticeFile(const std::filesystem::path& path,
                                              std::string_view named = "");

}  // namespace gpaikit::law

#endif  // GPAIKIT_LAW_CODE_OF_PRACTICE_H_
