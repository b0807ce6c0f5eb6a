// Classification: indicative GPAI criterion, systemic-risk presumption or designation, the
// modification rule and the open-source exemption (AI Act Arts 51-54; Guidelines sections 2-4).
#include <algorithm>

#include "gpaikit/base/numbers.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::scope {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The first generative capability of Guidelines para. 17 the model has, or "".
std::string GenerativeCapability(const project::Model& model, const law::Rulepack& rules) {
  for (const law::Capability& capability : rules.gpai_capabilities) {
    bool input_ok = capability.inputs.empty();
    for (const std::string& input : capability.inputs) {
      input_ok = input_ok || Contains(model.input_modalities, input);
    }
    bool output_ok = false;
    for (const std::string& output : capability.outputs) {
      output_ok = output_ok || Contains(model.output_modalities, output);
    }
    if (input_ok && output_ok) return capability.name;
  }
  return "";
}

std::string Flop(const law::Rulepack& rules, double value) {
  return FormatPowerOfTen(value, rules.report_significant_figures.value) + " FLOP";
}

void ClassifyOriginal(const project::Model& model, const ComputeSummary& compute,
                      const law::Rulepack& rules, Classification& out) {
  const auto& threshold = rules.gpai_indicative_training_flop;
  std::string capability = GenerativeCapability(model, rules);
  bool above = StrictlyAbove(compute.training_flop, threshold.value);
  out.gpai = above && !capability.empty();
  out.reasons.push_back(
      "training compute " + Flop(rules, compute.training_flop) +
      (above ? " is above " : " is not above ") + Flop(rules, threshold.value) +
      (capability.empty() ? " and the model generates neither language, images from text nor "
                            "video from text"
                          : " and the model has the generative capability '" + capability + "'") +
      ": indicatively " + (out.gpai ? "a" : "not a") + " GPAI model (" +
      threshold.provenance.source + ")");
  if (!out.gpai && !model.gpai_rebuttal) {
    // Guidelines section 2.1, paras 17-18: the compute criterion is indicative only; what decides
    // is significant generality and the capability to perform a wide range of distinct tasks.
    out.reasons.push_back(
        "the " + Flop(rules, threshold.value) + " criterion is indicative only (" +
        threshold.provenance.source +
        "): a model below it that displays significant generality and competently performs a "
        "wide range of distinct tasks is a GPAI model all the same; if this model does, declare "
        "it in gpaikit.yaml with gpai_rebuttal: {gpai: true, reason: ...} and the GPAI "
        "obligations (AI Act Art. 53) apply");
  }
  if (model.gpai_rebuttal && model.gpai_rebuttal->gpai != out.gpai) {
    out.gpai = model.gpai_rebuttal->gpai;
    out.reasons.push_back(std::string("the provider rebuts the indicative criterion: ") +
                          (out.gpai ? "a GPAI model" : "not a GPAI model") + " because " +
                          model.gpai_rebuttal->reason + " (Guidelines section 2.1, para. 18)");
  }
}

void ClassifyModification(const project::Model& model, const ComputeSummary& compute,
                          const law::Rulepack& rules, Classification& out) {
  const project::BaseModel& base = *model.base_model;
  out.modification = true;
  double original = 0;
  std::string basis;
  if (base.training_compute) {
    original = *base.training_compute;
    basis = "one third of the original's " + Flop(rules, original) + " (" +
            rules.modification_fraction.provenance.source + ")";
  } else {
    const auto& fallback = base.systemic_risk ? rules.modification_fallback_systemic_flop
                                              : rules.modification_fallback_other_flop;
    original = fallback.value;
    basis = std::string("one third of ") + Flop(rules, original) +
            ", because the original's compute is unknown and it is " +
            (base.systemic_risk ? "" : "not ") + "a systemic-risk model (" +
            fallback.provenance.source + ")";
  }
  out.modification_threshold_flop = rules.modification_fraction.value * original;
  out.modifier_is_provider = StrictlyAbove(compute.training_flop, out.modification_threshold_flop);
  out.gpai = out.modifier_is_provider;
  out.reasons.push_back("modification of '" + base.name +
                        "': training compute of the "
                        "modification " +
                        Flop(rules, compute.training_flop) +
                        (out.modifier_is_provider ? " is above " : " is not above ") + basis +
                        (out.modifier_is_provider
                             ? ": the modifier is the provider of a GPAI model, with obligations "
                               "limited to the modification"
                             : ": the modifier does not become a provider; the original "
                               "provider's obligations remain"));
  if (out.modifier_is_provider && base.systemic_risk) {
    out.systemic_risk = true;
    out.systemic_risk_basis = "modified-systemic";
    out.reasons.push_back(
        "the original is a systemic-risk model, so the modified model is "
        "presumed to have high-impact capabilities (Guidelines section 3.2.2)");
  }
}

