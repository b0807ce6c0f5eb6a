// `gpaikit check` training-content summary section: is the public summary complete and current?
// Due no later than placement (AI Act Art. 53(1)(d)); updated every six months while training on
// new data continues (template update cadence, UNVERIFIED); not older than its statistics' data.
#include "gpaikit/docs/output.h"

namespace gpaikit::docs {
namespace {

using report::Text;
using report::Tone;

constexpr const char* kLegalSource = "AI Act Art. 53(1)(d); template C(2025) 5235 final";

// The day of an ISO date-time ("2024-12-20T10:00:00Z" -> 2024-12-20).
std::optional<CivilDate> DayOf(const std::string& iso) {
  if (iso.size() < 10) return std::nullopt;
  return CivilDate::Parse(iso.substr(0, 10));
}

}  // namespace

Result<std::optional<docs::CorpusStats>> StatsFor(const project::Project& project,
                                                  const project::Model& model,
                                                  const std::vector<std::string>& stats_files) {
  std::vector<std::filesystem::path> files(stats_files.begin(), stats_files.end());
  if (files.empty()) files = docs::StatsFilesOf(project, model);
  if (files.empty()) return std::optional<docs::CorpusStats>();
  Result<docs::CorpusStats> stats = docs::LoadCorpusStats(files);
  if (!stats.ok()) return stats.status();
  return std::optional<docs::CorpusStats>(std::move(*stats));
}

std::vector<CurrencyFinding> CurrencyFindings(const docs::TrainingSummary& summary,
                                              const scope::ModelAssessment& assessment,
                                              const law::summary::Template& form, CivilDate as_of) {
  std::vector<CurrencyFinding> out;
  const project::Model& model = *assessment.model;
  // AI Act Art. 53(1)(d): owed by placement on the Union market when the obligation applies.
  bool owed = assessment.TrainingSummaryDue(as_of);
  const project::TrainingData* data = model.training_data ? &*model.training_data : nullptr;
  std::optional<CivilDate> last_update = data ? data->last_update : std::nullopt;
  if (!data || data->summary_version.empty() || !last_update) {
    out.push_back({std::string("no summary version and last update recorded") +
                       (owed ? ": the summary is due no later than placement (" +
                                   model.PlacementDate()->ToString() + ")"
                             : ""),
                   owed});
    return out;
  }
  if (model.training_continues) {
    CivilDate due = last_update->AddMonths(form.update_months);
    if (due < as_of) {
      out.push_back({"training continues on new data: an update was due by " + due.ToString() +
                         " (" + form.update_cadence.text + "; " +
                         form.update_cadence.provenance.source +
                         ", verified: " + form.update_cadence.provenance.verified + ")",
                     true});
    }
  }
  if (summary.stats) {
    std::optional<CivilDate> data_end = DayOf(summary.stats->last_date);
    if (data_end && *data_end > *last_update) {
      out.push_back({"the statistics hold data up to " + data_end->ToString() +
                         ", after the summary's last update " + last_update->ToString(),
                     false});
    }
    std::optional<CivilDate> stated_end = data->crawling.period_end;
    if (data->latest_acquisition && (!stated_end || *data->latest_acquisition > *stated_end)) {
      stated_end = data->latest_acquisition;
    }
    // The statistics cover the stated end when their last record is on that day or the day
    // before: a crawl's last day may yield no record, and record times are UTC (no off-by-one).
    if (stated_end && data_end && data_end->AddDays(1) < *stated_end) {
      out.push_back({"the statistics end on " + data_end->ToString() +
                         " but the training data is stated to run to " + stated_end->ToString() +
                         ": rescan the corpus (gpaikit corpus scan --json --out)",
                     false});
    }
  }
  return out;
}

report::ModelContribution SummaryContribution(const scope::AssessedProject& project,
                                              const CheckInputs& inputs,
                                              const scope::ModelAssessment& assessment) {
  report::ModelContribution out;
  out.json_key = "training_summary";
  const project::Model& model = *assessment.model;
  const CivilDate& as_of = project.options.as_of;
  const law::summary::Template& form = project.summary_template;
  out.section = {"model-" + model.id + "-training-summary",
                 "Public summary of training content (AI Act Art. 53(1)(d))",
                 {},
                 {}};
  const std::optional<docs::CorpusStats>& stats = inputs.stats.at(model.id);
  const docs::CorpusStats* measured = stats ? &*stats : nullptr;
  docs::TrainingSummary filled =
      docs::BuildTrainingSummary(project.project, assessment, form, measured);
  std::vector<CurrencyFinding> currency = CurrencyFindings(filled, assessment, form, as_of);
  std::vector<std::string> missing = filled.MissingIds();
  nlohmann::json findings = nlohmann::json::array();
  for (const std::string& finding : filled.findings) findings.push_back(finding);
  for (const CurrencyFinding& finding : currency) findings.push_back(finding.message);
  out.json = {{"due", assessment.TrainingSummaryDue(as_of)},
              {"complete", filled.complete()},
              {"current", currency.empty()},
              {"version", filled.version.text},
              {"last_update", filled.last_update.text},
              {"missing", missing},
              {"findings", findings},
              {"stats_files", filled.stats_files},
              {"template", form.form},
              {"source", kLegalSource}};
  std::string missing_text;
  for (const std::string& id : missing) missing_text += (missing_text.empty() ? "" : " ") + id;
  out.section.blocks.push_back(report::FactList{
      {{"Due",
        {assessment.TrainingSummaryDue(as_of)
             ? "yes: the obligation applies and the model is placed"
             : "not yet, or the obligation does not apply",
         Tone::kPlain}},
       {"Complete",
        {filled.complete() ? "yes"
         : missing.empty() ? "no: " + std::to_string(filled.findings.size()) +
                                 " finding(s) on the facts against the statistics"
                           : "no: " + filled.CountsText() + " (" + missing_text + ")",
         filled.complete() ? Tone::kGood : Tone::kWarn}},
       {"Current", {currency.empty() ? "yes" : "no", currency.empty() ? Tone::kGood : Tone::kWarn}},
       {"Version / last update",
        {filled.version.status == docs::FieldStatus::kFilled
             ? filled.version.text + " of " + filled.last_update.text
             : "not recorded",
         filled.version.status == docs::FieldStatus::kFilled ? Tone::kPlain : Tone::kWarn}},
       {"Statistics",
        {filled.stats_files.empty()
             ? "none (training_data.stats)"
             : filled.stats_files.front() +
                   (filled.stats_files.size() > 1
                        ? " and " + std::to_string(filled.stats_files.size() - 1) + " more"
                        : ""),
         Tone::kMuted}},
       {"Source", {kLegalSource, Tone::kMuted}}}});
  if (!currency.empty() || !filled.findings.empty()) {
    report::BulletList list;
    for (const std::string& finding : filled.findings) list.items.push_back({finding, Tone::kWarn});
    for (const CurrencyFinding& finding : currency) {
      list.items.push_back({finding.message, finding.blocking_tone ? Tone::kBad : Tone::kWarn});
    }
    out.section.blocks.push_back(std::move(list));
  }
  return out;
}

}  // namespace gpaikit::docs
