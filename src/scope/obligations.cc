// Obligations per model with applicability, legal source and due dates (AI Act Arts 52-55, 111(3),
// 113; Guidelines sections 2.3 and 5.3).
#include <algorithm>

#include "gpaikit/base/status_list.h"
#include "gpaikit/base/text.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::scope {
namespace {

// The first dated compute run of the model (known_on, else start), the day a modification of a
// systemic-risk model starts meeting the condition (Guidelines section 3.2.2).
std::optional<CivilDate> FirstDatedRun(const project::Model& model) {
  std::optional<CivilDate> first;
  for (const project::ComputeRun& run : model.runs) {
    std::optional<CivilDate> date = run.known_on ? run.known_on : run.start;
    if (date && (!first || *date < *first)) first = date;
  }
  return first;
}

struct Due {
  std::optional<CivilDate> date;
  std::string basis;
};

// The legacy due date for a model placed before Chapter V applied (AI Act Art. 111(3); Guidelines
// section 5.3): every Chapter V duty by legacy_deadline, or later when its own clock runs later.
Due LegacyDue(const project::Model& model, const law::Rulepack& rules,
              const std::optional<CivilDate>& own_due) {
  const CivilDate& deadline = rules.legacy_deadline.value;
  std::string basis = "placed on " + model.PlacementDate()->ToString() + ", before " +
                      rules.chapter_v_applies.value.ToString() + ": by " + deadline.ToString() +
                      " (" + rules.legacy_deadline.provenance.source + "; Guidelines section 5.3)";
  if (own_due && deadline < *own_due) {
    return {own_due, "by " + own_due->ToString() + ", its own clock running past " +
                         deadline.ToString() + " (" + rules.legacy_deadline.provenance.source +
                         " gives until then at the earliest)"};
  }
  return {deadline, basis};
}

Due NotificationDue(const project::Model& model, const ComputeSummary& compute,
                    const Classification& c, const law::Rulepack& rules) {
  std::optional<CivilDate> trigger = SystemicRiskConditionMet(model, compute, c);
  int days = rules.notification_days.value;
  std::optional<CivilDate> own = trigger ? std::optional(trigger->AddDays(days)) : std::nullopt;
  if (c.placed_before_chapter_v) return LegacyDue(model, rules, own);
  if (!trigger) {
    return {std::nullopt, "within " + std::to_string(days) +
                              " days of the day the threshold was met or known; record "
                              "'known_on' (or 'start') on the compute runs to date it"};
  }
  const CivilDate& applies = rules.chapter_v_applies.value;
  if (*trigger < applies) {
    return {applies.AddDays(days), "threshold met or known on " + trigger->ToString() +
                                       ", before Chapter V applied on " + applies.ToString() +
                                       ": " + std::to_string(days) +
                                       " days from then "
                                       "(Guidelines section 5.3)"};
  }
  return {own, std::to_string(days) +
                   " days after the threshold was met or "
                   "became known on " +
                   trigger->ToString() + " (" + rules.notification_days.provenance.source + ")"};
}

// AI Act Art. 55 with Guidelines section 2.3: the duties of a model with systemic risk run from the
// moment it meets the condition (Art. 55(1)(b) covers risks from development), not from placement.
Due SystemicRiskDue(const project::Model& model, const ComputeSummary& compute,
                    const Classification& c, const law::Rulepack& rules) {
  std::optional<CivilDate> met = SystemicRiskConditionMet(model, compute, c);
  const CivilDate& applies = rules.chapter_v_applies.value;
  std::optional<CivilDate> own = met ? std::optional(std::max(*met, applies)) : std::nullopt;
  if (c.placed_before_chapter_v) return LegacyDue(model, rules, own);
  if (!met) {
    return {std::nullopt,
            "from the day the model meets the systemic-risk condition (Guidelines section 2.3); "
            "record 'known_on' (or 'start') on the compute runs to date it"};
  }
  std::string basis = "from the day the model met the systemic-risk condition, " + met->ToString() +
                      " (Guidelines section 2.3)";
  if (*met < applies) basis += ", counted from " + applies.ToString() + " when Chapter V applied";
  return {own, basis};
}

Due PlacementDue(const project::Model& model, const Classification& c, const law::Rulepack& rules,
                 law::DueRule rule) {
  std::string when = rule == law::DueRule::kBeforePlacement ? "before placement"
                     : rule == law::DueRule::kContinuous    ? "from placement, for the lifecycle"
                                                            : "by placement";
  std::optional<CivilDate> placed = model.PlacementDate();
  if (!placed) {
    return {std::nullopt, when + " on the Union market (no union_market_date yet)"};
  }
  if (c.placed_before_chapter_v) return LegacyDue(model, rules, std::nullopt);
  if (rule == law::DueRule::kBeforePlacement) {
    // AI Act Art. 54(1): "prior to placing": the last day that qualifies is the day before.
    CivilDate last = placed->AddDays(-1);
    return {last, "before placement on the Union market on " + placed->ToString() + ": by " +
                      last.ToString() + " (AI Act Art. 54(1), \"prior to placing\")"};
  }
  return {*placed, when + " on the Union market, " + placed->ToString()};
}

// Why a rule does or does not apply to this model; empty when it applies.
std::string NotApplicableReason(const law::ObligationRule& rule, const Classification& c) {
  if (std::string why = NotAProviderBecause(c); !why.empty()) return why;
  if (rule.applies_to == law::AppliesTo::kSystemicRisk && !c.systemic_risk) {
    return "not a model with systemic risk";
  }
  if (rule.applies_to == law::AppliesTo::kNonEu && !c.non_eu_provider) {
    return "the provider is established in the Union";
  }
  if (rule.due == law::DueRule::kNotification && c.systemic_risk_basis == "designated") {
    return "designated by the Commission: no notification of the threshold is due";
  }
  return OpenSourceExemptionRemoves(rule.open_source_exempt, c);
}

std::string AppliesReason(const law::ObligationRule& rule, const Classification& c) {
  std::string reason;
  switch (rule.applies_to) {
    case law::AppliesTo::kGpai:
      reason = "provider of a GPAI model";
      break;
    case law::AppliesTo::kSystemicRisk:
      reason = "model with systemic risk (" + c.systemic_risk_basis + ")";
      break;
    case law::AppliesTo::kNonEu:
      reason = "provider established outside the Union";
      break;
  }
  if (rule.open_source_exempt == false && c.open_source_exempt) {
    reason += "; not removed by the open-source exemption";
  }
  if (rule.limited_to_modification && c.modification) {
    reason += "; limited to the modification (Guidelines section 3.2.1)";
  }
  return reason;
}

// The next six-monthly summary update after `as_of`, counted from `start`.
CivilDate NextUpdate(const CivilDate& start, const CivilDate& as_of, int months) {
  CivilDate next = start.AddMonths(months);
  for (int k = 2; next <= as_of; ++k) next = start.AddMonths(months * k);
  return next;
}

}  // namespace

