// Report sections for one model: compute runs, classification with reasons, obligations table.
#include "gpaikit/base/numbers.h"
#include "gpaikit/scope/output.h"

namespace gpaikit::scope {
namespace {

using report::Fact;
using report::Text;
using report::Tone;

std::string Flop(double value, const law::Rulepack& rules) {
  return FormatPowerOfTen(value, rules.report_significant_figures.value) + " FLOP";
}

std::string YesNo(bool value) { return value ? "yes" : "no"; }

report::Section ComputeSection(const ModelAssessment& a, const law::Rulepack& rules,
                               const std::string& anchor) {
  const ComputeSummary& c = a.compute;
  report::Section section{anchor + "-compute", "Training compute", {}, {}};
  report::Table runs{{"Run", "Stage", "Method", "FLOP", "Counts in", "How"}, {}};
  for (const RunEstimate& run : c.runs) {
    std::string counts = run.counts_training     ? "training and cumulative"
                         : run.counts_cumulative ? "cumulative only"
                                                 : "excluded";
    runs.rows.push_back(
        {Text{run.name + (run.planned ? " (planned)" : "")}, Text{run.stage}, Text{run.method},
         Text{Flop(run.flop, rules)},
         Text{counts, run.counts_cumulative ? Tone::kPlain : Tone::kMuted},
         Text{run.counts_cumulative
                  ? run.formula +
                        (run.approximation.empty() ? "" : "; approximation: " + run.approximation)
                  : run.stage_note}});
  }
  if (runs.rows.empty()) {
    section.blocks.push_back(report::Paragraph{
        {"No compute runs are recorded: add compute.runs to the model.", Tone::kWarn}});
  } else {
    section.blocks.push_back(runs);
  }
  int percent = static_cast<int>(c.tolerance * 100 + 0.5);
  std::vector<Fact> facts = {
      {"Training compute (parameter updates)", {Flop(c.training_flop, rules)}},
      {"Cumulative training compute", {Flop(c.cumulative_flop, rules)}},
      {"Estimation margin",
       {"+-" + std::to_string(percent) +
        "%: " + Flop(c.cumulative_flop * (1 - c.tolerance), rules) + " to " +
        Flop(c.cumulative_flop * (1 + c.tolerance), rules) + " (" +
        rules.estimate_tolerance.provenance.source + ")"}}};
  if (c.cumulative_flop != c.executed_cumulative_flop) {
    facts.push_back({"Of which executed", {Flop(c.executed_cumulative_flop, rules)}});
  }
  if (c.near_systemic_threshold) {
    facts.push_back(
        {"Attention", {"the margin straddles the systemic-risk threshold", Tone::kWarn}});
  }
  section.blocks.push_back(report::FactList{facts});
  return section;
}

report::Section ClassificationSection(const ModelAssessment& a, const std::string& anchor) {
  const Classification& c = a.classification;
  report::Section section{anchor + "-classification", "Classification", {}, {}};
  std::string systemic = c.systemic_risk ? "yes (" + c.systemic_risk_basis + ")" : "no";
  std::vector<Fact> facts = {
      {"GPAI model (provider's obligations apply)",
       {YesNo(c.gpai), c.gpai ? Tone::kWarn : Tone::kPlain}},
      {"Systemic risk", {systemic, c.systemic_risk ? Tone::kBad : Tone::kPlain}},
      {"Open-source exemption", {YesNo(c.open_source_exempt)}},
      {"Provider established outside the Union", {YesNo(c.non_eu_provider)}}};
  if (c.modification) {
    facts.push_back({"Modification of another model",
                     {c.modifier_is_provider ? "yes, the modifier becomes the provider"
                                             : "yes, below the one-third criterion"}});
  }
  section.blocks.push_back(report::FactList{facts});
  report::BulletList reasons;
  for (const std::string& reason : c.reasons) reasons.items.push_back(Text{reason});
  section.blocks.push_back(reasons);
  return section;
}

report::Section ObligationsSection(const ModelAssessment& a, const std::string& anchor) {
  report::Section section{anchor + "-obligations", "Obligations and due dates", {}, {}};
  report::Table table{
      {"Id", "Obligation", "Status", "Due", "Source", "Why it applies and how the date is derived"},
      {}};
  for (const Obligation& o : a.obligations) {
    std::string why = o.reason;
    if (o.applies) {
      why += ". Due " + o.due_basis;
      if (o.enforceable_from && o.due && *o.enforceable_from != *o.due) {
        why += "; enforceable from " + o.enforceable_from->ToString();
      }
      if (o.retain_until) why += "; keep until " + o.retain_until->ToString();
      if (o.next_update) why += "; next update " + o.next_update->ToString();
      if (o.fulfilled_on) why += "; done " + o.fulfilled_on->ToString() + ": " + o.evidence;
    }
    std::string verified =
        o.provenance.verified == "primary" ? "" : " [" + o.provenance.verified + "]";
    table.rows.push_back({Text{o.id}, Text{o.title}, Text{DueStatusText(o), StatusTone(o.status)},
                          Text{o.due ? o.due->ToString() : "-"},
                          Text{o.provenance.source + verified},
                          Text{why, o.applies ? Tone::kPlain : Tone::kMuted}});
  }
  section.blocks.push_back(table);
  return section;
}

}  // namespace

report::Tone StatusTone(DueStatus status) {
  switch (status) {
    case DueStatus::kOverdue:
      return Tone::kBad;
    case DueStatus::kDueSoon:
    case DueStatus::kNoDate:
    case DueStatus::kLate:
      return Tone::kWarn;
    case DueStatus::kMet:
      return Tone::kGood;
    case DueStatus::kNotApplicable:
      return Tone::kMuted;
    default:
      return Tone::kPlain;
  }
}

report::Section AssessmentSection(const ModelAssessment& a, const law::Rulepack& rules) {
  std::string anchor = "model-" + a.model->id;
  report::Section section{anchor, "Model " + a.model->name + " (" + a.model->id + ")", {}, {}};
  std::vector<Fact> facts;
  if (!a.model->versions.empty()) {
    std::string versions;
    for (const std::string& v : a.model->versions) versions += (versions.empty() ? "" : ", ") + v;
    facts.push_back({"Versions", {versions}});
  }
  facts.push_back(
      {"Union market placement",
       {a.model->union_market_date ? a.model->union_market_date->ToString() : "not yet placed"}});
  int overdue = 0, soon = 0;
  for (const Obligation& o : a.obligations) {
    overdue += o.status == DueStatus::kOverdue;
    soon += o.status == DueStatus::kDueSoon;
  }
  facts.push_back(
      {"Overdue obligations", {std::to_string(overdue), overdue ? Tone::kBad : Tone::kGood}});
  facts.push_back(
      {"Due within the warning window", {std::to_string(soon), soon ? Tone::kWarn : Tone::kPlain}});
  section.blocks.push_back(report::FactList{facts});
  section.children.push_back(ComputeSection(a, rules, anchor));
  section.children.push_back(ClassificationSection(a, anchor));
  section.children.push_back(ObligationsSection(a, anchor));
  return section;
}

}  // namespace gpaikit::scope
