// Obligations per model with applicability, legal source and due dates (AI Act Arts 52-55, 111(3),
// 113; Guidelines sections 2.3 and 5.3).
#include <algorithm>

#include "gpaikit/base/status_list.h"
#include "gpaikit/base/text.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::scope {
namespace {

struct Due {
  std::optional<CivilDate> date;
  std::string basis;
};

// The first day the model's notification duty started: the day the threshold was met or known,
// or for a modified systemic-risk model the first dated run of the modification.
std::optional<CivilDate> NotificationTrigger(const project::Model& model,
                                             const ComputeSummary& compute,
                                             const Classification& c) {
  if (c.systemic_risk_basis == "presumed") return compute.systemic_threshold_known_on;
  std::optional<CivilDate> first;
  for (const project::ComputeRun& run : model.runs) {
    std::optional<CivilDate> date = run.known_on ? run.known_on : run.start;
    if (date && (!first || *date < *first)) first = date;
  }
  return first;
}

Due NotificationDue(const project::Model& model, const ComputeSummary& compute,
                    const Classification& c, const law::Rulepack& rules) {
  std::optional<CivilDate> trigger = NotificationTrigger(model, compute, c);
  int days = rules.notification_days.value;
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
  return {trigger->AddDays(days), std::to_string(days) +
                                      " days after the threshold was met or "
                                      "became known on " +
                                      trigger->ToString() + " (" +
                                      rules.notification_days.provenance.source + ")"};
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
  if (c.placed_before_chapter_v) {
    return {rules.legacy_deadline.value, "placed on " + placed->ToString() + ", before " +
                                             rules.chapter_v_applies.value.ToString() + ": by " +
                                             rules.legacy_deadline.value.ToString() + " (" +
                                             rules.legacy_deadline.provenance.source + ")"};
  }
  return {*placed, when + " on the Union market, " + placed->ToString()};
}

// Why a rule does or does not apply to this model; empty when it applies.
std::string NotApplicableReason(const law::ObligationRule& rule, const Classification& c) {
  if (c.modification && !c.modifier_is_provider) {
    return "the modification is below the one-third criterion: the modifier is not the provider";
  }
  if (!c.gpai) return "not a GPAI model";
  if (rule.applies_to == law::AppliesTo::kSystemicRisk && !c.systemic_risk) {
    return "not a model with systemic risk";
  }
  if (rule.applies_to == law::AppliesTo::kNonEu && !c.non_eu_provider) {
    return "the provider is established in the Union";
  }
  if (rule.due == law::DueRule::kNotification && c.systemic_risk_basis == "designated") {
    return "designated by the Commission: no notification of the threshold is due";
  }
  if (rule.open_source_exempt && c.open_source_exempt) {
    return "open-source exemption (AI Act Art. 53(2), 54(6))";
  }
  return "";
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
      o.status = DueStatus::kMet;
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
