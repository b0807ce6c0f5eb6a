// The Form's section 8 from the energy module's records: measured training energy (rows 8.1,
// 8.2) and benchmarked inference compute (rows 8.3, 8.4); AI Act Annex XI 2(e), Code of Practice,
// Transparency, Measure 1.1.
#ifndef GPAIKIT_DOCS_ENERGY_ROWS_H_
#define GPAIKIT_DOCS_ENERGY_ROWS_H_

#include <optional>
#include <string>
#include <vector>

#include "gpaikit/energy/report.h"
#include "gpaikit/law/law.h"
#include "gpaikit/project/project.h"
#include "gpaikit/scope/scope.h"

namespace gpaikit::docs {

// The facility overhead for `model`: the PUE the provider states with row 8.1
// (`"8.1": {pue: 1.1, pue_source: "..."}`, docs/documentation.md "Row 8.1"), else the documented
// default of data/accelerators.yaml with its source.
energy::FacilityOverhead FacilityOverheadOf(const project::Model& model,
                                            const law::AcceleratorCatalogue& catalogue);

// The names of the model's executed (not planned) compute runs that count as training: the
// --run names whose energy records row 8.1 sums.
std::vector<std::string> TrainingRunNames(const scope::ModelAssessment& assessment);

}  // namespace gpaikit::docs

#endif  // GPAIKIT_DOCS_ENERGY_ROWS_H_
