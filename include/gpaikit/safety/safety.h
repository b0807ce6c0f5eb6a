// Safety and Security documentation for models with systemic risk: business-day calendar, clocks,
// serious incidents folded from the ledger, Framework, risk register and Model Reports
// (Code of Practice, Safety and Security, Commitments 1, 2, 4, 7 and 9; docs/safety.md).
#ifndef GPAIKIT_SAFETY_SAFETY_H_
#define GPAIKIT_SAFETY_SAFETY_H_

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"
#include "gpaikit/law/code_of_practice.h"
#include "gpaikit/project/project.h"
#include "gpaikit/scope/scope.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::safety {

// ---- Business days (data/law/holidays/*.yaml, schema gpaikit.holidays/1) ----

struct HolidayCalendar {
  std::string id;  // eu-institutions-brussels
  std::string file;
  std::set<unsigned> weekend;  // ISO weekdays, Monday = 1
  std::set<CivilDate> holidays;
  CivilDate covers_from;
  CivilDate covers_to;

  bool IsBusinessDay(const CivilDate& day) const;
  bool Covers(const CivilDate& day) const { return covers_from <= day && day <= covers_to; }
};

// The default calendar is data/law/holidays/default.yaml; a project may name another file.
inline constexpr const char* kDefaultHolidayFile = "law/holidays/default.yaml";
Result<HolidayCalendar> LoadHolidayCalendar(const std::filesystem::path& path);

// Adds `count` business days: steps forward day by day, counting only business days; the anchor
// day itself is not counted (5 business days from Friday 2026-01-02 is Friday 2026-01-09).
// A negative count steps backwards the same way.
CivilDate AddBusinessDays(const CivilDate& from, int count, const HolidayCalendar& calendar);

// A clock's due date: `from` plus (or, for deadline-before, minus) amount x unit, with the unit
// conventions of CivilDate (month ends clamped) and business days from `calendar`.
// Returns nullopt for clocks without an amount.
std::optional<CivilDate> ClockDue(const law::CopClock& clock, const CivilDate& from,
                                  const HolidayCalendar& calendar);
// True when counting business days from `from` to `due` went outside the calendar's coverage.
bool OutsideCoverage(const law::CopClock& clock, const CivilDate& from, const CivilDate& due,
                     const HolidayCalendar& calendar);

// ---- Serious incidents (Measures 9.2-9.4), stored as "incident.*" entries ----

struct IncidentReport {
  std::string kind;  // initial | intermediate | final
  CivilDate submitted;
};

// The earlier incident whose reports a similar incident is included in (Measure 9.3: similar
// incidents inside the reporting windows keep the first incident's deadlines).
struct FirstIncident {
  int id = 0;
  CivilDate aware;
  std::string type;
  std::optional<CivilDate> resolved;
};

struct Incident {
  int id = 0;  // 1, 2, ... in order of opening
  std::string model;
  std::string type;  // an incident type id of the Code rulepack
  CivilDate aware;   // aware of the model's involvement
  std::string title;
  std::map<std::string, std::string> items;  // template item id -> text
  std::vector<IncidentReport> reports;
  std::optional<CivilDate> resolved;
  CivilDate last_documented;     // date of the newest entry (retention anchor)
  std::vector<int64_t> entries;  // seq of the entries folded in
  // Set when opened as similar to an earlier incident: its reports are that incident's (copied
  // here when folding), and its deadlines run from that incident's awareness and resolution.
  std::optional<FirstIncident> reported_with;
};

// The incident a new incident similar to incident `similar_to` is reported with (the first of a
// chain), or why it cannot join (unknown, or that incident's final report already given).
Result<FirstIncident> FirstIncidentFor(const std::vector<Incident>& earlier, int similar_to);

// Folds the log's incident.open / incident.update / incident.resolve entries into incidents.
Result<std::vector<Incident>> FoldIncidents(const std::vector<store::Entry>& entries);
Result<std::vector<Incident>> LoadIncidents(const std::filesystem::path& project_root);

