// Legal facts read off the project's own data: placement on the Union market (AI Act Art.
// 3(9)-(10)), recorded fulfilments, and which Code of Practice chapters the provider signed.
#include <algorithm>

#include "gpaikit/project/project.h"

namespace gpaikit::project {

bool Signatory::Signed(std::string_view chapter) const {
  return chapter == "transparency"      ? transparency
         : chapter == "copyright"       ? copyright
         : chapter == "safety-security" ? safety_security
                                        : false;
}

bool Model::PlacedBy(const CivilDate& as_of) const {
  std::optional<CivilDate> placed = PlacementDate();
  return placed && *placed <= as_of;
}

const Fulfilment* Model::FulfilmentOf(std::string_view obligation) const {
  for (const Fulfilment& fulfilment : fulfilled) {
    if (fulfilment.obligation == obligation) return &fulfilment;
  }
  return nullptr;
}

std::vector<std::string> Project::CrawlerNames() const {
  std::vector<std::string> names;
  for (const Model& model : models) {
    if (!model.training_data) continue;
    for (const NamedSource& crawler : model.training_data->crawling.crawlers) {
      if (std::find(names.begin(), names.end(), crawler.name) == names.end()) {
        names.push_back(crawler.name);
      }
    }
  }
  return names;
}

}  // namespace gpaikit::project