void ClassifySystemicRisk(const project::Model& model, const ComputeSummary& compute,
                          const law::Rulepack& rules, Classification& out) {
  const auto& threshold = rules.systemic_risk_cumulative_flop;
  bool presumed = StrictlyAbove(compute.cumulative_flop, threshold.value);
  if (presumed && out.systemic_risk_basis.empty()) {
    out.systemic_risk = true;
    out.systemic_risk_basis = "presumed";
  }
  out.reasons.push_back(
      "cumulative training compute " + Flop(rules, compute.cumulative_flop) +
      (compute.cumulative_flop != compute.executed_cumulative_flop ? " (planned runs included)"
                                                                   : "") +
      (presumed ? " is above " : " is not above ") + Flop(rules, threshold.value) +
      ": high-impact capabilities " + (presumed ? "presumed" : "not presumed") + " (" +
      threshold.provenance.source + ")");
  if (compute.near_systemic_threshold) {
    out.reasons.push_back("the +-" + std::to_string(static_cast<int>(compute.tolerance * 100)) +
                          "% estimation margin straddles " + Flop(rules, threshold.value) +
                          ": refine the estimate (Guidelines Annex A.2)");
  }
  if (model.systemic_risk_designation) {
    out.systemic_risk = true;
    out.systemic_risk_basis = "designated";
    out.reasons.push_back("designated by the Commission on " +
                          model.systemic_risk_designation->ToString() + " (AI Act Art. 52(4))");
  } else if (model.systemic_risk_rebuttal_accepted && out.systemic_risk_basis == "presumed") {
    out.systemic_risk = false;
    out.systemic_risk_basis = "";
    out.reasons.push_back("the Commission accepted the provider's arguments on " +
                          model.systemic_risk_rebuttal_accepted->ToString() +
                          ": not a systemic-risk model from then (AI Act Art. 52(2)-(3))");
  }
  if (out.systemic_risk && !out.gpai) {
    out.gpai = true;
    out.reasons.push_back("a model with systemic risk is a GPAI model (AI Act Art. 51(1))");
  }
}

void ClassifyOpenSource(const project::Model& model, Classification& out) {
  if (!model.licence) {
    out.reasons.push_back("no licence facts given: the open-source exemption is not assessed");
    return;
  }
  const project::Licence& l = *model.licence;
  std::vector<std::string> missing;
  if (!l.access) missing.push_back("free access");
  if (!l.use) missing.push_back("use");
  if (!l.modify) missing.push_back("modification");
  if (!l.distribute) missing.push_back("distribution");
  if (l.monetised) missing.push_back("no monetisation");
  if (!l.weights_public) missing.push_back("public weights");
  if (!l.architecture_public) missing.push_back("public architecture information");
  if (!l.usage_information_public) missing.push_back("public usage information");
  if (!missing.empty()) {
    std::string list;
    for (const std::string& item : missing) list += (list.empty() ? "" : ", ") + item;
    out.reasons.push_back("licence '" + l.name + "' lacks " + list +
                          ": no open-source exemption (AI Act Art. 53(2); Guidelines section 4.2)");
  } else if (out.systemic_risk) {
    out.reasons.push_back("licence '" + l.name +
                          "' meets the open-source conditions, but the "
                          "exemption never applies to systemic-risk models (AI Act Art. 53(2))");
  } else {
    out.open_source_exempt = true;
    out.reasons.push_back("licence '" + l.name +
                          "' meets the open-source conditions: Art. "
                          "53(1)(a), 53(1)(b) and Art. 54 do not apply (AI Act Art. 53(2), 54(6))");
  }
}

}  // namespace

bool PlacedBeforeChapterV(const project::Model& model, const law::Rulepack& rules) {
  std::optional<CivilDate> placed = model.PlacementDate();
  return placed && *placed < rules.chapter_v_applies.value;
}

std::optional<CivilDate> RetainedUntil(const project::Model& model, const law::Rulepack& rules) {
  std::optional<CivilDate> placed = model.PlacementDate();
  if (!placed) return std::nullopt;
  return placed->AddYears(rules.documentation_retention_years.value);
}

Classification Classify(const project::Project& project, const project::Model& model,
                        const ComputeSummary& compute, const law::Rulepack& rules,
                        const CivilDate& as_of) {
  Classification out;
  out.non_eu_provider = !project.provider.established_in_eu;
  out.placed_on_market = model.PlacedBy(as_of);
  out.placed_before_chapter_v = PlacedBeforeChapterV(model, rules);
  if (model.base_model) {
    ClassifyModification(model, compute, rules, out);
  } else {
    ClassifyOriginal(model, compute, rules, out);
  }
  if (out.modifier_is_provider) ClassifySystemicRisk(model, compute, rules, out);
  ClassifyOpenSource(model, out);
  if (out.non_eu_provider) {
    out.reasons.push_back("the provider is established outside the Union (AI Act Art. 54(1))");
  }
  return out;
}

std::string NotAProviderBecause(const Classification& c) {
  if (c.modification && !c.modifier_is_provider) {
    return "the modification is below the one-third criterion: the modifier is not the provider";
  }
  if (!c.gpai) {
    return "indicatively not a GPAI model (the criterion is indicative, Guidelines section 2.1: "
           "see the classification)";
  }
  return "";
}

std::string OpenSourceExemptionRemoves(bool exemptible, const Classification& c) {
  if (exemptible && c.open_source_exempt) return "open-source exemption (AI Act Art. 53(2), 54(6))";
  return "";
}

}  // namespace gpaikit::scope