// The incident as it stood at the end of `as_of`: nullopt when the provider became aware of it
// later; reports submitted and a resolution recorded after that day left out (--as-of shows the
// world as of that day).
std::optional<Incident> IncidentAsOf(const Incident& incident, const CivilDate& as_of);

// The incident's clocks, as of a day.
struct IncidentClocks {
  CivilDate initial_due;
  std::optional<CivilDate> next_due;  // next report owed; none once the final report is in
  std::string next_report;            // initial | intermediate | final | ""
  std::optional<CivilDate> final_due;
  CivilDate retain_until;
  std::string status;                              // open | resolved | closed | overdue
  std::vector<std::string> missing_initial_items;  // template items the initial report needs
  std::vector<std::string> missing_items;          // every template item not yet known
  std::string basis;  // how next_due was derived, with the clock's source
};

Result<IncidentClocks> ComputeIncidentClocks(const Incident& incident,
                                             const law::CodeOfPractice& code,
                                             const HolidayCalendar& calendar,
                                             const CivilDate& as_of);

// ---- Framework, risk register and Model Reports (files in the project's safety/ folder) ----

struct FrameworkVersion {
  std::string version;
  CivilDate confirmed;
  std::optional<CivilDate> sent_to_ai_office;
  std::string changelog;
};

struct Framework {
  std::string file;
  std::string title;
  std::map<std::string, std::string> contents;  // required content id -> file or section
  std::vector<FrameworkVersion> versions;
  std::vector<CivilDate> assessments;
  std::vector<std::string> models;  // models it covers; empty: every systemic-risk model
  // Measure 10.2: the published summary, a file in the safety/ folder or an https:// address;
  // "" when the provider marks none published.
  std::string public_summary;

  // Code of Practice, Safety and Security, Measure 1.1 and signing FAQ: the Framework covers the
  // models it names; naming none, it covers every model with systemic risk (AI Act Art. 51).
  bool Covers(const std::string& model, bool systemic_risk) const;
};

struct RiskEvaluation {
  CivilDate date;
  std::string method;
  std::string result;
  std::optional<int> samples;  // random input/output samples kept (Measure 7.3: at least 5)
};

struct Risk {
  std::string id;  // cbrn, loss-of-control, ... or the provider's own id
  std::string title;
  std::vector<std::string> tiers;
  std::string acceptance_criteria;
  std::vector<std::string> scenarios;
  std::vector<RiskEvaluation> evaluations;
  std::vector<std::string> mitigations;
  std::string determination;  // acceptable | not-acceptable | ""
  std::optional<CivilDate> determined_on;
};

struct RiskRegister {
  std::string file;
  std::string model;
  std::vector<Risk> risks;
};

struct ModelReportVersion {
  std::string version;
  CivilDate date;
  std::optional<CivilDate> sent_to_ai_office;
  bool interim = false;
  std::string changelog;
};

// Grounds for a Model Report update (Measure 7.6): which trigger, when the provider became aware
// of it, and, for a deliberate change, the day the change is made available on the market.
struct UpdateGround {
  std::string trigger;  // an id of the rulepack's Measure 7.6 update_triggers
  CivilDate aware;
  std::optional<CivilDate> change_available;
  std::string note;
};

// A six-monthly Model Report update not given because an exception of Measure 7.6 applies: which
// one, the day it was determined, and why.
struct PeriodicException {
  std::string exception;  // an id of the rulepack's Measure 7.6 periodic_exceptions
  CivilDate date;
  std::string note;
};

struct ModelReport {
  std::string file;
  std::string model;
  std::map<std::string, std::string> sections;  // required section id -> file or heading
  std::vector<ModelReportVersion> versions;
  bool most_capable = false;  // among the provider's most capable models on the market
  std::vector<UpdateGround> update_grounds;
  std::vector<PeriodicException> periodic_exceptions;
  // Measure 10.2: the published summary of this model's report, as Framework::public_summary.
  std::string public_summary;
};

