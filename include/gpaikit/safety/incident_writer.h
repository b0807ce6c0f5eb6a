// Serious incidents written to the ledger: open, update and resolve, each checked against the
// project, the Code's incident types and template items, and the incidents already recorded
// (Code of Practice, Safety and Security, Measures 9.1-9.4).
#ifndef GPAIKIT_SAFETY_INCIDENT_WRITER_H_
#define GPAIKIT_SAFETY_INCIDENT_WRITER_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "gpaikit/base/civil_date.h"
#include "gpaikit/base/status.h"
#include "gpaikit/project/context.h"
#include "gpaikit/safety/output.h"
#include "gpaikit/store/ledger.h"

namespace gpaikit::safety {

// What every write carries: who records it and template items (id -> text; ids are the Code's
// reporting template items, Measure 9.2 points).
struct IncidentWrite {
  std::string author;
  std::map<std::string, std::string> items;
};

struct IncidentOpening {
  std::string model;  // a model of the project
  std::string type;   // an incident type of Measure 9.3
  CivilDate aware;    // day of awareness of the model's involvement
  std::string title;
  int similar_to = 0;  // 0, or the incident whose reports this one joins (Measure 9.3)
};

struct IncidentUpdate {
  std::string report;  // "", initial, intermediate or final
  std::optional<CivilDate> submitted;
  std::string note;
};

// The entry written and the incident it belongs to.
struct RecordedIncident {
  int id = 0;
  store::Entry entry;
  std::filesystem::path ledger;
};

// The incident numbered `id`, or an error naming how many there are.
Result<const Incident*> FindIncident(const ProjectSafety& safety, int id);

Result<RecordedIncident> OpenIncident(const project::ProjectContext& context,
                                      const ProjectSafety& safety, const IncidentOpening& opening,
                                      const IncidentWrite& write);
Result<RecordedIncident> UpdateIncident(const project::ProjectContext& context,
                                        const ProjectSafety& safety, int id,
                                        const IncidentUpdate& update, const IncidentWrite& write);
Result<RecordedIncident> ResolveIncident(const project::ProjectContext& context,
                                         const ProjectSafety& safety, int id,
                                         const CivilDate& resolved, const IncidentWrite& write);

}  // namespace gpaikit::safety

#endif  // GPAIKIT_SAFETY_INCIDENT_WRITER_H_
