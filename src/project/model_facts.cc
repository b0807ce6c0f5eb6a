// Legal facts read off the project's own data: placement on the Union market (AI Act Art.
// 3(9)-(10)), recorded fulfilments, and which Code of Practice chapters the provider signed.
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

}  // namespace gpaikit::project