struct SafetyDocumentation {
  std::optional<Framework> framework;
  std::vector<RiskRegister> registers;
  std::vector<ModelReport> reports;
  std::vector<Incident> incidents;

  const RiskRegister* RegisterFor(const std::string& model) const;
  const ModelReport* ReportFor(const std::string& model) const;
};

// The required contents of a Framework: the rulepack's Measure 1.1 document evidence ids with a
// paragraph ("SS-1.1.trigger-points", ...); and of a Model Report: the document evidence ids of
// Measures 7.1-7.5 ("SS-7.1.report-section", ...). Conditional items (applies_when) included.
std::vector<std::string> FrameworkContentIds(const law::CodeOfPractice& code);
std::vector<std::string> ModelReportSectionIds(const law::CodeOfPractice& code);

// Loads safety/framework.yaml, safety/register.yaml and safety/model-reports.yaml (each optional;
// format in docs/safety.md) and the incidents in .gpaikit/ledger.sqlite (if present). Relative
// references must name existing files; errors carry file:line:column.
Result<SafetyDocumentation> LoadSafetyDocumentation(const std::filesystem::path& project_root,
                                                    const law::CodeOfPractice& code);

// Parses the text of one safety/ file named `name` ("framework.yaml", "register.yaml" or
// "model-reports.yaml") into `documentation`, references resolved against `project_root`; what
// LoadSafetyDocumentation does per file, exposed for the fuzzer.
Status ParseSafetyFile(std::string_view name, std::string_view text, const std::string& file,
                       const std::filesystem::path& project_root, const law::CodeOfPractice& code,
                       SafetyDocumentation& documentation);

// One clock instance with its due date for one model.
struct ClockInstance {
  std::string clock;  // rulepack clock name
  std::string what;   // "Framework v1.0 to the AI Office"
  std::optional<CivilDate> due;
  std::optional<CivilDate> done;
  // met | late | upcoming | overdue | no-date | no-fixed-period (the Code gives only "without
  // undue delay" or "within a reasonable time", and nothing shows it done yet)
  std::string status;
  std::string source;
  std::string verified;
  std::string basis;
};

struct ModelFacts {
  std::string model;
  bool systemic_risk = false;             // AI Act Art. 51 (scope::Classification)
  std::optional<CivilDate> placed;        // placement on the Union market, Art. 3(9)
  std::optional<CivilDate> notification;  // Art. 52(1), the day it was made
  // Art. 52(1): the day the notification is due, the anchor while it is not recorded as made.
  std::optional<CivilDate> notification_due;
};

// The facts the clocks run from, for one assessed model: its systemic-risk classification, its
// placement day (project::Model::PlacementDate) and its Art. 52(1) notification day.
ModelFacts FactsOf(const scope::ModelAssessment& assessment);

// Whether the Safety and Security chapter of the Code of Practice applies to a model: it binds
// providers of GPAI models with systemic risk (AI Act Art. 55, Art. 51 classification), and a
// provider that signed the chapter may adopt it voluntarily for its other GPAI models that its
// Framework names (Code of Practice, Safety and Security, scope; signing FAQ). Never for a model
// that is not a GPAI model, nor for a modification that does not make the modifier a provider.
bool ChapterApplies(const scope::ModelAssessment& assessment, const project::Signatory& signatory,
                    const SafetyDocumentation& documentation);

// Framework and Model Report clocks (Measures 1.1, 1.3, 1.4, 7.6, 7.7) for one model.
std::vector<ClockInstance> SafetyClocks(const SafetyDocumentation& documentation,
                                        const ModelFacts& facts, const law::CodeOfPractice& code,
                                        const HolidayCalendar& calendar, const CivilDate& as_of);

}  // namespace gpaikit::safety

#endif  // GPAIKIT_SAFETY_SAFETY_H_
