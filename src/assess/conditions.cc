// The Code of Practice conditions gpaikit derives from the project's facts (Copyright Measures
// 1.2-1.4, Safety and Security Measure 7.6); the others only the evidence register can state.
#include <algorithm>

#include "gpaikit/assess/assess.h"

namespace gpaikit::assess {
namespace {

struct Derivation {
  std::string_view id;
  std::string_view fact;
  bool (*holds)(const project::Model&, const safety::SafetyDocumentation&);
};

const Derivation kDerivations[] = {
    // Copyright Measures 1.2 and 1.3: providers that "use web-crawlers, or have such web-crawlers
    // used on their behalf" (spec code-of-practice.md §2.3-2.4); the summary's section 2.3 facts.
    {"crawls-web", "training_data.crawling.used",
     [](const project::Model& model, const safety::SafetyDocumentation&) {
       if (!model.training_data) return false;
       const project::CrawlingFacts& crawling = model.training_data->crawling;
       return crawling.used.value_or(false) || !crawling.crawlers.empty();
     }},
    // Copyright Measure 1.4(2): a model released under a free and open-source licence (the
    // licence grants access, use, modification and distribution).
    {"foss-release", "licence (access, use, modify, distribute)",
     [](const project::Model& model, const safety::SafetyDocumentation&) {
       const std::optional<project::Licence>& l = model.licence;
       return l && l->access && l->use && l->modify && l->distribute;
     }},
    // Safety and Security Measure 7.6: the provider's most capable models on the market.
    {"most-capable-on-market", "safety/model-reports.yaml most_capable",
     [](const project::Model& model, const safety::SafetyDocumentation& documentation) {
       const safety::ModelReport* report = documentation.ReportFor(model.id);
       return report && report->most_capable;
     }},
};

}  // namespace

std::vector<DerivedCondition> DeriveConditions(const project::Model& model,
                                               const safety::SafetyDocumentation& documentation) {
  std::vector<DerivedCondition> out;
  for (const Derivation& d : kDerivations) {
    out.push_back({std::string(d.id), std::string(d.fact), d.holds(model, documentation)});
  }
  return out;
}

std::string ConditionFact(std::string_view condition) {
  const Derivation* end = std::end(kDerivations);
  const Derivation* found = std::find_if(std::begin(kDerivations), end,
                                         [&](const Derivation& d) { return d.id == condition; });
  return found == end ? "" : std::string(found->fact);
}

}  // namespace gpaikit::assess
