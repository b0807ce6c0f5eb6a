// How a project's findings change between two versions of the law (`gpaikit check --law-from`;
// docs/law-changes.md): new duties, duties no longer owed, changed due dates, measures whose
// status or expected evidence changed, and Form rows now required.
#ifndef GPAIKIT_ASSESS_LAW_CHANGE_H_
#define GPAIKIT_ASSESS_LAW_CHANGE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/law/law_diff.h"

namespace gpaikit::assess {

// One duty that applies to a model under one version of the law, as `check` found it: an AI Act
// obligation (rulepack) or a measure of the Code of Practice.
struct DutyFinding {
  std::string kind;  // obligation | measure
  std::string id;
  std::string title;
  std::string chapter;                   // measures: the chapter id ("CoP-C"); "" for obligations
  std::string status;                    // the obligation's due status, or the measure's status
  std::optional<CivilDate> due;          // obligations with a due date
  std::vector<std::string> missing;      // measures: ids of the evidence items not found
  std::vector<std::string> third_draft;  // measures: the third draft's numbers
};

// One Form row one audience's documentation requires of a model.
struct RowFinding {
  std::string row;  // "8.4"
  std::string name;
  std::string audience;  // ai-office | nca | downstream
  std::string status;    // filled | derived | missing | invalid
};

struct ModelFindings {
  std::string model_id;
  std::string model_name;
  std::vector<DutyFinding> duties;        // those that apply, in report order
  std::vector<RowFinding> required_rows;  // in Form order
};

// One law text and the version a set of findings used ("code_of_practice",
// "code-of-practice/2025-07").
struct LawTextVersion {
  std::string key;
  std::string version;
};

// A project's findings under one choice of law versions.
struct LawFindings {
  std::vector<LawTextVersion> law;
  std::vector<ModelFindings> models;
};

// One duty whose finding changed. `change` is new | dropped | due-changed | status-changed |
// evidence-changed; against the third draft also renumbered | merged | split | text-changed.
struct DutyChange {
  std::string change;
  std::string kind;  // obligation | measure
  std::string id;
  std::string title;
  std::string before;  // the due date, status or draft numbers before ("" when none)
  std::string after;   // the same after
  std::vector<std::string> now_missing;  // evidence the project lacks that it did not lack before
  std::string note;                      // the data's note (third draft), else ""
};

// One Form row now required, or no longer required, with the audiences that require it.
struct RowChange {
  std::string change;  // now-required | no-longer-required
  std::string row;
  std::string name;
  std::vector<std::string> audiences;
  std::string status;  // under the newer law (now-required), else under the older
};

struct ModelLawChange {
  std::string model_id;
  std::string model_name;
  std::vector<DutyChange> duties;
  std::vector<RowChange> rows;
};

struct LawTextChange {
  std::string key;
  std::string before;
  std::string after;
};

struct LawChange {
  std::vector<LawTextChange> law;
  std::vector<ModelLawChange> models;
  // How many duty changes of `change` (or row changes of now-required / no-longer-required).
  size_t Count(std::string_view change) const;
};

// The change from `before` to `after`, model by model (matched by id; a model in only one of
// them is compared against no findings).
LawChange CompareFindings(const LawFindings& before, const LawFindings& after);

// Adds to `change` what the third draft of the Code (11 March 2025) to the final Code means for
// the measures of `after` (the findings under the final Code), from `draft`, the law diff of the
// final Code's own mapping (law::DiffThirdDraftToCode): a measure that applies and maps to no
// draft number is new; one mapped from the draft shows its draft numbers (renumbered, merged,
// split, or text-changed with the data's note); a draft measure the final Code removed is dropped
// for every model some measure of its chapter applies to.
void AddThirdDraftChanges(const law::LawDiff& draft, const LawFindings& after, LawChange& change);

// JSON schema gpaikit.check-law-change/1 (docs/law-changes.md).
nlohmann::json LawChangeJson(const LawChange& change, const CivilDate& as_of);
// For people: the versions compared, then per model its changes grouped by kind of change.
std::string LawChangeText(const LawChange& change, const CivilDate& as_of);

}  // namespace gpaikit::assess

#endif  // GPAIKIT_ASSESS_LAW_CHANGE_H_
