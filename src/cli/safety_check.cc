// `gpaikit check` sections for Safety and Security clocks and serious incidents (Code of Practice,
// Safety and Security, Measures 1.1-1.4, 7.6-7.7, 9.3) and for the gap assessment against every
// measure of the Code (all chapters), as JSON keys "safety" and "assessment".
#include "cli/safety_check.h"

#include <map>
#include <mutex>

#include "cli/crosswalk_check.h"
#include "cli/safety_context.h"
#include "gpaikit/assess/assess.h"
#include "gpaikit/docs/records.h"

namespace gpaikit::cli {
namespace {

using nlohmann::json;

struct CheckData {
  std::shared_ptr<const SafetyContext> safety;
  assess::EvidenceRegister evidence;
  // The records log, read only when it exists (check never creates it).
  bool log_present = false;
  store::Verification verification;
  std::vector<docs::PublishedVersion> versions;
  std::vector<docs::Request> requests;
  std::vector<assess::Crosswalk> crosswalks;  // check --crosswalk, in the order given
};

Status ReadLog(const std::filesystem::path& root, CheckData& data) {
  if (!std::filesystem::exists(root / ".gpaikit" / "records.sqlite")) return Status::Ok();
  Result<std::unique_ptr<store::RecordsDatabase>> db = store::RecordsDatabase::Open(root);
  if (!db.ok()) return db.status();
  data.log_present = true;
  Result<store::Verification> verification = (*db)->Verify();
  if (!verification.ok()) return verification.status();
  data.verification = *verification;
  Result<std::vector<docs::PublishedVersion>> versions = docs::PublishedVersions(**db);
  if (!versions.ok()) return versions.status();
  data.versions = std::move(*versions);
  Result<std::vector<docs::Request>> requests = docs::Requests(**db);
  if (!requests.ok()) return requests.status();
  data.requests = std::move(*requests);
  return Status::Ok();
}

assess::LogFacts LogFactsFor(const CheckData& data, const std::string& model,
                             const CivilDate& as_of) {
  assess::LogFacts log;
  log.present = data.log_present;
  log.verified = data.verification.ok();
  log.problem = data.verification.problem;
  log.entries = data.verification.entries_checked;
  for (const docs::PublishedVersion& v : data.versions) {
    if (v.model == model) {
      log.versions.push_back("version " + std::to_string(v.number) + " published " + v.time);
    }
  }
  for (const docs::Request& r : data.requests) {
    if (r.model != model) continue;
    ++log.requests;
    log.requests_overdue += r.Overdue(as_of);
  }
  return log;
}

std::mutex& CacheMutex() {
  static std::mutex mutex;
  return mutex;
}
std::map<std::string, CheckData>& Cache() {
  static std::map<std::string, CheckData> cache;
  return cache;
}

Result<CheckData*> Data(const ProjectContext& context) {
  std::lock_guard<std::mutex> lock(CacheMutex());
  std::string key = std::filesystem::absolute(context.project.root).lexically_normal().string();
  if (auto found = Cache().find(key); found != Cache().end()) return &found->second;
  Result<std::shared_ptr<const SafetyContext>> safety = LoadSafetyContext(context.project.root);
  if (!safety.ok()) return safety.status();
  Result<assess::EvidenceRegister> evidence =
      assess::LoadEvidenceRegister(context.project.root, (*safety)->code, context.project);
  if (!evidence.ok()) return evidence.status();
  CheckData data{*safety, std::move(*evidence), false, {}, {}, {}, {}};
  if (Status log = ReadLog(context.project.root, data); !log.ok()) return log;
  return &(Cache()[key] = std::move(data));
}

json DateOrNull(const std::optional<CivilDate>& date) {
  return date ? json(date->ToString()) : json();
}

report::Tone Tone(const std::string& status) {
  if (status == "overdue" || status == "missing" || status == "late") return report::Tone::kBad;
  if (status == "partial" || status == "open" || status == "upcoming" || status == "resolved" ||
      status == "no-fixed-period") {
    return report::Tone::kWarn;
  }
  if (status == "not-applicable" || status == "no-date") return report::Tone::kMuted;
  return report::Tone::kGood;
}

// "II.1, II.2", with "?" when the mapping is not verified (spec section 5.2); "-" when none.
std::string ThirdDraftNumbers(const law::CopMeasure& measure) {
  if (measure.third_draft.empty()) return "-";
  std::string numbers;
  for (const std::string& n : measure.third_draft) numbers += (numbers.empty() ? "" : ", ") + n;
  return numbers + (measure.third_draft_verified == "unverified" ? "?" : "");
}

ModelContribution Failed(const std::string& key, const Status& status) {
  ModelContribution out;
  out.json_key = key;
  out.json = {{"error", status.message()}};
  out.section = {key, key, {report::Paragraph{{status.message(), report::Tone::kBad}}}, {}};
  out.blocking = 1;
  return out;
}

}  // namespace

Status PrepareSafetySections(const ProjectContext& context,
                             const std::vector<std::string>& crosswalks) {
  Result<CheckData*> data = Data(context);
  if (!data.ok()) return data.status();
  Result<std::vector<assess::Crosswalk>> loaded = LoadCrosswalks(crosswalks, (*data)->safety->code);
  if (!loaded.ok()) return loaded.status();
  (*data)->crosswalks = std::move(*loaded);
  return Status::Ok();
}

ModelContribution SafetyContribution(const ProjectContext& context,
                                     const scope::ModelAssessment& assessment) {
  Result<CheckData*> data = Data(context);
  if (!data.ok()) return Failed("safety", data.status());
  const SafetyContext& safety = *(*data)->safety;
  const project::Model& model = *assessment.model;
  ModelContribution out;
  out.json_key = "safety";
  std::string anchor = "model-" + model.id + "-safety";
  out.section = {anchor, "Safety and Security records and clocks", {}, {}};
  bool covered =
      safety.records.framework &&
      std::find(safety.records.framework->models.begin(), safety.records.framework->models.end(),
                model.id) != safety.records.framework->models.end();
  bool applies = assessment.classification.systemic_risk ||
                 (context.project.provider.signatory.safety_security && covered);
  if (!applies) {
    out.json = {{"applies", false}};
    out.section.blocks.push_back(report::Paragraph{
        {"Not a model with systemic risk: the Safety and Security chapter does not apply.",
         report::Tone::kMuted}});
    return out;
  }
  std::optional<CivilDate> notification;
  for (const project::Fulfilment& f : model.fulfilled) {
    if (f.obligation == "AIA-52-1") notification = f.date;
  }
  safety::ModelFacts facts{
      model.id, model.release_date ? model.release_date : model.union_market_date, notification};
  std::vector<safety::ClockInstance> clocks = safety::SafetyClocks(
      safety.records, facts, safety.code, safety.calendar, context.options.as_of);
  json clock_json = json::array();
  report::Table clock_table{{"Clock", "Due", "Done", "Status", "Source"}, {}};
  for (const safety::ClockInstance& c : clocks) {
    out.blocking += c.status == "overdue";
    clock_json.push_back({{"clock", c.clock},
                          {"what", c.what},
                          {"due", DateOrNull(c.due)},
                          {"done", DateOrNull(c.done)},
                          {"status", c.status},
                          {"basis", c.basis},
                          {"source", c.source},
                          {"verified", c.verified}});
    clock_table.rows.push_back({{c.what},
                                {c.due ? c.due->ToString() : "-"},
                                {c.done ? c.done->ToString() : "-"},
                                {c.status, Tone(c.status)},
                                {c.source, report::Tone::kMuted}});
  }
  json incidents = json::array();
  report::Table incident_table{{"#", "Type", "Aware", "Next report", "Due", "Status"}, {}};
  for (const safety::Incident& incident : safety.records.incidents) {
    if (incident.model != model.id) continue;
    Result<safety::IncidentClocks> c = safety::ComputeIncidentClocks(
        incident, safety.code, safety.calendar, context.options.as_of);
    if (!c.ok()) return Failed("safety", c.status());
    out.blocking += c->status == "overdue";
    incidents.push_back({{"id", incident.id},
                         {"type", incident.type},
                         {"aware", incident.aware.ToString()},
                         {"initial_due", c->initial_due.ToString()},
                         {"next_report", c->next_report},
                         {"next_due", DateOrNull(c->next_due)},
                         {"status", c->status},
                         {"missing_initial_items", c->missing_initial_items}});
    incident_table.rows.push_back({{std::to_string(incident.id)},
                                   {incident.type},
                                   {incident.aware.ToString()},
                                   {c->next_report.empty() ? "-" : c->next_report},
                                   {c->next_due ? c->next_due->ToString() : "-"},
                                   {c->status, Tone(c->status)}});
  }
  out.json = {{"applies", true},
              {"calendar", safety.calendar.id},
              {"clocks", clock_json},
              {"incidents", incidents}};
  out.section.blocks.push_back(clock_table);
  if (incident_table.rows.empty()) {
    out.section.blocks.push_back(report::Paragraph{{"No serious incident recorded."}});
  } else {
    out.section.blocks.push_back(incident_table);
  }
  out.section.blocks.push_back(
      report::Paragraph{{"Business days counted on calendar '" + safety.calendar.id +
                             "' (gpaikit's default, not named by the Code; see docs/safety.md).",
                         report::Tone::kMuted}});
  return out;
}

ModelContribution AssessmentContribution(const ProjectContext& context,
                                         const scope::ModelAssessment& assessment) {
  Result<CheckData*> data = Data(context);
  if (!data.ok()) return Failed("assessment", data.status());
  const SafetyContext& safety = *(*data)->safety;
  assess::LogFacts log = LogFactsFor(**data, assessment.model->id, context.options.as_of);
  assess::AssessmentInput input{&context.project, assessment.model,      &assessment.classification,
                                &safety.code,     &safety.records,       &(*data)->evidence,
                                &safety.calendar, context.options.as_of, &log};
  assess::ModelGapAssessment gaps = assess::AssessModel(input);
  ModelContribution out;
  out.blocking = gaps.blocking;
  json measures = json::array();
  report::Table table{{"Measure", "Status", "Title", "Third draft", "Missing evidence"}, {}};
  for (const assess::MeasureAssessment& m : gaps.measures) {
    std::string status = assess::MeasureStatusName(m.status);
    json entry = {{"id", m.measure->id},
                  {"status", status},
                  {"evidence", m.evidence},
                  {"missing", m.missing},
                  {"source", m.measure->source}};
    if (!m.reason.empty()) entry["reason"] = m.reason;
    if (!m.measure->third_draft.empty()) {
      entry["third_draft"] = {{"numbers", m.measure->third_draft},
                              {"verified", m.measure->third_draft_verified}};
    }
    measures.push_back(std::move(entry));
    std::string missing;
    for (const std::string& item : m.missing) {
      missing += (missing.empty() ? "" : ", ") + item.substr(0, item.find(':'));
    }
    table.rows.push_back({{m.measure->id},
                          {status, Tone(status)},
                          {m.measure->title},
                          {ThirdDraftNumbers(*m.measure), report::Tone::kMuted},
                          {m.status == assess::MeasureStatus::kNotApplicable ? m.reason : missing,
                           report::Tone::kMuted}});
  }
  json chapters = json::object();
  report::Table summary{{"Chapter", "Signed", "Met", "Partial", "Missing", "Not applicable"}, {}};
  for (const assess::ChapterSummary& c : gaps.chapters) {
    chapters[c.chapter->id] = {{"key", c.chapter->key},
                               {"title", c.chapter->title},
                               {"signatory", c.signatory},
                               {"applies", c.applies},
                               {"met", c.met},
                               {"partial", c.partial},
                               {"missing", c.missing},
                               {"not_applicable", c.not_applicable}};
    summary.rows.push_back(
        {{c.chapter->title},
         {c.signatory ? "yes" : "no"},
         {std::to_string(c.met)},
         {std::to_string(c.partial), c.partial ? report::Tone::kWarn : report::Tone::kPlain},
         {std::to_string(c.missing), c.missing ? report::Tone::kBad : report::Tone::kPlain},
         {std::to_string(c.not_applicable)}});
  }
  // Merged into the model object: "assessment", and "crosswalk" with check --crosswalk.
  out.json = {
      {"assessment",
       {{"rulepack", safety.code.rulepack},
        {"evidence_register", (*data)->evidence.file.empty() ? json() : json("evidence.yaml")},
        {"measures", measures},
        {"chapters", chapters},
        {"blocking", gaps.blocking}}}};
  out.section = {"model-" + assessment.model->id + "-assessment",
                 "Code of Practice gap assessment (" + safety.code.rulepack + ")",
                 {summary,
                  report::Paragraph{{"Blocking: missing measures of signed chapters once the model "
                                     "is on the market. Evidence comes from gpaikit.yaml, safety/, "
                                     "the records log and evidence.yaml (docs/safety.md).",
                                     report::Tone::kMuted}},
                  table},
                 {}};
  if (!(*data)->crosswalks.empty()) {
    CrosswalkOutput crosswalk = CrosswalkReport((*data)->crosswalks, gaps, assessment.model->id);
    out.json["crosswalk"] = std::move(crosswalk.json);
    out.section.children = std::move(crosswalk.sections);
  }
  return out;
}

}  // namespace gpaikit::cli