std::optional<CivilDate> SystemicRiskConditionMet(const project::Model& model,
                                                  const ComputeSummary& compute,
                                                  const Classification& c) {
  if (!c.systemic_risk) return std::nullopt;
  if (c.systemic_risk_basis == "presumed") return compute.systemic_threshold_known_on;
  if (c.systemic_risk_basis == "designated") return model.systemic_risk_designation;
  return FirstDatedRun(model);
}

const Obligation* ModelAssessment::Find(std::string_view id) const {
  for (const Obligation& o : obligations) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

const Obligation* ModelAssessment::Notification() const {
  for (const Obligation& o : obligations) {
    if (o.rule && o.rule->due == law::DueRule::kNotification) return &o;
  }
  return nullptr;
}

const Obligation* ModelAssessment::TrainingSummary() const {
  for (const Obligation& o : obligations) {
    if (o.rule && o.rule->updated_while_training) return &o;
  }
  return nullptr;
}

const Obligation* ModelAssessment::AuthorisedRepresentative() const {
  for (const Obligation& o : obligations) {
    if (o.rule && o.rule->applies_to == law::AppliesTo::kNonEu) return &o;
  }
  return nullptr;
}

std::optional<CivilDate> ModelAssessment::NotifiedOn() const {
  const Obligation* notification = Notification();
  return notification ? notification->fulfilled_on : std::nullopt;
}

bool ModelAssessment::TrainingSummaryDue(const CivilDate& as_of) const {
  const Obligation* summary = TrainingSummary();
  return summary && summary->applies && model->PlacedBy(as_of);
}

const char* DueStatusName(DueStatus status) {
  switch (status) {
    case DueStatus::kNotApplicable:
      return "not-applicable";
    case DueStatus::kMet:
      return "met";
    case DueStatus::kLate:
      return "late";
    case DueStatus::kNoDate:
      return "no-date";
    case DueStatus::kUpcoming:
      return "upcoming";
    case DueStatus::kDueSoon:
      return "due-soon";
    case DueStatus::kOverdue:
      return "overdue";
  }
  return "unknown";
}

std::string DueStatusText(const Obligation& o) {
  if (o.status != DueStatus::kLate) return DueStatusName(o.status);
  return "late (" + std::to_string(o.days_late) + (o.days_late == 1 ? " day)" : " days)");
}

std::vector<Obligation> DeriveObligations(const project::Project& project,
                                          const project::Model& model,
                                          const ComputeSummary& compute, const Classification& c,
                                          const law::Rulepack& rules,
                                          const ObligationOptions& options) {
  std::vector<Obligation> out;
  for (const law::ObligationRule& rule : rules.obligations) {
    Obligation o;
    o.rule = &rule;
    o.id = rule.id;
    o.title = rule.title;
    o.provenance = rule.provenance;
    std::string not_applicable = NotApplicableReason(rule, c);
    o.applies = not_applicable.empty();
    o.reason = o.applies ? AppliesReason(rule, c) : not_applicable;
    o.limited_to_modification = o.applies && rule.limited_to_modification && c.modification;
    if (o.applies) {
      Due due = rule.due == law::DueRule::kNotification ? NotificationDue(model, compute, c, rules)
                : rule.due == law::DueRule::kSystemicRiskCondition
                    ? SystemicRiskDue(model, compute, c, rules)
                    : PlacementDue(model, c, rules, rule.due);
      o.due = due.date;
      o.due_basis = due.basis;
    }
    if (o.due) o.enforceable_from = std::max(*o.due, rules.enforcement_from.value);
    if (o.applies && rule.retained) o.retain_until = RetainedUntil(model, rules);
    if (rule.updated_while_training && model.training_continues && o.due) {
      o.next_update = NextUpdate(*o.due, options.as_of, rules.summary_update_months.value);
    }
    if (const project::Fulfilment* done = model.FulfilmentOf(rule.id)) {
      o.fulfilled_on = done->date;
      o.evidence = done->evidence;
    } else if (rule.applies_to == law::AppliesTo::kNonEu &&
               project.provider.authorised_representative &&
               project.provider.authorised_representative->mandate_date) {
      o.fulfilled_on = project.provider.authorised_representative->mandate_date;
      o.evidence = "written mandate of " + project.provider.authorised_representative->name;
    }
    if (!o.applies) {
      o.status = DueStatus::kNotApplicable;
    } else if (o.fulfilled_on && *o.fulfilled_on <= options.as_of) {
      // Done after the due day is late, never met (the days are part of the finding).
      bool late = o.due && *o.due < *o.fulfilled_on;
      o.status = late ? DueStatus::kLate : DueStatus::kMet;
      if (late) o.days_late = o.due->DaysUntil(*o.fulfilled_on);
    } else if (!o.due) {
      o.status = DueStatus::kNoDate;
    } else if (*o.due < options.as_of) {
      o.status = DueStatus::kOverdue;
    } else if (options.as_of.DaysUntil(*o.due) <= options.due_soon_days) {
      o.status = DueStatus::kDueSoon;
    } else {
      o.status = DueStatus::kUpcoming;
    }
    out.push_back(std::move(o));
  }
  return out;
}

Result<ModelAssessment> AssessModel(const project::Project& project, const project::Model& model,
                                    const law::Rulepack& rules,
                                    const law::AcceleratorCatalogue& catalogue,
                                    const ObligationOptions& options) {
  std::vector<std::string_view> ids;
  for (const law::ObligationRule& rule : rules.obligations) ids.push_back(rule.id);
  StatusList problems;  // every unknown obligation id and the compute error, at once
  for (const project::Fulfilment& fulfilment : model.fulfilled) {
    if (std::find(ids.begin(), ids.end(), fulfilment.obligation) == ids.end()) {
      problems.Add(Status::InvalidInput(fulfilment.location.ToString() + ": unknown obligation '" +
                                        fulfilment.obligation + "'" +
                                        DidYouMean(fulfilment.obligation, ids)));
    }
  }
  ModelAssessment assessment;
  assessment.model = &model;
  Result<ComputeSummary> compute = EstimateModelCompute(model, rules, catalogue);
  problems.Add(compute.status());
  if (!problems.ok()) return problems.ToStatus();
  assessment.compute = std::move(*compute);
  assessment.classification = Classify(project, model, assessment.compute, rules, options.as_of);
  assessment.obligations = DeriveObligations(project, model, assessment.compute,
                                             assessment.classification, rules, options);
  return assessment;
}

}  // namespace gpaikit::scope
