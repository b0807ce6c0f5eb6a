// Assesses one model against every measure of the Code: applicability from the rulepack and the
// model's classification, then met / partial / missing from the evidence found (Code of Practice,
// all chapters; signatory status per chapter; AI Act Art. 53(4), 55(2) alternative means).
#include <algorithm>

#include "assess/evidence_finders.h"

namespace gpaikit::assess {
namespace {

using internal::Facts;
using internal::Found;

bool AllHold(const std::vector<std::string>& conditions, const std::set<std::string>& holding) {
  return std::all_of(conditions.begin(), conditions.end(),
                     [&](const std::string& c) { return holding.contains(c); });
}

std::string AnyHolds(const std::vector<std::string>& conditions,
                     const std::set<std::string>& holding) {
  for (const std::string& c : conditions) {
    if (holding.contains(c)) return c;
  }
  return "";
}

// "" when the measure applies; otherwise why not.
std::string NotApplicableBecause(const law::CopMeasure& measure, const AssessmentInput& input,
                                 const Facts& facts, bool safety_chapter_applies) {
  const scope::Classification& c = input.assessment->classification;
  const law::CopApplicability& a = measure.applicability;
  if (std::string why = scope::NotAProviderBecause(c); !why.empty()) return why;
  if (a.systemic_risk_only && !safety_chapter_applies) {
    return "model without systemic risk (the chapter binds systemic-risk models; it may be "
           "signed voluntarily for named models)";
  }
  if (std::string why = scope::OpenSourceExemptionRemoves(a.open_source_exempt, c); !why.empty()) {
    return why;
  }
  if (!AllHold(a.conditions, facts.conditions)) {
    std::string needed;
    for (const std::string& condition : a.conditions) {
      if (facts.conditions.contains(condition)) continue;
      std::string fact = ConditionFact(condition);
      needed += " " + condition +
                (fact.empty() ? " (state it in evidence.yaml: gpaikit evidence "
                                "list)"
                              : " (from " + fact + ")");
    }
    return "applies only when these conditions hold:" + needed;
  }
  if (std::string exempt = AnyHolds(a.exempt_when, facts.conditions); !exempt.empty()) {
    return "exempt: " + exempt;
  }
  return "";
}

void Assess(const law::CopMeasure& measure, const Facts& facts, MeasureAssessment& out) {
  int required = 0, found = 0;
  bool partly = false;
  for (const law::CopEvidence& evidence : measure.evidence) {
    if (!AllHold(evidence.applies_when, facts.conditions) ||
        !AnyHolds(evidence.exempt_when, facts.conditions).empty()) {
      continue;
    }
    std::optional<internal::Finding> finding = internal::Find(evidence, facts);
    // An alternative the measure accepts instead (e.g. Copyright Measure 1.4(2)).
    for (const std::string& id : evidence.satisfied_by) {
      if (finding && finding->found == Found::kYes) break;
      auto alternative = std::find_if(measure.evidence.begin(), measure.evidence.end(),
                                      [&](const law::CopEvidence& e) { return e.id == id; });
      if (alternative == measure.evidence.end() ||
          !AllHold(alternative->applies_when, facts.conditions)) {
        continue;
      }
      if (std::optional<internal::Finding> instead = internal::Find(*alternative, facts);
          instead && instead->found == Found::kYes) {
        finding =
            internal::Finding{Found::kYes, "satisfied instead by " + id + ": " + instead->detail};
      }
    }
    out.items.push_back({&evidence,
                         !finding                           ? "no"
                         : finding->found == Found::kYes    ? "yes"
                         : finding->found == Found::kPartly ? "partly"
                                                            : "no",
                         finding ? finding->detail : "",
                         internal::FoundAutomatically(evidence.id)});
    if (evidence.required) ++required;
    if (finding && finding->found == Found::kYes) {
      found += evidence.required;
      out.evidence.push_back(evidence.id + ": " + finding->detail);
    } else if (finding && finding->found == Found::kPartly) {
      partly = partly || evidence.required;
      out.evidence.push_back(evidence.id + " (incomplete): " + finding->detail);
      if (evidence.required) out.missing.push_back(evidence.id + ": " + finding->detail);
    } else if (evidence.required) {
      std::string instead;
      for (const std::string& id : evidence.satisfied_by) instead += " or " + id;
      out.missing.push_back(evidence.id + ": " + evidence.description +
                            (finding ? " (" + finding->detail + ")" : "") +
                            (instead.empty() ? ""
                                             : " (satisfied instead by" + instead.substr(3) +
                                                   " where that applies)"));
    }
  }
  if (found == required) {
    out.status = MeasureStatus::kMet;
  } else if (found > 0 || partly) {
    out.status = MeasureStatus::kPartial;
  } else {
    out.status = MeasureStatus::kMissing;
  }
}

}  // namespace

const char* MeasureStatusName(MeasureStatus status) {
  switch (status) {
    case MeasureStatus::kMet:
      return "met";
    case MeasureStatus::kPartial:
      return "partial";
    case MeasureStatus::kMissing:
      return "missing";
    case MeasureStatus::kNotApplicable:
      return "not-applicable";
  }
  return "?";
}

ModelGapAssessment AssessModel(const AssessmentInput& input) {
  ModelGapAssessment out;
  Facts facts;
  facts.input = &input;
  facts.scope = input.evidence->all;
  if (auto own = input.evidence->models.find(input.assessment->model->id);
      own != input.evidence->models.end()) {
    facts.scope.conditions.insert(own->second.conditions.begin(), own->second.conditions.end());
    for (const auto& [id, entry] : own->second.evidence) facts.scope.evidence[id] = entry;
  }
  facts.conditions = facts.scope.conditions;
  for (const DerivedCondition& c :
       DeriveConditions(*input.assessment->model, *input.safety_documentation)) {
    if (c.holds) facts.conditions.insert(c.id);
  }
  const project::Signatory& signatory = input.project->provider.signatory;
  bool safety_chapter_applies =
      safety::ChapterApplies(*input.assessment, signatory, *input.safety_documentation);
  // Blocking once the model is placed on the Union market (AI Act Art. 3(9)).
  bool placed = input.assessment->model->PlacedBy(input.as_of);
  for (const law::CopChapter& chapter : input.code->chapters) {
    ChapterSummary summary;
    summary.chapter = &chapter;
    summary.signatory = signatory.Signed(chapter.key);
    for (const law::CopCommitment& commitment : chapter.commitments) {
      for (const law::CopMeasure& measure : commitment.measures) {
        MeasureAssessment assessment;
        assessment.measure = &measure;
        assessment.reason = NotApplicableBecause(measure, input, facts, safety_chapter_applies);
        if (assessment.reason.empty()) {
          Assess(measure, facts, assessment);
          if (measure.applicability.limited_to_modification &&
              input.assessment->classification.modification) {
            assessment.reason = "limited to the modification";
          }
        }
        switch (assessment.status) {
          case MeasureStatus::kMet:
            ++summary.met;
            break;
          case MeasureStatus::kPartial:
            ++summary.partial;
            break;
          case MeasureStatus::kMissing:
            ++summary.missing;
            out.blocking += summary.signatory && placed;
            break;
          case MeasureStatus::kNotApplicable:
            ++summary.not_applicable;
            break;
        }
        out.measures.push_back(std::move(assessment));
      }
    }
    summary.applies = summary.met + summary.partial + summary.missing > 0;
    out.chapters.push_back(summary);
  }
  return out;
}

}  // namespace gpaikit::assess
