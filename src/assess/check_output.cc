// `gpaikit check`'s gap assessment part: every measure of the Code of Practice met, partial,
// missing or not applicable for one model, per chapter, with the third draft's numbers (Code of
// Practice, all chapters), and the --crosswalk parts that read the same evidence.
#include "gpaikit/assess/output.h"

namespace gpaikit::assess {
namespace {

using nlohmann::json;

// "II.1, II.2", with "?" when the mapping is not verified (spec section 5.2); "-" when none.
std::string ThirdDraftNumbers(const law::CopMeasure& measure) {
  if (measure.third_draft.empty()) return "-";
  std::string numbers;
  for (const std::string& n : measure.third_draft) numbers += (numbers.empty() ? "" : ", ") + n;
  return numbers + (measure.third_draft_verified == "unverified" ? "?" : "");
}

}  // namespace

report::ModelContribution AssessmentContribution(const AssessmentInput& input,
                                                 const EvidenceRegister& evidence,
                                                 const std::vector<Crosswalk>& crosswalks) {
  ModelGapAssessment gaps = AssessModel(input);
  const std::string& model_id = input.assessment->model->id;
  report::ModelContribution out;
  out.blocking = gaps.blocking;
  json measures = json::array();
  report::Table table{{"Measure", "Status", "Title", "Third draft", "Missing evidence"}, {}};
  for (const MeasureAssessment& m : gaps.measures) {
    std::string status = MeasureStatusName(m.status);
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
    table.rows.push_back(
        {{m.measure->id},
         {status, report::StatusWordTone(status)},
         {m.measure->title},
         {ThirdDraftNumbers(*m.measure), report::Tone::kMuted},
         {m.status == MeasureStatus::kNotApplicable ? m.reason : missing, report::Tone::kMuted}});
  }
  json chapters = json::object();
  report::Table summary{{"Chapter", "Signed", "Met", "Partial", "Missing", "Not applicable"}, {}};
  for (const ChapterSummary& c : gaps.chapters) {
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
  out.json = {{"assessment",
               {{"rulepack", input.code->rulepack},
                {"evidence_register", evidence.file.empty() ? json() : json("evidence.yaml")},
                {"measures", measures},
                {"chapters", chapters},
                {"blocking", gaps.blocking}}}};
  out.section = {"model-" + model_id + "-assessment",
                 "Code of Practice gap assessment (" + input.code->rulepack + ")",
                 {summary,
                  report::Paragraph{{"Blocking: missing measures of signed chapters once the model "
                                     "is on the market. Evidence comes from gpaikit.yaml, safety/, "
                                     "the ledger and evidence.yaml (docs/safety.md).",
                                     report::Tone::kMuted}},
                  table},
                 {}};
  if (!crosswalks.empty()) {
    CrosswalkOutput crosswalk = CrosswalkReport(crosswalks, gaps, model_id);
    out.json["crosswalk"] = std::move(crosswalk.json);
    out.section.children = std::move(crosswalk.sections);
  }
  return out;
}

}  // namespace gpaikit::assess
